"""GET /v1/dead-letters: events the projector could not apply, and why."""

from __future__ import annotations

from fastapi import APIRouter
from sqlalchemy import select

from ...db.bulk import table_of
from ...db.dead_letters import DeadLetterRow
from ..deps import SessionDep
from ..models import DeadLetter, Page
from ..params import CursorQuery, LimitQuery
from ..queries.keyset import decode_cursor, encode_cursor

__all__ = ["router"]

router = APIRouter(prefix="/v1/dead-letters", tags=["operations"])


@router.get(
    "",
    response_model=Page[DeadLetter],
    summary="Events parked on the dead-letter topic, newest first",
)
def list_dead_letters(
    session: SessionDep, limit: LimitQuery = 50, cursor: CursorQuery = None
) -> Page[DeadLetter]:
    t = table_of(DeadLetterRow)
    query = select(DeadLetterRow).order_by(t.c.id.desc()).limit(limit + 1)
    if cursor is not None:
        (last_id,) = decode_cursor(cursor, 1)
        query = query.where(t.c.id < int(last_id))
    rows = list(session.execute(query).scalars())
    more = len(rows) > limit
    rows = rows[:limit]
    return Page[DeadLetter](
        items=[DeadLetter.model_validate(r, from_attributes=True) for r in rows],
        next_cursor=encode_cursor([rows[-1].id]) if more else None,
    )
