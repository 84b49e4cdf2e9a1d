"""Derived rows waiting to be recomputed: the places and clustering units batches touched.

A batch marks what it touched in the same transaction as its claim rows, so a crash cannot
lose a refresh; the refresh that recomputes them removes the marks in its own transaction.
"""

from __future__ import annotations

from sqlmodel import Field, SQLModel

__all__ = ["PendingIncidentUnit", "PendingPlace"]


class PendingPlace(SQLModel, table=True):
    __tablename__ = "pending_places"

    place_id: str = Field(primary_key=True)


class PendingIncidentUnit(SQLModel, table=True):
    """`locality_key` '' stands for the whole block (a key column cannot hold NULL)."""

    __tablename__ = "pending_incident_units"

    block_key: str = Field(primary_key=True)
    locality_key: str = Field(primary_key=True)
