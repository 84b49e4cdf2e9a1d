"""Places and actors the claims name, for dashboards' filter pickers."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import Response

from ..deps import SessionDep
from ..models import Actor, Page, Place
from ..params import TEXT_PATTERN, Admin1Query, CountryQuery, CursorQuery, LimitQuery
from ..queries.places import actor_page, place_page
from ..responses import json_response

__all__ = ["router"]

router = APIRouter(tags=["places and actors"])


@router.get("/v1/places", response_model=Page[Place], summary="Places, by id")
def list_places(
    session: SessionDep,
    country: CountryQuery = None,
    admin1: Admin1Query = None,
    name: Annotated[
        str | None,
        Query(
            description="Exact name, case-insensitive.",
            max_length=200,
            pattern=TEXT_PATTERN,
            examples=["Fallujah"],
        ),
    ] = None,
    limit: LimitQuery = 100,
    cursor: CursorQuery = None,
) -> Response:
    return json_response(place_page(session, country, admin1, name, limit, cursor))


@router.get("/v1/actors", response_model=Page[Actor], summary="Actors, by id")
def list_actors(
    session: SessionDep,
    side: Annotated[
        str | None,
        Query(
            description="e.g. `syrian_government`.",
            max_length=200,
            pattern=TEXT_PATTERN,
            examples=["syrian_government"],
        ),
    ] = None,
    limit: LimitQuery = 100,
    cursor: CursorQuery = None,
) -> Response:
    return json_response(actor_page(session, side, limit, cursor))
