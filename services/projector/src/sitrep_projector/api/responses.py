"""JSON responses built from read-model rows, serialized once.

List routes build plain dicts from the read model's own rows (the shape of the route's
`response_model`, which still documents it in the OpenAPI schema) and write them with
orjson: no model is built or validated per row, and FastAPI's second validation and
serialization of the returned object is skipped by returning a `Response`.
"""

from __future__ import annotations

from typing import Any

import orjson
from starlette.responses import Response

__all__ = ["json_response"]

# UTC datetimes end in `Z`, as pydantic writes them on the routes that return models.
_OPTIONS = orjson.OPT_UTC_Z


def json_response(data: Any) -> Response:
    return Response(orjson.dumps(data, option=_OPTIONS), media_type="application/json")
