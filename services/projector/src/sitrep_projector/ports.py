"""The ports between the projector's use case and its adapters: plain values and protocols.

The use case (`projecting/`) is written against these; the Kafka adapter (`consuming/`)
implements them and the wiring (`bootstrap.py`) plugs one into the other. Nothing here
imports a client library.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

__all__ = [
    "ConsumedRecord",
    "DeadLetter",
    "DeadLetterSink",
    "EventSource",
    "PositionLoader",
]


@dataclass(frozen=True, slots=True)
class ConsumedRecord:
    """One record of the event log, as read: where it sits and its bytes."""

    topic: str
    partition: int
    offset: int
    value: bytes


@dataclass(frozen=True, slots=True)
class DeadLetter:
    """A record the projector could not apply, and why."""

    record: ConsumedRecord
    error: str
    event_id: str | None = None
    event_type: str | None = None


class DeadLetterSink(Protocol):
    def send(self, letters: Sequence[DeadLetter]) -> None:
        """Durably store the letters, or raise; called before the batch commits."""


class EventSource(Protocol):
    """A consumer of the event log positioned by the read-model database."""

    def poll(self, timeout_ms: int) -> list[ConsumedRecord]:
        """The next records (possibly none within the timeout)."""

    def lag(self) -> int:
        """Records known to be on the broker past what has been read (0: caught up)."""

    def close(self) -> None: ...


# (topic, partition) pairs -> the next offset to read for those the database knows.
PositionLoader = Callable[[list[tuple[str, int]]], dict[tuple[str, int], int]]
