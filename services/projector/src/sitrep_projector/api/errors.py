"""One error shape for every 4xx and 5xx, ingest's: `{"detail": ...}`.

`detail` is a sentence, or for a request that fails validation (422) the list of what is
wrong with it, each with `loc` and `msg` (FastAPI's own). Infrastructure errors are turned
into it at the boundary: the database away is a 503 with `Retry-After`; a value the
database refuses is a 400; anything unexpected is a 500 in the same shape, never a stack.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from sqlalchemy.exc import DataError, OperationalError

from ..db import DatabaseUnavailable

__all__ = ["ERROR_RESPONSES", "ErrorBody", "install_error_handlers", "not_found"]

log = logging.getLogger(__name__)


class FieldError(BaseModel):
    loc: list[str | int] = Field(description='Where: `["query", "date_to"]`.')
    msg: str
    type: str


class ErrorBody(BaseModel):
    detail: str | list[FieldError] = Field(
        description="What went wrong; for a 422, each invalid parameter.",
        examples=["invalid cursor"],
    )


def _response(description: str) -> dict[str, Any]:
    return {"model": ErrorBody, "description": description}


# Listed on every route (app-wide), so that the OpenAPI document names every status.
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: _response("A parameter is well-formed but unusable (a cursor this API did not give)."),
    422: _response("A parameter is missing, malformed or out of range."),
    500: _response("A fault of the service; the body says no more."),
    503: _response("The read-model database is unavailable; retry after `Retry-After`."),
}


def not_found(description: str) -> dict[int | str, dict[str, Any]]:
    return {404: _response(description)}


def install_error_handlers(app: FastAPI, retry_after_s: int) -> None:
    def database_unavailable(request: Request, exc: Exception) -> JSONResponse:
        log.warning("%s %s: 503, %s", request.method, request.url.path, str(exc).splitlines()[0])
        return JSONResponse(
            status_code=503,
            content={"detail": "the read-model database is unavailable; retry later"},
            headers={"Retry-After": str(retry_after_s)},
        )

    def refused_value(request: Request, exc: Exception) -> JSONResponse:
        log.info("%s %s: 400, %s", request.method, request.url.path, str(exc).splitlines()[0])
        return JSONResponse(
            status_code=400, content={"detail": "a parameter's value cannot be used"}
        )

    def unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("%s %s: 500", request.method, request.url.path, exc_info=exc)
        return JSONResponse(status_code=500, content={"detail": "internal error"})

    app.add_exception_handler(DatabaseUnavailable, database_unavailable)
    app.add_exception_handler(OperationalError, database_unavailable)
    app.add_exception_handler(DataError, refused_value)
    app.add_exception_handler(Exception, unexpected)
