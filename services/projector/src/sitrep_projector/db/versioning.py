"""The projection version stored with the read models.

Bump `PROJECTION_VERSION` whenever projection code or a read-model table changes: a
projector that finds another version in its database rebuilds from the log instead of
needing a hand-written migration. The reference data the projection reads (gazetteer, actor
dictionary) is stamped beside it, so that a changed gazetteer rebuilds too.
"""

from __future__ import annotations

import secrets

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Field, Session, SQLModel

__all__ = [
    "PROJECTION_VERSION",
    "ProjectionMeta",
    "changes_epoch",
    "reference_stamp",
    "stored_reference",
    "stored_version",
    "write_version",
]

PROJECTION_VERSION = 8


class ProjectionMeta(SQLModel, table=True):
    __tablename__ = "projection_meta"

    name: str = Field(primary_key=True)
    version: int


def reference_stamp(fingerprint: str) -> int:
    """The reference data's fingerprint as the integer `ProjectionMeta` holds."""
    return int(fingerprint[:7], 16) if fingerprint != "none" else 0


def _stored(session: Session, name: str) -> int | None:
    try:
        row = session.execute(
            select(ProjectionMeta).where(ProjectionMeta.name == name)  # type: ignore[arg-type]
        ).scalar_one_or_none()
    except SQLAlchemyError:
        session.rollback()
        return None
    return row.version if row else None


def stored_version(session: Session) -> int | None:
    """None when the database has no read models yet (or predates versioning)."""
    return _stored(session, "read_models")


def stored_reference(session: Session) -> int | None:
    """The stamp of the reference data the read models were built with (None: not known)."""
    return _stored(session, "reference_data")


def _write(session: Session, name: str, version: int) -> None:
    row = session.get(ProjectionMeta, name)
    if row is None:
        session.add(ProjectionMeta(name=name, version=version))
    else:
        row.version = version
        session.add(row)


def changes_epoch(session: Session) -> int:
    """Which build of the read models the change log belongs to (0: not known): a rebuild
    starts a new log, and a cursor of the old one must not be read against it."""
    return _stored(session, "changes_epoch") or 0


def write_version(
    session: Session, version: int = PROJECTION_VERSION, reference: int | None = None
) -> None:
    """Stamp new read models (a new database, or a rebuild's fresh tables)."""
    _write(session, "read_models", version)
    if _stored(session, "changes_epoch") is None:
        _write(session, "changes_epoch", secrets.randbelow(2**31 - 1) + 1)
    if reference is not None:
        _write(session, "reference_data", reference)
