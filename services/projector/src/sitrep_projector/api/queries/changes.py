"""The change feed's SQL: the change log after a sequence number."""

from __future__ import annotations

from typing import Any

from fastapi import HTTPException, status
from sqlalchemy import select
from sqlmodel import Session

from ...db.bulk import table_of
from ...db.changes import ChangeRow
from ...db.versioning import changes_epoch
from .keyset import decode_cursor, encode_cursor

__all__ = ["change_page"]


def _after(cursor: str | None, epoch: int) -> int:
    if cursor is None:
        return 0
    cursor_epoch, seq = decode_cursor(cursor, 2)
    if not isinstance(seq, int) or not isinstance(cursor_epoch, int) or seq < 0:
        raise HTTPException(status.HTTP_400_BAD_REQUEST, "invalid cursor")
    if cursor_epoch != epoch:
        raise HTTPException(
            status.HTTP_410_GONE,
            "this cursor belongs to read models since rebuilt; start again without one",
        )
    return seq


def change_page(session: Session, cursor: str | None, limit: int) -> dict[str, Any]:
    """A `ChangeFeed` as a JSON object: the changes after the cursor, oldest first."""
    epoch = changes_epoch(session)
    after = _after(cursor, epoch)
    t = table_of(ChangeRow)
    rows = (
        session.execute(select(t).where(t.c.seq > after).order_by(t.c.seq).limit(limit + 1))
        .mappings()
        .all()
    )
    more = len(rows) > limit
    rows = rows[:limit]
    items = [
        {
            "seq": r["seq"],
            "resource": r["resource"],
            "change": r["change"],
            "incident_id": r["incident_key"],
            "place_id": r["place_id"],
            "part": r["part_key"] or None if r["place_id"] is not None else None,
            "valid_from": r["valid_from"],
            "recorded_at": r["recorded_at"],
        }
        for r in rows
    ]
    last_seq = rows[-1]["seq"] if rows else after
    return {"items": items, "next_cursor": encode_cursor([epoch, last_seq]), "more": more}
