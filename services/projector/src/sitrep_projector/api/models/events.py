"""The provenance of a claim event."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

__all__ = ["Provenance"]


class Provenance(BaseModel):
    event_id: uuid.UUID
    kind: Literal["control_claim", "allegation", "dispute"]
    summary: str = Field(description="What the claim says, in a few words.")
    modality: str
    attribution_source: str | None
    extractor_version: str | None
    superseded: bool
    sentence: str
    trigger: str
    paragraph_index: int | None
    paragraph_text: str | None
    recorded_at: datetime
    article_id: uuid.UUID
    article_url: str | None
    article_title: str | None
    publisher: str | None
    published_at: datetime | None
