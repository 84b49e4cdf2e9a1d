"""The read-model database: one engine, sessions, and schema creation."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import event, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session, SQLModel, create_engine

from . import tables  # noqa: F401  (registers every table with SQLModel.metadata)
from .versioning import stored_version, write_version

__all__ = ["DatabaseUnavailable", "ReadModelStore", "make_engine"]

log = logging.getLogger(__name__)


class DatabaseUnavailable(RuntimeError):
    """The read-model database could not be reached; retrying later may work."""


def make_engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
            cursor = dbapi_connection.cursor()
            # WAL lets the API read while the consumer writes.
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.close()

        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=10)


class ReadModelStore:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @classmethod
    def from_url(cls, url: str) -> ReadModelStore:
        return cls(make_engine(url))

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def create_schema(self) -> None:
        """Create missing tables; a new database is stamped with the projection version."""
        SQLModel.metadata.create_all(self.engine)
        with self.session() as session:
            if stored_version(session) is None:
                write_version(session)
                session.commit()

    @contextmanager
    def session(self) -> Iterator[Session]:
        with Session(self.engine, expire_on_commit=False) as session:
            yield session

    def ping(self) -> None:
        try:
            with self.engine.connect() as connection:
                connection.execute(text("SELECT 1"))
        except SQLAlchemyError as exc:
            raise DatabaseUnavailable(str(exc).splitlines()[0]) from exc

    def dispose(self) -> None:
        self.engine.dispose()
