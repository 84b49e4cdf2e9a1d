"""Projector benchmark: throughput against a raw consumer, and REST latency over >= 100k claims.

    uv run python benchmarks/projector/bench.py [--articles 5000] [--concurrency 8]

Uses KAFKA_BOOTSTRAP_SERVERS and DATABASE_URL (PostgreSQL) when set, else starts the local
broker and a local PostgreSQL (sitrep.devstack). In one run, on one fresh topic:

1. produces the synthetic log (articles with control claims and allegations over many places);
2. raw baseline: a bare kafka-python consumer (read_committed) reads the whole topic;
3. projector: the production consumer adapter and `apply_batch` (one PostgreSQL transaction
   per poll, bulk upserts, derived rows refreshed for the touched places and blocks) apply it;
4. REST: the projector API under uvicorn, the main list queries at a fixed concurrency.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import httpx
from kafka import KafkaConsumer, KafkaProducer, TopicPartition
from kafka.admin import KafkaAdminClient, NewTopic

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tests/support"))

from sitrep_testing.claim_events import ArticleBuilder

from sitrep.devstack import LocalKafka, LocalPostgres, create_database, free_port
from sitrep_eventlog import KafkaConnection, encode_event
from sitrep_projector.apply import apply_batch
from sitrep_projector.consuming import EventConsumer, stored_positions_loader
from sitrep_projector.db import ReadModelStore
from sitrep_schemas import ActorRef, Count, Counts, EventTime, PlaceRef

SIDES = ["isis", "syrian_government", "iraqi_government", "sdf", "rebels"]
TYPES = ["abduction", "execution", "killing", "looting", "arrest", "shelling"]
STATES = [
    ("captured", "controlled"),
    ("captured", "controlled"),
    ("encircled", "encircled"),
    ("advanced_toward", "advancing_on"),
    ("present", "presence"),
]


def synthetic_log(articles: int, claims_per_article: int, places: int) -> Iterator[bytes | tuple]:
    rng = random.Random(42)
    start = date(2016, 1, 1)
    for n in range(articles):
        day = start + timedelta(days=rng.randrange(365))
        article = ArticleBuilder(
            url=f"https://news.example/{n}",
            publisher=f"Publisher {n % 40}",
            published=day,
            paragraphs=[f"Paragraph {n}.{i} of a synthetic report." for i in range(4)],
            recorded_at=datetime(2016, 1, 1, tzinfo=UTC) + timedelta(minutes=n),
        )
        for c in range(claims_per_article):
            p = rng.randrange(places)
            where = PlaceRef(
                mention=f"Town {p}",
                place_id=f"bench:{p}",
                name=f"Town {p}",
                country="SY" if p % 2 else "IQ",
                admin1=f"Province {p % 50}",
                lat=30 + (p % 500) / 100,
                lon=38 + (p // 500) / 100,
                geo_precision=1,
                resolved=True,
            )
            side = SIDES[rng.randrange(len(SIDES))]
            who = ActorRef(mention=side, actor_id=f"{side}_forces", side=side, resolved=True)
            when = EventTime(start=day - timedelta(days=rng.randrange(5)), precision=1)
            sentence = f"Sentence {c} of article {n}."
            article.paragraphs[c % 4] += " " + sentence
            if c % 4 == 3:
                kind = TYPES[rng.randrange(len(TYPES))]
                number = rng.randrange(1, 80)
                counts = (
                    Counts(killed=Count(best=number))
                    if kind in ("execution", "killing", "shelling")
                    else Counts(abducted=Count(best=number))
                )
                article.allegation(
                    c % 4, sentence, f"t{c}", kind, who, where, counts=counts, when=when
                )
            else:
                action, state = STATES[rng.randrange(len(STATES))]
                article.control(c % 4, sentence, f"t{c}", where, who, action, state, when=when)
        for event in article.events:
            encoded = encode_event(event)
            yield (encoded.key, encoded.value)


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


@contextlib.contextmanager
def infrastructure() -> Iterator[tuple[str, str]]:
    with contextlib.ExitStack() as stack:
        bootstrap = os.environ.get("KAFKA_BOOTSTRAP_SERVERS")
        if not bootstrap:
            folder = Path(stack.enter_context(tempfile.TemporaryDirectory()))
            bootstrap = stack.enter_context(LocalKafka(folder / "kafka")).bootstrap
        server = os.environ.get("DATABASE_URL")
        if not server:
            folder = Path(tempfile.mkdtemp(prefix="sitrep-bench-pg-"))
            os.chmod(folder, 0o777)
            server = stack.enter_context(LocalPostgres(folder)).url
        yield bootstrap, create_database(server)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--claims-per-article", type=int, default=20)
    parser.add_argument("--places", type=int, default=20000)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--requests", type=int, default=400, help="per query")
    args = parser.parse_args()

    with infrastructure() as (bootstrap, database):
        topic = f"bench.events.{uuid.uuid4().hex[:6]}"
        admin = KafkaAdminClient(bootstrap_servers=bootstrap)
        admin.create_topics([NewTopic(topic, num_partitions=6, replication_factor=1)])
        admin.close()

        started = time.perf_counter()
        producer = KafkaProducer(
            bootstrap_servers=bootstrap,
            acks="all",
            linger_ms=20,
            batch_size=512 * 1024,
            compression_type=None,
        )
        total = 0
        for key, value in synthetic_log(args.articles, args.claims_per_article, args.places):
            producer.send(topic, key=key, value=value)
            total += 1
        producer.flush()
        producer.close()
        claims = args.articles * args.claims_per_article
        print(
            f"log: {total} events ({claims} claims) produced in "
            f"{time.perf_counter() - started:.1f}s on {topic}"
        )

        # Raw baseline: a bare consumer reading every record of the topic.
        consumer = KafkaConsumer(
            bootstrap_servers=bootstrap,
            group_id=None,
            enable_auto_commit=False,
            isolation_level="read_committed",
            max_poll_records=500,
        )
        parts = [TopicPartition(topic, p) for p in range(6)]
        consumer.assign(parts)
        consumer.seek_to_beginning(*parts)
        seen = 0
        started = time.perf_counter()
        while seen < total:
            for records in consumer.poll(timeout_ms=1000).values():
                seen += len(records)
        raw_rate = seen / (time.perf_counter() - started)
        consumer.close()

        # The projector: production consumer adapter, apply_batch per poll into PostgreSQL.
        store = ReadModelStore.from_url(database)
        store.create_schema()
        group = f"bench-{uuid.uuid4().hex[:6]}"
        events = EventConsumer(
            KafkaConnection(bootstrap_servers=bootstrap),
            topic=topic,
            group_id=group,
            load_positions=stored_positions_loader(store, group),
            max_poll_records=500,
        )
        applied = 0
        started = time.perf_counter()
        while applied < total:
            batch = events.poll(1000)
            if batch:
                with store.session() as session:
                    outcome = apply_batch(session, batch, group)
                    session.commit()
                applied += outcome.applied + outcome.duplicates + len(outcome.dead_letters)
        projector_rate = applied / (time.perf_counter() - started)
        events.close()
        print(f"raw kafka-python consumer: {raw_rate:,.0f} events/s")
        print(
            f"projector (PostgreSQL, apply_batch per poll of 500): {projector_rate:,.0f} "
            f"events/s = {projector_rate / raw_rate:.2f} x raw "
            f"({'meets' if projector_rate >= raw_rate / 2 else 'misses'} the >= 0.5 target)"
        )

        # REST latency.
        # The API in its own process (as deployed), so the load generator does not share its GIL.
        port = free_port()
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "uvicorn",
                "sitrep_projector.main:create_app",
                "--factory",
                "--port",
                str(port),
                "--log-level",
                "warning",
            ],
            env={**os.environ, "DATABASE_URL": database, "SITREP_PROJECTOR_CONSUME": "false"},
        )
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(f"{base}/health/ready", timeout=1).status_code == 200:
                    break
            time.sleep(0.1)
        queries = {
            "control now": "/v1/control?limit=50",
            "control SY controlled": "/v1/control?country=SY&state=controlled&limit=50",
            "control as_of": "/v1/control?as_of=2016-06-01&admin1=Province%207&limit=50",
            "control changes": "/v1/control/changes?since=2016-06-01&until=2016-06-08&limit=50",
            "incidents": "/v1/incidents?limit=50",
            "incidents filtered": "/v1/incidents?perpetrator=isis&type=killing&limit=50",
            "incidents by sources": "/v1/incidents?sort=-sources&limit=50",
            "allegations": "/v1/allegations?limit=50",
        }
        print(
            f"REST latency, {args.requests} requests per query at concurrency {args.concurrency}:"
        )
        with httpx.Client(base_url=base, timeout=30) as client:
            for name, path in queries.items():
                client.get(path).raise_for_status()  # warm

                def timed(_: int, path: str = path) -> float:
                    t0 = time.perf_counter()
                    client.get(path).raise_for_status()
                    return (time.perf_counter() - t0) * 1000

                with ThreadPoolExecutor(args.concurrency) as pool:
                    samples = list(pool.map(timed, range(args.requests)))
                print(
                    f"  {name:24s} p50 {statistics.median(samples):6.1f} ms   "
                    f"p99 {percentile(samples, 0.99):6.1f} ms"
                )
        server.terminate()
        server.wait(timeout=10)
        store.dispose()


if __name__ == "__main__":
    main()
