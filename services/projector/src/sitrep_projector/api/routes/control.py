"""Territorial control: who holds which place, since when, as of a date, as known at a time."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, status
from fastapi.responses import Response
from pydantic import BaseModel, Field
from sqlalchemy import Select, or_, select
from sqlmodel import Session

from ...db.actor_lists import actor_ids, lists_actor
from ...db.bulk import table_of
from ...db.derived import ControlIntervalRow
from ...db.places import PlaceRow
from ...db.timelines import control_claims_of, interval_row, places_by_id
from ...projections import PlaceState, control_as_of
from ..deps import SessionDep
from ..filters import PlaceQuery, equal_to, is_place
from ..geojson import Feature, FeatureCollection, point_feature
from ..keyset import page_of, where_after
from ..pagination import CursorQuery, LimitQuery, Page, decode_cursor
from ..responses import json_response

__all__ = ["ControlEntry", "router"]

router = APIRouter(tags=["control"])


class ControlEntry(BaseModel):
    """One interval of a place's control timeline."""

    place_id: str
    place_name: str | None
    part: str | None = Field(description="The part of the place (`northern`), null for all of it.")
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    valid_from: date = Field(description="First day of the interval (from the claims' dates).")
    valid_to: date | None = Field(description="Day the interval ended (exclusive); null: open.")
    controller: str | None = Field(description="The side (or actor) holding the place, if known.")
    controller_actor_ids: list[str]
    state: PlaceState
    challengers: list[str] = Field(description="Sides pressing the place (advancing, encircling).")
    challenger_actor_ids: list[str]
    supporting_claim_ids: list[str]
    contradicting_claim_ids: list[str]
    publishers: list[str]
    publisher_count: int
    latest_claim_id: uuid.UUID

    model_config = {
        "json_schema_extra": {
            "examples": [
                {
                    "place_id": "geonames:163915",
                    "place_name": "Raqqa",
                    "part": None,
                    "country": "SY",
                    "admin1": "Raqqa",
                    "lat": 35.95,
                    "lon": 39.01,
                    "valid_from": "2016-06-04",
                    "valid_to": None,
                    "controller": "isis",
                    "controller_actor_ids": ["isis"],
                    "state": "advancing_on",
                    "challengers": ["syrian_government"],
                    "challenger_actor_ids": ["syrian_arab_army"],
                    "supporting_claim_ids": ["0b6f6a3e-3f39-5b8e-9a55-3d1f1f3f0c11"],
                    "contradicting_claim_ids": [],
                    "publishers": ["Zero Hedge"],
                    "publisher_count": 1,
                    "latest_claim_id": "0b6f6a3e-3f39-5b8e-9a55-3d1f1f3f0c11",
                }
            ]
        }
    }


def entry_of(row: Mapping[Any, Any]) -> ControlEntry:
    return ControlEntry.model_validate(entry_json(row))


def entry_json(row: Mapping[Any, Any]) -> dict[str, Any]:
    """An interval row as `ControlEntry`'s JSON object."""
    return dict(
        place_id=row["place_id"],
        place_name=row["place_name"],
        part=row["part_key"] or None,
        country=row["country"],
        admin1=row["admin1"],
        lat=row["lat"],
        lon=row["lon"],
        valid_from=row["valid_from"],
        valid_to=row["valid_to"],
        controller=row["controller"],
        controller_actor_ids=actor_ids(row["controller_actors"]),
        state=row["state"],
        challengers=actor_ids(row["challengers"]),
        challenger_actor_ids=actor_ids(row["challenger_actors"]),
        supporting_claim_ids=list(row["supporting_claim_ids"]),
        contradicting_claim_ids=list(row["contradicting_claim_ids"]),
        publishers=list(row["publishers"]),
        publisher_count=row["publisher_count"],
        latest_claim_id=row["latest_claim_id"],
    )


CountryQuery = Annotated[str | None, Query(description="ISO 3166-1 alpha-2, e.g. `SY`.")]
Admin1Query = Annotated[str | None, Query(description="Province / governorate, e.g. `Raqqa`.")]
ControllerQuery = Annotated[
    str | None,
    Query(description="A side (`isis`, `syrian_government`) or an actor id holding the place."),
]
StateQuery = Annotated[PlaceState | None, Query(description="The situation of the place.")]
AsOfQuery = Annotated[
    date | None, Query(description="The situation on this day (default: the latest known).")
]
KnownAtQuery = Annotated[
    datetime | None,
    Query(description="Only what the log had recorded by this time (ISO 8601 with zone)."),
]


