"""The CloudEvents-style envelope every sitrep event carries."""

from __future__ import annotations

import uuid
from typing import Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

__all__ = ["EventEnvelope", "Payload"]


class Payload(BaseModel):
    """Base for event payloads and the value objects inside them.

    Frozen because events are facts. Unknown fields are ignored rather than rejected, so
    an older reader keeps working when a newer writer adds an optional field.
    """

    model_config = ConfigDict(frozen=True, extra="ignore")


class EventEnvelope(Payload):
    """Attributes shared by every event; subclasses pin `type` and `schema_version`."""

    id: uuid.UUID = Field(description="Deterministic UUIDv5 over the event's content.")
    type: str = Field(description="Reverse-DNS event type, e.g. `sitrep.article.ingested`.")
    source: str = Field(
        default="sitrep/ingest",
        description="The producer that recorded the event (CloudEvents `source`).",
    )
    specversion: Literal["1.0"] = "1.0"
    time: AwareDatetime = Field(description="When the event was recorded (UTC).")
    subject: str = Field(
        description="The aggregate the event is about, e.g. `article/<uuid>`, `place/<id>`."
    )
    datacontenttype: Literal["application/json"] = "application/json"
    schema_version: int = Field(ge=1, description="Version of this event type's schema.")
    extractor_version: str | None = Field(
        default=None, description="Version of the extractor that produced a claim event."
    )
    correlation_id: uuid.UUID = Field(
        description="The article every event of one ingestion belongs to."
    )
    causation_id: uuid.UUID | None = Field(
        default=None, description="The event that caused this one (e.g. the paragraph)."
    )
