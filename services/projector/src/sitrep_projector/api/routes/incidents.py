"""Incidents: allegations clustered across articles, with counts, sources and disputes."""

from __future__ import annotations

import csv
import io
import uuid
from collections.abc import Mapping
from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, status
from fastapi.responses import Response
from pydantic import BaseModel, Field
from sqlalchemy import ColumnElement, Select, func, select
from sqlmodel import Session

from ...db.actor_lists import actor_ids
from ...db.articles import ArticleRow
from ...db.bulk import table_of
from ...db.claims import AllegationRow, DisputeRow, DisputeTargetRow
from ...db.derived import IncidentMemberRow, IncidentRow
from ..acled_export import ACLED_COLUMNS, acled_row
from ..deps import SessionDep
from ..estimates import Estimate, estimate_json, given_counts_json
from ..filters import (
    Admin1Query,
    CountryQuery,
    DisputedQuery,
    FromQuery,
    MinSourcesQuery,
    PerpetratorQuery,
    PlaceQuery,
    ToQuery,
    TypeQuery,
    filter_incidents,
)
from ..geojson import Feature, FeatureCollection, point_feature
from ..keyset import page_of, where_after
from ..pagination import CursorQuery, LimitQuery, Page
from ..responses import json_response

__all__ = ["IncidentSummary", "router"]

router = APIRouter(tags=["incidents"])


class IncidentSummary(BaseModel):
    incident_id: uuid.UUID
    family: str = Field(description="Type family: `killing` covers killings and executions.")
    allegation_types: list[str]
    acled_sub_event_type: str | None
    perpetrator: str | None = Field(description="Side (or actor) the allegations name.")
    perpetrator_actor_ids: list[str]
    place_id: str | None
    place_name: str | None
    admin1: str | None
    country: str | None
    lat: float | None
    lon: float | None
    geo_precision: int | None
    date_start: date
    date_end: date
    time_precision: int
    first_reported: datetime
    last_reported: datetime
    killed: Estimate
    injured: Estimate
    abducted: Estimate
    arrested: Estimate
    publishers: list[str]
    publisher_count: int
    source_count: int = Field(description="Independent sources: syndicated copies count once.")
    disputed: bool
    claim_count: int

    model_config = {
        "json_schema_extra": {
            "examples": [
                {
                    "incident_id": "6f1c1e0e-8a55-5c1d-9f57-1f0b7d7c4b21",
                    "family": "abduction",
                    "allegation_types": ["abduction"],
                    "acled_sub_event_type": "Abduction/forced disappearance",
                    "perpetrator": "iraqi_government",
                    "perpetrator_actor_ids": ["popular_mobilization_forces"],
                    "place_id": "sitrep:garma",
                    "place_name": "Garma",
                    "admin1": "Anbar",
                    "country": "IQ",
                    "lat": 33.42,
                    "lon": 43.9,
                    "geo_precision": 1,
                    "date_start": "2016-06-05",
                    "date_end": "2016-06-05",
                    "time_precision": 2,
                    "first_reported": "2016-06-05T18:00:00Z",
                    "last_reported": "2016-06-06T09:00:00Z",
                    "killed": {"low": None, "best": None, "high": None},
                    "injured": {"low": None, "best": None, "high": None},
                    "abducted": {"low": 73, "best": 73, "high": 73},
                    "arrested": {"low": None, "best": None, "high": None},
                    "publishers": ["Middle East Eye", "Zero Hedge"],
                    "publisher_count": 2,
                    "source_count": 2,
                    "disputed": True,
                    "claim_count": 2,
                }
            ]
        }
    }


class IncidentClaim(BaseModel):
    claim_id: uuid.UUID
    allegation_type: str
    modality: str
    perpetrator_name: str | None
    victims: str | None
    place_mention: str | None
    place_role: str
    counts: dict[str, Estimate]
    sentence: str
    trigger: str
    char_start: int
    char_end: int
    paragraph_index: int
    attribution_source: str | None
    article_id: uuid.UUID
    article_url: str | None
    publisher: str | None
    published_at: datetime | None
    recorded_at: datetime


class Dispute(BaseModel):
    claim_id: uuid.UUID
    disputed_by: str | None
    manner: str
    sentence: str
    article_id: uuid.UUID
    disputes: list[uuid.UUID]


class IncidentDetail(IncidentSummary):
    claims: list[IncidentClaim]
    disputes: list[Dispute]


def summary_of(row: Mapping[Any, Any]) -> IncidentSummary:
    return IncidentSummary.model_validate(summary_json(row))


