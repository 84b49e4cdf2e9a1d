"""Ingest benchmark: what group commit buys over one Kafka transaction per article.

    .venv/bin/python benchmarks/ingest/bench.py [--articles 2000] [--concurrency 16]

Uses KAFKA_BOOTSTRAP_SERVERS when set, else starts the local broker (sitrep.devstack). In one
run, each on a fresh topic, the same pre-built events of the same articles (the seed article
with a different URL each time; extraction is done before timing starts) are published:

1. raw baseline: a bare kafka-python transactional producer, one transaction per article,
   articles one after another (what a request-per-transaction service would do at best);
2. sitrep's publisher (`KafkaEventPublisher`: group commit over a pool of transactional
   producers), called from `--concurrency` threads as the HTTP worker threads would;
3. the whole service path: POST /v1/articles to ingest under uvicorn (parsing, extraction,
   publishing, response) at the same concurrency.

Every article is still all-or-nothing in all three: each sits inside one committed
transaction with acks=all before it counts as done.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

import httpx
from kafka import KafkaProducer

from sitrep.devstack import INGEST_APP, LocalKafka, ServiceProcess
from sitrep_eventlog import (
    EncodedEvent,
    KafkaConnection,
    TopicSettings,
    encode_event,
    ensure_topics,
)
from sitrep_ingest.articles import ArticleSubmission
from sitrep_ingest.events import article_events
from sitrep_ingest.extraction import Extractor
from sitrep_ingest.publishing import KafkaEventPublisher, PublisherSettings
from sitrep_schemas import EVENTS_TOPIC, TopicSpec

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "articles" / "000_672c0df4b7590af4.txt"


def article_bodies(count: int) -> list[dict[str, str]]:
    text = SEED.read_text(encoding="utf-8")
    return [
        {"url": f"https://bench.invalid/{n}", "text": text, "published_at": "2016-06-05"}
        for n in range(count)
    ]


def fresh_topic(connection: KafkaConnection) -> TopicSpec:
    spec = TopicSpec(f"bench.ingest.{uuid.uuid4().hex[:8]}", 6, dict(EVENTS_TOPIC.config))
    ensure_topics(connection, [spec], TopicSettings())
    return spec


def raw_one_transaction_per_article(
    bootstrap: str, topic: str, articles: Sequence[Sequence[EncodedEvent]]
) -> float:
    producer = KafkaProducer(
        bootstrap_servers=bootstrap,
        transactional_id=f"bench-raw-{uuid.uuid4().hex[:8]}",
        enable_idempotence=True,
        acks="all",
    )
    producer.init_transactions()
    started = time.perf_counter()
    for records in articles:
        producer.begin_transaction()
        for r in records:
            producer.send(topic, value=r.value, key=r.key, headers=r.headers)
        producer.commit_transaction()
    took = time.perf_counter() - started
    producer.close()
    return took


def run_concurrently(work: Callable[[int], None], count: int, concurrency: int) -> float:
    started = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        list(pool.map(work, range(count)))
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=16)
    args = parser.parse_args()

    bootstrap = os.environ.get("KAFKA_BOOTSTRAP_SERVERS")
    broker = None
    if not bootstrap:
        broker = LocalKafka(Path(tempfile.mkdtemp(prefix="bench-kafka-")))
        bootstrap = broker.start()
    try:
        connection = KafkaConnection(bootstrap_servers=bootstrap)
        bodies = article_bodies(args.articles)
        now = datetime.now(UTC)
        print(f"building the events of {len(bodies)} articles (not timed) ...", file=sys.stderr)
        extractor = Extractor.load()
        built = [
            article_events(ArticleSubmission.model_validate(b), now, extractor).events
            for b in bodies
        ]
        encoded = [[encode_event(e) for e in events] for events in built]
        events_per_article = sum(len(e) for e in built) / len(built)

        print("1/3 raw kafka-python, one transaction per article ...", file=sys.stderr)
        raw_s = raw_one_transaction_per_article(bootstrap, fresh_topic(connection).name, encoded)

        print("2/3 KafkaEventPublisher with group commit ...", file=sys.stderr)
        publisher = KafkaEventPublisher(
            connection,
            TopicSettings(),
            PublisherSettings(instance_id=f"bench-{uuid.uuid4().hex[:6]}", publish_timeout_s=60),
            fresh_topic(connection),
        )
        publisher.publish(built[0])  # producers initialised before timing
        group_s = run_concurrently(
            lambda n: publisher.publish(built[n]), len(built), args.concurrency
        )
        publisher.close()

        print("3/3 POST /v1/articles through ingest under uvicorn ...", file=sys.stderr)
        topic = fresh_topic(connection)
        env = {"KAFKA_BOOTSTRAP_SERVERS": bootstrap, "SITREP_EVENTS_TOPIC": topic.name}
        with (
            ServiceProcess("ingest", INGEST_APP, env=env, log_dir=Path(tempfile.mkdtemp())) as svc,
            httpx.Client(base_url=svc.url, timeout=60) as client,
        ):
            assert client.post("/v1/articles", json=bodies[0]).status_code == 202

            def post(n: int) -> None:
                response = client.post("/v1/articles", json=bodies[n])
                if response.status_code != 202:
                    raise RuntimeError(f"HTTP {response.status_code}: {response.text}")

            http_s = run_concurrently(post, len(bodies), args.concurrency)

        n = len(bodies)
        rows = [
            ("raw kafka-python, 1 txn/article, serial", raw_s),
            (f"KafkaEventPublisher, group commit, {args.concurrency} threads", group_s),
            (f"POST /v1/articles (extract+publish), {args.concurrency} clients", http_s),
        ]
        print(
            f"\n{n} articles of {events_per_article:.0f} events each (the seed article), "
            f"broker {bootstrap}, {os.cpu_count()} cores"
        )
        print(f"{'path':58} {'articles/s':>11} {'events/s':>10} {'vs raw':>7}")
        for name, seconds in rows:
            rate = n / seconds
            print(
                f"{name:58} {rate:11.0f} {rate * events_per_article:10.0f} {raw_s / seconds:6.2f}x"
            )
        return 0
    finally:
        if broker is not None:
            broker.stop()


if __name__ == "__main__":
    raise SystemExit(main())
