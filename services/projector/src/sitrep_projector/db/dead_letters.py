"""Events the projector could not apply, kept with the reason (also sent to the DLQ topic)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Column, Index, Text
from sqlmodel import Field, SQLModel

from .types import UtcDateTime

__all__ = ["DeadLetterRow"]


class DeadLetterRow(SQLModel, table=True):
    __tablename__ = "dead_letters"
    __table_args__ = (Index("ix_dead_letters_recorded", "recorded_at", "id"),)

    id: int | None = Field(default=None, primary_key=True)
    topic: str
    partition: int
    offset: int = Field(sa_column=Column(BigInteger, nullable=False))
    event_id: str | None = None
    event_type: str | None = None
    error: str = Field(sa_column=Column(Text, nullable=False))
    value_excerpt: str = Field(sa_column=Column(Text, nullable=False))
    recorded_at: datetime = Field(sa_column=Column(UtcDateTime, nullable=False))
