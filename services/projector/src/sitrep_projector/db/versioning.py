"""The projection version stored with the read models.

Bump `PROJECTION_VERSION` whenever projection code or a read-model table changes: a
projector that finds another version in its database rebuilds from the log instead of
needing a hand-written migration.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Field, Session, SQLModel

__all__ = ["PROJECTION_VERSION", "ProjectionMeta", "stored_version", "write_version"]

PROJECTION_VERSION = 2


class ProjectionMeta(SQLModel, table=True):
    __tablename__ = "projection_meta"

    name: str = Field(primary_key=True)
    version: int


def stored_version(session: Session) -> int | None:
    """None when the database has no read models yet (or predates versioning)."""
    try:
        row = session.execute(
            select(ProjectionMeta).where(ProjectionMeta.name == "read_models")  # type: ignore[arg-type]
        ).scalar_one_or_none()
    except SQLAlchemyError:
        session.rollback()
        return None
    return row.version if row else None


def write_version(session: Session, version: int = PROJECTION_VERSION) -> None:
    row = session.get(ProjectionMeta, "read_models")
    if row is None:
        session.add(ProjectionMeta(name="read_models", version=version))
    else:
        row.version = version
        session.add(row)
