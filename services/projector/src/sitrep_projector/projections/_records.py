"""Row changes as plain data: what a projection asks the database to store."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeAlias

__all__ = ["ReadModelRecord", "Record"]


@dataclass(frozen=True, slots=True)
class ReadModelRecord:
    """Base of every record a projection emits; the db layer maps each type to a table.

    Records are facts: writing one that already exists (same primary key) changes nothing.
    """


Record: TypeAlias = ReadModelRecord
