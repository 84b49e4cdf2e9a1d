"""Places and actors the claims name."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlmodel import Session

from ...db.bulk import table_of
from ...db.places import ActorRow, PlaceRow
from .common import equal_to
from .keyset import page_of, where_after

__all__ = ["actor_page", "place_page"]


def place_page(
    session: Session,
    country: str | None,
    admin1: str | None,
    name: str | None,
    limit: int,
    cursor: str | None,
) -> dict[str, Any]:
    t = table_of(PlaceRow)
    query = select(t).where(*equal_to(t, country=country, admin1=admin1))
    if name is not None:
        query = query.where(func.lower(t.c.name) == name.lower())
    query = where_after(query, [t.c.place_id], False, cursor, [str]).limit(limit + 1)
    items = [dict(r) for r in session.execute(query).mappings().all()]
    page, next_cursor = page_of(items, limit, lambda p: [p["place_id"]])
    return {"items": page, "next_cursor": next_cursor}


def actor_page(
    session: Session, side: str | None, limit: int, cursor: str | None
) -> dict[str, Any]:
    t = table_of(ActorRow)
    query = select(t)
    if side is not None:
        query = query.where(t.c.side == side)
    query = where_after(query, [t.c.actor_id], False, cursor, [str]).limit(limit + 1)
    items = [
        {
            "actor_id": r["actor_id"],
            "actor_name": r["name"],
            "side": r["side"],
            "actor_type": r["actor_type"],
            "country": r["country"],
        }
        for r in session.execute(query).mappings().all()
    ]
    page, next_cursor = page_of(items, limit, lambda a: [a["actor_id"]])
    return {"items": page, "next_cursor": next_cursor}
