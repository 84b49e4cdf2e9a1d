"""Territorial control: who holds which place, since when, as of a date, as known at a time."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Query, status
from fastapi.responses import Response

from ...projections import PlaceState
from ..deps import ReferenceDep, SessionDep
from ..errors import not_found
from ..exports.geojson import feature_collection
from ..models import ControlEntry, FeatureCollection, Page, PlaceControl, PlaceStateView
from ..params import (
    TEXT_PATTERN,
    AsOfQuery,
    CursorQuery,
    IsoDate,
    KnownAtQuery,
    LimitQuery,
    PlaceQuery,
)
from ..queries.control import (
    ControlFilter,
    control_changes_page,
    control_page,
    current_places_page,
    place_history,
    place_state,
)
from ..responses import json_response

__all__ = ["router"]

router = APIRouter(tags=["control"])

CountryQuery = Annotated[
    str | None,
    Query(description="ISO 3166-1 alpha-2.", max_length=200, pattern=TEXT_PATTERN, examples=["SY"]),
]
Admin1Query = Annotated[
    str | None,
    Query(
        description="Province / governorate.",
        max_length=200,
        pattern=TEXT_PATTERN,
        examples=["Raqqa"],
    ),
]
ControllerQuery = Annotated[
    str | None,
    Query(
        description="A side (`controller_side`: `isis`, `syrian_government`) or an actor id "
        "(`controller_actor_ids`: `saa`) holding the place.",
        max_length=200,
        pattern=TEXT_PATTERN,
        examples=["isis"],
    ),
]
StateQuery = Annotated[PlaceState | None, Query(description="The situation of the place.")]
PlaceIdPath = Annotated[
    str,
    Path(
        description="A place id.", max_length=200, pattern=TEXT_PATTERN, examples=["geonames:99454"]
    ),
]


def _part_id(entry: dict[str, object]) -> str:
    return f"{entry['place_id']}#{entry['part'] or 'whole'}"


@router.get(
    "/v1/control",
    response_model=Page[ControlEntry],
    summary="Who holds each place, now or as of a date, as known at a time",
    description="One row per place and per part of a place (`part`: north, south, east, west, "
    "north-east, ..., centre, outskirts, edge, countryside) with its controller, state and the "
    "claims behind it. `as_of` picks the interval covering that day; `known_at` recomputes "
    "the timelines from the claims recorded by then (bitemporal). Ordered by place id, then "
    "part. `/v1/control/current` gives one row per place with its parts nested.",
)
def list_control(
    session: SessionDep,
    reference: ReferenceDep,
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
    return json_response(control_page(session, reference, wanted, as_of, known_at, limit, cursor))


@router.get(
    "/v1/control/current",
    response_model=Page[PlaceControl],
    summary="The state of each place now: one row per place, its parts nested",
    description="A place passes the filters when its whole or any part does; every current "
    "part of it is then listed. Ordered by place id.",
)
def current_control(
    session: SessionDep,
    reference: ReferenceDep,
    country: CountryQuery = None,
    admin1: Admin1Query = None,
    place: PlaceQuery = None,
    controller: ControllerQuery = None,
    state: StateQuery = None,
    limit: LimitQuery = 100,
    cursor: CursorQuery = None,
) -> Response:
    wanted = ControlFilter(country, admin1, place, controller, state)
    return json_response(current_places_page(session, reference, wanted, limit, cursor))


@router.get(
    "/v1/control.geojson",
    response_model=FeatureCollection,
    summary="Control as GeoJSON points, ready for a map",
    description="The same rows and filters as `/v1/control`, not paginated: one feature per "
    "place and part (id `<place_id>#<part or whole>`). A place without coordinates is put at "
    "its district's or province's centroid (`position`, `geo_precision` 3); one without "
    "even that is counted in `properties.dropped`.",
)
def control_geojson(
    session: SessionDep,
    reference: ReferenceDep,
    country: CountryQuery = None,
    admin1: Admin1Query = None,
    controller: ControllerQuery = None,
    state: StateQuery = None,
    as_of: AsOfQuery = None,
    known_at: KnownAtQuery = None,
) -> Response:
    wanted = ControlFilter(country, admin1, None, controller, state)
    entries: list[dict[str, object]] = []
    cursor: str | None = None
    while True:
        page = control_page(session, reference, wanted, as_of, known_at, 500, cursor)
        entries.extend(page["items"])
        cursor = page["next_cursor"]
        if cursor is None:
            return json_response(feature_collection(entries, reference, _part_id))


@router.get(
    "/v1/places/{place_id}/control",
    response_model=list[ControlEntry],
    summary="The whole control history of one place and its parts",
    description="Every interval, oldest first; parts of the place follow the whole place.",
    responses=not_found("No control claim names this place."),
)
def get_place_history(
    place_id: PlaceIdPath, session: SessionDep, reference: ReferenceDep
) -> Response:
    entries = place_history(session, reference, place_id)
    if not entries:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no control claims about {place_id}")
    return json_response(entries)


@router.get(
    "/v1/places/{place_id}/state",
    response_model=PlaceStateView,
    summary="What is the state of this place: all of it and each part, on a day, as known",
    description="The interval of the whole place and of each part covering `as_of` (default: "
    "the latest), from the claims recorded by `known_at` (default: all of them).",
    responses=not_found("No control claim names this place."),
)
def get_place_state(
    place_id: PlaceIdPath,
    session: SessionDep,
    reference: ReferenceDep,
    as_of: AsOfQuery = None,
    known_at: KnownAtQuery = None,
) -> Response:
    found = place_state(session, reference, place_id, as_of, known_at)
    if found is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no control claims about {place_id}")
    return json_response(found)


@router.get(
    "/v1/control/changes",
    response_model=Page[ControlEntry],
    summary="What changed in a window: intervals that began between `since` and `until`",
    description="A change is a new controller or a new state. Ordered by the day it began, "
    "then place and part. (For what the read model changed since you last looked, see "
    "`/v1/changes`.)",
)
def control_changes(
    session: SessionDep,
    reference: ReferenceDep,
    since: Annotated[
        IsoDate, Query(description="First day of the window.", examples=["2016-06-01"])
    ],
    until: Annotated[IsoDate | None, Query(description="Day after the window (exclusive).")] = None,
    country: CountryQuery = None,
    admin1: Admin1Query = None,
    controller: ControllerQuery = None,
    state: StateQuery = None,
    limit: LimitQuery = 100,
    cursor: CursorQuery = None,
) -> Response:
    wanted = ControlFilter(country, admin1, None, controller, state)
    return json_response(
        control_changes_page(session, reference, wanted, since, until, limit, cursor)
    )
