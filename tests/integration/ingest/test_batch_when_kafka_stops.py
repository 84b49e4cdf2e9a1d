"""Kafka stopped in the middle of a 1,000-article batch, on the real broker.

The broker is killed (SIGKILL) once a hundred articles of the batch are committed. Every
article reported accepted is in the log exactly once, every other one is reported
failed, none is half-published; once Kafka is back, the same batch sent again completes, the
articles accepted before reported as duplicates.
"""

from __future__ import annotations

import os
import signal
import threading
import uuid
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import httpx
import pytest
from sitrep_testing.ingest import auth, committed_events, metric, write_keys_file
from sitrep_testing.waiting import wait_for

from sitrep.devstack import INGEST_APP, LocalKafka, ServiceProcess

pytestmark = [pytest.mark.kafka, pytest.mark.slow]

ARTICLES = 1_000


def batch(run: str) -> list[dict[str, Any]]:
    return [
        {
            "url": f"https://batch.invalid/{run}/{n}",
            "published_at": "2016-06-05",
            "text": f"Syrian troops captured the town of Zakia on Thursday, dispatch {n}.\n\n"
            f"Islamic State fighters withdrew toward Tabqa, a monitor said ({n}).",
        }
        for n in range(ARTICLES)
    ]


def articles_in_log(events: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """The events in the log by article (repeats kept)."""
    found: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for event in events:
        found[event["correlation_id"]].append(event)
    return found


def is_whole(events: list[dict[str, Any]]) -> bool:
    """The article's ArticleIngested, each paragraph, its marker and every claim it names."""
    by_type = Counter(e["type"] for e in events)
    ingested = [e for e in events if e["type"] == "sitrep.article.ingested"]
    if len(ingested) != 1:
        return False
    paragraphs = ingested[0]["data"]["paragraph_count"]
    claims = {
        c for e in events if e["type"] == "sitrep.paragraph.interpreted"
        for c in e["data"]["claim_ids"]
    }  # fmt: skip
    ids = {e["id"] for e in events}
    return (
        by_type["sitrep.paragraph.recorded"] == paragraphs
        and by_type["sitrep.paragraph.interpreted"] == paragraphs
        and claims <= ids
        and len(ids) == len(events)
    )


def test_kafka_stopped_mid_batch_then_the_batch_again(
    kafka_bootstrap: str, restartable_kafka: LocalKafka, tmp_path: Path
) -> None:
    run = uuid.uuid4().hex[:8]
    topic = f"it.ingest.batch.{run}"
    env = {
        "KAFKA_BOOTSTRAP_SERVERS": kafka_bootstrap,
        "SITREP_EVENTS_TOPIC": topic,
        "SITREP_INGEST_INSTANCE_ID": f"it-{run}",
        "SITREP_INGEST_STATE_PATH": str(tmp_path / "ingest-state.sqlite3"),
        "SITREP_API_KEYS_FILE": str(write_keys_file(tmp_path / "keys.json")),
    }
    articles = batch(run)
    with ServiceProcess("ingest", INGEST_APP, env=env, log_dir=tmp_path) as ingest:
        warm = httpx.post(
            f"{ingest.url}/v1/articles",
            json={"url": f"https://batch.invalid/{run}/warm", "text": "Troops entered Zakia."},
            headers=auth(),
            timeout=60,
        )
        assert warm.status_code == 202, warm.text
        answer: dict[str, httpx.Response] = {}

        def send() -> None:
            answer["batch"] = httpx.post(
                f"{ingest.url}/v1/articles:batch", json=articles, headers=auth(), timeout=600
            )

        sender = threading.Thread(target=send)
        sender.start()
        accepted_before = wait_for(
            lambda: (
                metric(ingest.url, "sitrep_ingest_articles_total", 'outcome="accepted"') >= 100
                or None
            ),
            "a hundred articles of the batch committed",
            deadline_s=300,
        )
        assert accepted_before
        # Stopped hard, as a crashed broker or a cut network stops: no goodbye to clients.
        assert restartable_kafka.pid is not None
        os.kill(restartable_kafka.pid, signal.SIGKILL)
        restartable_kafka.stop()
        sender.join(timeout=600)
        response = answer["batch"]
        assert response.status_code == 200, response.text
        first = response.json()
        statuses = Counter(item["status"] for item in first["items"])
        assert set(statuses) <= {"accepted", "failed"}, statuses
        assert statuses["accepted"] >= 100 and statuses["failed"] > 0, statuses
        assert {i["error"]["code"] for i in first["items"] if i["status"] == "failed"} == {
            "event_log_unavailable"
        }
        assert response.headers["retry-after"]

        restartable_kafka.start()
        in_log = articles_in_log(committed_events(kafka_bootstrap, topic))
        for item in first["items"]:
            if item["status"] == "accepted":
                # Exactly once: every event of the article, none twice.
                ids = [e["id"] for e in in_log[item["article_id"]]]
                assert sorted(ids) == sorted(item["event_ids"]), item["index"]
        # None half-published: every article in the log is there whole (an article reported
        # failed may be there whole when its commit landed after the broker went; never part).
        assert all(is_whole(events) for events in in_log.values())

        def resubmitted() -> dict[str, Any] | None:
            again = httpx.post(
                f"{ingest.url}/v1/articles:batch",
                json=articles,
                headers=auth(),
                timeout=600,
            )
            body: dict[str, Any] = again.json()
            return body if again.status_code == 200 and body["failed"] == 0 else None

        second = wait_for(resubmitted, "the batch to complete once Kafka is back", deadline_s=180)
        for before, after in zip(first["items"], second["items"], strict=True):
            if before["status"] == "accepted":
                assert after["status"] == "duplicate"
                assert after["event_ids"] == before["event_ids"]
            else:
                assert after["status"] in ("accepted", "duplicate")
        ids_by_article = {i["article_id"]: i["event_ids"] for i in second["items"]}
        assert len(ids_by_article) == ARTICLES

        def everything_visible() -> dict[str, list[dict[str, Any]]] | None:
            # A transaction left open when the broker died holds read_committed readers back
            # (the last stable offset) until the coordinator aborts it: wait for that.
            found = articles_in_log(committed_events(kafka_bootstrap, topic))
            return found if all(a in found for a in ids_by_article) else None

        try:
            final = wait_for(everything_visible, "every article visible", deadline_s=120)
        except BaseException:
            seen = articles_in_log(committed_events(kafka_bootstrap, topic))
            missing = [
                (before["status"], after["status"], after["index"])
                for before, after in zip(first["items"], second["items"], strict=True)
                if after["article_id"] not in seen
            ]
            raise AssertionError(f"{len(missing)} articles not visible: {missing[:20]}") from None
        for article_id, ids in ids_by_article.items():
            assert sorted(e["id"] for e in final[article_id]) == sorted(ids)  # once each


def test_sigterm_mid_batch_finishes_it_and_leaves_nothing_half_published(
    kafka_bootstrap: str, tmp_path: Path
) -> None:
    run = uuid.uuid4().hex[:8]
    topic = f"it.ingest.term.{run}"
    env = {
        "KAFKA_BOOTSTRAP_SERVERS": kafka_bootstrap,
        "SITREP_EVENTS_TOPIC": topic,
        "SITREP_INGEST_INSTANCE_ID": f"term-{run}",
        "SITREP_INGEST_STATE_PATH": str(tmp_path / "ingest-state.sqlite3"),
        "SITREP_API_KEYS_FILE": str(write_keys_file(tmp_path / "keys.json")),
    }
    articles = batch(run)[:300]
    ingest = ServiceProcess("ingest", INGEST_APP, env=env, log_dir=tmp_path)
    with ingest:
        warm = httpx.post(
            f"{ingest.url}/v1/articles",
            json={"url": f"https://batch.invalid/{run}/warm", "text": "Troops entered Zakia."},
            headers=auth(),
            timeout=60,
        )
        assert warm.status_code == 202, warm.text
        answer: dict[str, httpx.Response] = {}

        def send() -> None:
            answer["batch"] = httpx.post(
                f"{ingest.url}/v1/articles:batch", json=articles, headers=auth(), timeout=600
            )

        sender = threading.Thread(target=send)
        sender.start()
        wait_for(
            lambda: (
                metric(ingest.url, "sitrep_ingest_articles_total", 'outcome="accepted"') >= 20
                or None
            ),
            "the batch under way",
            deadline_s=300,
        )
        ingest.stop()  # SIGTERM: uvicorn finishes the request in flight, then the lifespan
        sender.join(timeout=600)
    result = answer["batch"].json()
    assert result["accepted"] == len(articles), result["failed"]
    in_log = articles_in_log(committed_events(kafka_bootstrap, topic))
    assert all(is_whole(events) for events in in_log.values())
    for item in result["items"]:
        ids = [e["id"] for e in in_log[item["article_id"]]]
        assert sorted(ids) == sorted(item["event_ids"])
