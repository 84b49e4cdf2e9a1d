"""What re-interpretation needs from the event log: its committed events, read back."""

from __future__ import annotations

from collections.abc import Collection, Iterator
from typing import Protocol

from sitrep_schemas import EventEnvelope

__all__ = ["LogReader"]


class LogReader(Protocol):
    def events(self, types: Collection[str]) -> Iterator[EventEnvelope]:
        """The committed events of these types, in log order within each partition.

        Every call reads from the beginning of the log up to the same end: where the log
        ended when the reader first looked, so that what a caller publishes meanwhile is
        not read back. Raises BrokerUnavailable when the log cannot be read.
        """
