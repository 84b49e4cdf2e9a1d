"""GET /v1/dead-letters: events the projector could not apply, and why."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import Response

from ..deps import SessionDep
from ..models import DeadLetter, Page
from ..params import CursorQuery, LimitQuery
from ..queries.dead_letters import dead_letter_page
from ..responses import json_response

__all__ = ["router"]

router = APIRouter(prefix="/v1/dead-letters", tags=["operations"])


@router.get(
    "",
    response_model=Page[DeadLetter],
    summary="Events parked on the dead-letter topic, newest first",
)
def list_dead_letters(
    session: SessionDep, limit: LimitQuery = 50, cursor: CursorQuery = None
) -> Response:
    return json_response(dead_letter_page(session, limit, cursor))
