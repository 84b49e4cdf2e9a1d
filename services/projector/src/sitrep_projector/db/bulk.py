"""Bulk writes: one statement per table per batch, never a round trip per event."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, SQLModel

__all__ = ["insert_ignoring_duplicates", "table_of"]


def table_of(model: type[SQLModel]) -> Table:
    table = model.__table__  # type: ignore[attr-defined]
    assert isinstance(table, Table)
    return table


def insert_ignoring_duplicates(
    session: Session, model: type[SQLModel], rows: Sequence[Mapping[str, Any]]
) -> None:
    """INSERT ... ON CONFLICT DO NOTHING for many rows (facts: the first write wins)."""
    if not rows:
        return
    table = table_of(model)
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    session.execute(insert(table).on_conflict_do_nothing(), list(rows))
