"""Casualty statistics: incident estimates summed per perpetrator, place or week.

Summing is right across incidents (different events) and wrong within one (the same event
told twice), which is why the sums run over incidents, never over claims.
"""

from __future__ import annotations

from datetime import date, timedelta
from enum import StrEnum
from typing import Annotated, Any

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field
from sqlalchemy import func, select

from ...db.bulk import table_of
from ...db.derived import IncidentRow
from ..deps import SessionDep
from ..filters import (
    Admin1Query,
    CountryQuery,
    FromQuery,
    PerpetratorQuery,
    ToQuery,
    filter_incidents,
)

__all__ = ["router"]

router = APIRouter(prefix="/v1/stats", tags=["statistics"])


class GroupBy(StrEnum):
    PERPETRATOR = "perpetrator"
    PLACE = "place"
    ADMIN1 = "admin1"
    WEEK = "week"


class CasualtyGroup(BaseModel):
    group: str | None = Field(description="Perpetrator, place id, province, or ISO week start.")
    incidents: int
    killed: int
    injured: int
    abducted: int
    arrested: int
    killed_low: int
    killed_high: int


@router.get(
    "/casualties",
    response_model=list[CasualtyGroup],
    summary="Casualties by perpetrator, place, province or week",
    description="Sums of the incidents' best estimates (and of their low and high bounds for "
    "killed). Incidents are counted once whatever the number of sources. Ordered by killed, "
    "then group.",
)
def casualties(
    session: SessionDep,
    group_by: Annotated[GroupBy, Query(description="How to group.")] = GroupBy.PERPETRATOR,
    perpetrator: PerpetratorQuery = None,
    admin1: Admin1Query = None,
    country: CountryQuery = None,
    date_from: FromQuery = None,
    date_to: ToQuery = None,
    disputed: Annotated[bool | None, Query(description="Only disputed or undisputed.")] = None,
) -> list[CasualtyGroup]:
    t = table_of(IncidentRow)
    key: Any = {
        GroupBy.PERPETRATOR: t.c.perpetrator,
        GroupBy.PLACE: t.c.place_id,
        GroupBy.ADMIN1: t.c.admin1,
        GroupBy.WEEK: t.c.date_start,
    }[group_by]
    query = select(
        key.label("group"),
        func.count().label("incidents"),
        total(t.c.killed_best).label("killed"),
        total(t.c.injured_best).label("injured"),
        total(t.c.abducted_best).label("abducted"),
        total(t.c.arrested_best).label("arrested"),
        total(t.c.killed_low).label("killed_low"),
        total(t.c.killed_high).label("killed_high"),
    ).group_by(key)
    query = filter_incidents(
        query,
        perpetrator=perpetrator,
        admin1=admin1,
        country=country,
        date_from=date_from,
        date_to=date_to,
        disputed=disputed,
    )
    rows = [dict(r) for r in session.execute(query).mappings()]
    if group_by is GroupBy.WEEK:
        rows = _by_week(rows)
    groups = [CasualtyGroup(**{**r, "group": _label(r["group"])}) for r in rows]
    return sorted(groups, key=lambda g: (-g.killed, g.group or ""))


def total(column: Any) -> Any:
    return func.coalesce(func.sum(column), 0)


def _label(value: object) -> str | None:
    return None if value is None else str(value)


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