@dataclass(frozen=True)
class ControlFilter:
    """What `/v1/control` and its exports narrow the places to (None: not filtered)."""

    country: str | None = None
    admin1: str | None = None
    place: str | None = None
    controller: str | None = None
    state: PlaceState | None = None

    def intervals(self, query: Select[Any]) -> Select[Any]:
        """`query` over the stored intervals, narrowed."""
        t = table_of(ControlIntervalRow)
        query = query.where(*equal_to(t, country=self.country, admin1=self.admin1))
        if self.place is not None:
            query = query.where(is_place(t.c.place_id, self.place, t.c.place_name))
        if self.controller is not None:
            query = query.where(
                or_(
                    t.c.controller == self.controller,
                    lists_actor(t.c.controller_actors, self.controller),
                )
            )
        if self.state is not None:
            query = query.where(t.c.state == self.state.value)
        return query

    def places(self) -> Select[Any]:
        """The ids of the places whose timelines may pass (by country, province and place)."""
        p = table_of(PlaceRow)
        query = select(p.c.place_id).where(*equal_to(p, country=self.country, admin1=self.admin1))
        if self.place is not None:
            query = query.where(is_place(p.c.place_id, self.place, p.c.name))
        return query

    def keeps(self, entry: ControlEntry) -> bool:
        """Whether an interval computed in memory passes the controller and state filters."""
        if self.controller is not None and not (
            entry.controller == self.controller or self.controller in entry.controller_actor_ids
        ):
            return False
        return self.state is None or entry.state is self.state


@router.get(
    "/v1/control",
    response_model=Page[ControlEntry],
    summary="Who holds each place, now or as of a date, as known at a time",
    description="One row per place (and per named part of a place) with its controller, "
    "state and the claims behind it. `as_of` picks the interval covering that day; "
    "`known_at` recomputes the timelines from the claims recorded by then (bitemporal). "
    "Ordered by place id, then part.",
)
def list_control(
    session: SessionDep,
    country: CountryQuery = None,
    admin1: Admin1Query = None,
    place: PlaceQuery = None,
    controller: ControllerQuery = None,
    state: StateQuery = None,
    as_of: AsOfQuery = None,
    known_at: KnownAtQuery = None,
    limit: LimitQuery = 100,
    cursor: CursorQuery = None,
) -> Response:
    wanted = ControlFilter(country, admin1, place, controller, state)
    if known_at is not None:
        page = _control_known_at(session, wanted, as_of, known_at, limit, cursor)
        return json_response(page.model_dump(mode="json"))
    # Stored intervals go out as built, without a model per row.
    return json_response(_interval_page(session, wanted, as_of, limit, cursor))


def control_page(
    session: Session,
    wanted: ControlFilter,
    as_of: date | None,
    known_at: datetime | None,
    limit: int,
    cursor: str | None,
) -> Page[ControlEntry]:
    if known_at is not None:
        return _control_known_at(session, wanted, as_of, known_at, limit, cursor)
    page = _interval_page(session, wanted, as_of, limit, cursor)
    return Page[ControlEntry].model_validate(page)


def _interval_page(
    session: Session, wanted: ControlFilter, as_of: date | None, limit: int, cursor: str | None
) -> dict[str, Any]:
    """A `Page[ControlEntry]` of stored intervals as a JSON object."""
    t = table_of(ControlIntervalRow)
    query = wanted.intervals(select(t))
    if as_of is None:
        query = query.where(t.c.is_current.is_(True))
    else:
        query = query.where(
            t.c.valid_from <= as_of, or_(t.c.valid_to.is_(None), t.c.valid_to > as_of)
        )
    query = where_after(query, [t.c.place_id, t.c.part_key], False, cursor, [str, str])
    query = query.limit(limit + 1)
    entries = [entry_json(r) for r in session.execute(query).mappings().all()]
    items, next_cursor = page_of(entries, limit, lambda e: [e["place_id"], e["part"] or ""])
    return {"items": items, "next_cursor": next_cursor}


