"""The read-model database: one engine, sessions, and schema creation."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import orjson
from psycopg.types.json import set_json_loads
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


def make_engine(url: str, reader: bool = False) -> Engine:
    """The engine of the read models; with `reader`, one for the API's reads only.

    A reader (PostgreSQL only) runs every statement in autocommit: each one reads its own
    snapshot, as it would inside a READ COMMITTED transaction, and a request saves the BEGIN
    and ROLLBACK round trips around its SELECTs. Nor does it ping a connection before each
    use: after a database restart the first request on a dead connection is a 503 (see
    `api/errors.py`) and invalidates the pool, so the next one reconnects.
    """
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
    if reader:
        engine = create_engine(url, isolation_level="AUTOCOMMIT", pool_size=10, max_overflow=10)
    else:
        engine = create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=10)

    @event.listens_for(engine, "connect")
    def _fast_json(dbapi_connection: Any, _record: Any) -> None:
        # JSON columns (claim ids, publishers) are read on every list request: orjson parses
        # them several times faster than the standard library.
        set_json_loads(orjson.loads, dbapi_connection)

    return engine


class ReadModelStore:
    def __init__(self, engine: Engine, reader: Engine | None = None) -> None:
        self.engine = engine
        # The API's reads; on SQLite the same engine (an in-memory database is per engine).
        self.reader = reader or engine

    @classmethod
    def from_url(cls, url: str) -> ReadModelStore:
        engine = make_engine(url)
        if engine.dialect.name != "postgresql":
            return cls(engine)
        return cls(engine, make_engine(url, reader=True))

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def create_schema(self, reference_stamp: int | None = None) -> None:
        """Create missing tables; a new database is stamped with the projection version (and
        the stamp of the reference data the projection will read)."""
        SQLModel.metadata.create_all(self.engine)
        with self.session() as session:
            if stored_version(session) is None:
                write_version(session, reference=reference_stamp)
                session.commit()

    @contextmanager
    def session(self) -> Iterator[Session]:
        with Session(self.engine, expire_on_commit=False) as session:
            yield session

    @contextmanager
    def read_session(self) -> Iterator[Session]:
        """A session for reading only (the API's), on the reader engine."""
        with Session(self.reader, expire_on_commit=False) as session:
            yield session

    def ping(self) -> None:
        try:
            with self.engine.connect() as connection:
                connection.execute(text("SELECT 1"))
        except SQLAlchemyError as exc:
            raise DatabaseUnavailable(str(exc).splitlines()[0]) from exc

    def dispose(self) -> None:
        """Close every pooled connection (the next use opens new ones)."""
        self.engine.dispose()
        if self.reader is not self.engine:
            self.reader.dispose()
