"""Allegations: every allegation claim as reported."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from pydantic import BaseModel, Field

from .common import Estimate

__all__ = ["Allegation"]


class Allegation(BaseModel):
    claim_id: uuid.UUID
    incident_id: uuid.UUID | None
    allegation_type: str
    acled_sub_event_type: str | None
    modality: str
    perpetrator_actor_id: str | None = Field(examples=["pmf"])
    perpetrator_actor_name: str | None = Field(
        description="As the sentence names it.", examples=["Shia militias"]
    )
    perpetrator_side: str | None = Field(examples=["iraqi_government"])
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
