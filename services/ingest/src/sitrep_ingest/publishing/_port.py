"""What the ingest use case needs from the event log: append one article's events atomically."""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import Future
from typing import Protocol

from sitrep_eventlog import EncodedEvent
from sitrep_schemas import EventEnvelope

__all__ = ["EventPublisher", "RecordPublisher"]


class EventPublisher(Protocol):
    def publish(self, events: Sequence[EventEnvelope]) -> None:
        """Return once all events are durably committed together, or raise BrokerUnavailable.

        Either every event becomes visible to read_committed readers or none does.
        """

    def is_ready(self) -> bool:
        """Whether the broker answers and the topics exist."""

    def close(self) -> None: ...


class RecordPublisher(EventPublisher, Protocol):
    """What the ingest service needs besides: many articles queued at once, without a thread
    blocked on each."""

    def submit(self, records: Sequence[EncodedEvent]) -> Future[None]:
        """Queue one article's records; the future completes once they are committed together
        (or fails with BrokerUnavailable, and then none of them is visible)."""
