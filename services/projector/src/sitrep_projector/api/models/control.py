"""Territorial control: intervals of a place's timeline, and a place's state."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from ...projections import PartName, PlaceState

__all__ = ["ControlEntry", "PartState", "PlaceControl", "PlaceStateView"]

_EXAMPLE: dict[str, Any] = {
    "place_id": "geonames:163915",
    "place_name": "Raqqa",
    "part": None,
    "country": "SY",
    "admin1": "Raqqa",
    "lat": 35.95,
    "lon": 39.01,
    "valid_from": "2016-06-04",
    "valid_to": None,
    "controller_side": "isis",
    "controller_actor_ids": ["isis"],
    "controller_actor_names": ["Islamic State"],
    "state": "advancing_on",
    "challenger_sides": ["syrian_government"],
    "challenger_actor_ids": ["saa"],
    "challenger_actor_names": ["Syrian Arab Army"],
    "supporting_claim_ids": ["0b6f6a3e-3f39-5b8e-9a55-3d1f1f3f0c11"],
    "contradicting_claim_ids": [],
    "publishers": ["Zero Hedge"],
    "publisher_count": 1,
    "latest_claim_id": "0b6f6a3e-3f39-5b8e-9a55-3d1f1f3f0c11",
}


class ControlEntry(BaseModel):
    """One interval of a place's control timeline (or of one part's)."""

    place_id: str
    place_name: str | None
    part: PartName | None = Field(description="The part of the place, null for all of it.")
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    valid_from: date = Field(description="First day of the interval (from the claims' dates).")
    valid_to: date | None = Field(description="Day the interval ended (exclusive); null: open.")
    controller_side: str | None = Field(description="The side holding the place, if known.")
    controller_actor_ids: list[str]
    controller_actor_names: list[str]
    state: PlaceState
    challenger_sides: list[str] = Field(description="Sides pressing the place.")
    challenger_actor_ids: list[str]
    challenger_actor_names: list[str]
    supporting_claim_ids: list[str]
    contradicting_claim_ids: list[str]
    publishers: list[str]
    publisher_count: int
    latest_claim_id: uuid.UUID

    model_config = ConfigDict(json_schema_extra={"examples": [_EXAMPLE]})


class PartState(BaseModel):
    """The state of one part of a place on the day asked."""

    part: PartName
    state: PlaceState
    controller_side: str | None
    controller_actor_ids: list[str]
    challenger_sides: list[str]
    challenger_actor_ids: list[str]
    valid_from: date
    valid_to: date | None
    supporting_claim_ids: list[str]


class PlaceControl(BaseModel):
    """One place with the state of all of it and of each of its parts, nested."""

    place_id: str
    place_name: str | None
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    whole: ControlEntry | None = Field(
        description="The interval of the whole place (null: only parts of it are claimed)."
    )
    parts: list[PartState] = Field(description="Each part's interval, in `PARTS` order.")


class PlaceStateView(PlaceControl):
    """One place on the day asked, as known at the time asked."""

    as_of: date
    known_at: datetime | None
