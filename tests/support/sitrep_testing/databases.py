"""Fresh read-model databases for tests: a SQLite file, or a new PostgreSQL database.

PostgreSQL comes from the session's `postgres_url` fixture (tests/conftest.py: DATABASE_URL,
testcontainers or a local server); each test gets its own database, dropped afterwards.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from sitrep.devstack import create_database, drop_database

__all__ = ["BACKENDS", "fresh_database"]

BACKENDS = [
    pytest.param("sqlite", id="sqlite"),
    pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgres),
]


@contextmanager
def fresh_database(backend: str, directory: Path, request: pytest.FixtureRequest) -> Iterator[str]:
    if backend == "sqlite":
        yield f"sqlite:///{directory / f'read-{uuid.uuid4().hex[:8]}.db'}"
        return
    url = create_database(request.getfixturevalue("postgres_url"))
    try:
        yield url
    finally:
        drop_database(url)
