"""Cursor pagination: stable ordering on a unique key, an opaque cursor for the next page.

Offsets shift when rows arrive between two requests; a cursor that names the last row seen
does not, so a dashboard paging through a growing list neither skips nor repeats a row.
"""

from __future__ import annotations

import base64
import json
from typing import Annotated, Any, Generic, TypeVar

from fastapi import HTTPException, Query, status
from pydantic import BaseModel, Field

__all__ = ["CursorQuery", "LimitQuery", "Page", "decode_cursor", "encode_cursor"]

T = TypeVar("T")

LimitQuery = Annotated[int, Query(ge=1, le=500, description="Items per page.")]
CursorQuery = Annotated[
    str | None, Query(description="`next_cursor` of the previous page; omit for the first page.")
]


class Page(BaseModel, Generic[T]):
    items: list[T]
    next_cursor: str | None = Field(
        description="Pass as `cursor` to get the next page; null on the last page."
    )


def encode_cursor(values: list[Any]) -> str:
    raw = json.dumps(values, default=str, separators=(",", ":")).encode("utf-8")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def decode_cursor(cursor: str, arity: int) -> list[Any]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        values = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
    except ValueError as exc:
        raise HTTPException(status.HTTP_400_BAD_REQUEST, "invalid cursor") from exc
    if not isinstance(values, list) or len(values) != arity:
        raise HTTPException(status.HTTP_400_BAD_REQUEST, "invalid cursor")
    return values
