"""Readiness and the consumer's progress."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

__all__ = ["ConsumerStatus", "Readiness"]


class ConsumerStatus(BaseModel):
    state: str
    last_error: str | None
    events_applied: int
    duplicates_skipped: int
    dead_letters: int
    batches: int
    last_batch_at: datetime | None
    derived_pending: bool = Field(
        description="True while the consumer works through a backlog and the control "
        "timelines and incidents lag the claims (by at most twice the refresh interval)."
    )
    refresh_seconds: float = Field(
        default=0.0,
        description="Seconds this process has spent refreshing control timelines and incidents.",
    )


class Readiness(BaseModel):
    status: str
    database: str
    consumer: ConsumerStatus | None
    positions: dict[str, int] = Field(
        default_factory=dict,
        description="`topic[partition]` -> next offset to apply, as stored with the read "
        "models by this projector's consumer group (compare with the topic's end offsets "
        "for the lag).",
    )
