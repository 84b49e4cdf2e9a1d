"""Casualty statistics: incident estimates summed per perpetrator side, place or week.

Summing is right across incidents (different events) and wrong within one (the same event
told twice), which is why the sums run over incidents, never over claims.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import Response

from ..deps import ReferenceDep, SessionDep
from ..models import CasualtyGroup
from ..params import Admin1Query, CountryQuery, DisputedQuery, FromQuery, PerpetratorQuery, ToQuery
from ..queries.incidents import IncidentFilter
from ..queries.stats import GroupBy, casualty_groups
from ..responses import json_response

__all__ = ["router"]

router = APIRouter(prefix="/v1/stats", tags=["statistics"])


@router.get(
    "/casualties",
    response_model=list[CasualtyGroup],
    summary="Casualties by perpetrator side, place, province or week",
    description="Sums of the incidents' best estimates (and of their low and high bounds for "
    "killed). Incidents are counted once whatever the number of sources; those that do not "
    "say (no side, no place) are the group `unknown`. Ordered by killed, then group.",
)
def casualties(
    session: SessionDep,
    reference: ReferenceDep,
    group_by: Annotated[GroupBy, Query(description="How to group.")] = GroupBy.PERPETRATOR_SIDE,
    perpetrator: PerpetratorQuery = None,
    admin1: Admin1Query = None,
    country: CountryQuery = None,
    date_from: FromQuery = None,
    date_to: ToQuery = None,
    disputed: DisputedQuery = None,
) -> Response:
    wanted = IncidentFilter(
        perpetrator=perpetrator,
        admin1=admin1,
        country=country,
        date_from=date_from,
        date_to=date_to,
        disputed=disputed,
    )
    return json_response(casualty_groups(session, reference, group_by, wanted))
