"""The incidents' SQL: filters, sort orders, pages, one incident with its claims."""

from __future__ import annotations

import operator
import uuid
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import ColumnElement, Select, func, or_, select
from sqlmodel import Session

from ...db.actor_lists import actor_ids, lists_actor
from ...db.articles import ArticleRow
from ...db.bulk import table_of
from ...db.claims import AllegationRow, DisputeRow, DisputeTargetRow
from ...db.derived import IncidentMemberRow, IncidentRow
from ...projections import CASUALTY_KINDS, Reference
from .common import actor_names, dated_within, equal_to, is_place
from .keyset import page_of, where_after

__all__ = [
    "IncidentFilter",
    "IncidentSort",
    "all_incidents",
    "estimate_json",
    "given_counts_json",
    "incident_detail",
    "incident_page",
    "summary_json",
]


# Each casualty kind's column names, formatted once rather than for every row of a page.
_COUNT_COLUMNS = {kind: (f"{kind}_low", f"{kind}_best", f"{kind}_high") for kind in CASUALTY_KINDS}


def estimate_json(row: Mapping[Any, Any], kind: str) -> dict[str, int | None]:
    """A row's `<kind>_low`, `<kind>_best` and `<kind>_high` columns as an `Estimate`."""
    low, best, high = _COUNT_COLUMNS[kind]
    return {"low": row[low], "best": row[best], "high": row[high]}


def given_counts_json(row: Mapping[Any, Any]) -> dict[str, dict[str, int | None]]:
    """The kinds a claim row gives a number for (a best estimate), each as an `Estimate`."""
    return {
        kind: estimate_json(row, kind)
        for kind, (_, best, _) in _COUNT_COLUMNS.items()
        if row[best] is not None
    }


# Columns an `IncidentSummary` takes as they are stored.
_AS_STORED = (
    "family",
    "acled_sub_event_type",
    "place_id",
    "place_name",
    "admin1",
    "country",
    "lat",
    "lon",
    "geo_precision",
    "date_start",
    "date_end",
    "time_precision",
    "first_reported",
    "last_reported",
    "first_recorded",
    "last_recorded",
    "publisher_count",
    "source_count",
    "disputed",
)
_stored = operator.itemgetter(*_AS_STORED)  # one C call per row for all of them


def summary_json(row: Mapping[Any, Any], reference: Reference) -> dict[str, Any]:
    """An incident row as `IncidentSummary`'s JSON object."""
    perpetrators = actor_ids(row["perpetrator_actors"])
    item: dict[str, Any] = dict(zip(_AS_STORED, _stored(row), strict=True))
    item.update(
        incident_id=row["incident_key"],
        allegation_types=row["allegation_types"].split(","),
        perpetrator_side=row["perpetrator"],
        perpetrator_actor_ids=perpetrators,
        perpetrator_actor_names=actor_names(reference, perpetrators),
        publishers=list(row["publishers"]),
        claim_count=row["member_count"],
    )
    for kind, (low, best, high) in _COUNT_COLUMNS.items():
        item[kind] = {"low": row[low], "best": row[best], "high": row[high]}
    return item


@dataclass(frozen=True)
class IncidentFilter:
    """What `/v1/incidents` and its exports narrow the incidents to (None: not filtered)."""

    type: str | None = None
    perpetrator: str | None = None
    place: str | None = None
    admin1: str | None = None
    country: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    min_sources: int | None = None
    disputed: bool | None = None

    def apply(self, query: Select[Any], reference: Reference) -> Select[Any]:
        t = table_of(IncidentRow)
        query = query.where(
            *equal_to(t, admin1=self.admin1, country=self.country),
            *dated_within(t.c.date_start, t.c.date_end, self.date_from, self.date_to),
        )
        if self.place is not None:
            query = query.where(is_place(reference, t.c.place_id, self.place, t.c.place_name))
        if self.type is not None:
            query = query.where(
                or_(t.c.family == self.type, t.c.allegation_types.contains(self.type))
            )
        if self.perpetrator is not None:
            query = query.where(
                or_(
                    t.c.perpetrator == self.perpetrator,
                    lists_actor(t.c.perpetrator_actors, self.perpetrator),
                )
            )
        if self.min_sources is not None:
            query = query.where(t.c.source_count >= self.min_sources)
        if self.disputed is not None:
            query = query.where(t.c.disputed.is_(self.disputed))
        return query


class IncidentSort(StrEnum):
    DATE = "date"
    DATE_DESC = "-date"
    RECORDED_DESC = "-recorded"
    REPORTED_DESC = "-reported"
    SOURCES_DESC = "-sources"
    KILLED_DESC = "-killed"
    ABDUCTED_DESC = "-abducted"


_EPOCH = datetime.fromisoformat("1970-01-01T00:00:00+00:00")


