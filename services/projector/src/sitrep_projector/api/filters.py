"""Filters the listings share: the query parameters of incidents, allegations and statistics,
and the SQL conditions of the filters a request gives (None: not filtered)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import Query
from sqlalchemy import ColumnElement, Select, Table, func, or_

from ..db.actor_lists import lists_actor
from ..db.bulk import table_of
from ..db.derived import IncidentRow
from ..reference import default_reference

__all__ = [
    "Admin1Query",
    "CountryQuery",
    "DisputedQuery",
    "FromQuery",
    "MinSourcesQuery",
    "PerpetratorQuery",
    "PlaceQuery",
    "ToQuery",
    "TypeQuery",
    "dated_within",
    "equal_to",
    "filter_incidents",
    "is_place",
]

TypeQuery = Annotated[
    str | None, Query(description="An allegation type (`execution`) or a family (`killing`).")
]
PerpetratorQuery = Annotated[
    str | None, Query(description="A side (`iraqi_government`) or an actor id.")
]
PlaceQuery = Annotated[
    str | None,
    Query(
        description="A place id (`geonames:99454`) or a name in any of the gazetteer's "
        "spellings, any case (`Fallujah`, `Al Fallujah`, `Falluja`).",
        examples=["Fallujah"],
    ),
]
Admin1Query = Annotated[str | None, Query(description="Province / governorate.")]
CountryQuery = Annotated[str | None, Query(description="ISO 3166-1 alpha-2.")]
FromQuery = Annotated[date | None, Query(description="Incidents ending on or after this day.")]
ToQuery = Annotated[date | None, Query(description="Incidents starting on or before this day.")]
MinSourcesQuery = Annotated[int | None, Query(ge=1, description="At least this many sources.")]
DisputedQuery = Annotated[bool | None, Query(description="Only disputed (or undisputed) ones.")]


def equal_to(table: Table, **values: object) -> list[ColumnElement[bool]]:
    """`column == value` for each column named whose value was given."""
    return [table.c[name] == value for name, value in values.items() if value is not None]


def is_place(
    place_id: ColumnElement[Any], place: str, name: ColumnElement[Any] | None = None
) -> ColumnElement[bool]:
    """The rows of a place given by id or by any spelling of its name."""
    conditions = [place_id == place, place_id.in_(sorted(default_reference().places_named(place)))]
    if name is not None:  # a place the gazetteer lacks is known by the name the claims gave
        conditions.append(func.lower(name) == place.lower())
    return or_(*conditions)


def dated_within(
    start: ColumnElement[Any],
    end: ColumnElement[Any],
    date_from: date | None,
    date_to: date | None,
) -> list[ColumnElement[bool]]:
    """Rows whose days, `start` to `end`, reach into `date_from`..`date_to` (either open)."""
    conditions: list[ColumnElement[bool]] = []
    if date_from is not None:
        conditions.append(end >= date_from)
    if date_to is not None:
        conditions.append(start <= date_to)
    return conditions


def filter_incidents(
    query: Select[Any],
    *,
    type_: str | None = None,
    perpetrator: str | None = None,
    place: str | None = None,
    admin1: str | None = None,
    country: str | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    min_sources: int | None = None,
    disputed: bool | None = None,
) -> Select[Any]:
    """`query` over the incidents table narrowed by the filters of `/v1/incidents` given."""
    t = table_of(IncidentRow)
    query = query.where(
        *equal_to(t, admin1=admin1, country=country),
        *dated_within(t.c.date_start, t.c.date_end, date_from, date_to),
    )
    if place is not None:
        query = query.where(is_place(t.c.place_id, place, t.c.place_name))
    if type_ is not None:
        query = query.where(or_(t.c.family == type_, t.c.allegation_types.contains(type_)))
    if perpetrator is not None:
        query = query.where(
            or_(t.c.perpetrator == perpetrator, lists_actor(t.c.perpetrator_actors, perpetrator))
        )
    if min_sources is not None:
        query = query.where(t.c.source_count >= min_sources)
    if disputed is not None:
        query = query.where(t.c.disputed.is_(disputed))
    return query
