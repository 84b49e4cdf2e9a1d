"""The topics of the event log, as data: names and the settings they are created with.

An event store forgets nothing, so the event topic never expires records and is never
compacted. Partition count bounds the projector's parallelism.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["DEAD_LETTER_TOPIC", "EVENTS_TOPIC", "TopicSpec"]


@dataclass(frozen=True)
class TopicSpec:
    name: str
    partitions: int
    config: dict[str, str] = field(default_factory=dict)


_KEEP_FOREVER = {"retention.ms": "-1", "retention.bytes": "-1", "cleanup.policy": "delete"}

EVENTS_TOPIC = TopicSpec(name="sitrep.events", partitions=6, config=dict(_KEEP_FOREVER))
DEAD_LETTER_TOPIC = TopicSpec(
    name="sitrep.events.dead-letter", partitions=1, config=dict(_KEEP_FOREVER)
)
