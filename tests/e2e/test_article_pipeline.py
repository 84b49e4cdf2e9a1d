"""One article from POST to REST, through a real Kafka broker and a real PostgreSQL.

Both services run as separate processes under uvicorn, as in production; each test stack has
its own topic, consumer group and database.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import jsonschema
import pytest
from sitrep_testing.databases import checksums_of, new_postgres_database
from sitrep_testing.extractor import loaded_extractor
from sitrep_testing.stack import Stack, read_topic, running_stack
from sitrep_testing.waiting import wait_for

from sitrep.devstack import LocalKafka
from sitrep_ingest.articles import ArticleSubmission
from sitrep_ingest.events import article_events
from sitrep_schemas import CURRENT_SCHEMA_VERSION
from sitrep_schemas._jsonschema import DEFAULT_SCHEMA_DIR, schema_filename

pytestmark = [pytest.mark.kafka, pytest.mark.postgres, pytest.mark.slow]

SEED = Path(__file__).parents[2] / "seeds" / "articles" / "000_672c0df4b7590af4.txt"
SEED_URL = "https://www.zerohedge.com/news/2016-06-05/fallujah-raqqa"


def seed_body(**overrides: Any) -> dict[str, Any]:
    body = {
        "url": SEED_URL,
        "title": "Syrian Army enters Raqqa province as Kurds, rebels advance",
        "publisher": "Zero Hedge",
        "published_at": "2016-06-05",
        "text": SEED.read_text(encoding="utf-8"),
    }
    return {**body, **overrides}


def committed_schema(event_type: str) -> dict[str, Any]:
    path = DEFAULT_SCHEMA_DIR / schema_filename(event_type, CURRENT_SCHEMA_VERSION[event_type])
    schema: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return schema


@pytest.fixture
def stack(kafka_bootstrap: str, database_url: str, tmp_path: Path) -> Iterator[Stack]:
    with running_stack(kafka_bootstrap, database_url, tmp_path / "logs") as running:
        yield running


def get_article(stack: Stack, article_id: str) -> dict[str, Any] | None:
    response = httpx.get(f"{stack.projector.url}/v1/articles/{article_id}", timeout=5)
    return response.json() if response.status_code == 200 else None


def test_seed_article_from_post_to_kafka_to_rest(stack: Stack) -> None:
    response = httpx.post(
        f"{stack.ingest.url}/v1/articles", json=seed_body(), headers=stack.write_headers, timeout=30
    )
    assert response.status_code == 202, response.text
    accepted = response.json()
    event_ids = accepted["event_ids"]

    # An independent read_committed consumer sees every event, each valid under its schema,
    # all on one partition (keyed by article) and in the order ingest published them.
    records = read_topic(stack.bootstrap, stack.topic, set(event_ids))
    ours = [r for r in records if json.loads(r.value)["correlation_id"] == accepted["article_id"]]
    assert [json.loads(r.value)["id"] for r in ours] == event_ids
    assert len({r.partition for r in ours}) == 1
    for record in ours:
        event = json.loads(record.value)
        jsonschema.validate(event, committed_schema(event["type"]))
        assert dict(record.headers)["content-type"].startswith(b"application/cloudevents+json")
    types = [json.loads(r.value)["type"] for r in ours]
    assert types[0] == "sitrep.article.ingested"
    assert types.count("sitrep.paragraph.recorded") == 14
    assert accepted["claims"] > 0

    # The projector serves the article with all 14 paragraphs, verbatim.
    article = wait_for(lambda: get_article(stack, accepted["article_id"]), "the article in REST")
    lines = [line.strip() for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert [p["text"] for p in article["paragraphs"]] == lines
    assert article["publisher"] == "Zero Hedge"
    assert article["published_at"].startswith("2016-06-05")


def test_the_same_article_posted_twice_is_one_article(stack: Stack) -> None:
    url = f"{stack.ingest.url}/v1/articles"
    first = httpx.post(url, json=seed_body(), headers=stack.write_headers, timeout=30)
    second = httpx.post(url, json=seed_body(), headers=stack.write_headers, timeout=30)
    assert (first.status_code, second.status_code) == (202, 200)
    assert second.json()["status"] == "duplicate"
    assert first.json()["event_ids"] == second.json()["event_ids"]

    stack.wait_until_caught_up()
    listed = httpx.get(f"{stack.projector.url}/v1/articles", timeout=5).json()
    assert [a["article_id"] for a in listed["items"]] == [first.json()["article_id"]]


def articles_for_load(count: int) -> Iterator[dict[str, Any]]:
    text = SEED.read_text(encoding="utf-8")
    for n in range(count):
        yield seed_body(url=f"{SEED_URL}?copy={n}", text=f"{text}\nDispatch number {n}.")


def test_sigkill_mid_batch_then_restart_equals_a_clean_rebuild(
    kafka_bootstrap: str, postgres_url: str, tmp_path: Path
) -> None:
    with (
        new_postgres_database(postgres_url) as live_db,
        new_postgres_database(postgres_url) as clean_db,
    ):
        with running_stack(
            kafka_bootstrap,
            live_db,
            tmp_path / "logs",
            SITREP_PROJECTOR_MAX_POLL_RECORDS="25",  # many small transactions to land inside
            SITREP_PROJECTOR_CONSUME="false",  # publish first, then consume under load
        ) as stack:
            with httpx.Client(
                base_url=stack.ingest.url, headers=stack.write_headers, timeout=30
            ) as client:
                for body in articles_for_load(40):
                    assert client.post("/v1/articles", json=body).status_code == 202
            total = sum(stack.end_offsets().values())

            victim = stack.projector_process("projector-victim", SITREP_PROJECTOR_CONSUME="true",
                                             SITREP_PROJECTOR_MAX_POLL_RECORDS="25")  # fmt: skip
            victim.start()

            def partly_applied() -> int | None:
                applied = int(stack.readiness(victim)["consumer"]["events_applied"])
                return applied if applied > 0 else None

            applied_before_kill = wait_for(partly_applied, "the projector to start applying")
            victim.kill()
            assert applied_before_kill < total, "the projector finished before it was killed"

            survivor = stack.projector_process(
                "projector-restarted", SITREP_PROJECTOR_CONSUME="true"
            )
            with survivor:
                stack.wait_until_caught_up(survivor)

            rebuilt = stack.projector_process(
                "projector-clean",
                SITREP_PROJECTOR_CONSUME="true",
                DATABASE_URL=clean_db,
                SITREP_PROJECTOR_GROUP_ID=f"clean-{uuid.uuid4().hex[:8]}",
            )
            with rebuilt:
                stack.wait_until_caught_up(rebuilt)

        live, clean = checksums_of(live_db), checksums_of(clean_db)
        assert live["articles"][0] == 40
        assert live == clean


def test_broker_down_gives_503_and_nothing_half_published(
    stack: Stack, restartable_kafka: LocalKafka
) -> None:
    refused_body = seed_body(url=f"{SEED_URL}?while-down")
    restartable_kafka.stop()
    refused = httpx.post(
        f"{stack.ingest.url}/v1/articles",
        json=refused_body,
        headers=stack.write_headers,
        timeout=30,
    )
    assert refused.status_code == 503
    assert int(refused.headers["retry-after"]) > 0
    assert httpx.get(f"{stack.ingest.url}/health/ready", timeout=30).status_code == 503

    restartable_kafka.start()

    def accepted_after_restart() -> dict[str, Any] | None:
        response = httpx.post(
            f"{stack.ingest.url}/v1/articles",
            json=seed_body(),
            headers=stack.write_headers,
            timeout=30,
        )
        return response.json() if response.status_code == 202 else None

    later = wait_for(accepted_after_restart, "a 202 once the broker is back", deadline_s=90)
    records = read_topic(stack.bootstrap, stack.topic, set(later["event_ids"]))
    # Ids are deterministic, so the refused article's events are known without asking ingest.
    refused_ids = {
        str(e.id)
        for e in article_events(
            ArticleSubmission(**refused_body), datetime.now(UTC), loaded_extractor()
        ).events
    }
    visible = {dict(r.headers)["ce_id"].decode() for r in records} & refused_ids
    # All or nothing: the refused article is either absent or whole, never in part.
    assert visible in (set(), refused_ids)
    assert get_article(stack, later["article_id"]) or wait_for(
        lambda: get_article(stack, later["article_id"]), "the later article in REST"
    )
