"""Conditions several resources share."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Table, func, or_

from ...projections import Reference

__all__ = ["actor_names", "dated_within", "equal_to", "is_place"]


def equal_to(table: Table, **values: object) -> list[ColumnElement[bool]]:
    """`column == value` for each column named whose value was given."""
    return [table.c[name] == value for name, value in values.items() if value is not None]


def is_place(
    reference: Reference,
    place_id: ColumnElement[Any],
    place: str,
    name: ColumnElement[Any] | None = None,
) -> ColumnElement[bool]:
    """The rows of a place given by id or by any spelling of its name."""
    conditions = [place_id == place, place_id.in_(sorted(reference.places_named(place)))]
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


def actor_names(reference: Reference, actor_ids: Iterable[str]) -> list[str]:
    """The dictionary's name of each actor id (the id itself when it does not know it)."""
    actors = reference.actors
    return [known.name if (known := actors.get(a)) else a for a in actor_ids]
