"""Incidents: allegations clustered across articles."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from .common import Estimate

__all__ = ["Dispute", "IncidentClaim", "IncidentDetail", "IncidentSummary"]

_EXAMPLE: dict[str, Any] = {
    "incident_id": "6f1c1e0e-8a55-5c1d-9f57-1f0b7d7c4b21",
    "family": "abduction",
    "allegation_types": ["abduction"],
    "acled_sub_event_type": "Abduction/forced disappearance",
    "perpetrator_side": "iraqi_government",
    "perpetrator_actor_ids": ["pmf"],
    "perpetrator_actor_names": ["Popular Mobilization Forces"],
    "place_id": "curated:iq-garma",
    "place_name": "Garma",
    "admin1": "Anbar",
    "country": "IQ",
    "lat": 33.4,
    "lon": 43.91,
    "geo_precision": 1,
    "date_start": "2016-06-03",
    "date_end": "2016-06-03",
    "time_precision": 1,
    "first_reported": "2016-06-05T00:00:00Z",
    "last_reported": "2016-06-06T00:00:00Z",
    "first_recorded": "2016-06-05T18:00:02Z",
    "last_recorded": "2016-06-06T09:00:11Z",
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


class IncidentSummary(BaseModel):
    incident_id: uuid.UUID = Field(
        description="Stable across rebuilds; changes when clusters merge (see /v1/changes)."
    )
    family: str = Field(description="Type family: `killing` covers killings and executions.")
    allegation_types: list[str]
    acled_sub_event_type: str | None = Field(description="ACLED's label, or null.")
    perpetrator_side: str | None = Field(description="The side the allegations name.")
    perpetrator_actor_ids: list[str] = Field(description="Actor dictionary ids.")
    perpetrator_actor_names: list[str] = Field(description="Their names, in the same order.")
    place_id: str | None
    place_name: str | None
    admin1: str | None
    country: str | None = Field(description="ISO 3166-1 alpha-2.")
    lat: float | None
    lon: float | None
    geo_precision: int | None = Field(description="1 town, 2 near a town or district, 3 province.")
    date_start: date
    date_end: date
    time_precision: int = Field(description="1 day, 2 week, 3 month (ACLED's scale).")
    first_reported: datetime | None = Field(
        description="Earliest publication of a source article (null: none gave a date)."
    )
    last_reported: datetime | None = Field(description="Latest publication of a source article.")
    first_recorded: datetime = Field(description="When the event log first recorded a claim.")
    last_recorded: datetime = Field(description="When it recorded the latest claim.")
    killed: Estimate
    injured: Estimate
    abducted: Estimate
    arrested: Estimate
    publishers: list[str] = Field(
        description="Publisher names, or the article URL's registered domain where an "
        "article names none."
    )
    publisher_count: int
    source_count: int = Field(description="Independent sources: syndicated copies count once.")
    disputed: bool
    claim_count: int

    model_config = ConfigDict(json_schema_extra={"examples": [_EXAMPLE]})


class IncidentClaim(BaseModel):
    claim_id: uuid.UUID
    allegation_type: str
    modality: str
    perpetrator_actor_id: str | None
    perpetrator_actor_name: str | None = Field(description="As the sentence names it.")
    perpetrator_side: str | None
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
    disputed_by_actor_id: str | None
    disputed_by_actor_name: str | None
    manner: str
    sentence: str
    article_id: uuid.UUID
    disputes: list[uuid.UUID]


class IncidentDetail(IncidentSummary):
    claims: list[IncidentClaim]
    disputes: list[Dispute]
