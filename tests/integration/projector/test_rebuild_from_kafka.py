"""`sitrep rebuild` against the real broker and PostgreSQL: it replays the topic from offset
zero into fresh tables and ends with read models equal, row for row, to the live ones; and it
refuses to run while a consumer of the projector's group is running."""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from kafka import KafkaConsumer, KafkaProducer, TopicPartition
from sitrep_testing.claim_events import second_garma_article, seed_article_events
from sitrep_testing.waiting import wait_for
from sqlmodel import Session

from sitrep.cli import main
from sitrep.devstack import create_database, drop_database
from sitrep_eventlog import KafkaConnection, TopicSettings, encode_event, ensure_topics
from sitrep_projector.db import ReadModelStore
from sitrep_projector.db.checksum import read_model_checksums
from sitrep_projector.main import create_app
from sitrep_projector.settings import ProjectorSettings
from sitrep_schemas import DEAD_LETTER_TOPIC, EVENTS_TOPIC

pytestmark = [pytest.mark.kafka, pytest.mark.postgres, pytest.mark.slow]


@pytest.fixture
def log(kafka_bootstrap: str) -> str:
    """A topic of its own holding two articles, a re-post and a poison record."""
    topic = f"sitrep.rebuild.{uuid.uuid4().hex[:8]}"
    ensure_topics(
        KafkaConnection(bootstrap_servers=kafka_bootstrap),
        [
            dataclasses.replace(EVENTS_TOPIC, name=topic),
            dataclasses.replace(DEAD_LETTER_TOPIC, name=f"{topic}.dead-letter"),
        ],
        TopicSettings(),
    )
    producer = KafkaProducer(
        bootstrap_servers=kafka_bootstrap,
        transactional_id=f"rebuild-test-{uuid.uuid4().hex[:8]}",
        acks="all",
        enable_idempotence=True,
    )
    producer.init_transactions()
    articles = [seed_article_events(), second_garma_article(), second_garma_article()]
    for article in articles:
        producer.begin_transaction()
        for event in article.events:
            encoded = encode_event(event)
            producer.send(topic, key=encoded.key, value=encoded.value, headers=encoded.headers)
        producer.commit_transaction()
    producer.begin_transaction()
    producer.send(topic, key=b"poison", value=b"{not an event")
    producer.commit_transaction()
    producer.close()
    return topic


@pytest.fixture
def environment(
    kafka_bootstrap: str, postgres_url: str, log: str, monkeypatch: pytest.MonkeyPatch
) -> Iterator[dict[str, str]]:
    database = create_database(postgres_url)
    env = {
        "DATABASE_URL": database,
        "KAFKA_BOOTSTRAP_SERVERS": kafka_bootstrap,
        "SITREP_EVENTS_TOPIC": log,
        "SITREP_DEAD_LETTER_TOPIC": f"{log}.dead-letter",
        "SITREP_PROJECTOR_GROUP_ID": f"rebuild-{uuid.uuid4().hex[:8]}",
        "SITREP_PROJECTOR_POLL_TIMEOUT_MS": "100",
    }
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    yield env
    drop_database(database)


def end_offsets(bootstrap: str, topic: str) -> dict[str, int]:
    consumer = KafkaConsumer(bootstrap_servers=bootstrap)
    try:
        parts = [TopicPartition(topic, p) for p in consumer.partitions_for_topic(topic)]
        return {f"{tp.topic}[{tp.partition}]": o for tp, o in consumer.end_offsets(parts).items()}
    finally:
        consumer.close()


def caught_up(client: TestClient, ends: dict[str, int]) -> dict[str, Any] | None:
    status: dict[str, Any] = client.get("/health/ready").json()
    positions = status["positions"]
    done = all(positions.get(tp, 0) >= end - 1 for tp, end in ends.items() if end)
    return status if done and not status["consumer"]["derived_pending"] else None


def checksums(database_url: str) -> dict[str, tuple[int, str]]:
    store = ReadModelStore.from_url(database_url)
    try:
        with Session(store.engine) as session:
            return read_model_checksums(session)
    finally:
        store.dispose()


def test_rebuild_from_the_topic_equals_the_live_read_models_and_refuses_while_consuming(
    environment: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    ends = end_offsets(environment["KAFKA_BOOTSTRAP_SERVERS"], environment["SITREP_EVENTS_TOPIC"])
    with TestClient(create_app(ProjectorSettings())) as live:
        wait_for(lambda: caught_up(live, ends), "the live projector to apply the topic")

        assert main(["rebuild"]) == 2
        refusal = capsys.readouterr().err
        assert environment["SITREP_PROJECTOR_GROUP_ID"] in refusal
        assert "running member" in refusal
        live_sums = checksums(environment["DATABASE_URL"])
    assert live_sums["incidents"][0] == 5
    assert live_sums["control_intervals"][0] > 0

    # Consumer stopped (the group is empty again): the rebuild replays and switches over.
    assert main(["rebuild"]) == 0
    printed = capsys.readouterr().out
    assert "1 dead letters" in printed
    assert checksums(environment["DATABASE_URL"]) == live_sums