def _sort_columns(sort: IncidentSort) -> tuple[ColumnElement[Any], bool, Any]:
    t = table_of(IncidentRow)
    if sort is IncidentSort.DATE or sort is IncidentSort.DATE_DESC:
        return t.c.date_start, sort is IncidentSort.DATE_DESC, date.fromisoformat
    if sort is IncidentSort.RECORDED_DESC:
        return t.c.last_recorded, True, datetime.fromisoformat
    if sort is IncidentSort.REPORTED_DESC:
        # Incidents no article dates sort last.
        return func.coalesce(t.c.last_reported, _EPOCH), True, datetime.fromisoformat
    if sort is IncidentSort.SOURCES_DESC:
        return t.c.source_count, True, int
    column = t.c.killed_best if sort is IncidentSort.KILLED_DESC else t.c.abducted_best
    return func.coalesce(column, -1), True, int


def _sort_value(item: dict[str, Any], sort: IncidentSort) -> Any:
    if sort in (IncidentSort.DATE, IncidentSort.DATE_DESC):
        return item["date_start"].isoformat()
    if sort is IncidentSort.RECORDED_DESC:
        return item["last_recorded"].isoformat()
    if sort is IncidentSort.REPORTED_DESC:
        return (item["last_reported"] or _EPOCH).isoformat()
    if sort is IncidentSort.SOURCES_DESC:
        return item["source_count"]
    value = item["killed" if sort is IncidentSort.KILLED_DESC else "abducted"]["best"]
    return -1 if value is None else value


def incident_page(
    session: Session,
    reference: Reference,
    wanted: IncidentFilter,
    sort: IncidentSort,
    limit: int,
    cursor: str | None,
) -> dict[str, Any]:
    """A `Page[IncidentSummary]` as a JSON object."""
    t = table_of(IncidentRow)
    column, descending, parse = _sort_columns(sort)
    query = where_after(
        wanted.apply(select(t), reference),
        [column, t.c.incident_key],
        descending,
        cursor,
        [parse, uuid.UUID],
    )
    rows = session.execute(query.limit(limit + 1)).mappings().all()
    items = [summary_json(r, reference) for r in rows]
    page, next_cursor = page_of(
        items, limit, lambda i: [_sort_value(i, sort), str(i["incident_id"])]
    )
    return {"items": page, "next_cursor": next_cursor}


def all_incidents(
    session: Session, reference: Reference, wanted: IncidentFilter
) -> Iterator[dict[str, Any]]:
    """Every incident the filter passes, oldest first, as `IncidentSummary` JSON objects."""
    t = table_of(IncidentRow)
    query = wanted.apply(select(t), reference).order_by(t.c.date_start, t.c.incident_key)
    for row in session.execute(query).mappings():
        yield summary_json(row, reference)


def incident_detail(
    session: Session, reference: Reference, incident_id: uuid.UUID
) -> dict[str, Any] | None:
    """An `IncidentDetail` as a JSON object, None when there is no such incident."""
    t = table_of(IncidentRow)
    row = session.execute(select(t).where(t.c.incident_key == incident_id)).mappings().first()
    if row is None:
        return None
    m, a, art = table_of(IncidentMemberRow), table_of(AllegationRow), table_of(ArticleRow)
    claim_rows = session.execute(
        select(a, art.c.url, art.c.publisher, art.c.published_at)
        .join(m, m.c.allegation_event_id == a.c.event_id)
        .outerjoin(art, art.c.article_id == a.c.article_id)
        .where(m.c.incident_key == incident_id)
        .order_by(a.c.recorded_at, a.c.event_id)
    ).mappings()
    claims = [
        {
            "claim_id": c["event_id"],
            "allegation_type": c["allegation_type"],
            "modality": c["modality"],
            "perpetrator_actor_id": c["perpetrator_id"],
            "perpetrator_actor_name": c["perpetrator_name"],
            "perpetrator_side": c["perpetrator_side"],
            "victims": c["victims"],
            "place_mention": c["place_mention"],
            "place_role": c["place_role"],
            "counts": given_counts_json(c),
            "sentence": c["sentence"],
            "trigger": c["trigger"],
            "char_start": c["char_start"],
            "char_end": c["char_end"],
            "paragraph_index": c["paragraph_index"],
            "attribution_source": c["attribution_source"],
            "article_id": c["article_id"],
            "article_url": c["url"],
            "publisher": c["publisher"],
            "published_at": c["published_at"],
            "recorded_at": c["recorded_at"],
        }
        for c in claim_rows
    ]
    d, dt = table_of(DisputeRow), table_of(DisputeTargetRow)
    disputes: dict[uuid.UUID, dict[str, Any]] = {}
    for r in session.execute(
        select(d, dt.c.allegation_event_id)
        .join(dt, dt.c.dispute_event_id == d.c.event_id)
        .join(m, m.c.allegation_event_id == dt.c.allegation_event_id)
        .where(m.c.incident_key == incident_id)
        .order_by(d.c.event_id, dt.c.allegation_event_id)
    ).mappings():
        dispute = disputes.setdefault(
            r["event_id"],
            {
                "claim_id": r["event_id"],
                "disputed_by_actor_id": r["disputed_by_id"],
                "disputed_by_actor_name": r["disputed_by_name"],
                "manner": r["manner"],
                "sentence": r["sentence"],
                "article_id": r["article_id"],
                "disputes": [],
            },
        )
        dispute["disputes"].append(r["allegation_event_id"])
    return summary_json(row, reference) | {"claims": claims, "disputes": list(disputes.values())}
