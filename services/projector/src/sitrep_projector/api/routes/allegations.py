"""Allegations: every allegation claim as reported, with its provenance."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import Response
from pydantic import BaseModel
from sqlalchemy import exists, func, or_, select

from ...db.articles import ArticleRow
from ...db.bulk import table_of
from ...db.claims import AllegationRow, DisputeTargetRow
from ...db.derived import IncidentMemberRow
from ..deps import SessionDep
from ..estimates import Estimate, given_counts_json
from ..filters import (
    Admin1Query,
    CountryQuery,
    DisputedQuery,
    FromQuery,
    PerpetratorQuery,
    PlaceQuery,
    ToQuery,
    TypeQuery,
    dated_within,
    equal_to,
    is_place,
)
from ..keyset import page_of, where_after
from ..pagination import CursorQuery, LimitQuery, Page
from ..responses import json_response

__all__ = ["router"]

router = APIRouter(prefix="/v1/allegations", tags=["allegations"])


class Allegation(BaseModel):
    claim_id: uuid.UUID
    incident_id: uuid.UUID | None
    allegation_type: str
    acled_sub_event_type: str | None
    modality: str
    perpetrator_id: str | None
    perpetrator_name: str | None
    perpetrator_side: str | None
    victims: str | None
    counts: dict[str, Estimate]
    place_id: str | None
    place_name: str | None
    place_role: str
    admin1: str | None
    country: str | None
    date_start: date | None
    date_end: date | None
    time_precision: int
    disputed: bool
    attribution_source: str | None
    sentence: str
    article_id: uuid.UUID
    article_url: str | None
    publisher: str | None
    recorded_at: datetime


class AllegationSort(StrEnum):
    RECORDED_DESC = "-recorded"
    DATE = "date"
    DATE_DESC = "-date"


@router.get(
    "",
    response_model=Page[Allegation],
    summary="Every allegation claim, with filters",
    description="Superseded readings (an older extractor version of a re-read paragraph) are "
    "left out. `sort=-recorded` (default) lists the newest claims first.",
)
def list_allegations(
    session: SessionDep,
    type: TypeQuery = None,
    perpetrator: PerpetratorQuery = None,
    place: PlaceQuery = None,
    admin1: Admin1Query = None,
    country: CountryQuery = None,
    date_from: FromQuery = None,
    date_to: ToQuery = None,
    disputed: DisputedQuery = None,
    article_id: Annotated[uuid.UUID | None, Query(description="Claims of one article.")] = None,
    sort: AllegationSort = AllegationSort.RECORDED_DESC,
    limit: LimitQuery = 50,
    cursor: CursorQuery = None,
) -> Response:
    a, art = table_of(AllegationRow), table_of(ArticleRow)
    m, dt = table_of(IncidentMemberRow), table_of(DisputeTargetRow)
    is_disputed = exists().where(dt.c.allegation_event_id == a.c.event_id)
    query = (
        select(
            a,
            art.c.url,
            art.c.publisher,
            m.c.incident_key,
            is_disputed.label("is_disputed"),
        )
        .outerjoin(art, art.c.article_id == a.c.article_id)
        .outerjoin(m, m.c.allegation_event_id == a.c.event_id)
        .where(
            a.c.superseded.is_(False),
            *equal_to(a, admin1=admin1, country=country, article_id=article_id),
            # A claim has one day to be filtered by: the day it starts.
            *dated_within(a.c.date_start, a.c.date_start, date_from, date_to),
        )
    )
    if place is not None:
        query = query.where(is_place(a.c.place_id, place, a.c.place_name))
    if type is not None:
        query = query.where(or_(a.c.allegation_type == type, a.c.family == type))
    if perpetrator is not None:
        query = query.where(
            or_(a.c.perpetrator_id == perpetrator, a.c.perpetrator_side == perpetrator)
        )
    if disputed is not None:
        query = query.where(is_disputed if disputed else ~is_disputed)
    column: Any
    parse: Any
    if sort is AllegationSort.RECORDED_DESC:
        column, parse, descending = a.c.recorded_at, datetime.fromisoformat, True
    else:
        # Undated claims sort as the earliest day so the keyset stays total.
        column = func.coalesce(a.c.date_start, date(1, 1, 1))
        parse, descending = date.fromisoformat, sort is AllegationSort.DATE_DESC
    query = where_after(query, [column, a.c.event_id], descending, cursor, [parse, uuid.UUID])
    rows = session.execute(query.limit(limit + 1)).mappings().all()
    items = [
        dict(
            claim_id=r["event_id"],
            incident_id=r["incident_key"],
            allegation_type=r["allegation_type"],
            acled_sub_event_type=r["acled_sub_event_type"],
            modality=r["modality"],
            perpetrator_id=r["perpetrator_id"],
            perpetrator_name=r["perpetrator_name"],
            perpetrator_side=r["perpetrator_side"],
            victims=r["victims"],
            counts=given_counts_json(r),
            place_id=r["place_id"],
            place_name=r["place_name"],
            place_role=r["place_role"],
            admin1=r["admin1"],
            country=r["country"],
            date_start=r["date_start"],
            date_end=r["date_end"],
            time_precision=r["time_precision"],
            disputed=bool(r["is_disputed"]),
            attribution_source=r["attribution_source"],
            sentence=r["sentence"],
            article_id=r["article_id"],
            article_url=r["url"],
            publisher=r["publisher"],
            recorded_at=r["recorded_at"],
        )
        for r in rows
    ]

    def cursor_of(item: dict[str, Any]) -> list[Any]:
        if sort is AllegationSort.RECORDED_DESC:
            return [item["recorded_at"].isoformat(), str(item["claim_id"])]
        return [(item["date_start"] or date(1, 1, 1)).isoformat(), str(item["claim_id"])]

    page, next_cursor = page_of(items, limit, cursor_of)
    return json_response({"items": page, "next_cursor": next_cursor})
