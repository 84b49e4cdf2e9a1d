"""Reading and preparing the next batch while the previous one is written.

kafka-python parses records in Python, and decoding and projecting events is Python too;
the projector spends much of every batch waiting on the database, which runs on another
core. Reading and preparing (`prepare_batch`) in a thread of their own lets the two overlap.
The live loop and the rebuild both read ahead through this one class. The source (a Kafka
consumer) is used by that thread only (kafka-python consumers are not thread-safe) until
`stop` has joined it.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from ..ports import ConsumedRecord
from ..projections import Reference
from .batch import PreparedBatch, prepare_batch

__all__ = ["Read", "ReadAhead", "Source"]


@dataclass(frozen=True, slots=True)
class Read:
    batch: PreparedBatch
    lag: int  # records on the broker past this batch, when it was read (0: caught up)


# The next records and the lag after them; None when the source has ended.
Source = Callable[[], tuple[list[ConsumedRecord], int] | None]


class _End:
    pass


_END = _End()


class ReadAhead:
    """One batch read and prepared ahead: enough to overlap, little to throw away."""

    def __init__(self, source: Source, reference: Reference) -> None:
        self._source = source
        self._reference = reference
        self._reads: queue.Queue[Read | BaseException | _End] = queue.Queue(maxsize=1)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="projector-read", daemon=True)

    def __enter__(self) -> ReadAhead:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.stop()

    def __iter__(self) -> Iterator[Read]:
        while (read := self.next()) is not None:
            yield read

    def next(self) -> Read | None:
        """The next batch, in order (None: the source ended); re-raises what the reading
        thread failed with."""
        while True:
            try:
                item = self._reads.get(timeout=1.0)
            except queue.Empty:
                if not self._thread.is_alive():
                    raise RuntimeError("the reading thread stopped") from None
                continue
            if isinstance(item, _End):
                return None
            if isinstance(item, BaseException):
                raise item
            return item

    def stop(self) -> None:
        """Stop reading and wait for the thread (a poll in progress ends within its timeout)."""
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()

    def _run(self) -> None:
        try:
            while not self._stop.is_set():
                read = self._source()
                if read is None:
                    self._put(_END)
                    return
                records, lag = read
                self._put(Read(prepare_batch(records, self._reference), lag))
        except BaseException as exc:  # handed to the applying thread, which decides
            self._put(exc)

    def _put(self, item: Read | BaseException | _End) -> None:
        while not self._stop.is_set():
            try:
                self._reads.put(item, timeout=0.2)
                return
            except queue.Full:
                continue
