"""Projector benchmark: throughput against a raw consumer, and REST latency over >= 100k claims.

    uv run python benchmarks/projector/bench.py [--articles 5000] [--concurrency 8]

Uses KAFKA_BOOTSTRAP_SERVERS and DATABASE_URL (PostgreSQL) when set, else starts the local
broker and a local PostgreSQL (sitrep.devstack). In one run, on one fresh topic:

1. produces the synthetic log (articles with control claims and allegations over many places);
2. raw baselines: a bare kafka-python consumer (read_committed) reads the whole topic; then
   the same consumer also stores every event as it comes, one COPY per poll into a plain
   PostgreSQL table, the least any consumer that writes to PostgreSQL must do;
3. projector: the production loop (`ProjectorRunner`: consumer adapter, one PostgreSQL
   transaction per poll, bulk writes, derived rows refreshed) applies it, timed until every
   event is applied (claim rows) and until the control timelines and incidents are up to
   date (derived);
4. REST: the projector API under uvicorn (`--workers`), the main list queries at each
   concurrency given (8 and 32 by default), over the read model the projector just built;
   next to each, the same SQL statements the API ran for it (captured from the API's own
   engine), sent straight through psycopg by the same asyncio load generator at the same
   concurrency: the ratio of the two is what HTTP, FastAPI and the row mapping cost.
"""

from __future__ import annotations

import argparse
import asyncio
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
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import httpx
import orjson
import psycopg
from kafka import KafkaConsumer, KafkaProducer, TopicPartition
from kafka.admin import KafkaAdminClient, NewTopic
from kafka.record.util import crc32c_c
from psycopg.types.json import set_json_loads

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tests/support"))

from sitrep_testing.claim_events import ArticleBuilder

from sitrep.devstack import LocalKafka, LocalPostgres, create_database, free_port
from sitrep_eventlog import KafkaConnection, encode_event
from sitrep_projector.consuming import EventConsumer
from sitrep_projector.db import ReadModelStore
from sitrep_projector.ports import PositionLoader
from sitrep_projector.projecting import ProjectorRunner
from sitrep_projector.reference import load_reference
from sitrep_projector.settings import ProjectorSettings
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


def synthetic_log(
    articles: int, claims_per_article: int, places: int
) -> Iterator[tuple[bytes, bytes]]:
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


def produce(bootstrap: str, topic: str, args: argparse.Namespace) -> int:
    admin = KafkaAdminClient(bootstrap_servers=bootstrap)
    admin.create_topics([NewTopic(topic, num_partitions=6, replication_factor=1)])
    admin.close()
    started = time.perf_counter()
    producer = KafkaProducer(
        bootstrap_servers=bootstrap, acks="all", linger_ms=20, batch_size=512 * 1024
    )
    total = 0
    for key, value in synthetic_log(args.articles, args.claims_per_article, args.places):
        producer.send(topic, key=key, value=value)
        total += 1
    producer.flush()
    producer.close()
    print(
        f"log: {total} events ({args.articles * args.claims_per_article} claims, "
        f"{args.places} places) on {topic}, 6 partitions, produced in "
        f"{time.perf_counter() - started:.1f}s"
    )
    return total


def raw_consumer_seconds(
    bootstrap: str, topic: str, total: int, max_poll_records: int, database: str | None = None
) -> float:
    """A bare kafka-python consumer, configured as the projector's, reading every record;
    with `database`, also copying each poll's events into a plain table and committing."""
    connection = None
    if database:
        connection = psycopg.connect(database.replace("postgresql+psycopg", "postgresql"))
        connection.execute(
            "CREATE UNLOGGED TABLE IF NOT EXISTS raw_events "
            '(topic text, partition int, "offset" bigint, value jsonb)'
        )
        connection.commit()
    consumer = KafkaConsumer(
        bootstrap_servers=bootstrap,
        group_id=None,
        enable_auto_commit=False,
        isolation_level="read_committed",
        max_poll_records=max_poll_records,
    )
    parts = [TopicPartition(topic, p) for p in range(6)]
    consumer.assign(parts)
    consumer.seek_to_beginning(*parts)
    seen = 0
    started = time.perf_counter()
    while seen < total:
        polled = consumer.poll(timeout_ms=1000)
        for records in polled.values():
            seen += len(records)
        if connection is not None and polled:
            with connection.cursor() as cursor, cursor.copy("COPY raw_events FROM STDIN") as copy:
                for records in polled.values():
                    for r in records:
                        copy.write_row((r.topic, r.partition, r.offset, r.value.decode()))
            connection.commit()
    elapsed = time.perf_counter() - started
    consumer.close()
    if connection is not None:
        connection.close()
    return elapsed


