"""Shapes several resources share: a page, a casualty estimate."""

from __future__ import annotations

from typing import Generic, TypeVar

from pydantic import BaseModel, Field

__all__ = ["Estimate", "Page"]

T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    items: list[T]
    next_cursor: str | None = Field(
        description="Pass as `cursor` to get the next page; null on the last page."
    )


class Estimate(BaseModel):
    """UCDP-style: low = least of the sources' lows, high = greatest high, best = median.
    Null when no source gives a number (unknown, not zero)."""

    low: int | None = Field(ge=0)
    best: int | None = Field(ge=0)
    high: int | None = Field(ge=0)
