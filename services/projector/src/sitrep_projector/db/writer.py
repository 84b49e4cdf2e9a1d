"""Writing projection records: each record type to its table, one bulk insert per table."""

from __future__ import annotations

import dataclasses
import operator
from collections.abc import Callable, Sequence
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

__all__ = ["TABLE_OF_RECORD", "write_records"]

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


def write_records(session: Session, records: Sequence[ReadModelRecord]) -> None:
    by_type: dict[type[ReadModelRecord], dict[Any, tuple[Any, ...]]] = {}
    for record in records:
        layout = _LAYOUTS[type(record)]
        values = layout.values(record)
        # Records are facts keyed by their primary key and the first write wins: a place
        # named by 200 claims of one batch is one row to send, not 200.
        by_type.setdefault(type(record), {}).setdefault(layout.key(values), values)
    for record_type, rows in by_type.items():
        insert_tuples(
            session,
            TABLE_OF_RECORD[record_type],
            _LAYOUTS[record_type].names,
            list(rows.values()),
            ignore_duplicates=True,
        )
    # Derived read models (timelines, incidents) recompute what the new records touched.
    mark_pending(session, records)


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
