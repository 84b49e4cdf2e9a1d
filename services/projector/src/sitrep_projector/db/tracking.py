"""What the projector has applied: consumer positions and event ids.

Written in the same transaction as the read-model rows (pyeventsourcing's TrackingRecorder),
so a crash between applying and recording cannot lose or double-apply an event.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import BigInteger, Column, select
from sqlmodel import Field, Session, SQLModel

from .types import UtcDateTime

__all__ = ["AppliedEvent", "ConsumerPosition", "stored_positions"]


class ConsumerPosition(SQLModel, table=True):
    """The next offset to read, per (consumer group, topic, partition)."""

    __tablename__ = "projector_positions"

    group_id: str = Field(primary_key=True)
    topic: str = Field(primary_key=True)
    partition: int = Field(primary_key=True)
    next_offset: int = Field(sa_column=Column(BigInteger, nullable=False))
    updated_at: datetime = Field(sa_column=Column(UtcDateTime, nullable=False))


class AppliedEvent(SQLModel, table=True):
    """Every event id applied once; re-posted articles carry the same ids and are skipped."""

    __tablename__ = "projector_applied_events"

    event_id: uuid.UUID = Field(primary_key=True)
    topic: str
    partition: int
    offset: int = Field(sa_column=Column(BigInteger, nullable=False))


def stored_positions(session: Session, group_id: str) -> dict[tuple[str, int], int]:
    """(topic, partition) -> next offset to read, as last committed by the group."""
    rows = session.execute(
        select(ConsumerPosition).where(ConsumerPosition.group_id == group_id)  # type: ignore[arg-type]
    ).scalars()
    return {(r.topic, r.partition): r.next_offset for r in rows}
