"""Writing projection records: each record type to its table, one bulk insert per table."""

from __future__ import annotations

import dataclasses
import operator
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, SQLModel

from ..projections import (
    ActorRecord,
    AllegationRecord,
    ArticleRecord,
    ControlClaimRecord,
    DisputeRecord,
    DisputeTargetRecord,
    InterpretationRecord,
    ParagraphRecord,
    PlaceRecord,
    ReadModelRecord,
)
from .articles import ArticleRow, ParagraphRow
from .bulk import insert_tuples, table_of
from .claims import AllegationRow, ControlClaimRow, DisputeRow, DisputeTargetRow, InterpretationRow
from .places import ActorRow, PlaceRow
from .refresh import mark_pending
from .stored_facts import StoredFacts

__all__ = [
    "ONE_PER_EVENT",
    "REPEATED_FACTS",
    "TABLE_OF_RECORD",
    "new_stored_facts",
    "write_records",
]

TABLE_OF_RECORD: dict[type[ReadModelRecord], type[SQLModel]] = {
    ArticleRecord: ArticleRow,
    ParagraphRecord: ParagraphRow,
    ControlClaimRecord: ControlClaimRow,
    AllegationRecord: AllegationRow,
    DisputeRecord: DisputeRow,
    DisputeTargetRecord: DisputeTargetRow,
    InterpretationRecord: InterpretationRow,
    PlaceRecord: PlaceRow,
    ActorRecord: ActorRow,
}


# Facts that many claims name again and again: worth remembering once stored.
REPEATED_FACTS: tuple[type[SQLModel], ...] = (PlaceRow, ActorRow)

# Rows keyed by the id of the one event they come from. `apply_batch` writes an event at
# most once (its id is checked against the applied ids, under the group's position locks,
# in the same transaction), so these cannot conflict: on PostgreSQL they are copied straight
# into their tables, without a staging table and its ON CONFLICT move.
ONE_PER_EVENT: frozenset[type[SQLModel]] = frozenset(
    {ControlClaimRow, AllegationRow, DisputeRow, DisputeTargetRow, InterpretationRow}
)


def new_stored_facts() -> StoredFacts:
    """An empty memory of the places and actors stored, for one set of tables."""
    return StoredFacts(REPEATED_FACTS)


def write_records(
    session: Session, records: Sequence[ReadModelRecord], facts: StoredFacts | None = None
) -> None:
    """Write the records, each type with one statement, and mark what they touched.

    With `facts`, places and actors it knows to be committed already are not sent again,
    and those written here are remembered once the session commits.
    """
    by_type: dict[type[ReadModelRecord], list[ReadModelRecord]] = {}
    for record in records:
        by_type.setdefault(type(record), []).append(record)
    written: dict[type[SQLModel], Collection[Any]] = {}
    for record_type, of_type in by_type.items():
        layout = _LAYOUTS[record_type]
        rows: dict[Any, tuple[Any, ...]] = {}
        for values in map(layout.values, of_type):
            # Records are facts keyed by their primary key and the first write wins: a place
            # named by 200 claims of one batch is one row to send, not 200.
            rows.setdefault(layout.key(values), values)
        model = TABLE_OF_RECORD[record_type]
        if facts is not None and model in REPEATED_FACTS:
            rows = facts.unsent(model, rows)
            written[model] = rows.keys()
        insert_tuples(
            session,
            model,
            layout.names,
            list(rows.values()),
            ignore_duplicates=model not in ONE_PER_EVENT,
        )
    if facts is not None:
        facts.remember_on_commit(session, written)
    # Derived read models (timelines, incidents) recompute what the new records touched.
    mark_pending(session, by_type)


@dataclass(frozen=True)
class _Layout:
    """A record type's fields in order, read in C by `attrgetter`, and its key's positions."""

    names: tuple[str, ...]
    values: Callable[[ReadModelRecord], tuple[Any, ...]]
    key: Callable[[tuple[Any, ...]], Any]


def _layout(record_type: type[ReadModelRecord], model: type[SQLModel]) -> _Layout:
    names = tuple(f.name for f in dataclasses.fields(record_type))
    key = [names.index(c.name) for c in table_of(model).primary_key.columns]
    return _Layout(names, operator.attrgetter(*names), operator.itemgetter(*key))


_LAYOUTS: dict[type[ReadModelRecord], _Layout] = {
    record_type: _layout(record_type, model) for record_type, model in TABLE_OF_RECORD.items()
}
