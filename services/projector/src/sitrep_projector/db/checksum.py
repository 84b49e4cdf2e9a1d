"""A checksum per read-model table, row by row in key order: equal sums, equal read models.

Bookkeeping that legitimately differs between two builds of the same log is left out: when
a position was written, and the dead letters' surrogate ids and park times.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from sqlalchemy import Table, select
from sqlmodel import Session, SQLModel

from . import tables

__all__ = ["READ_MODEL_TABLES", "read_model_checksums"]

READ_MODEL_TABLES: tuple[type[SQLModel], ...] = (
    tables.ArticleRow,
    tables.ParagraphRow,
    tables.ControlClaimRow,
    tables.AllegationRow,
    tables.DisputeRow,
    tables.DisputeTargetRow,
    tables.InterpretationRow,
    tables.PlaceRow,
    tables.ActorRow,
    tables.ControlIntervalRow,
    tables.IncidentRow,
    tables.IncidentMemberRow,
    tables.AppliedEvent,
)


def _canonical(value: Any) -> Any:
    if isinstance(value, float):
        return repr(round(value, 9))
    if isinstance(value, list):
        return [_canonical(v) for v in value]
    return str(value) if value is not None else None


def read_model_checksums(session: Session) -> dict[str, tuple[int, str]]:
    """table name -> (row count, sha256 over its rows in primary-key order)."""
    sums: dict[str, tuple[int, str]] = {}
    for model in READ_MODEL_TABLES:
        table: Table = model.__table__  # type: ignore[attr-defined]
        digest = hashlib.sha256()
        count = 0
        key = list(table.primary_key.columns)
        for row in session.execute(select(table).order_by(*key)).mappings():
            values = {name: _canonical(row[name]) for name in sorted(row.keys())}
            digest.update(json.dumps(values, sort_keys=True).encode("utf-8"))
            count += 1
        sums[table.name] = (count, digest.hexdigest())
    return sums
