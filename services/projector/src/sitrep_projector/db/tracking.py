"""What the projector has applied: consumer positions and event ids, and nothing else does.

Written in the same transaction as the read-model rows (pyeventsourcing's TrackingRecorder),
so a crash between applying and recording cannot lose or double-apply an event. Every read
and write of `projector_positions` and `projector_applied_events` is in this module.
"""

from __future__ import annotations

import uuid
from collections.abc import Collection, Iterable, Mapping, Sequence
from datetime import UTC, datetime

from sqlalchemy import BigInteger, Column, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Field, Session, SQLModel

from .bulk import any_of, insert_tuples, is_postgres, table_of
from .types import UtcDateTime

__all__ = [
    "AppliedEvent",
    "ConsumerPosition",
    "Position",
    "advance_positions",
    "already_applied",
    "lock_positions",
    "record_applied",
    "stored_positions",
]

Position = tuple[str, int]  # (topic, partition)


class ConsumerPosition(SQLModel, table=True):
    """The next offset to read, per (consumer group, topic, partition)."""

    __tablename__ = "projector_positions"

    group_id: str = Field(primary_key=True)
    topic: str = Field(primary_key=True)
    partition: int = Field(primary_key=True)
    next_offset: int = Field(sa_column=Column(BigInteger, nullable=False))
    updated_at: datetime = Field(sa_column=Column(UtcDateTime, nullable=False))


class AppliedEvent(SQLModel, table=True):
    """Every event id applied once; re-posted articles carry the same ids and are skipped."""

    __tablename__ = "projector_applied_events"

    event_id: uuid.UUID = Field(primary_key=True)
    topic: str
    partition: int
    offset: int = Field(sa_column=Column(BigInteger, nullable=False))


def stored_positions(session: Session, group_id: str) -> dict[Position, int]:
    """(topic, partition) -> next offset to read, as last committed by the group."""
    positions = table_of(ConsumerPosition)
    rows = session.execute(
        select(positions.c.topic, positions.c.partition, positions.c.next_offset).where(
            positions.c.group_id == group_id
        )
    )
    return {(topic, partition): offset for topic, partition, offset in rows}


def lock_positions(session: Session, group_id: str, topics: Collection[str]) -> dict[Position, int]:
    """The group's positions on these topics, locked until the transaction ends.

    A second consumer of the group waits here, then skips what this one applied; the
    derived refresh takes the same locks, so it never interleaves with a batch.
    """
    positions = table_of(ConsumerPosition)
    query = select(positions.c.topic, positions.c.partition, positions.c.next_offset).where(
        positions.c.group_id == group_id, positions.c.topic.in_(sorted(topics))
    )
    if is_postgres(session):
        query = query.with_for_update()
    return {(topic, partition): offset for topic, partition, offset in session.execute(query)}


def already_applied(session: Session, event_ids: Collection[uuid.UUID]) -> set[uuid.UUID]:
    """Those of the ids applied by an earlier transaction."""
    if not event_ids:
        return set()
    column = table_of(AppliedEvent).c.event_id
    return set(
        session.execute(select(column).where(any_of(session, column, list(event_ids)))).scalars()
    )


_APPLIED_COLUMNS = ("event_id", "topic", "partition", "offset")


def record_applied(session: Session, applied: Sequence[tuple[uuid.UUID, str, int, int]]) -> None:
    """Record (event id, topic, partition, offset) of each event this transaction applied.

    The caller has checked the ids with `already_applied` under the position locks and
    passes each once: the rows cannot conflict, so they are copied straight in.
    """
    insert_tuples(session, AppliedEvent, _APPLIED_COLUMNS, applied, ignore_duplicates=False)


def advance_positions(
    session: Session,
    group_id: str,
    offsets: Iterable[tuple[str, int, int]],
    stored: Mapping[Position, int],
) -> dict[Position, int]:
    """Move the group's positions past these (topic, partition, offset) records.

    A position never moves backwards: an upsert older than the stored one is dropped.
    Returns the next offset of every partition the records name.
    """
    latest: dict[Position, int] = {}
    for topic, partition, offset in offsets:
        key = (topic, partition)
        latest[key] = max(latest.get(key, 0), offset + 1)
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
