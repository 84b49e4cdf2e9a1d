"""Casualty sums over incidents, grouped."""

from __future__ import annotations

from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import func, select
from sqlmodel import Session

from ...db.bulk import table_of
from ...db.derived import IncidentRow
from ...projections import Reference
from .incidents import IncidentFilter

__all__ = ["UNKNOWN_GROUP", "GroupBy", "casualty_groups"]

UNKNOWN_GROUP = "unknown"


class GroupBy(StrEnum):
    PERPETRATOR_SIDE = "perpetrator_side"
    PERPETRATOR = "perpetrator"  # the same, by its former name
    PLACE = "place"
    ADMIN1 = "admin1"
    WEEK = "week"


def _total(column: Any) -> Any:
    return func.coalesce(func.sum(column), 0)


def casualty_groups(
    session: Session, reference: Reference, group_by: GroupBy, wanted: IncidentFilter
) -> list[dict[str, Any]]:
    t = table_of(IncidentRow)
    key: Any = {
        GroupBy.PERPETRATOR_SIDE: t.c.perpetrator,
        GroupBy.PERPETRATOR: t.c.perpetrator,
        GroupBy.PLACE: t.c.place_id,
        GroupBy.ADMIN1: t.c.admin1,
        GroupBy.WEEK: t.c.date_start,
    }[group_by]
    query = select(
        key.label("group"),
        func.count().label("incidents"),
        _total(t.c.killed_best).label("killed"),
        _total(t.c.injured_best).label("injured"),
        _total(t.c.abducted_best).label("abducted"),
        _total(t.c.arrested_best).label("arrested"),
        _total(t.c.killed_low).label("killed_low"),
        _total(t.c.killed_high).label("killed_high"),
    ).group_by(key)
    rows = [dict(r) for r in session.execute(wanted.apply(query, reference)).mappings()]
    if group_by is GroupBy.WEEK:
        rows = _by_week(rows)
    groups = [
        {**r, "group": UNKNOWN_GROUP if r["group"] is None else str(r["group"])} for r in rows
    ]
    return sorted(groups, key=lambda g: (-g["killed"], g["group"]))


def _by_week(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    # Days are folded into ISO weeks (Monday) here: date_trunc has no SQLite equivalent.
    weeks: dict[date, dict[str, Any]] = {}
    for row in rows:
        day: date = row["group"]
        monday = day - timedelta(days=day.weekday())
        into = weeks.setdefault(monday, {k: 0 for k in row} | {"group": monday})
        for k, v in row.items():
            if k != "group":
                into[k] += v
    return list(weeks.values())
