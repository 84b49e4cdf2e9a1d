"""`sitrep rebuild` against the real broker and PostgreSQL: it replays the topic from offset
zero into fresh tables and ends with read models equal, row for row, to the live ones; and it
refuses to run while a consumer of the projector's group is running."""

from __future__ import annotations

import uuid
from contextlib import closing
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sitrep_testing.claim_events import second_garma_article, seed_article_events
from sitrep_testing.databases import checksums_of
from sitrep_testing.event_log import (
    TransactionalPublisher,
    create_event_topics,
    end_offsets,
    has_caught_up,
)
from sitrep_testing.waiting import wait_for

from sitrep.cli import main
from sitrep_projector.main import create_app
from sitrep_projector.settings import ProjectorSettings

pytestmark = [pytest.mark.kafka, pytest.mark.postgres, pytest.mark.slow]


@pytest.fixture
def log(kafka_bootstrap: str) -> str:
    """A topic of its own holding two articles, a re-post and a poison record."""
    topic = f"sitrep.rebuild.{uuid.uuid4().hex[:8]}"
    create_event_topics(kafka_bootstrap, topic)
    with closing(TransactionalPublisher(kafka_bootstrap, topic, "rebuild-test")) as publisher:
        for article in [seed_article_events(), second_garma_article(), second_garma_article()]:
            publisher.publish(article.events)
        publisher.publish_raw(b"poison", b"{not an event")
    return topic


@pytest.fixture
def environment(
    kafka_bootstrap: str, database_url: str, log: str, monkeypatch: pytest.MonkeyPatch
) -> dict[str, str]:
    env = {
        "DATABASE_URL": database_url,
        "KAFKA_BOOTSTRAP_SERVERS": kafka_bootstrap,
        "SITREP_EVENTS_TOPIC": log,
        "SITREP_DEAD_LETTER_TOPIC": f"{log}.dead-letter",
        "SITREP_PROJECTOR_GROUP_ID": f"rebuild-{uuid.uuid4().hex[:8]}",
        "SITREP_PROJECTOR_POLL_TIMEOUT_MS": "100",
    }
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return env


def caught_up(client: TestClient, ends: dict[str, int]) -> dict[str, Any] | None:
    status: dict[str, Any] = client.get("/health/ready").json()
    return status if has_caught_up(status, ends) else None


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
        live_sums = checksums_of(environment["DATABASE_URL"])
    assert live_sums["incidents"][0] == 5
    assert live_sums["control_intervals"][0] > 0

    # Consumer stopped (the group is empty again): the rebuild replays and switches over.
    assert main(["rebuild"]) == 0
    printed = capsys.readouterr().out
    assert "1 dead letters" in printed
    assert checksums_of(environment["DATABASE_URL"]) == live_sums
