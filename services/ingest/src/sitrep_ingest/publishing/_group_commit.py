"""Group commit: articles that arrive within a few milliseconds share one Kafka transaction.

A transactional producer has one open transaction at a time and each commit with acks=all
costs a round trip or two, which caps one-transaction-per-request at a few hundred articles
per second. Here each worker thread owns one producer (its own transactional.id); it takes
the first waiting article, gathers whatever else arrives within `linger_s`, publishes them
all in one transaction and answers every waiting request when the commit returns. Each
article is still all-or-nothing because the whole transaction is.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Protocol

from sitrep_eventlog import BrokerUnavailable, EncodedEvent

__all__ = ["GroupCommitter", "TransactionalProducer"]

log = logging.getLogger(__name__)


class TransactionalProducer(Protocol):
    """The slice of kafka-python's KafkaProducer that group commit uses."""

    def init_transactions(self) -> None: ...
    def begin_transaction(self) -> None: ...
    def send_record(self, record: EncodedEvent) -> None: ...
    def commit_transaction(self) -> None: ...
    def close(self) -> None: ...


@dataclass(eq=False)
class _Pending:
    records: Sequence[EncodedEvent]
    deadline: float
    future: Future[None] = field(default_factory=Future)


_STOP = object()


class GroupCommitter:
    def __init__(
        self,
        make_producer: Callable[[int], TransactionalProducer],
        *,
        workers: int = 2,
        linger_s: float = 0.002,
        max_batch: int = 64,
        on_commit: Callable[[float, int, int, bool], None] | None = None,
    ) -> None:
        self._make_producer = make_producer
        # Called after every transaction: (seconds, articles, records, committed).
        self._on_commit = on_commit
        self._linger_s = linger_s
        self._max_batch = max_batch
        self._queue: queue.Queue[_Pending | object] = queue.Queue()
        self._threads = [
            threading.Thread(target=self._work, args=(n,), name=f"group-commit-{n}", daemon=True)
            for n in range(workers)
        ]
        for thread in self._threads:
            thread.start()

    def submit(self, records: Sequence[EncodedEvent], timeout_s: float) -> Future[None]:
        pending = _Pending(records=records, deadline=time.monotonic() + timeout_s)
        self._queue.put(pending)
        return pending.future

    def close(self) -> None:
        for _ in self._threads:
            self._queue.put(_STOP)
        for thread in self._threads:
            thread.join(timeout=10)

    def _gather(self, first: _Pending) -> tuple[list[_Pending], bool]:
        batch, stop = [first], False
        until = time.monotonic() + self._linger_s
        while len(batch) < self._max_batch:
            try:
                item = self._queue.get(timeout=max(0.0, until - time.monotonic()))
            except queue.Empty:
                break
            if item is _STOP:
                stop = True
                break
            assert isinstance(item, _Pending)
            batch.append(item)
        return batch, stop

    def _work(self, worker: int) -> None:
        producer: TransactionalProducer | None = None
        while True:
            item = self._queue.get()
            if item is _STOP:
                break
            assert isinstance(item, _Pending)
            batch, stop = self._gather(item)
            now = time.monotonic()
            # A request that already timed out was told 503: do not publish it behind its back.
            live = [
                p for p in batch if p.deadline > now and p.future.set_running_or_notify_cancel()
            ]
            for p in batch:
                if p not in live and not p.future.done():
                    p.future.set_exception(BrokerUnavailable("timed out waiting for a producer"))
            if live:
                producer = self._commit(worker, producer, live)
            if stop:
                break
        if producer is not None:
            producer.close()

    def _commit(
        self, worker: int, producer: TransactionalProducer | None, batch: list[_Pending]
    ) -> TransactionalProducer | None:
        started = time.perf_counter()
        records = sum(len(p.records) for p in batch)
        try:
            if producer is None:
                producer = self._make_producer(worker)
                producer.init_transactions()
            producer.begin_transaction()
            for pending in batch:
                for record in pending.records:
                    producer.send_record(record)
            producer.commit_transaction()
        except Exception as exc:  # any failure: the transaction did not commit
            log.warning("transaction of %d article(s) failed: %s", len(batch), exc)
            self._report(time.perf_counter() - started, len(batch), records, committed=False)
            error = exc if isinstance(exc, BrokerUnavailable) else BrokerUnavailable(str(exc))
            for pending in batch:
                pending.future.set_exception(error)
            # A fresh producer with the same transactional.id fences this one and aborts
            # whatever it left open, which is simpler and safer than abort-and-continue.
            if producer is not None:
                _close_quietly(producer)
            return None
        self._report(time.perf_counter() - started, len(batch), records, committed=True)
        for pending in batch:
            pending.future.set_result(None)
        return producer

    def _report(self, seconds: float, articles: int, records: int, *, committed: bool) -> None:
        if self._on_commit is not None:
            try:
                self._on_commit(seconds, articles, records, committed)
            except Exception as exc:  # a metrics hook must never fail a transaction
                log.debug("on_commit hook failed: %s", exc)


def _close_quietly(producer: TransactionalProducer) -> None:
    try:
        producer.close()
    except Exception as exc:  # closing a broken producer must not kill the worker
        log.debug("closing a failed producer: %s", exc)
