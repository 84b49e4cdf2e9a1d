"""The dead letters' SQL."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlmodel import Session

from ...db.bulk import table_of
from ...db.dead_letters import DeadLetterRow
from .keyset import page_of, where_after

__all__ = ["dead_letter_count", "dead_letter_page"]


def dead_letter_page(session: Session, limit: int, cursor: str | None) -> dict[str, Any]:
    """A `Page[DeadLetter]` as a JSON object, newest first."""
    t = table_of(DeadLetterRow)
    query = where_after(select(t), [t.c.id], True, cursor, [int]).limit(limit + 1)
    items = [dict(r) for r in session.execute(query).mappings().all()]
    page, next_cursor = page_of(items, limit, lambda d: [d["id"]])
    return {"items": page, "next_cursor": next_cursor}


def dead_letter_count(session: Session) -> int:
    stored = session.execute(select(func.count()).select_from(table_of(DeadLetterRow))).scalar()
    return int(stored or 0)
