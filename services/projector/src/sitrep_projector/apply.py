"""Applying a batch of consumed records to the read models, exactly once in effect.

One database transaction per poll holds the read-model rows, the applied event ids and the
consumer positions together. A record below the stored position was applied by an earlier
transaction (a redelivery after a crash or a rebalance) and is skipped; an event id already
applied (the same article posted twice) is skipped; a record that is not a valid event, or
that a handler cannot project, goes to the dead letters and the batch carries on.

Decoding and projecting (`prepare_batch`) need neither the database nor the batch before, so
the projector runs them for the next poll while this one is written (see `Prefetcher`); a
prepared event that turns out to be a redelivery or a duplicate is simply not written.

The derived read models (control timelines, incidents) are refreshed in the same
transaction unless the caller defers it (`refresh_derived=False`) to coalesce the refresh of
several batches; `refresh_derived_models` then catches up in a transaction of its own.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Protocol

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session

from sitrep_schemas import AnyEvent, EventContractError, parse_event

from .db.bulk import any_of, insert_ignoring_duplicates, is_postgres, table_of
from .db.dead_letters import DeadLetterRow
from .db.refresh import refresh_pending
from .db.tracking import AppliedEvent, ConsumerPosition
from .db.writer import write_records
from .projections import ReadModelRecord, Reference, project
from .reference import default_reference

__all__ = [
    "BatchOutcome",
    "ConsumedRecord",
    "DeadLetter",
    "DeadLetterSink",
    "PreparedBatch",
    "PreparedRecord",
    "apply_batch",
    "prepare_batch",
    "refresh_derived_models",
]

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ConsumedRecord:
    topic: str
    partition: int
    offset: int
    value: bytes


@dataclass(frozen=True, slots=True)
class DeadLetter:
    record: ConsumedRecord
    error: str
    event_id: str | None = None
    event_type: str | None = None


class DeadLetterSink(Protocol):
    def send(self, letters: Sequence[DeadLetter]) -> None:
        """Durably store the letters, or raise; called before the batch commits."""


@dataclass
class BatchOutcome:
    applied: int = 0
    duplicates: int = 0
    already_applied: int = 0  # below the stored position
    refresh_seconds: float = 0.0  # spent refreshing the derived read models
    dead_letters: list[DeadLetter] = field(default_factory=list)
    next_offsets: dict[tuple[str, int], int] = field(default_factory=dict)


def _lock_positions(
    session: Session, group_id: str, topics: Collection[str]
) -> dict[tuple[str, int], int]:
    positions = table_of(ConsumerPosition)
    query = select(positions.c.topic, positions.c.partition, positions.c.next_offset).where(
        positions.c.group_id == group_id, positions.c.topic.in_(sorted(topics))
    )
    if is_postgres(session):
        # A second consumer of the group waits here, then skips what this one applied; the
        # derived refresh takes the same locks, so it never interleaves with a batch.
        query = query.with_for_update()
    return {(topic, partition): offset for topic, partition, offset in session.execute(query)}


def _stored_positions(
    session: Session, group_id: str, partitions: set[tuple[str, int]]
) -> dict[tuple[str, int], int]:
    locked = _lock_positions(session, group_id, {topic for topic, _ in partitions})
    return {key: offset for key, offset in locked.items() if key in partitions}


def _decode(record: ConsumedRecord) -> AnyEvent | DeadLetter:
    try:
        return parse_event(record.value)
    except EventContractError as exc:
        return DeadLetter(record=record, error=f"not a valid event: {exc}"[:2000])


@dataclass(frozen=True, slots=True)
class PreparedRecord:
    """One consumed record, decoded and projected: its read-model records, or why not."""

    record: ConsumedRecord
    event_id: uuid.UUID | None = None  # None: not an event (`failure` says why)
    projected: tuple[ReadModelRecord, ...] = ()
    failure: DeadLetter | None = None


@dataclass(frozen=True, slots=True)
class PreparedBatch:
    records: tuple[PreparedRecord, ...]


def prepare_batch(
    records: Sequence[ConsumedRecord], reference: Reference | None = None
) -> PreparedBatch:
    """Decode and project every record; pure, so it may run ahead of the database.

    `reference` is the gazetteer and actor dictionary (default: the repository's seeds).
    """
    reference = reference or default_reference()
    return PreparedBatch(tuple(_prepare(record, reference) for record in records))


def _prepare(record: ConsumedRecord, reference: Reference) -> PreparedRecord:
    event = _decode(record)
    if isinstance(event, DeadLetter):
        return PreparedRecord(record, failure=event)
    try:
        projected = tuple(project(event, reference))
    except Exception as exc:  # a handler bug must not stop the log: park the event
        log.exception("projection failed for event %s", event.id)
        failure = DeadLetter(
            record=record,
            error=f"projection failed: {type(exc).__name__}: {exc}"[:2000],
            event_id=str(event.id),
            event_type=event.type,
        )
        return PreparedRecord(record, event_id=event.id, failure=failure)
    return PreparedRecord(record, event_id=event.id, projected=projected)


def apply_batch(
    session: Session,
    batch: Sequence[ConsumedRecord] | PreparedBatch,
    group_id: str,
    dead_letter_sink: DeadLetterSink | None = None,
    refresh_derived: bool = True,
    reference: Reference | None = None,
) -> BatchOutcome:
    """Apply the records in one transaction; the caller commits (or rolls back) the session.

    `batch` is the consumed records, or the same already prepared by `prepare_batch`.
    """
    prepared = batch if isinstance(batch, PreparedBatch) else prepare_batch(batch, reference)
    outcome = BatchOutcome()
    partitions = {(p.record.topic, p.record.partition) for p in prepared.records}
    stored = _stored_positions(session, group_id, partitions)
    fresh = [
        p
        for p in prepared.records
        if p.record.offset >= stored.get((p.record.topic, p.record.partition), 0)
    ]
    outcome.already_applied = len(prepared.records) - len(fresh)

    seen = _already_applied(session, [p.event_id for p in fresh if p.event_id is not None])
    new_records: list[ReadModelRecord] = []
    applied_rows: list[dict[str, object]] = []
    for item in fresh:
        event_id, record = item.event_id, item.record
        if event_id is not None and event_id in seen:
            outcome.duplicates += 1
            continue
        if item.failure is not None:
            outcome.dead_letters.append(item.failure)
            continue
        assert event_id is not None
        seen.add(event_id)
        new_records.extend(item.projected)
        applied_rows.append(
            {
                "event_id": event_id,
                "topic": record.topic,
                "partition": record.partition,
                "offset": record.offset,
            }
        )
        outcome.applied += 1

    write_records(session, new_records)
    insert_ignoring_duplicates(session, AppliedEvent, applied_rows)
    if outcome.dead_letters:
        _park(session, outcome.dead_letters, dead_letter_sink)
    outcome.next_offsets = _advance_positions(session, group_id, [p.record for p in fresh], stored)
    if refresh_derived:
        started = time.perf_counter()
        refresh_pending(session)
        outcome.refresh_seconds = time.perf_counter() - started
    return outcome


def refresh_derived_models(session: Session, group_id: str, topics: Collection[str]) -> int:
    """Recompute every pending derived row, serialised with the group's batches by the same
    position locks; return how many places and units were refreshed."""
    _lock_positions(session, group_id, topics)
    return refresh_pending(session)


def _already_applied(session: Session, event_ids: list[uuid.UUID]) -> set[uuid.UUID]:
    if not event_ids:
        return set()
    column = table_of(AppliedEvent).c.event_id
    return set(session.execute(select(column).where(any_of(session, column, event_ids))).scalars())


def _park(session: Session, letters: list[DeadLetter], sink: DeadLetterSink | None) -> None:
    now = datetime.now(UTC)
    for letter in letters:
        log.warning(
            "dead letter %s[%d]@%d: %s",
            letter.record.topic,
            letter.record.partition,
            letter.record.offset,
            letter.error,
        )
    if sink is not None:
        sink.send(letters)  # before the commit: a failure here retries the whole batch
    insert_ignoring_duplicates(
        session,
        DeadLetterRow,
        [
            {
                "topic": letter.record.topic,
                "partition": letter.record.partition,
                "offset": letter.record.offset,
                "event_id": letter.event_id,
                "event_type": letter.event_type,
                "error": letter.error,
                "value_excerpt": letter.record.value[:2000].decode("utf-8", "replace"),
                "recorded_at": now,
            }
            for letter in letters
        ],
    )


def _advance_positions(
    session: Session,
    group_id: str,
    fresh: Sequence[ConsumedRecord],
    stored: dict[tuple[str, int], int],
) -> dict[tuple[str, int], int]:
    latest: dict[tuple[str, int], int] = {}
    for record in fresh:
        key = (record.topic, record.partition)
        latest[key] = max(latest.get(key, 0), record.offset + 1)
    now = datetime.now(UTC)
    rows = [
        {
            "group_id": group_id,
            "topic": topic,
            "partition": partition,
            "next_offset": next_offset,
            "updated_at": now,
        }
        for (topic, partition), next_offset in sorted(latest.items())
        # never move a position backwards
        if next_offset > stored.get((topic, partition), 0)
    ]
    if rows:
        table = table_of(ConsumerPosition)
        insert = postgresql.insert if is_postgres(session) else sqlite.insert
        statement = insert(table)
        session.execute(
            statement.on_conflict_do_update(
                index_elements=list(table.primary_key.columns),
                set_={
                    "next_offset": statement.excluded.next_offset,
                    "updated_at": statement.excluded.updated_at,
                },
            ),
            rows,
        )
    return latest
