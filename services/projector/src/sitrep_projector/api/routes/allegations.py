"""Allegations: every allegation claim as reported, with its provenance."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import Response

from ..deps import ReferenceDep, SessionDep
from ..models import Allegation, Page
from ..params import (
    Admin1Query,
    CountryQuery,
    CursorQuery,
    DisputedQuery,
    FromQuery,
    LimitQuery,
    PerpetratorQuery,
    PlaceQuery,
    ToQuery,
    TypeQuery,
)
from ..queries.allegations import AllegationFilter, AllegationSort, allegation_page
from ..responses import json_response

__all__ = ["router"]

router = APIRouter(prefix="/v1/allegations", tags=["allegations"])


@router.get(
    "",
    response_model=Page[Allegation],
    summary="Every allegation claim, with filters",
    description="Superseded readings (an older extractor version of a re-read paragraph) are "
    "left out. `sort=-recorded` (default) lists the newest claims first.",
)
def list_allegations(
    session: SessionDep,
    reference: ReferenceDep,
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
    wanted = AllegationFilter(
        type, perpetrator, place, admin1, country, date_from, date_to, disputed, article_id
    )
    return json_response(allegation_page(session, reference, wanted, sort, limit, cursor))