def summary_json(row: Mapping[Any, Any]) -> dict[str, Any]:
    """An incident row as `IncidentSummary`'s JSON object."""
    return dict(
        incident_id=row["incident_key"],
        family=row["family"],
        allegation_types=row["allegation_types"].split(","),
        acled_sub_event_type=row["acled_sub_event_type"],
        perpetrator=row["perpetrator"],
        perpetrator_actor_ids=actor_ids(row["perpetrator_actors"]),
        place_id=row["place_id"],
        place_name=row["place_name"],
        admin1=row["admin1"],
        country=row["country"],
        lat=row["lat"],
        lon=row["lon"],
        geo_precision=row["geo_precision"],
        date_start=row["date_start"],
        date_end=row["date_end"],
        time_precision=row["time_precision"],
        first_reported=row["first_reported"],
        last_reported=row["last_reported"],
        killed=estimate_json(row, "killed"),
        injured=estimate_json(row, "injured"),
        abducted=estimate_json(row, "abducted"),
        arrested=estimate_json(row, "arrested"),
        publishers=list(row["publishers"]),
        publisher_count=row["publisher_count"],
        source_count=row["source_count"],
        disputed=row["disputed"],
        claim_count=row["member_count"],
    )


class IncidentSort(StrEnum):
    DATE = "date"
    DATE_DESC = "-date"
    REPORTED_DESC = "-reported"
    SOURCES_DESC = "-sources"
    KILLED_DESC = "-killed"
    ABDUCTED_DESC = "-abducted"


def _sort_columns(sort: IncidentSort) -> tuple[ColumnElement[Any], bool, Any]:
    t = table_of(IncidentRow)
    if sort is IncidentSort.DATE or sort is IncidentSort.DATE_DESC:
        return t.c.date_start, sort is IncidentSort.DATE_DESC, date.fromisoformat
    if sort is IncidentSort.REPORTED_DESC:
        return t.c.last_reported, True, datetime.fromisoformat
    if sort is IncidentSort.SOURCES_DESC:
        return t.c.source_count, True, int
    column = t.c.killed_best if sort is IncidentSort.KILLED_DESC else t.c.abducted_best
    return func.coalesce(column, -1), True, int


def _sort_value(item: dict[str, Any], sort: IncidentSort) -> Any:
    if sort in (IncidentSort.DATE, IncidentSort.DATE_DESC):
        return item["date_start"].isoformat()
    if sort is IncidentSort.REPORTED_DESC:
        return item["last_reported"].isoformat()
    if sort is IncidentSort.SOURCES_DESC:
        return item["source_count"]
    value = item["killed" if sort is IncidentSort.KILLED_DESC else "abducted"]["best"]
    return -1 if value is None else value


def _page(
    session: Session, query: Select[Any], sort: IncidentSort, limit: int, cursor: str | None
) -> dict[str, Any]:
    """A `Page[IncidentSummary]` as a JSON object."""
    column, descending, parse = _sort_columns(sort)
    key = table_of(IncidentRow).c.incident_key
    query = where_after(query, [column, key], descending, cursor, [parse, uuid.UUID])
    items = [summary_json(r) for r in session.execute(query.limit(limit + 1)).mappings().all()]
    page, next_cursor = page_of(
        items, limit, lambda i: [_sort_value(i, sort), str(i["incident_id"])]
    )
    return {"items": page, "next_cursor": next_cursor}


@router.get(
    "/v1/incidents",
    response_model=Page[IncidentSummary],
    summary="Incidents with filters and sorting",
    description="Allegations of the same type family, perpetrator, place and nearby dates, "
    "clustered across articles. Sorted by `sort` with the incident id as tie-breaker.",
)
def list_incidents(
    session: SessionDep,
    type: TypeQuery = None,
    perpetrator: PerpetratorQuery = None,
    place: PlaceQuery = None,
    admin1: Admin1Query = None,
    country: CountryQuery = None,
    date_from: FromQuery = None,
    date_to: ToQuery = None,
    min_sources: MinSourcesQuery = None,
    disputed: DisputedQuery = None,
    sort: IncidentSort = IncidentSort.DATE_DESC,
    limit: LimitQuery = 50,
    cursor: CursorQuery = None,
) -> Response:
    query = filter_incidents(
        select(table_of(IncidentRow)),
        type_=type,
        perpetrator=perpetrator,
        place=place,
        admin1=admin1,
        country=country,
        date_from=date_from,
        date_to=date_to,
        min_sources=min_sources,
        disputed=disputed,
    )
    return json_response(_page(session, query, sort, limit, cursor))


def _exported_incidents(
    type: TypeQuery = None,
    perpetrator: PerpetratorQuery = None,
    admin1: Admin1Query = None,
    country: CountryQuery = None,
    date_from: FromQuery = None,
    date_to: ToQuery = None,
    min_sources: MinSourcesQuery = None,
    disputed: DisputedQuery = None,
) -> Select[Any]:
    """The incidents an export asks for: the filters of `/v1/incidents` but `place`."""
    return filter_incidents(
        select(table_of(IncidentRow)),
        type_=type,
        perpetrator=perpetrator,
        admin1=admin1,
        country=country,
        date_from=date_from,
        date_to=date_to,
        min_sources=min_sources,
        disputed=disputed,
    )


