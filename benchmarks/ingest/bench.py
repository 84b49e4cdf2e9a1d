"""Ingest benchmark: the HTTP routes against a raw transactional producer, in one run.

    .venv/bin/python benchmarks/ingest/bench.py [--articles 400] [--extracted-articles 60]
        [--concurrency 8] [--batch-size 100] [--workers N]

Uses KAFKA_BOOTSTRAP_SERVERS when set, else starts the local broker (sitrep.devstack). Every
path publishes the same articles (the seed article, a different URL each time), each on a
fresh topic of 6 partitions, every article all-or-nothing in a committed transaction with
acks=all before it counts:

1. raw kafka-python: one transactional producer publishing the same serialised events
   (built before timing), one transaction per article, serially; and 64 articles a
   transaction, the most group commit puts in one;
2. POST /v1/articles from `--concurrency` clients, and POST /v1/articles:batch with
   `--batch-size` articles a request from 2 clients, each against ingest under uvicorn:
   with extraction in the process pool (`--workers`, default the CPU count), with extraction
   in the service process (workers=0), and without extraction (SITREP_INGEST_EXTRACT=false:
   paragraphs recorded, no claims), pool and no pool.

Prints articles/s, events/s and the request latency (p50, p99) of each, and the ratios.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import httpx
from kafka import KafkaProducer

from sitrep.devstack import INGEST_APP, ServiceProcess, kafka_or_local
from sitrep_auth import hash_key, new_key
from sitrep_eventlog import EncodedEvent, KafkaConnection, TopicSettings, ensure_topics
from sitrep_ingest.articles import ArticleSubmission
from sitrep_ingest.extraction import Extractor
from sitrep_ingest.intake import BuiltArticle, build_article
from sitrep_schemas import EVENTS_TOPIC, TopicSpec

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "articles" / "000_672c0df4b7590af4.txt"


@dataclass
class Row:
    path: str
    articles: int
    events: int
    seconds: float
    latencies: list[float]

    @property
    def rate(self) -> float:
        return self.articles / self.seconds

    def latency(self, q: float) -> float:
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


def article_bodies(count: int, run: str) -> list[dict[str, str]]:
    text = SEED.read_text(encoding="utf-8")
    return [
        {"url": f"https://bench.invalid/{run}/{n}", "text": text, "published_at": "2016-06-05"}
        for n in range(count)
    ]


def fresh_topic(connection: KafkaConnection) -> TopicSpec:
    spec = TopicSpec(f"bench.ingest.{uuid.uuid4().hex[:8]}", 6, dict(EVENTS_TOPIC.config))
    ensure_topics(connection, [spec], TopicSettings())
    return spec


def raw_producer(
    bootstrap: str, topic: str, articles: Sequence[Sequence[EncodedEvent]], per_txn: int
) -> Row:
    producer = KafkaProducer(
        bootstrap_servers=bootstrap,
        transactional_id=f"bench-raw-{uuid.uuid4().hex[:8]}",
        enable_idempotence=True,
        acks="all",
        linger_ms=5,
        batch_size=512 * 1024,
    )
    producer.init_transactions()
    latencies: list[float] = []
    started = time.perf_counter()
    for first in range(0, len(articles), per_txn):
        began = time.perf_counter()
        producer.begin_transaction()
        for records in articles[first : first + per_txn]:
            for r in records:
                producer.send(topic, value=r.value, key=r.key, headers=r.headers)
        producer.commit_transaction()
        latencies.append(time.perf_counter() - began)
    took = time.perf_counter() - started
    producer.close()
    name = (
        "raw kafka-python, 1 txn/article, serial"
        if per_txn == 1
        else (f"raw kafka-python, {per_txn} articles/txn, serial")
    )
    return Row(name, len(articles), sum(len(a) for a in articles), took, latencies)


def timed(work: Callable[[int], float], count: int, concurrency: int) -> tuple[float, list[float]]:
    started = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        latencies = list(pool.map(work, range(count)))
    return time.perf_counter() - started, latencies


def through_ingest(
    bootstrap: str,
    connection: KafkaConnection,
    bodies: list[dict[str, str]],
    events_per_article: float,
    *,
    workers: int,
    extract: bool,
    concurrency: int,
    batch_size: int,
    log_dir: Path,
) -> list[Row]:
    key = new_key("bench")
    keys_file = log_dir / f"keys-{uuid.uuid4().hex[:6]}.json"
    keys_file.write_text(
        json.dumps({"keys": [{"id": "bench", "sha256": hash_key(key), "scopes": ["ingest:write"]}]})
    )
    rows: list[Row] = []
    label = f"{'extract' if extract else 'no extraction'}, {workers or 'no'} pool workers"
    for route in ("single", "batch"):
        topic = fresh_topic(connection)
        env = {
            "KAFKA_BOOTSTRAP_SERVERS": bootstrap,
            "SITREP_EVENTS_TOPIC": topic.name,
            "SITREP_API_KEYS_FILE": str(keys_file),
            "SITREP_INGEST_EXTRACTION_WORKERS": str(workers),
            "SITREP_INGEST_EXTRACT": "true" if extract else "false",
            "SITREP_INGEST_RATE_LIMIT_PER_S": "0",
            "SITREP_INGEST_MAX_IN_FLIGHT": "256",
            "SITREP_INGEST_LOG_FORMAT": "text",
            "SITREP_INGEST_INSTANCE_ID": f"bench-{uuid.uuid4().hex[:6]}",
            "SITREP_INGEST_STATE_PATH": str(log_dir / f"state-{uuid.uuid4().hex[:6]}.sqlite3"),
        }
        headers = {"Authorization": f"Bearer {key}"}
        with (
            ServiceProcess("ingest", INGEST_APP, env=env, log_dir=log_dir) as service,
            httpx.Client(base_url=service.url, timeout=300, headers=headers) as client,
        ):
            warm = client.post("/v1/articles", json={**bodies[0], "url": bodies[0]["url"] + "w"})
            assert warm.status_code == 202, warm.text
            if route == "single":

                def post(n: int) -> float:
                    began = time.perf_counter()
                    response = client.post("/v1/articles", json=bodies[n])
                    if response.status_code != 202:
                        raise RuntimeError(f"HTTP {response.status_code}: {response.text}")
                    return time.perf_counter() - began

                took, latencies = timed(post, len(bodies), concurrency)
                name = f"POST /v1/articles, {concurrency} clients ({label})"
            else:
                chunks = [bodies[i : i + batch_size] for i in range(0, len(bodies), batch_size)]

                def post_batch(n: int, chunks: list[list[dict[str, str]]] = chunks) -> float:
                    began = time.perf_counter()
                    response = client.post("/v1/articles:batch", json=chunks[n])
                    result = response.json()
                    if response.status_code != 200 or result["accepted"] != len(chunks[n]):
                        raise RuntimeError(f"HTTP {response.status_code}: {response.text[:300]}")
                    return time.perf_counter() - began

                took, latencies = timed(post_batch, len(chunks), 2)
                name = f"POST /v1/articles:batch x{batch_size}, 2 clients ({label})"
        per_article = events_per_article if extract else 1 + 14  # ingested + paragraphs
        rows.append(Row(name, len(bodies), round(per_article * len(bodies)), took, latencies))
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--articles", type=int, default=400, help="without extraction")
    parser.add_argument(
        "--extracted-articles", type=int, default=60, help="with extraction (CPU-bound: slow)"
    )
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--batch-size", type=int, default=100)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument(
        "--pool-only", action="store_true", help="skip the rows without the process pool"
    )
    args = parser.parse_args()

    with kafka_or_local() as bootstrap:
        connection = KafkaConnection(bootstrap_servers=bootstrap)
        run = uuid.uuid4().hex[:6]
        bodies = article_bodies(max(args.articles, args.extracted_articles), run)
        sample = bodies[: args.extracted_articles]
        print(f"building the events of {len(sample)} articles (not timed) ...", file=sys.stderr)
        extractor = Extractor.load()
        now = datetime.now(UTC)
        built = [build_article(ArticleSubmission.model_validate(b), now, extractor) for b in sample]
        assert all(isinstance(b, BuiltArticle) for b in built)
        one_each = [list(b.records) for b in built if isinstance(b, BuiltArticle)]
        events_per_article = sum(len(e) for e in one_each) / len(one_each)
        # The raw producer publishes as many articles as the HTTP rows without extraction,
        # repeating the built ones (throughput does not depend on the ids).
        encoded = [one_each[n % len(one_each)] for n in range(args.articles)]

        rows: list[Row] = []
        print("raw kafka-python ...", file=sys.stderr)
        rows.append(raw_producer(bootstrap, fresh_topic(connection).name, encoded, 1))
        rows.append(raw_producer(bootstrap, fresh_topic(connection).name, encoded, 64))
        log_dir = Path(tempfile.mkdtemp(prefix="bench-ingest-"))
        configs = [(args.workers, True), (0, True), (args.workers, False), (0, False)]
        if args.pool_only:
            configs = [(w, e) for w, e in configs if w]
        for workers, extract in configs:
            print(f"ingest, workers={workers}, extract={extract} ...", file=sys.stderr)
            count = args.extracted_articles if extract else args.articles
            rows += through_ingest(
                bootstrap, connection, bodies[:count], events_per_article,
                workers=workers, extract=extract, concurrency=args.concurrency,
                batch_size=args.batch_size, log_dir=log_dir,
            )  # fmt: skip

        raw = rows[0]
        print(
            f"\nthe seed article (14 paragraphs, {events_per_article:.0f} events; 15 without "
            f"extraction) under {len(bodies)} URLs: {args.articles} articles a row without "
            f"extraction, {args.extracted_articles} with; broker {bootstrap}; "
            f"{os.cpu_count()} cores shared by broker, service and clients"
        )
        print(
            f"{'path':72} {'articles/s':>10} {'events/s':>9} {'p50 ms':>8} {'p99 ms':>8} "
            f"{'vs raw':>7}"
        )
        for row in rows:
            print(
                f"{row.path:72} {row.rate:10.1f} {row.events / row.seconds:9.0f} "
                f"{row.latency(0.5):8.0f} {row.latency(0.99):8.0f} {row.rate / raw.rate:6.2f}x"
            )
        by_name = {row.path: row for row in rows}

        def find(prefix: str, label: str) -> Row:
            return next(r for n, r in by_name.items() if n.startswith(prefix) and label in n)

        print()
        labels = [f"extract, {args.workers} pool", f"no extraction, {args.workers} pool"]
        if not args.pool_only:
            labels += ["extract, no pool", "no extraction, no pool"]
        for label in labels:
            single = find("POST /v1/articles,", label)
            batch = find("POST /v1/articles:batch", label)
            print(f"batch / single ({label}): {batch.rate / single.rate:.2f}x")
        for route in ("POST /v1/articles,", "POST /v1/articles:batch") * (not args.pool_only):
            pooled = find(route, f"extract, {args.workers} pool")
            inline = find(route, "extract, no pool")
            print(f"pool / no pool, with extraction ({route.rstrip(',')}): "
                  f"{pooled.rate / inline.rate:.2f}x")  # fmt: skip
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
