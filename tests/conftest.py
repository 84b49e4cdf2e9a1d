"""Session fixtures for tests that need a real Kafka broker or a real PostgreSQL.

Where each comes from, first match wins:

- Kafka: `KAFKA_BOOTSTRAP_SERVERS`; else a testcontainers Kafka when a Docker engine answers
  a ping; else a local broker (`sitrep.devstack.LocalKafka`) in a temporary folder.
- PostgreSQL: `DATABASE_URL` (must be PostgreSQL); else a testcontainers PostgreSQL when a
  Docker engine answers; else a local server (`sitrep.devstack.LocalPostgres`).

Nothing is started until a test asks for it, and what fails to start fails the tests that
need it with the reason (never a silent skip).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sitrep_testing.databases import new_postgres_database

from sitrep.devstack import (
    LocalKafka,
    LocalPostgres,
    wait_for_kafka,
    wait_for_postgres,
)

# Pinned to versions that run KRaft and that kafka-python 3 speaks to.
_KAFKA_IMAGE = "confluentinc/cp-kafka:7.9.0"
_POSTGRES_IMAGE = "postgres:16"


@dataclass(frozen=True)
class KafkaBroker:
    """The broker of this test session: where it is, and the local runner if it is ours."""

    bootstrap: str
    origin: str  # "KAFKA_BOOTSTRAP_SERVERS", "testcontainers" or "local"
    local: LocalKafka | None = None


@pytest.fixture(scope="session")
def docker_answers() -> bool:
    """Whether a Docker engine answers a ping (only the client is installed on our machines)."""
    try:
        import docker  # type: ignore[import-untyped]  # noqa: PLC0415

        client = docker.from_env(timeout=3)
        try:
            return bool(client.ping())
        finally:
            client.close()
    except Exception:  # no socket, no engine, no permission: all mean "no Docker"
        return False


@pytest.fixture(scope="session")
def kafka_broker(
    docker_answers: bool, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[KafkaBroker]:
    external = os.environ.get("KAFKA_BOOTSTRAP_SERVERS")
    if external:
        # Fails the tests that need it, with the reason, if the named broker never answers.
        wait_for_kafka(external, timeout=30)
        yield KafkaBroker(bootstrap=external, origin="KAFKA_BOOTSTRAP_SERVERS")
    elif docker_answers:
        from testcontainers.community.kafka import KafkaContainer  # noqa: PLC0415

        container = (
            KafkaContainer(_KAFKA_IMAGE)
            .with_kraft()
            .with_env("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1")
            .with_env("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1")
            .with_env("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false")
        )
        with container:
            yield KafkaBroker(bootstrap=container.get_bootstrap_server(), origin="testcontainers")
    else:
        with LocalKafka(tmp_path_factory.mktemp("kafka")) as broker:
            yield KafkaBroker(bootstrap=broker.bootstrap, origin="local", local=broker)


@pytest.fixture(scope="session")
def kafka_bootstrap(kafka_broker: KafkaBroker) -> str:
    """`host:port` of a real Kafka broker, shared by the whole session."""
    return kafka_broker.bootstrap


@pytest.fixture
def restartable_kafka(kafka_broker: KafkaBroker) -> Iterator[LocalKafka]:
    """The session's local broker, for tests that stop and restart it.

    Skips when the broker is not ours to stop. Whatever the test does, the broker is running
    again afterwards, on the same port and data.
    """
    if kafka_broker.local is None:
        pytest.skip(f"the broker comes from {kafka_broker.origin}: this test cannot stop it")
    yield kafka_broker.local
    if not kafka_broker.local.is_running():
        kafka_broker.local.start()


@pytest.fixture(scope="session")
def postgres_url(docker_answers: bool) -> Iterator[str]:
    """SQLAlchemy URL (`postgresql+psycopg://...`) of a database on a real PostgreSQL server."""
    external = os.environ.get("DATABASE_URL")
    if external:
        url = _require_postgres(external)
        wait_for_postgres(url, timeout=30)
        yield url
    elif docker_answers:
        from testcontainers.community.postgres import PostgresContainer  # noqa: PLC0415

        with PostgresContainer(_POSTGRES_IMAGE, driver="psycopg") as container:
            yield container.get_connection_url()
    else:
        # Not under pytest's tmp dir: that one is private to root, and under root the server
        # runs as the `postgres` user, which must reach its folder.
        folder = Path(tempfile.mkdtemp(prefix="sitrep-postgres-"))
        try:
            with LocalPostgres(folder) as server:
                yield server.url
        finally:
            shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def database_url(postgres_url: str) -> Iterator[str]:
    """A fresh, empty database on the session's server, dropped after the test."""
    with new_postgres_database(postgres_url) as url:
        yield url


def _require_postgres(url: str) -> str:
    scheme = url.split("://", 1)[0]
    if scheme in ("postgresql", "postgres"):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    if scheme == "postgresql+psycopg":
        return url
    raise pytest.UsageError(
        f"DATABASE_URL must name a PostgreSQL server (postgresql+psycopg://...), not {scheme}://"
    )