ExportedIncidents = Annotated[Select[Any], Depends(_exported_incidents)]


def _all(session: Session, query: Select[Any]) -> list[IncidentSummary]:
    t = table_of(IncidentRow)
    rows = session.execute(query.order_by(t.c.date_start, t.c.incident_key)).mappings()
    return [summary_of(r) for r in rows]


@router.get(
    "/v1/incidents.geojson",
    response_model=FeatureCollection,
    summary="Incidents as GeoJSON points",
    description="The filters of `/v1/incidents`; incidents without coordinates are left out.",
)
def incidents_geojson(session: SessionDep, query: ExportedIncidents) -> FeatureCollection:
    features: list[Feature] = [
        point_feature(i.lon, i.lat, str(i.incident_id), i.model_dump(mode="json"))
        for i in _all(session, query)
        if i.lat is not None and i.lon is not None
    ]
    return FeatureCollection(features=features)


@router.get(
    "/v1/incidents.csv",
    summary="Incidents as CSV in ACLED's column layout",
    description="Columns as in ACLED exports (event_date, event_type, sub_event_type, actor1, "
    "actor2, admin1, location, latitude, longitude, geo_precision, time_precision, source, "
    "notes, fatalities, ...); fatalities is the best estimate of killed.",
    response_class=Response,
    responses={200: {"content": {"text/csv": {}}}},
)
def incidents_csv(session: SessionDep, query: ExportedIncidents) -> Response:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=ACLED_COLUMNS, restval="", lineterminator="\n")
    writer.writeheader()
    for incident in _all(session, query):
        writer.writerow(acled_row(incident))
    return Response(out.getvalue(), media_type="text/csv; charset=utf-8")


@router.get(
    "/v1/incidents/{incident_id}",
    response_model=IncidentDetail,
    summary="One incident with every claim, its sentence and its article",
    responses={404: {"description": "No such incident (ids change when clusters merge)."}},
)
def get_incident(incident_id: uuid.UUID, session: SessionDep) -> IncidentDetail:
    t = table_of(IncidentRow)
    row = session.execute(select(t).where(t.c.incident_key == incident_id)).mappings().first()
    if row is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"incident {incident_id} not found")
    m, a, art = table_of(IncidentMemberRow), table_of(AllegationRow), table_of(ArticleRow)
    claim_rows = session.execute(
        select(a, art.c.url, art.c.publisher, art.c.published_at)
        .join(m, m.c.allegation_event_id == a.c.event_id)
        .outerjoin(art, art.c.article_id == a.c.article_id)
        .where(m.c.incident_key == incident_id)
        .order_by(a.c.recorded_at, a.c.event_id)
    ).mappings()
    claims = [
        IncidentClaim(
            claim_id=c["event_id"],
            allegation_type=c["allegation_type"],
            modality=c["modality"],
            perpetrator_name=c["perpetrator_name"],
            victims=c["victims"],
            place_mention=c["place_mention"],
            place_role=c["place_role"],
            counts=given_counts_json(c),
            sentence=c["sentence"],
            trigger=c["trigger"],
            char_start=c["char_start"],
            char_end=c["char_end"],
            paragraph_index=c["paragraph_index"],
            attribution_source=c["attribution_source"],
            article_id=c["article_id"],
            article_url=c["url"],
            publisher=c["publisher"],
            published_at=c["published_at"],
            recorded_at=c["recorded_at"],
        )
        for c in claim_rows
    ]
    d, dt = table_of(DisputeRow), table_of(DisputeTargetRow)
    disputes: dict[uuid.UUID, Dispute] = {}
    for r in session.execute(
        select(d, dt.c.allegation_event_id)
        .join(dt, dt.c.dispute_event_id == d.c.event_id)
        .join(m, m.c.allegation_event_id == dt.c.allegation_event_id)
        .where(m.c.incident_key == incident_id)
        .order_by(d.c.event_id, dt.c.allegation_event_id)
    ).mappings():
        dispute = disputes.setdefault(
            r["event_id"],
            Dispute(
                claim_id=r["event_id"],
                disputed_by=r["disputed_by_name"],
                manner=r["manner"],
                sentence=r["sentence"],
                article_id=r["article_id"],
                disputes=[],
            ),
        )
        dispute.disputes.append(r["allegation_event_id"])
    summary = summary_of(row)
    return IncidentDetail(**summary.model_dump(), claims=claims, disputes=list(disputes.values()))