def _control_known_at(
    session: Session,
    wanted: ControlFilter,
    as_of: date | None,
    known_at: datetime,
    limit: int,
    cursor: str | None,
) -> Page[ControlEntry]:
    if known_at.tzinfo is None:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_ENTITY, "known_at needs a time zone")
    place_ids = sorted(session.execute(wanted.places()).scalars())
    claims = control_claims_of(session, place_ids)
    day = as_of or known_at.date()
    answer = control_as_of(claims, day, known_at)
    info = places_by_id(session, place_ids)
    entries = [
        entry_of(interval_row(interval, info.get(key[0])))
        for key, interval in sorted(answer.items(), key=lambda kv: (kv[0][0], kv[0][1] or ""))
    ]
    entries = [e for e in entries if wanted.keeps(e)]
    if cursor is not None:
        last = tuple(decode_cursor(cursor, 2))
        entries = [e for e in entries if (e.place_id, e.part or "") > last]
    items, next_cursor = page_of(entries, limit, lambda e: [e.place_id, e.part or ""])
    return Page[ControlEntry](items=items, next_cursor=next_cursor)


@router.get(
    "/v1/control.geojson",
    response_model=FeatureCollection,
    summary="Control as GeoJSON points, ready for a map",
    description="The same rows and filters as `/v1/control`, as a FeatureCollection of points "
    "(places without coordinates are left out). Not paginated: filter instead.",
)
def control_geojson(
    session: SessionDep,
    country: CountryQuery = None,
    admin1: Admin1Query = None,
    controller: ControllerQuery = None,
    state: StateQuery = None,
    as_of: AsOfQuery = None,
    known_at: KnownAtQuery = None,
) -> FeatureCollection:
    wanted = ControlFilter(country, admin1, None, controller, state)
    features: list[Feature] = []
    cursor: str | None = None
    while True:
        page = control_page(session, wanted, as_of, known_at, 500, cursor)
        features.extend(
            point_feature(e.lon, e.lat, e.place_id, e.model_dump(mode="json"))
            for e in page.items
            if e.lat is not None and e.lon is not None
        )
        if page.next_cursor is None:
            return FeatureCollection(features=features)
        cursor = page.next_cursor


@router.get(
    "/v1/places/{place_id}/control",
    response_model=list[ControlEntry],
    summary="The whole control history of one place and its parts",
    description="Every interval, oldest first; parts of the place follow the whole place.",
    responses={404: {"description": "No control claim names this place."}},
)
def place_history(place_id: str, session: SessionDep) -> Response:
    t = table_of(ControlIntervalRow)
    rows = session.execute(
        select(t).where(t.c.place_id == place_id).order_by(t.c.part_key, t.c.valid_from)
    ).mappings()
    entries = [entry_json(r) for r in rows]
    if not entries:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no control claims about {place_id}")
    return json_response(entries)


@router.get(
    "/v1/control/changes",
    response_model=Page[ControlEntry],
    summary="What changed in a window: intervals that began between `since` and `until`",
    description="A change is a new controller or a new state. Ordered by the day it began, "
    "then place and part.",
)
def control_changes(
    session: SessionDep,
    since: Annotated[date, Query(description="First day of the window.")],
    until: Annotated[date | None, Query(description="Day after the window (exclusive).")] = None,
    country: CountryQuery = None,
    admin1: Admin1Query = None,
    controller: ControllerQuery = None,
    state: StateQuery = None,
    limit: LimitQuery = 100,
    cursor: CursorQuery = None,
) -> Response:
    t = table_of(ControlIntervalRow)
    query = (
        ControlFilter(country, admin1, None, controller, state)
        .intervals(select(t))
        .where(t.c.valid_from >= since)
    )
    if until is not None:
        query = query.where(t.c.valid_from < until)
    query = where_after(
        query,
        [t.c.valid_from, t.c.place_id, t.c.part_key],
        False,
        cursor,
        [date.fromisoformat, str, str],
    ).limit(limit + 1)
    entries = [entry_json(r) for r in session.execute(query).mappings().all()]
    items, next_cursor = page_of(
        entries, limit, lambda e: [e["valid_from"].isoformat(), e["place_id"], e["part"] or ""]
    )
    return json_response({"items": items, "next_cursor": next_cursor})
