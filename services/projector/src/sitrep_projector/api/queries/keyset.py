"""Keyset pagination over any sort column, with a unique tie-breaker for stable order.

Offsets shift when rows arrive between two requests; a cursor that names the last row seen
does not, so a dashboard paging through a growing list neither skips nor repeats a row.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from fastapi import HTTPException, status
from sqlalchemy import Select, tuple_
from sqlalchemy.sql.elements import ColumnElement

__all__ = ["decode_cursor", "encode_cursor", "page_of", "where_after"]

Row = TypeVar("Row")


def encode_cursor(values: list[Any]) -> str:
    raw = json.dumps(values, default=str, separators=(",", ":")).encode("utf-8")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def _invalid() -> HTTPException:
    return HTTPException(status.HTTP_400_BAD_REQUEST, "invalid cursor")


def decode_cursor(cursor: str, arity: int) -> list[Any]:
    """The values a cursor of `encode_cursor` holds; a 400 for anything else."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        values = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
    except (ValueError, UnicodeError) as exc:
        raise _invalid() from exc
    if not isinstance(values, list) or len(values) != arity:
        raise _invalid()
    if not all(isinstance(v, str | int) and not isinstance(v, bool) for v in values):
        raise _invalid()
    return values


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
    except (TypeError, ValueError, OverflowError) as exc:
        raise _invalid() from exc
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
