"""The real PostgreSQL the tests run against: reachable by URL, and one database per test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import sqlalchemy as sa

from sitrep.devstack import create_database, drop_database

pytestmark = pytest.mark.postgres


@pytest.fixture
def engine(database_url: str) -> Iterator[sa.Engine]:
    engine = sa.create_engine(database_url)
    yield engine
    # Closed before the fixture below drops the database.
    engine.dispose()


def test_url_names_postgresql_through_psycopg(postgres_url: str, database_url: str) -> None:
    for url in (postgres_url, database_url):
        assert sa.make_url(url).drivername == "postgresql+psycopg"


def test_a_table_round_trips_rows(engine: sa.Engine) -> None:
    with engine.begin() as conn:
        conn.execute(sa.text("CREATE TABLE places (id int PRIMARY KEY, name text NOT NULL)"))
        conn.execute(
            sa.text("INSERT INTO places (id, name) VALUES (:id, :name)"),
            [{"id": 1, "name": "Fallujah"}, {"id": 2, "name": "Al-Karmah"}],
        )
    with engine.connect() as conn:
        rows = conn.execute(sa.text("SELECT id, name FROM places ORDER BY id")).all()
        server = conn.execute(sa.text("SHOW server_version")).scalar_one()
    assert [tuple(row) for row in rows] == [(1, "Fallujah"), (2, "Al-Karmah")]
    assert int(server.split(".")[0]) >= 13


def test_each_test_gets_a_fresh_empty_database(postgres_url: str, database_url: str) -> None:
    other_url = create_database(postgres_url)
    try:
        first, second = sa.create_engine(database_url), sa.create_engine(other_url)
        with first.begin() as conn:
            conn.execute(sa.text("CREATE TABLE only_here (id int)"))
        with second.connect() as conn:
            tables = sa.inspect(conn).get_table_names()
        first.dispose()
        second.dispose()
    finally:
        drop_database(other_url)
    assert tables == []
    assert sa.make_url(other_url).database != sa.make_url(database_url).database