def projector_seconds(
    bootstrap: str, topic: str, database: str, total: int, settings: ProjectorSettings
) -> tuple[float, float]:
    """The production loop (`ProjectorRunner`) from the first poll until every event is
    applied and the derived read models are refreshed; and the same less the refreshes."""
    store = ReadModelStore.from_url(database)
    store.create_schema()
    group = f"bench-{uuid.uuid4().hex[:6]}"
    connection = KafkaConnection(bootstrap_servers=bootstrap)

    def make_consumer(load_positions: PositionLoader) -> EventConsumer:
        return EventConsumer(
            connection,
            topic=topic,
            group_id=group,
            load_positions=load_positions,
            max_poll_records=settings.max_poll_records,
        )

    runner = ProjectorRunner(
        store,
        make_consumer,
        load_reference(settings.seeds_dir),
        group_id=group,
        dead_letter_sink=None,
        topic=topic,
        poll_timeout_ms=settings.poll_timeout_ms,
        refresh_interval_s=settings.refresh_interval_s,
    )
    status = runner.status
    started = time.perf_counter()
    runner.start()
    while (
        status.events_applied + status.duplicates_skipped + status.dead_letters < total
        or status.derived_pending
    ):
        if status.last_error:
            raise SystemExit(f"projector failed: {status.last_error}")
        time.sleep(0.02)
    elapsed = time.perf_counter() - started
    runner.stop()
    store.dispose()
    return elapsed - status.refresh_seconds, elapsed


def captured_sql(database: str) -> dict[str, list[tuple[str, dict[str, object]]]]:
    """The statements (and parameters) the API runs for each query, recorded from its own
    engine by calling it in process once per query."""
    from fastapi.testclient import TestClient  # noqa: PLC0415
    from sqlalchemy import event  # noqa: PLC0415

    from sitrep_projector.main import create_app  # noqa: PLC0415

    app = create_app(ProjectorSettings(database_url=database, consume=False))
    captured: dict[str, list[tuple[str, dict[str, object]]]] = {}
    with TestClient(app) as client:
        engine = app.state.store.reader  # the API's reads (an autocommit engine)
        current: list[tuple[str, dict[str, object]]] = []

        def record(
            _conn: object, _cursor: object, statement: str, parameters: object, *_: object
        ) -> None:
            if statement.lstrip().upper().startswith("SELECT"):
                current.append((statement, dict(parameters) if parameters else {}))  # type: ignore[call-overload]

        event.listen(engine, "before_cursor_execute", record)
        for name, path in QUERIES.items():
            current.clear()
            response = client.get(path)
            assert response.status_code == 200, (path, response.text)
            captured[name] = list(current)
        event.remove(engine, "before_cursor_execute", record)
    return captured


