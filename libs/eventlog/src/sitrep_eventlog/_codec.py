"""Events as Kafka records: CloudEvents' structured mode over the Kafka protocol binding.

The value is the whole event as JSON; the key is the article the event belongs to, so one
article's events share a partition and keep their order. Readers decode with
`sitrep_schemas.parse_event`, which also upcasts older schema versions.
"""

from __future__ import annotations

from dataclasses import dataclass

from sitrep_schemas import EventEnvelope

__all__ = ["CONTENT_TYPE", "EncodedEvent", "encode_event"]

CONTENT_TYPE = b"application/cloudevents+json; charset=utf-8"


@dataclass(frozen=True, slots=True)
class EncodedEvent:
    key: bytes
    value: bytes
    headers: list[tuple[str, bytes]]


def encode_event(event: EventEnvelope) -> EncodedEvent:
    return EncodedEvent(
        key=str(event.correlation_id).encode("ascii"),
        value=event.model_dump_json().encode("utf-8"),
        headers=[
            ("content-type", CONTENT_TYPE),
            ("ce_type", event.type.encode("ascii")),
            ("ce_id", str(event.id).encode("ascii")),
        ],
    )
