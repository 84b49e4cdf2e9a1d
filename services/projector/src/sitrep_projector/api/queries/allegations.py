"""The allegations' SQL: every claim with its article, incident and dispute flag."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import exists, func, or_, select
from sqlmodel import Session

from ...db.articles import ArticleRow
from ...db.bulk import table_of
from ...db.claims import AllegationRow, DisputeTargetRow
from ...db.derived import IncidentMemberRow
from ...projections import Reference
from .common import dated_within, equal_to, is_place
from .incidents import given_counts_json
from .keyset import page_of, where_after

__all__ = ["AllegationFilter", "AllegationSort", "allegation_page"]


class AllegationSort(StrEnum):
    RECORDED_DESC = "-recorded"
    DATE = "date"
    DATE_DESC = "-date"


@dataclass(frozen=True)
class AllegationFilter:
    type: str | None = None
    perpetrator: str | None = None
    place: str | None = None
    admin1: str | None = None
    country: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    disputed: bool | None = None
    article_id: uuid.UUID | None = None


_UNDATED = date(1, 1, 1)  # undated claims sort as the earliest day, so the keyset is total


def allegation_page(
    session: Session,
    reference: Reference,
    wanted: AllegationFilter,
    sort: AllegationSort,
    limit: int,
    cursor: str | None,
) -> dict[str, Any]:
    """A `Page[Allegation]` as a JSON object."""
    a, art = table_of(AllegationRow), table_of(ArticleRow)
    m, dt = table_of(IncidentMemberRow), table_of(DisputeTargetRow)
    is_disputed = exists().where(dt.c.allegation_event_id == a.c.event_id)
    query = (
        select(a, art.c.url, art.c.publisher, m.c.incident_key, is_disputed.label("is_disputed"))
        .outerjoin(art, art.c.article_id == a.c.article_id)
        .outerjoin(m, m.c.allegation_event_id == a.c.event_id)
        .where(
            a.c.superseded.is_(False),
            *equal_to(
                a, admin1=wanted.admin1, country=wanted.country, article_id=wanted.article_id
            ),
            # A claim has one day to be filtered by: the day it starts.
            *dated_within(a.c.date_start, a.c.date_start, wanted.date_from, wanted.date_to),
        )
    )
    if wanted.place is not None:
        query = query.where(is_place(reference, a.c.place_id, wanted.place, a.c.place_name))
    if wanted.type is not None:
        query = query.where(or_(a.c.allegation_type == wanted.type, a.c.family == wanted.type))
    if wanted.perpetrator is not None:
        query = query.where(
            or_(
                a.c.perpetrator_id == wanted.perpetrator, a.c.perpetrator_side == wanted.perpetrator
            )
        )
    if wanted.disputed is not None:
        query = query.where(is_disputed if wanted.disputed else ~is_disputed)
    column: Any
    parse: Any
    if sort is AllegationSort.RECORDED_DESC:
        column, parse, descending = a.c.recorded_at, datetime.fromisoformat, True
    else:
        column = func.coalesce(a.c.date_start, _UNDATED)
        parse, descending = date.fromisoformat, sort is AllegationSort.DATE_DESC
    query = where_after(query, [column, a.c.event_id], descending, cursor, [parse, uuid.UUID])
    rows = session.execute(query.limit(limit + 1)).mappings().all()
    items = [
        {
            "claim_id": r["event_id"],
            "incident_id": r["incident_key"],
            "allegation_type": r["allegation_type"],
            "acled_sub_event_type": r["acled_sub_event_type"],
            "modality": r["modality"],
            "perpetrator_actor_id": r["perpetrator_id"],
            "perpetrator_actor_name": r["perpetrator_name"],
            "perpetrator_side": r["perpetrator_side"],
            "victims": r["victims"],
            "counts": given_counts_json(r),
            "place_id": r["place_id"],
            "place_name": r["place_name"],
            "place_role": r["place_role"],
            "admin1": r["admin1"],
            "country": r["country"],
            "date_start": r["date_start"],
            "date_end": r["date_end"],
            "time_precision": r["time_precision"],
            "disputed": bool(r["is_disputed"]),
            "attribution_source": r["attribution_source"],
            "sentence": r["sentence"],
            "article_id": r["article_id"],
            "article_url": r["url"],
            "publisher": r["publisher"],
            "recorded_at": r["recorded_at"],
        }
        for r in rows
    ]

    def cursor_of(item: dict[str, Any]) -> list[Any]:
        if sort is AllegationSort.RECORDED_DESC:
            return [item["recorded_at"].isoformat(), str(item["claim_id"])]
        return [(item["date_start"] or _UNDATED).isoformat(), str(item["claim_id"])]

    page, next_cursor = page_of(items, limit, cursor_of)
    return {"items": page, "next_cursor": next_cursor}
