"""Writing projection records: each record type to its table, one bulk insert per table."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
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
from .bulk import insert_ignoring_duplicates
from .claims import AllegationRow, ControlClaimRow, DisputeRow, DisputeTargetRow, InterpretationRow
from .places import ActorRow, PlaceRow
from .refresh import refresh_derived

__all__ = ["REFRESHERS", "TABLE_OF_RECORD", "Refresher", "write_records"]

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

# Derived read models (timelines, incidents) recompute what the new records touched.
Refresher = Callable[[Session, Sequence[ReadModelRecord]], None]
REFRESHERS: tuple[Refresher, ...] = (refresh_derived,)


def write_records(session: Session, records: Sequence[ReadModelRecord]) -> None:
    by_type: dict[type[ReadModelRecord], list[dict[str, Any]]] = {}
    for record in records:
        by_type.setdefault(type(record), []).append(_values(record))
    for record_type, rows in by_type.items():
        insert_ignoring_duplicates(session, TABLE_OF_RECORD[record_type], rows)
    for refresh in REFRESHERS:
        refresh(session, records)


def _values(record: ReadModelRecord) -> dict[str, Any]:
    return {f.name: getattr(record, f.name) for f in dataclasses.fields(record)}
