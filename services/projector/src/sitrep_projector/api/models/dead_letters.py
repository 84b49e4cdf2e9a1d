"""Events the projector could not apply."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel

__all__ = ["DeadLetter"]


class DeadLetter(BaseModel):
    id: int
    topic: str
    partition: int
    offset: int
    event_id: str | None
    event_type: str | None
    error: str
    value_excerpt: str
    recorded_at: datetime
