"""Derived read models: control intervals and incidents, recomputed per place and per block.

Rows here are a function of the claim rows (see `refresh.py`); a rebuild or a replay in
another order writes the same rows.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Column, Index, text
from sqlmodel import Field, SQLModel

from .types import UtcDateTime

__all__ = ["ControlIntervalRow", "IncidentMemberRow", "IncidentRow"]


class ControlIntervalRow(SQLModel, table=True):
    """One interval of one place's (or one part's) control timeline.

    `part_key` is the part, or '' for the whole place, so that it can be in the key.
    `*_actors` hold `|id|id|` for filtering by one actor id with LIKE.
    """

    __tablename__ = "control_intervals"
    # Every list orders by (place_id, part_key): each filter of `/v1/control` has an index
    # in that order. Those of the current situation are partial (only the open interval of
    # each timeline): a quarter of the rows, and nothing to maintain for closed ones.
    __table_args__ = (
        Index(
            "ix_control_current_country",
            "country",
            "place_id",
            "part_key",
            postgresql_where=text("is_current"),
            sqlite_where=text("is_current"),
        ),
        Index(
            "ix_control_current_controller",
            "controller",
            "place_id",
            "part_key",
            postgresql_where=text("is_current"),
            sqlite_where=text("is_current"),
        ),
        Index(
            "ix_control_current_state",
            "state",
            "place_id",
            "part_key",
            postgresql_where=text("is_current"),
            sqlite_where=text("is_current"),
        ),
        Index("ix_control_admin1", "admin1", "place_id", "part_key"),
        Index("ix_control_changes", "valid_from", "place_id", "part_key"),
    )

    place_id: str = Field(primary_key=True)
    part_key: str = Field(primary_key=True)
    valid_from: date = Field(primary_key=True)
    valid_to: date | None = None
    is_current: bool = Field(sa_column=Column(Boolean, nullable=False))
    place_name: str | None = None
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    controller: str | None = None
    controller_actors: str = ""
    state: str
    challengers: str = ""
    challenger_actors: str = ""
    supporting_claim_ids: list[str] = Field(sa_column=Column(JSON, nullable=False))
    contradicting_claim_ids: list[str] = Field(sa_column=Column(JSON, nullable=False))
    publishers: list[str] = Field(sa_column=Column(JSON, nullable=False))
    publisher_count: int
    latest_claim_id: uuid.UUID
    # A digest of the other columns: a refresh rewrites only the intervals it changes.
    fingerprint: str


class IncidentRow(SQLModel, table=True):
    __tablename__ = "incidents"
    __table_args__ = (
        Index("ix_incidents_block", "block_key", "locality_key"),
        Index("ix_incidents_date", "date_start", "incident_key"),
        Index("ix_incidents_family", "family", "date_start"),
        Index("ix_incidents_perpetrator", "perpetrator", "date_start"),
        Index("ix_incidents_place", "place_id", "date_start"),
        Index("ix_incidents_admin1", "country", "admin1", "date_start"),
        Index("ix_incidents_sources", "source_count", "incident_key"),
        Index("ix_incidents_disputed", "disputed", "date_start"),
        Index("ix_incidents_recorded", "last_recorded", "incident_key"),
    )

    incident_key: uuid.UUID = Field(primary_key=True)
    block_key: str
    locality_key: str | None = None
    family: str
    allegation_types: str
    acled_sub_event_type: str | None = None
    perpetrator: str | None = None
    perpetrator_actors: str = ""
    place_id: str | None = None
    place_name: str | None = None
    admin1: str | None = None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    geo_precision: int | None = None
    date_start: date
    date_end: date
    time_precision: int
    # When the members' articles were published (null: none says) ...
    first_reported: datetime | None = Field(default=None, sa_column=Column(UtcDateTime))
    last_reported: datetime | None = Field(default=None, sa_column=Column(UtcDateTime))
    # ... and when the log recorded them.
    first_recorded: datetime = Field(sa_column=Column(UtcDateTime, nullable=False))
    last_recorded: datetime = Field(sa_column=Column(UtcDateTime, nullable=False))
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
    publishers: list[str] = Field(sa_column=Column(JSON, nullable=False))
    publisher_count: int
    source_count: int
    disputed: bool = Field(sa_column=Column(Boolean, nullable=False))
    member_count: int
    dispute_ids: list[str] = Field(sa_column=Column(JSON, nullable=False))
    # A digest of the other columns and the members: a refresh rewrites changed ones only.
    fingerprint: str = ""


class IncidentMemberRow(SQLModel, table=True):
    __tablename__ = "incident_members"
    __table_args__ = (Index("ix_incident_members_block", "block_key", "locality_key"),)

    incident_key: uuid.UUID = Field(primary_key=True)
    allegation_event_id: uuid.UUID = Field(primary_key=True, index=True)
    block_key: str
    locality_key: str | None = None
