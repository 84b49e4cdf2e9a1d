"""The change feed: every incident and control interval created, changed or retracted."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import Response

from ..deps import SessionDep
from ..errors import ErrorBody
from ..models import ChangeFeed
from ..params import LimitQuery
from ..queries.changes import change_page
from ..responses import json_response

__all__ = ["router"]

router = APIRouter(tags=["changes"])


@router.get(
    "/v1/changes",
    response_model=ChangeFeed,
    summary="What the read models changed since a cursor, to stay current without refetching",
    description="Every incident and control interval created, changed or retracted, in the "
    "order the projector committed them (exact: each refresh records the rows it rewrites "
    "in the same transaction). Start without `after`, then pass `next_cursor` each time; "
    "fetch the rows named (`/v1/incidents/{id}`, `/v1/places/{place_id}/state`) or drop the "
    "retracted ones. After a rebuild of the read models an old cursor answers 410: start "
    "again without one.",
    responses={
        410: {"model": ErrorBody, "description": "The cursor belongs to rebuilt read models."}
    },
)
def list_changes(
    session: SessionDep,
    after: Annotated[
        str | None,
        Query(
            description="`next_cursor` of the previous answer; omit to read from the start.",
            max_length=200,
            pattern=r"^[A-Za-z0-9_-]+$",
        ),
    ] = None,
    limit: LimitQuery = 500,
) -> Response:
    return json_response(change_page(session, after, limit))