async def _timed_sql(
    database: str, statements: list[tuple[str, dict[str, object]]], requests: int, concurrency: int
) -> list[float]:
    """`concurrency` connections each running the statements of one request back to back,
    fetching every row: the latency of each such request without HTTP."""
    url = database.replace("postgresql+psycopg", "postgresql")
    samples: list[float] = []
    remaining = requests

    async def user() -> None:
        nonlocal remaining
        async with await psycopg.AsyncConnection.connect(url, autocommit=True) as connection:
            # JSON columns parsed as the API's engine parses them (orjson), so the two sides
            # do the same work on the rows.
            set_json_loads(orjson.loads, connection)
            while remaining > 0:
                remaining -= 1
                started = time.perf_counter()
                for statement, parameters in statements:
                    cursor = await connection.execute(statement, parameters)
                    await cursor.fetchall()
                samples.append((time.perf_counter() - started) * 1000)

    await asyncio.gather(*(user() for _ in range(concurrency)))
    return samples


async def _timed_requests(port: int, path: str, requests: int, concurrency: int) -> list[float]:
    """`concurrency` keep-alive connections sending GETs back to back; latency of each.

    A small HTTP/1.1 client on asyncio streams: on two shared cores the load generator's
    own CPU time is part of what is measured, and httpx in threads costs several times more.
    """
    request = f"GET {path} HTTP/1.1\r\nHost: bench\r\n\r\n".encode()
    samples: list[float] = []
    remaining = requests

    async def user() -> None:
        nonlocal remaining
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            while remaining > 0:
                remaining -= 1
                started = time.perf_counter()
                writer.write(request)
                head = await reader.readuntil(b"\r\n\r\n")
                status = head.split(b" ", 2)[1]
                if status != b"200":
                    raise RuntimeError(f"{path}: HTTP {status.decode()}")
                length = next(
                    int(line.split(b":", 1)[1])
                    for line in head.split(b"\r\n")
                    if line.lower().startswith(b"content-length:")
                )
                await reader.readexactly(length)
                samples.append((time.perf_counter() - started) * 1000)
        finally:
            writer.close()

    await asyncio.gather(*(user() for _ in range(concurrency)))
    return samples


def settle(database: str) -> None:
    """VACUUM ANALYZE the read model, as autovacuum leaves it shortly after a bulk load, so
    that the latencies are those of a read model at rest, not of one being vacuumed."""
    with psycopg.connect(database.replace("postgresql+psycopg", "postgresql")) as connection:
        connection.autocommit = True
        connection.execute("VACUUM (ANALYZE)")


Latency = tuple[
    str, int, float, float, float, float
]  # query, concurrency, API p50/p99, SQL p50/p99


def rest_latency(database: str, args: argparse.Namespace) -> list[Latency]:
    # The API in its own process(es), as deployed, so the load generator has its own GIL.
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
            "--workers",
            str(args.workers),
            "--log-level",
            "warning",
            "--no-access-log",
        ],
        env={**os.environ, "DATABASE_URL": database, "SITREP_PROJECTOR_CONSUME": "false"},
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(f"http://127.0.0.1:{port}/health/ready", timeout=1).is_success:
                    break
            time.sleep(0.1)
        else:
            raise SystemExit("the projector API did not become ready within 60 s")
        statements = captured_sql(database)
        results: list[Latency] = []
        for concurrency in args.concurrency:
            # Warm every worker's connection pool, plans and caches with every query first,
            # so the first query measured is not the one that pays for a cold server.
            for name, path in QUERIES.items():
                asyncio.run(_timed_requests(port, path, concurrency * 20, concurrency))
                asyncio.run(_timed_sql(database, statements[name], concurrency * 5, concurrency))
            for name, path in QUERIES.items():
                api = asyncio.run(_timed_requests(port, path, args.requests, concurrency))
                sql = asyncio.run(
                    _timed_sql(database, statements[name], args.requests, concurrency)
                )
                results.append(
                    (
                        name,
                        concurrency,
                        statistics.median(api),
                        percentile(api, 0.99),
                        statistics.median(sql),
                        percentile(sql, 0.99),
                    )
                )
        return results
    finally:
        server.terminate()
        server.wait(timeout=10)


