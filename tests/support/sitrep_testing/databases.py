"""Fresh read-model databases for tests (a SQLite file, or a new PostgreSQL database), and
their checksums for comparing two builds of the read models.

PostgreSQL comes from the session's `postgres_url` fixture (tests/conftest.py: DATABASE_URL,
testcontainers or a local server); each test gets its own database, dropped afterwards.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlmodel import Session

from sitrep.devstack import create_database, drop_database
from sitrep_projector.db import ReadModelStore
from sitrep_projector.db.checksum import read_model_checksums

__all__ = ["BACKENDS", "checksums_of", "fresh_database", "fresh_store", "new_postgres_database"]

BACKENDS = [
    pytest.param("sqlite", id="sqlite"),
    pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgres),
]


@contextmanager
def fresh_database(backend: str, directory: Path, request: pytest.FixtureRequest) -> Iterator[str]:
    if backend == "sqlite":
        yield f"sqlite:///{directory / f'read-{uuid.uuid4().hex[:8]}.db'}"
        return
    with new_postgres_database(request.getfixturevalue("postgres_url")) as url:
        yield url


@contextmanager
def fresh_store(
    backend: str, directory: Path, request: pytest.FixtureRequest
) -> Iterator[ReadModelStore]:
    """A read-model store with its schema, on a fresh database of `backend`."""
    with fresh_database(backend, directory, request) as url:
        store = ReadModelStore.from_url(url)
        store.create_schema()
        try:
            yield store
        finally:
            store.dispose()


@contextmanager
def new_postgres_database(server_url: str) -> Iterator[str]:
    """A new empty database on the server of `server_url`, dropped when the block ends."""
    url = create_database(server_url)
    try:
        yield url
    finally:
        drop_database(url)


def checksums_of(database_url: str) -> dict[str, tuple[int, str]]:
    """The read models' checksums (`read_model_checksums`) of the database at this URL."""
    store = ReadModelStore.from_url(database_url)
    try:
        with Session(store.engine) as session:
            return read_model_checksums(session)
    finally:
        store.dispose()
