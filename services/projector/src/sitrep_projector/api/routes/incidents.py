"""Incidents: allegations clustered across articles, with counts, sources and disputes."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, status
from fastapi.responses import Response

from ..deps import ReferenceDep, SessionDep
from ..errors import not_found
from ..exports.acled import acled_csv
from ..exports.geojson import feature_collection
from ..models import FeatureCollection, IncidentDetail, IncidentSummary, Page
from ..params import (
    Admin1Query,
    CountryQuery,
    CursorQuery,
    DisputedQuery,
    FromQuery,
    LimitQuery,
    MinSourcesQuery,
    PerpetratorQuery,
    PlaceQuery,
    ToQuery,
    TypeQuery,
)
from ..queries.incidents import (
    IncidentFilter,
    IncidentSort,
    all_incidents,
    incident_detail,
    incident_page,
)
from ..responses import json_response

__all__ = ["router"]

router = APIRouter(tags=["incidents"])


# `async def`: it only builds a value, and a plain `def` would cost a thread-pool hop.
async def _incident_filter(
    type: TypeQuery = None,
    perpetrator: PerpetratorQuery = None,
    place: PlaceQuery = None,
    admin1: Admin1Query = None,
    country: CountryQuery = None,
    date_from: FromQuery = None,
    date_to: ToQuery = None,
    min_sources: MinSourcesQuery = None,
    disputed: DisputedQuery = None,
) -> IncidentFilter:
    return IncidentFilter(
        type, perpetrator, place, admin1, country, date_from, date_to, min_sources, disputed
    )


IncidentFilterDep = Annotated[IncidentFilter, Depends(_incident_filter)]


@router.get(
    "/v1/incidents",
    response_model=Page[IncidentSummary],
    summary="Incidents with filters and sorting",
    description="Allegations of the same type family, perpetrator, place and nearby dates, "
    "clustered across articles. Sorted by `sort` with the incident id as tie-breaker: "
    "`-reported` by the latest publication of a source, `-recorded` by when the log last "
    "recorded a claim.",
)
def list_incidents(
    session: SessionDep,
    reference: ReferenceDep,
    wanted: IncidentFilterDep,
    sort: IncidentSort = IncidentSort.DATE_DESC,
    limit: LimitQuery = 50,
    cursor: CursorQuery = None,
) -> Response:
    return json_response(incident_page(session, reference, wanted, sort, limit, cursor))


@router.get(
    "/v1/incidents.geojson",
    response_model=FeatureCollection,
    summary="Incidents as GeoJSON points",
    description="The filters of `/v1/incidents`, not paginated. An incident whose place has "
    "no coordinates is put at its district's or province's centroid (`position`, "
    "`geo_precision` 3); one without even that is counted in `properties.dropped`.",
)
def incidents_geojson(
    session: SessionDep, reference: ReferenceDep, wanted: IncidentFilterDep
) -> Response:
    items = all_incidents(session, reference, wanted)
    return json_response(
        feature_collection(items, reference, lambda item: str(item["incident_id"]))
    )


@router.get(
    "/v1/incidents.csv",
    summary="Incidents as CSV in ACLED's export layout",
    description="ACLED's export columns in ACLED's order (event_id_cnty, event_date, year, "
    "time_precision, disorder_type, event_type, sub_event_type, actor1, assoc_actor_1, "
    "inter1, actor2, assoc_actor_2, inter2, interaction, civilian_targeting, iso, region, "
    "country, admin1, admin2, admin3, location, latitude, longitude, geo_precision, source, "
    "source_scale, notes, fatalities, tags, timestamp) with ACLED's codes: numeric ISO, "
    "ACLED regions, disorder types, inter and interaction codes. Incidents ACLED would not "
    "code (threats, obstruction), or that have no position or country, are left out and "
    "counted in the `X-Omitted-Rows` header. `fatalities` is 0 where no number is reported, "
    "as in ACLED.",
    response_class=Response,
    responses={
        200: {
            "content": {"text/csv": {"schema": {"type": "string"}}},
            "headers": {
                "X-Omitted-Rows": {
                    "description": "Incidents that matched but are not ACLED rows.",
                    "schema": {"type": "integer"},
                }
            },
        }
    },
)
def incidents_csv(
    session: SessionDep, reference: ReferenceDep, wanted: IncidentFilterDep
) -> Response:
    text, omitted = acled_csv(all_incidents(session, reference, wanted), reference)
    return Response(
        text, media_type="text/csv; charset=utf-8", headers={"X-Omitted-Rows": str(omitted)}
    )


@router.get(
    "/v1/incidents/{incident_id}",
    response_model=IncidentDetail,
    summary="One incident with every claim, its sentence and its article",
    responses=not_found("No such incident (ids change when clusters merge: see /v1/changes)."),
)
def get_incident(incident_id: uuid.UUID, session: SessionDep, reference: ReferenceDep) -> Response:
    detail = incident_detail(session, reference, incident_id)
    if detail is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"incident {incident_id} not found")
    return json_response(detail)
