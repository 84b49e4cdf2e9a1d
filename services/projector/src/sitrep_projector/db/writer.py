"""Writing projection records: each record type to its table, one bulk insert per table."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
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
from .bulk import insert_ignoring_duplicates, table_of
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
    by_type: dict[type[ReadModelRecord], dict[tuple[Any, ...], dict[str, Any]]] = {}
    for record in records:
        record_type = type(record)
        names, key = _layout(record_type)
        values = {name: getattr(record, name) for name in names}
        # Records are facts keyed by their primary key and the first write wins: a place
        # named by 200 claims of one batch is one row to send, not 200.
        by_type.setdefault(record_type, {}).setdefault(tuple(values[k] for k in key), values)
    for record_type, rows in by_type.items():
        insert_ignoring_duplicates(session, TABLE_OF_RECORD[record_type], list(rows.values()))
    # Derived read models (timelines, incidents) recompute what the new records touched.
    mark_pending(session, records)


_LAYOUTS: dict[type[ReadModelRecord], tuple[tuple[str, ...], tuple[str, ...]]] = {
    record_type: (
        tuple(f.name for f in dataclasses.fields(record_type)),
        tuple(c.name for c in table_of(model).primary_key.columns),
    )
    for record_type, model in TABLE_OF_RECORD.items()
}


def _layout(record_type: type[ReadModelRecord]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The record's field names, and those that form its table's primary key."""
    return _LAYOUTS[record_type]
