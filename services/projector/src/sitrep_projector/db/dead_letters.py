"""Events the projector could not apply, kept with the reason (also sent to the DLQ topic)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy import BigInteger, Column, Index, Text
from sqlmodel import Field, Session, SQLModel

from ..ports import DeadLetter
from .bulk import insert_ignoring_duplicates
from .types import UtcDateTime

__all__ = ["DeadLetterRow", "store_dead_letters"]


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


def store_dead_letters(session: Session, letters: Sequence[DeadLetter]) -> None:
    """Keep the letters with the batch that parked them (same transaction)."""
    now = datetime.now(UTC)
    insert_ignoring_duplicates(
        session,
        DeadLetterRow,
        [
            {
                "topic": letter.record.topic,
                "partition": letter.record.partition,
                "offset": letter.record.offset,
                "event_id": letter.event_id,
                "event_type": letter.event_type,
                "error": letter.error,
                "value_excerpt": letter.record.value[:2000].decode("utf-8", "replace"),
                "recorded_at": now,
            }
            for letter in letters
        ],
    )
