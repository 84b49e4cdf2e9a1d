"""Claim rows: every control claim, allegation and dispute kept with its provenance.

`superseded` marks a claim read by an older extractor version of a paragraph that a newer
version has re-read; superseded claims stay (the log forgets nothing) but derived read
models and lists ignore them.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import Boolean, Column, Index, Text, false
from sqlmodel import Field, SQLModel

from .types import UtcDateTime

__all__ = [
    "AllegationRow",
    "ControlClaimRow",
    "DisputeRow",
    "DisputeTargetRow",
    "InterpretationRow",
]


def _superseded() -> Column[bool]:
    return Column(Boolean, nullable=False, default=False, server_default=false())


class _ClaimColumns(SQLModel):
    """Provenance and timing every claim row carries (not a table by itself)."""

    article_id: uuid.UUID = Field(index=True)
    paragraph_id: uuid.UUID = Field(index=True)
    paragraph_index: int
    sentence_index: int
    sentence: str = Field(sa_type=Text)
    trigger: str
    char_start: int
    char_end: int
    extractor_version: str | None = None
    modality: str
    confidence: float
    attribution_source: str | None = None
    attribution_kind: str
    acled_sub_event_type: str | None = None
    date_start: date | None = None
    date_end: date | None = None
    time_precision: int
    time_expression: str | None = None
    # The day the claim's article speaks from (its publication date): where an undated
    # claim ("the army holds the town") is placed, rather than when the log received it.
    reported_on: date | None = None


class ControlClaimRow(_ClaimColumns, table=True):
    __tablename__ = "control_claims"
    __table_args__ = (
        Index("ix_control_claims_place", "place_id", "recorded_at"),
        Index("ix_control_claims_actor", "actor_id"),
        Index("ix_control_claims_side", "actor_side"),
    )

    event_id: uuid.UUID = Field(primary_key=True)
    place_id: str | None = None
    place_mention: str
    part: str | None = None
    actor_id: str | None = None
    actor_name: str | None = None
    actor_side: str | None = None
    from_actor_id: str | None = None
    from_side: str | None = None
    to_actor_id: str | None = None
    to_side: str | None = None
    action: str
    resulting_state: str
    recorded_at: datetime = Field(sa_column=Column(UtcDateTime, nullable=False))
    superseded: bool = Field(default=False, sa_column=_superseded())


class AllegationRow(_ClaimColumns, table=True):
    __tablename__ = "allegations"
    __table_args__ = (
        Index("ix_allegations_block", "block_key", "locality_key"),
        Index("ix_allegations_type", "allegation_type", "date_start"),
        Index("ix_allegations_perpetrator", "perpetrator_id"),
        Index("ix_allegations_side", "perpetrator_side"),
        Index("ix_allegations_place", "place_id"),
        Index("ix_allegations_admin1", "country", "admin1"),
        Index("ix_allegations_date", "date_start", "event_id"),
        Index("ix_allegations_recorded", "recorded_at", "event_id"),
    )

    event_id: uuid.UUID = Field(primary_key=True)
    allegation_type: str
    family: str
    block_key: str
    # The clustering unit inside the block (see `db/incidents.py`); None: province level.
    locality_key: str | None = None
    perpetrator_id: str | None = None
    perpetrator_name: str | None = None
    perpetrator_side: str | None = None
    target_id: str | None = None
    victims: str | None = None
    victims_group: str | None = None
    killed_low: int | None = None
    killed_best: int | None = None
    killed_high: int | None = None
    injured_low: int | None = None
    injured_best: int | None = None
    injured_high: int | None = None
    abducted_low: int | None = None
    abducted_best: int | None = None
    abducted_high: int | None = None
    arrested_low: int | None = None
    arrested_best: int | None = None
    arrested_high: int | None = None
    place_id: str | None = None
    place_mention: str | None = None
    place_name: str | None = None
    place_role: str
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    geo_precision: int | None = None
    recorded_at: datetime = Field(sa_column=Column(UtcDateTime, nullable=False))
    superseded: bool = Field(default=False, sa_column=_superseded())


class DisputeRow(SQLModel, table=True):
    __tablename__ = "disputes"

    event_id: uuid.UUID = Field(primary_key=True)
    disputed_by_id: str | None = None
    disputed_by_name: str | None = None
    manner: str
    scope: str | None = None
    article_id: uuid.UUID = Field(index=True)
    paragraph_id: uuid.UUID = Field(index=True)
    sentence: str = Field(sa_type=Text)
    trigger: str
    extractor_version: str | None = None
    modality: str
    attribution_source: str | None = None
    recorded_at: datetime = Field(sa_column=Column(UtcDateTime, nullable=False))
    superseded: bool = Field(default=False, sa_column=_superseded())


class DisputeTargetRow(SQLModel, table=True):
    __tablename__ = "dispute_targets"

    dispute_event_id: uuid.UUID = Field(primary_key=True)
    allegation_event_id: uuid.UUID = Field(primary_key=True, index=True)


class InterpretationRow(SQLModel, table=True):
    """That an extractor version read a paragraph (even when it found nothing there)."""

    __tablename__ = "paragraph_interpretations"

    event_id: uuid.UUID = Field(primary_key=True)
    paragraph_id: uuid.UUID = Field(index=True)
    article_id: uuid.UUID
    extractor_version: str | None = None
    claim_count: int
    recorded_at: datetime = Field(sa_column=Column(UtcDateTime, nullable=False))
