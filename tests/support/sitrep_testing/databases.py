"""Fresh read-model databases for tests: SQLite in a temp dir, or a new PostgreSQL database.

PostgreSQL is the server `DATABASE_URL` names (the test command starts one when none is
reachable); each test gets its own database, dropped afterwards.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

__all__ = ["BACKENDS", "fresh_database"]

BACKENDS = [
    pytest.param("sqlite", id="sqlite"),
    pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgres),
]


def _server_url() -> str | None:
    url = os.environ.get("SITREP_TEST_POSTGRES_URL") or os.environ.get("DATABASE_URL")
    if url and make_url(url).get_backend_name() == "postgresql":
        return url
    return None


@contextmanager
def fresh_database(backend: str, directory: Path) -> Iterator[str]:
    if backend == "sqlite":
        yield f"sqlite:///{directory / f'read-{uuid.uuid4().hex[:8]}.db'}"
        return
    server = _server_url()
    if server is None:
        pytest.skip("no PostgreSQL: set DATABASE_URL=postgresql+psycopg://...")
    name = f"sitrep_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(server).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
