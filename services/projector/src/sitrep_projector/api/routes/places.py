"""Places and actors the claims name, for dashboards' filter pickers."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel
from sqlalchemy import func, select

from ...db.bulk import table_of
from ...db.places import ActorRow, PlaceRow
from ..deps import SessionDep
from ..filters import equal_to
from ..keyset import page_of, where_after
from ..pagination import CursorQuery, LimitQuery, Page

__all__ = ["router"]

router = APIRouter(tags=["places and actors"])


class Place(BaseModel):
    place_id: str
    name: str
    feature_type: str | None
    country: str | None
    admin1: str | None
    admin2: str | None
    lat: float | None
    lon: float | None


class Actor(BaseModel):
    actor_id: str
    name: str
    side: str | None
    actor_type: str | None
    country: str | None


@router.get("/v1/places", response_model=Page[Place], summary="Places, by id")
def list_places(
    session: SessionDep,
    country: Annotated[str | None, Query(description="ISO 3166-1 alpha-2.")] = None,
    admin1: Annotated[str | None, Query(description="Province / governorate.")] = None,
    name: Annotated[str | None, Query(description="Exact name, case-insensitive.")] = None,
    limit: LimitQuery = 100,
    cursor: CursorQuery = None,
) -> Page[Place]:
    t = table_of(PlaceRow)
    query = select(t).where(*equal_to(t, country=country, admin1=admin1))
    if name is not None:
        query = query.where(func.lower(t.c.name) == name.lower())
    query = where_after(query, [t.c.place_id], False, cursor, [str]).limit(limit + 1)
    items = [Place(**r) for r in session.execute(query).mappings().all()]
    page, next_cursor = page_of(items, limit, lambda p: [p.place_id])
    return Page[Place](items=page, next_cursor=next_cursor)


@router.get("/v1/actors", response_model=Page[Actor], summary="Actors, by id")
def list_actors(
    session: SessionDep,
    side: Annotated[str | None, Query(description="e.g. `syrian_government`.")] = None,
    limit: LimitQuery = 100,
    cursor: CursorQuery = None,
) -> Page[Actor]:
    t = table_of(ActorRow)
    query = select(t)
    if side is not None:
        query = query.where(t.c.side == side)
    query = where_after(query, [t.c.actor_id], False, cursor, [str]).limit(limit + 1)
    items = [Actor(**r) for r in session.execute(query).mappings().all()]
    page, next_cursor = page_of(items, limit, lambda a: [a.actor_id])
    return Page[Actor](items=page, next_cursor=next_cursor)