QUERIES = {
    "control now": "/v1/control?limit=50",
    "control SY controlled": "/v1/control?country=SY&state=controlled&limit=50",
    "control as_of": "/v1/control?as_of=2016-06-01&admin1=Province%207&limit=50",
    "control changes": "/v1/control/changes?since=2016-06-01&until=2016-06-08&limit=50",
    "incidents": "/v1/incidents?limit=50",
    "incidents filtered": "/v1/incidents?perpetrator=isis&type=killing&limit=50",
    "incidents by sources": "/v1/incidents?sort=-sources&limit=50",
    "allegations": "/v1/allegations?limit=50",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--claims-per-article", type=int, default=20)
    parser.add_argument("--places", type=int, default=20000)
    parser.add_argument(
        "--concurrency",
        type=lambda text: [int(c) for c in text.split(",")],
        default=[8, 32],
        help="comma-separated, e.g. 8,32",
    )
    parser.add_argument("--workers", type=int, default=2, help="uvicorn worker processes")
    parser.add_argument("--requests", type=int, default=400, help="per query")
    parser.add_argument("--skip-rest", action="store_true")
    args = parser.parse_args()
    settings = ProjectorSettings()
    print(
        f"machine: {os.cpu_count()} CPUs shared by the broker, PostgreSQL, the projector and "
        f"the load generator; kafka-python CRC32C: "
        f"{'C extension' if crc32c_c is not None else 'pure Python'}"
    )

    with infrastructure() as (bootstrap, database):
        topic = f"bench.events.{uuid.uuid4().hex[:6]}"
        total = produce(bootstrap, topic, args)
        raw = raw_consumer_seconds(bootstrap, topic, total, settings.max_poll_records)
        stored = raw_consumer_seconds(
            bootstrap, topic, total, settings.max_poll_records, database=database
        )
        applied, projector = projector_seconds(bootstrap, topic, database, total, settings)
        raw_rate, projector_rate = total / raw, total / projector
        print(
            f"\nthroughput, same topic, same run (max_poll_records={settings.max_poll_records}, "
            f"refresh_interval_s={settings.refresh_interval_s:g}):"
        )
        stored_rate = total / stored
        print(f"  {'reader':56s} {'seconds':>8s} {'events/s':>9s} {'x raw':>6s} {'x store':>8s}")
        rows = [
            ("raw kafka-python consumer (read_committed)", raw),
            ("store-only: raw consumer + COPY of every event", stored),
            ("projector, time outside derived refreshes", applied),
            ("projector, derived read models refreshed too", projector),
        ]
        for name, seconds in rows:
            rate = total / seconds
            print(
                f"  {name:56s} {seconds:8.1f} {rate:9,.0f} {rate / raw_rate:6.2f} "
                f"{rate / stored_rate:8.2f}"
            )
        for label, rate, target in (
            ("outside refreshes", total / applied, 0.5),
            ("end to end", projector_rate, 0.3),
        ):
            verdict = "met" if rate >= target * stored_rate else "missed"
            print(
                f"  target {label} >= {target:.2f} x store-only: {verdict} "
                f"({rate / stored_rate:.2f})"
            )
        if args.skip_rest:
            return
        settle(database)
        results = rest_latency(database, args)
        print(
            f"\nREST latency over {args.articles * args.claims_per_article} claims, "
            f"{args.requests} requests per query, uvicorn --workers {args.workers}; the same "
            "SQL through psycopg, same load generator (ms):"
        )
        print(
            f"  {'query':24s} {'conc':>4s} {'API p50':>8s} {'API p99':>8s} {'SQL p50':>8s} "
            f"{'SQL p99':>8s} {'p99 x SQL':>9s}"
        )
        for name, concurrency, api50, api99, sql50, sql99 in results:
            ratio = api99 / sql99 if sql99 > 0 else float("inf")
            print(
                f"  {name:24s} {concurrency:4d} {api50:8.1f} {api99:8.1f} {sql50:8.1f} "
                f"{sql99:8.1f} {ratio:9.2f}{'' if ratio <= 2 else '  (> 2x)'}"
            )


if __name__ == "__main__":
    main()
