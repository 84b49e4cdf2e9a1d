"""The projector on the real broker and PostgreSQL: hand-built claim events in, REST out.

The claim events are the ones a complete extractor would read in the seed article
(`sitrep_testing.claim_events`), so the read models are checked independently of the
extractor's progress (the real extractor's run is `tests/e2e/test_seed_article_read_models`).
They are published as ingest does (one Kafka transaction per article, keyed by article) to a
topic of this test's own, and the projector consumes them in its own thread as in production.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import closing
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sitrep_testing.claim_events import second_garma_article, seed_article_events
from sitrep_testing.event_log import TransactionalPublisher, create_event_topics
from sitrep_testing.waiting import wait_for

from sitrep_projector.main import create_app
from sitrep_projector.settings import ProjectorSettings

pytestmark = [pytest.mark.kafka, pytest.mark.postgres, pytest.mark.slow]


@pytest.fixture
def topic() -> str:
    """An event topic of this test's own: nothing published elsewhere reaches its projector."""
    return f"sitrep.test.{uuid.uuid4().hex[:8]}"


@pytest.fixture
def publisher(kafka_bootstrap: str, topic: str) -> Iterator[TransactionalPublisher]:
    create_event_topics(kafka_bootstrap, topic)
    with closing(TransactionalPublisher(kafka_bootstrap, topic, "test-claims")) as publisher:
        yield publisher


@pytest.fixture
def projector(kafka_bootstrap: str, database_url: str, topic: str) -> Iterator[TestClient]:
    settings = ProjectorSettings(
        database_url=database_url,
        kafka_bootstrap_servers=kafka_bootstrap,
        events_topic=topic,
        dead_letter_topic=f"{topic}.dead-letter",
        group_id=f"test-projector-{uuid.uuid4().hex[:8]}",
        poll_timeout_ms=100,
    )
    with TestClient(create_app(settings)) as client:
        yield client


def get(client: TestClient, path: str, **params: Any) -> Any:
    response = client.get(path, params=params)
    assert response.status_code == 200, response.text
    return response.json()


def garma(client: TestClient) -> dict[str, dict[str, Any]]:
    items = get(client, "/v1/incidents", perpetrator="popular_mobilization_forces", limit=100)
    return {i["family"]: i for i in items["items"]}


def test_seed_article_claims_through_kafka_to_the_rest_api(
    publisher: TransactionalPublisher, projector: TestClient
) -> None:
    seed = seed_article_events()
    publisher.publish(seed.events)

    def all_five_garma_incidents() -> dict[str, dict[str, Any]] | None:
        incidents = garma(projector)
        return incidents if len(incidents) == 5 else None

    incidents = wait_for(all_five_garma_incidents, "Garma")

    control = {
        (i["place_name"], i["part"]): i
        for i in get(projector, "/v1/control", limit=500)["items"]
        if i["place_id"].startswith("test:")
    }
    fallujah = control[("Fallujah", None)]
    assert fallujah["state"] in ("encircled", "contested")
    assert fallujah["challenger_sides"] == ["iraqi_government"]
    assert "iraqi_security_forces" in fallujah["challenger_actor_ids"]
    assert control[("Fallujah", "north")]["state"] == "presence"
    assert control[("Fallujah", "north")]["challenger_actor_ids"] == ["iraqi_shia_militias"]
    zakia = control[("Zakiyah", None)]
    assert zakia["controller_actor_ids"] == ["syrian_arab_army"]
    assert (zakia["state"], zakia["valid_from"]) == ("controlled", "2016-06-02")
    for advanced in ("Tabqa", "Raqqa"):
        assert control[(advanced, None)]["state"] == "advancing_on"
        assert control[(advanced, None)]["challenger_actor_ids"] == ["syrian_arab_army"]
    assert control[("Raqqa", None)]["controller_side"] == "isis"

    assert set(incidents) == {"abduction", "killing", "destruction", "looting", "arrest"}
    assert incidents["abduction"]["abducted"]["best"] == 73
    assert incidents["killing"]["killed"]["best"] == 17
    assert all(i["disputed"] for i in incidents.values())
    for incident in incidents.values():
        detail = get(projector, f"/v1/incidents/{incident['incident_id']}")
        for claim in detail["claims"]:
            assert claim["sentence"] in "\n".join(seed.paragraphs)
            provenance = get(projector, f"/v1/events/{claim['claim_id']}")
            assert provenance["article_url"] == seed.url
            assert claim["sentence"] in provenance["paragraph_text"]


def test_second_publisher_counts_as_a_source_and_a_repost_changes_nothing(
    publisher: TransactionalPublisher, projector: TestClient
) -> None:
    seed = seed_article_events()
    publisher.publish(seed.events)
    wait_for(lambda: len(garma(projector)) == 5, "the seed's Garma incidents")
    publisher.publish(second_garma_article().events)
    after = wait_for(
        lambda: (g := garma(projector)) and g["abduction"]["source_count"] == 2 and g,
        "the second source",
    )
    assert after["abduction"]["abducted"] == {"low": 73, "best": 73, "high": 73}
    assert after["killing"]["killed"] == {"low": 17, "best": 17, "high": 17}

    applied = get(projector, "/health/ready")["consumer"]["events_applied"]
    publisher.publish(seed.events)  # the same article again: same event ids
    wait_for(
        lambda: (
            get(projector, "/health/ready")["consumer"]["duplicates_skipped"] >= len(seed.events)
        ),
        "the re-post to be read",
    )
    assert get(projector, "/health/ready")["consumer"]["events_applied"] == applied
    assert garma(projector) == after


def test_a_poison_event_goes_to_the_dead_letters_and_the_projector_carries_on(
    publisher: TransactionalPublisher, projector: TestClient
) -> None:
    publisher.publish_raw(b"poison", b'{"type": "sitrep.control.claimed", "schema_version": 1}')
    publisher.publish(second_garma_article().events)
    wait_for(lambda: garma(projector).get("abduction"), "the article after the poison event")
    letters = get(projector, "/v1/dead-letters")["items"]
    assert any("not a valid event" in letter["error"] for letter in letters)
    metrics = projector.get("/metrics").text
    assert "sitrep_projector_dead_letters_total" in metrics
    dead = next(
        line for line in metrics.splitlines() if line.startswith("sitrep_projector_dead_letters ")
    )
    assert int(dead.split()[1]) >= 1


def test_a_projector_started_before_its_topic_exists_reads_it_once_created(
    projector: TestClient, publisher: TransactionalPublisher
) -> None:
    # The projector joins its group first; the publisher's fixture creates the topic after.
    publisher.publish(seed_article_events().events)
    incidents = wait_for(lambda: garma(projector) if len(garma(projector)) == 5 else None, "Garma")
    assert set(incidents) >= {"abduction"}
