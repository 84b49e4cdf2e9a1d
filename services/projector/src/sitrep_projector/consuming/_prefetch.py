"""Reading and preparing the next poll while the previous one is written.

kafka-python parses records in Python, and decoding and projecting events is Python too;
the projector spends much of every batch waiting on PostgreSQL, which runs on another core.
Polling and preparing (`prepare_batch`) in a thread of their own lets the two overlap. The
consumer is used by that thread only (kafka-python consumers are not thread-safe) until
`stop` has joined it.
"""

from __future__ import annotations

import queue
import threading
from dataclasses import dataclass

from ..apply import PreparedBatch, prepare_batch
from ..projections import Reference
from ._consumer import EventConsumer

__all__ = ["Poll", "Prefetcher"]


@dataclass(frozen=True, slots=True)
class Poll:
    batch: PreparedBatch
    lag: int  # records on the broker past this poll, when it was read (0: caught up)


class Prefetcher:
    def __init__(
        self, consumer: EventConsumer, poll_timeout_ms: int, reference: Reference | None = None
    ) -> None:
        self._consumer = consumer
        self._poll_timeout_ms = poll_timeout_ms
        self._reference = reference
        # One poll read ahead: enough to overlap, and little to throw away on a failure.
        self._polls: queue.Queue[Poll | BaseException] = queue.Queue(maxsize=1)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="projector-poll", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def next(self) -> Poll:
        """The next poll, in order; re-raises what the polling thread failed with."""
        while True:
            try:
                item = self._polls.get(timeout=1.0)
            except queue.Empty:
                if not self._thread.is_alive():
                    raise RuntimeError("the polling thread stopped") from None
                continue
            if isinstance(item, BaseException):
                raise item
            return item

    def stop(self) -> None:
        """Stop polling and wait for the thread (a poll in progress ends within its timeout)."""
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        try:
            while not self._stop.is_set():
                records = self._consumer.poll(self._poll_timeout_ms)
                lag = self._consumer.lag()
                self._put(Poll(prepare_batch(records, self._reference), lag))
        except BaseException as exc:  # handed to the applying thread, which decides
            self._put(exc)

    def _put(self, item: Poll | BaseException) -> None:
        while not self._stop.is_set():
            try:
                self._polls.put(item, timeout=0.2)
                return
            except queue.Full:
                continue
