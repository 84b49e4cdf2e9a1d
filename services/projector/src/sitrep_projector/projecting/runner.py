"""The projector loop: poll a batch, apply it in one transaction, repeat; survive outages.

When Kafka is away the consumer keeps reconnecting on its own; when the database is away the
batch is rolled back, the loop backs off and starts a new consumer, which resumes from the
positions stored with the read models, so nothing is lost or applied twice once it returns.
The next poll is read, decoded and projected while a batch is written (`ReadAhead`).

Derived read models are refreshed with every batch once the loop has caught up with the
log. While it works through a backlog (the broker holds more than it has read), it
refreshes them about every `refresh_interval_s` (`RefreshSchedule`): a place named in many
of those batches is then recomputed once, not once per batch. Claim rows and positions are
never deferred.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy.exc import SQLAlchemyError

from sitrep_eventlog import BrokerUnavailable

from ..db import ReadModelStore
from ..db.statistics import ANALYZE_AFTER, BackgroundAnalyze
from ..db.tracking import stored_positions
from ..db.writer import new_stored_facts
from ..gc_tuning import tune_garbage_collector
from ..ports import ConsumedRecord, DeadLetterSink, EventSource, PositionLoader
from ..projections import Reference
from .batch import apply_batch, refresh_derived_models
from .read_ahead import Read, ReadAhead
from .refresh_schedule import RefreshSchedule

__all__ = ["ProjectorRunner", "RunnerStatus", "stored_positions_loader"]

log = logging.getLogger(__name__)


@dataclass
class RunnerStatus:
    state: str = "starting"  # starting, running, kafka_unavailable, database_unavailable, stopped
    last_error: str | None = None
    events_applied: int = 0
    duplicates_skipped: int = 0
    dead_letters: int = 0
    batches: int = 0
    last_batch_at: datetime | None = None
    derived_pending: bool = False  # derived read models lag the claims (catching up)
    refresh_seconds: float = 0.0  # spent refreshing the derived read models, in all


def stored_positions_loader(store: ReadModelStore, group_id: str) -> PositionLoader:
    def load(partitions: list[tuple[str, int]]) -> dict[tuple[str, int], int]:
        wanted = set(partitions)
        with store.session() as session:
            stored = stored_positions(session, group_id)
        return {key: offset for key, offset in stored.items() if key in wanted}

    return load


class ProjectorRunner:
    def __init__(
        self,
        store: ReadModelStore,
        make_consumer: Callable[[PositionLoader], EventSource],
        reference: Reference,
        group_id: str,
        dead_letter_sink: DeadLetterSink | None,
        topic: str,
        poll_timeout_ms: int = 500,
        refresh_interval_s: float = 10.0,
    ) -> None:
        self._store = store
        self._make_consumer = make_consumer
        self._reference = reference
        self._group_id = group_id
        self._sink = dead_letter_sink
        self._topic = topic
        self._poll_timeout_ms = poll_timeout_ms
        self._schedule = RefreshSchedule(refresh_interval_s, last_refresh=time.monotonic())
        self._facts = new_stored_facts()
        self._analyze = BackgroundAnalyze(store.engine)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="projector", daemon=True)
        self.status = RunnerStatus()

    def start(self) -> None:
        tune_garbage_collector()
        self._thread.start()

    def stop(self, timeout_s: float = 15) -> None:
        self._stop.set()
        self._thread.join(timeout=timeout_s)
        self._analyze.wait(timeout_s)
        self.status.state = "stopped"

    def _run(self) -> None:
        delay = 0.2
        while not self._stop.is_set():
            consumer: EventSource | None = None
            reads: ReadAhead | None = None
            try:
                # A new memory with every new consumer: what was stored before a failure or
                # under another build of the tables is simply written (and ignored) again.
                self._facts = new_stored_facts()
                consumer = self._make_consumer(stored_positions_loader(self._store, self._group_id))
                reads = ReadAhead(self._poller(consumer), self._reference).__enter__()
                self.status.state = "running"
                while not self._stop.is_set():
                    poll = reads.next()
                    if poll is None:
                        break
                    if poll.batch.records:
                        self._apply(poll)
                    elif self.status.derived_pending:
                        self._refresh_derived()
                    delay = 0.2
            except BrokerUnavailable as exc:
                self._failed("kafka_unavailable", exc)
            except SQLAlchemyError as exc:
                self._failed("database_unavailable", exc)
            except Exception as exc:  # keep the loop alive; the status endpoint shows the error
                log.exception("projector loop failed")
                self._failed("error", exc)
            finally:
                if reads is not None:
                    reads.stop()  # before closing: the consumer is its thread's until then
                if consumer is not None:
                    consumer.close()
            self._stop.wait(delay)
            delay = min(delay * 2, 5.0)

    def _poller(self, consumer: EventSource) -> Callable[[], tuple[list[ConsumedRecord], int]]:
        def poll() -> tuple[list[ConsumedRecord], int]:
            records = consumer.poll(self._poll_timeout_ms)
            return records, consumer.lag()

        return poll

    def _apply(self, poll: Read) -> None:
        started = time.monotonic()
        refresh = self._schedule.due(started, poll.lag)
        # On failure the caller drops this consumer (and the poll read ahead): the next one
        # resumes from the stored positions.
        with self._store.session() as session:
            outcome = apply_batch(
                session,
                poll.batch,
                self._group_id,
                self._sink,
                refresh_derived=refresh,
                facts=self._facts,
            )
            session.commit()
        if outcome.refreshed >= ANALYZE_AFTER:
            self._analyze.request()
        finished = time.monotonic()
        self._schedule.record_batch(outcome.applied, finished - started)
        status = self.status
        status.derived_pending = not refresh
        if refresh:
            self._schedule.refreshed(finished)
        status.refresh_seconds += outcome.refresh_seconds
        status.events_applied += outcome.applied
        status.duplicates_skipped += outcome.duplicates
        status.dead_letters += len(outcome.dead_letters)
        status.batches += 1
        status.last_batch_at = datetime.now(UTC)
        status.last_error = None
        log.info(
            "applied %d events (%d duplicates, %d dead letters) from %d records",
            outcome.applied,
            outcome.duplicates,
            len(outcome.dead_letters),
            len(poll.batch.records),
        )

    def _refresh_derived(self) -> None:
        started = time.perf_counter()
        with self._store.session() as session:
            refreshed = refresh_derived_models(session, self._group_id, [self._topic])
            session.commit()
        if refreshed >= ANALYZE_AFTER:
            self._analyze.request()
        self.status.derived_pending = False
        self.status.refresh_seconds += time.perf_counter() - started
        self._schedule.refreshed(time.monotonic())
        log.info("refreshed the derived read models of %d places and clustering units", refreshed)

    def _failed(self, state: str, exc: BaseException) -> None:
        self.status.state = state
        self.status.last_error = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        log.warning("projector %s: %s", state, self.status.last_error)
