"""A restarted ingest, or a second one on the same state file, still knows what was committed:
a repeated article is "duplicate" with the original ids, an `Idempotency-Key` retry gets the
first answer, and a changed text under a known URL is a revision. Real broker; each app is
a new process's worth of state (new app, new lifespan, new producers)."""

from __future__ import annotations

import uuid
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sitrep_testing.ingest import auth, committed_events, write_keys_file

from sitrep_ingest.main import create_app
from sitrep_ingest.settings import IngestSettings

pytestmark = [pytest.mark.kafka, pytest.mark.slow]

SEED = Path(__file__).parents[3] / "seeds" / "articles" / "000_672c0df4b7590af4.txt"


def settings_for(bootstrap: str, topic: str, tmp_path: Path, **extra: Any) -> IngestSettings:
    return IngestSettings(
        kafka_bootstrap_servers=bootstrap,
        events_topic=topic,
        instance_id=f"restart-{uuid.uuid4().hex[:8]}",
        extraction_workers=0,
        api_keys_file=write_keys_file(tmp_path / "keys.json"),
        rate_limit_per_s=0,
        state_path=tmp_path / "ingest-state.sqlite3",
        log_format="text",
        **extra,
    )


def ingested_counts(bootstrap: str, topic: str) -> Counter[str]:
    return Counter(
        e["correlation_id"]
        for e in committed_events(bootstrap, topic)
        if e["type"] == "sitrep.article.ingested"
    )


def test_a_repeat_after_a_restart_is_a_duplicate_with_the_original_ids(
    kafka_bootstrap: str, tmp_path: Path
) -> None:
    topic = f"it.ingest.restart.{uuid.uuid4().hex[:8]}"
    settings = settings_for(kafka_bootstrap, topic, tmp_path)
    article = {
        "url": f"https://restart.invalid/{topic}",
        "publisher": "Zero Hedge",
        "published_at": "2016-06-05",
        "text": SEED.read_text(encoding="utf-8"),
    }
    with TestClient(create_app(settings)) as first:
        accepted = first.post("/v1/articles", json=article, headers=auth())
        assert accepted.status_code == 202, accepted.text
    original = accepted.json()
    assert original["claims"] > 0

    with TestClient(create_app(settings)) as restarted:
        again = restarted.post("/v1/articles", json=article, headers=auth())
        revised = restarted.post(
            "/v1/articles", json={**article, "text": article["text"] + "\nUpdated."}, headers=auth()
        )
    assert again.status_code == 200, again.text
    repeat = again.json()
    assert repeat["status"] == "duplicate"
    for field in ("article_id", "event_ids", "paragraphs", "claims"):
        assert repeat[field] == original[field], field
    assert revised.status_code == 202, revised.text
    assert revised.json()["revision_of"] == original["article_id"]
    assert ingested_counts(kafka_bootstrap, topic)[original["article_id"]] == 1


def test_an_idempotency_key_retry_after_a_restart_gets_the_first_answer(
    kafka_bootstrap: str, tmp_path: Path
) -> None:
    topic = f"it.ingest.restart.{uuid.uuid4().hex[:8]}"
    settings = settings_for(kafka_bootstrap, topic, tmp_path, extract=False)
    base = f"https://restart.invalid/{topic}"
    batch = [{"url": f"{base}/{n}", "text": f"Dispatch {n}."} for n in range(3)]
    headers = {**auth(), "Idempotency-Key": f"batch-{topic}"}
    with TestClient(create_app(settings)) as first:
        answer = first.post("/v1/articles:batch", json=batch, headers=headers)
        assert answer.status_code == 200 and answer.json()["accepted"] == 3, answer.text

    with TestClient(create_app(settings)) as restarted:
        replay = restarted.post("/v1/articles:batch", json=batch, headers=headers)
        reused = restarted.post("/v1/articles:batch", json=batch[:1], headers=headers)
        single = restarted.post("/v1/articles", json=batch[0], headers=auth())
    assert replay.status_code == 200
    assert replay.headers["Idempotent-Replayed"] == "true"
    assert replay.content == answer.content
    assert reused.status_code == 422
    assert reused.json()["error"]["code"] == "idempotency_key_reused"
    # Without the key, the article registry answers: the same ids, nothing published again.
    assert single.status_code == 200 and single.json()["status"] == "duplicate"
    assert single.json()["event_ids"] == answer.json()["items"][0]["event_ids"]
    counts = ingested_counts(kafka_bootstrap, topic)
    assert sorted(counts.values()) == [1, 1, 1]


def test_two_ingests_on_one_state_file_see_each_others_commits(
    kafka_bootstrap: str, tmp_path: Path
) -> None:
    topic = f"it.ingest.restart.{uuid.uuid4().hex[:8]}"
    article = {"url": f"https://restart.invalid/{topic}", "text": "Troops entered Zakia."}
    settings = settings_for(kafka_bootstrap, topic, tmp_path, extract=False)
    other = settings.model_copy(update={"instance_id": f"{settings.instance_id}-b"})
    with TestClient(create_app(settings)) as one, TestClient(create_app(other)) as two:
        accepted = one.post("/v1/articles", json=article, headers=auth())
        repeat = two.post("/v1/articles", json=article, headers=auth())
    assert accepted.status_code == 202, accepted.text
    assert repeat.status_code == 200 and repeat.json()["status"] == "duplicate"
    assert repeat.json()["event_ids"] == accepted.json()["event_ids"]
    # Another topic is another log: the same article there is new.
    elsewhere = settings.model_copy(update={"events_topic": f"{topic}.other"})
    with TestClient(create_app(elsewhere)) as three:
        fresh = three.post("/v1/articles", json=article, headers=auth())
    assert fresh.status_code == 202, fresh.text
