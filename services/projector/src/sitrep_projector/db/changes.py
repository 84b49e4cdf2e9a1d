"""The change log of the derived read models: every incident and control interval created,
changed or retracted, in the order the refreshes committed them.

A refresh already knows exactly which rows it rewrites (it compares fingerprints), so it
appends one change per row in the same transaction as the rows themselves; `GET
/v1/changes` reads the log after a sequence number. Refreshes are serialised by the
group's position locks, so the sequence grows in commit order and a reader paging by it
never skips a change.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import BigInteger, Column, Identity, Integer
from sqlmodel import Field, Session, SQLModel

from .bulk import insert_tuples
from .types import UtcDateTime

__all__ = ["Change", "ChangeRow", "Resource", "diff", "record_changes"]


class Change(StrEnum):
    CREATED = "created"
    CHANGED = "changed"
    RETRACTED = "retracted"


class Resource(StrEnum):
    INCIDENT = "incident"
    CONTROL = "control"


class ChangeRow(SQLModel, table=True):
    __tablename__ = "read_model_changes"

    seq: int | None = Field(
        default=None,
        sa_column=Column(
            # SQLite numbers rows itself only for an INTEGER PRIMARY KEY.
            BigInteger().with_variant(Integer(), "sqlite"),
            Identity(),
            primary_key=True,
        ),
    )
    resource: str
    change: str
    incident_key: uuid.UUID | None = None
    place_id: str | None = None
    part_key: str | None = None
    valid_from: date | None = None
    recorded_at: datetime = Field(sa_column=Column(UtcDateTime, nullable=False))


def diff(stored: dict[Any, str], wanted: dict[Any, str]) -> list[tuple[Any, Change]]:
    """Key -> fingerprint before and after: what was created, changed and retracted."""
    changes = [
        (key, Change.CREATED if key not in stored else Change.CHANGED)
        for key, fingerprint in wanted.items()
        if stored.get(key) != fingerprint
    ]
    changes += [(key, Change.RETRACTED) for key in stored if key not in wanted]
    return sorted(changes, key=lambda kc: str(kc[0]))


_COLUMNS = (
    "resource",
    "change",
    "incident_key",
    "place_id",
    "part_key",
    "valid_from",
    "recorded_at",
)


def record_changes(
    session: Session, resource: Resource, changes: Iterable[tuple[Any, Change]]
) -> None:
    now = datetime.now(UTC)
    kind = resource.value
    # One tuple per change in `_COLUMNS` order: a refresh after a backlog logs tens of
    # thousands of them.
    rows: list[tuple[Any, ...]]
    if resource is Resource.INCIDENT:
        rows = [(kind, change.value, key, None, None, None, now) for key, change in changes]
    else:
        rows = [(kind, change.value, None, *key, now) for key, change in changes]
    insert_tuples(session, ChangeRow, _COLUMNS, rows, ignore_duplicates=False)
