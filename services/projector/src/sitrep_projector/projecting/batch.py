"""Applying a batch of consumed records to the read models, exactly once in effect.

One database transaction per poll holds the read-model rows, the applied event ids and the
consumer positions together. A record below the stored position was applied by an earlier
transaction (a redelivery after a crash or a rebalance) and is skipped; an event id already
applied (the same article posted twice) is skipped; a record that is not a valid event, or
that a handler cannot project, goes to the dead letters and the batch carries on.

Decoding and projecting (`prepare_batch`) need neither the database nor the batch before, so
the projector runs them for the next poll while this one is written (see `ReadAhead`); a
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

from sqlmodel import Session

from sitrep_schemas import AnyEvent, EventContractError, parse_event

from ..db.dead_letters import store_dead_letters
from ..db.refresh import refresh_pending
from ..db.stored_facts import StoredFacts
from ..db.tracking import (
    advance_positions,
    already_applied,
    lock_positions,
    record_applied,
)
from ..db.writer import write_records
from ..ports import ConsumedRecord, DeadLetter, DeadLetterSink
from ..projections import ReadModelRecord, Reference, project

__all__ = [
    "BatchOutcome",
    "PreparedBatch",
    "PreparedRecord",
    "apply_batch",
    "prepare_batch",
    "refresh_derived_models",
]

log = logging.getLogger(__name__)


@dataclass
class BatchOutcome:
    applied: int = 0
    duplicates: int = 0
    already_applied: int = 0  # below the stored position
    refresh_seconds: float = 0.0  # spent refreshing the derived read models
    refreshed: int = 0  # places and clustering units refreshed
    dead_letters: list[DeadLetter] = field(default_factory=list)
    next_offsets: dict[tuple[str, int], int] = field(default_factory=dict)


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


def prepare_batch(records: Sequence[ConsumedRecord], reference: Reference) -> PreparedBatch:
    """Decode and project every record; pure, so it may run ahead of the database.

    `reference` is the gazetteer and actor dictionary the projections read.
    """
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
    batch: PreparedBatch,
    group_id: str,
    dead_letter_sink: DeadLetterSink | None = None,
    refresh_derived: bool = True,
    facts: StoredFacts | None = None,
) -> BatchOutcome:
    """Apply a prepared batch in one transaction; the caller commits (or rolls back).

    `facts` is the caller's memory of the places and actors already in these tables, kept
    from batch to batch (see `StoredFacts`).
    """
    outcome = BatchOutcome()
    partitions = {(p.record.topic, p.record.partition) for p in batch.records}
    locked = lock_positions(session, group_id, {topic for topic, _ in partitions})
    stored = {key: offset for key, offset in locked.items() if key in partitions}
    fresh = [
        p
        for p in batch.records
        if p.record.offset >= stored.get((p.record.topic, p.record.partition), 0)
    ]
    outcome.already_applied = len(batch.records) - len(fresh)

    seen = already_applied(session, [p.event_id for p in fresh if p.event_id is not None])
    new_records: list[ReadModelRecord] = []
    applied: list[tuple[uuid.UUID, str, int, int]] = []
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
        applied.append((event_id, record.topic, record.partition, record.offset))
        outcome.applied += 1

    write_records(session, new_records, facts)
    record_applied(session, applied)
    if outcome.dead_letters:
        _park(session, outcome.dead_letters, dead_letter_sink)
    outcome.next_offsets = advance_positions(
        session,
        group_id,
        [(p.record.topic, p.record.partition, p.record.offset) for p in fresh],
        stored,
    )
    if refresh_derived:
        started = time.perf_counter()
        outcome.refreshed = refresh_pending(session)
        outcome.refresh_seconds = time.perf_counter() - started
    return outcome


def refresh_derived_models(session: Session, group_id: str, topics: Collection[str]) -> int:
    """Recompute every pending derived row, serialised with the group's batches by the same
    position locks; return how many places and units were refreshed."""
    lock_positions(session, group_id, topics)
    return refresh_pending(session)


def _park(session: Session, letters: list[DeadLetter], sink: DeadLetterSink | None) -> None:
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
    store_dead_letters(session, letters)
