"""Keyset pagination over any sort column, with a unique tie-breaker for stable order."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from fastapi import HTTPException, status
from sqlalchemy import Select, tuple_
from sqlalchemy.sql.elements import ColumnElement

from .pagination import decode_cursor, encode_cursor

__all__ = ["page_of", "where_after"]

Row = TypeVar("Row")


def where_after(
    query: Select[Any],
    columns: Sequence[ColumnElement[Any]],
    descending: bool,
    cursor: str | None,
    parsers: Sequence[Callable[[Any], Any]],
) -> Select[Any]:
    """Order by `columns` (all one direction) and skip up to the row the cursor names."""
    order = [c.desc() if descending else c.asc() for c in columns]
    query = query.order_by(*order)
    if cursor is None:
        return query
    raw = decode_cursor(cursor, len(columns))
    try:
        values = [parse(v) for parse, v in zip(parsers, raw, strict=True)]
    except (TypeError, ValueError) as exc:
        raise HTTPException(status.HTTP_400_BAD_REQUEST, "invalid cursor") from exc
    if len(columns) == 1:
        return query.where(columns[0] < values[0] if descending else columns[0] > values[0])
    # Row-value comparison works on both PostgreSQL and SQLite (3.15+).
    after = tuple_(*columns) < tuple_(*values) if descending else tuple_(*columns) > tuple_(*values)
    return query.where(after)


def page_of(
    rows: list[Row], limit: int, cursor_of: Callable[[Row], list[Any]]
) -> tuple[list[Row], str | None]:
    more = len(rows) > limit
    rows = rows[:limit]
    return rows, encode_cursor(cursor_of(rows[-1])) if more and rows else None
