"""Actor ids (or sides) kept as one text column, `|a|b|`, to be matched with LIKE.

One id is found with LIKE '%|id|%' on any database: no array type, no join table.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import ColumnElement

__all__ = ["actor_ids", "actors_text", "lists_actor"]


def actors_text(ids: Iterable[str]) -> str:
    """`|a|b|`, sorted; empty for no ids."""
    ordered = sorted(ids)
    return f"|{'|'.join(ordered)}|" if ordered else ""


def actor_ids(text: str) -> list[str]:
    """The ids `actors_text` wrote, in its order."""
    return [part for part in text.split("|") if part]


def lists_actor(column: ColumnElement[Any], actor_id: str) -> ColumnElement[bool]:
    """Whether an `actors_text` column holds this id."""
    return column.contains(f"|{actor_id}|")
