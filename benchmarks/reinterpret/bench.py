"""Re-interpretation benchmark: `sitrep reinterpret` against the extractor alone.

    .venv/bin/python benchmarks/reinterpret/bench.py [--articles 470]

Uses KAFKA_BOOTSTRAP_SERVERS when set, else starts the local broker (sitrep.devstack). The
log is the 46 annotated articles and the seed article (`seeds/`), repeated under different
URLs up to `--articles`, written as ingest records them (ArticleIngested and the
ParagraphRecorded events, one transaction per article) but never read by the current
extractor. Then, in one run over the same log:

1. baseline: the extractor alone over the same articles, in memory (no Kafka), in batches
   of 32 articles as the command reads them;
2. `--dry-run`: both passes over the log and the extraction, nothing published;
3. the real run: the same, publishing each article's claims and markers, each article
   all-or-nothing in one transaction shared with others (the command's publisher: group
   commit over two transactional producers);
4. a second run: everything is already read, so only the two passes over the log.

Each run is the use case the command calls (`reinterpret` with the Kafka reader and
publisher), in this process, so the extractor is loaded once and not timed.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from kafka import KafkaProducer

from sitrep.commands.reinterpret import IN_FLIGHT, reinterpret_publisher
from sitrep.devstack import kafka_or_local
from sitrep_eventlog import KafkaConnection, TopicSettings, encode_event, ensure_topics
from sitrep_ingest.articles import ArticleBody
from sitrep_ingest.events import article_events
from sitrep_ingest.extraction import Extractor
from sitrep_ingest.reading import KafkaLogReader
from sitrep_ingest.reinterpretation import (
    ArticleAssembler,
    ReinterpretCounts,
    reinterpret,
    reinterpret_articles,
)
from sitrep_schemas import (
    EVENTS_TOPIC,
    ArticleIngested,
    EventEnvelope,
    ParagraphRecorded,
    TopicSpec,
)

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "articles" / "000_672c0df4b7590af4.txt"
ANNOTATIONS = ROOT / "seeds" / "annotations" / "annotations.jsonl"
RECEIVED = datetime(2024, 1, 1, tzinfo=UTC)


def article_bodies(count: int) -> list[ArticleBody]:
    sources = [{"text": SEED.read_text(encoding="utf-8"), "published_at": "2016-06-05"}]
    for line in ANNOTATIONS.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            sources.append({"text": row["text"], "published_at": row.get("published_at")})
    return [
        ArticleBody(
            url=f"https://bench.invalid/{n}", publisher="Bench", **sources[n % len(sources)]
        )
        for n in range(count)
    ]


def recorded_only(events: list[EventEnvelope]) -> list[EventEnvelope]:
    """The article as a log that no extractor version has read would hold it."""
    return [e for e in events if isinstance(e, ArticleIngested | ParagraphRecorded)]


def timed(what: str, work: Callable[[], ReinterpretCounts]) -> tuple[float, ReinterpretCounts]:
    print(what, file=sys.stderr)
    started = time.perf_counter()
    counts = work()
    return time.perf_counter() - started, counts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=470)
    parser.add_argument(
        "--in-flight", type=int, default=IN_FLIGHT, help="articles being published at once"
    )
    args = parser.parse_args()

    with kafka_or_local() as bootstrap:
        connection = KafkaConnection(bootstrap_servers=bootstrap)
        topic = TopicSpec(f"bench.reinterpret.{uuid.uuid4().hex[:8]}", 6, dict(EVENTS_TOPIC.config))
        ensure_topics(connection, [topic], TopicSettings())
        extractor = Extractor.load()
        print(f"writing the log of {args.articles} articles (not timed) ...", file=sys.stderr)
        logs = [
            recorded_only(article_events(b, RECEIVED, extractor).events)
            for b in article_bodies(args.articles)
        ]
        producer = KafkaProducer(
            bootstrap_servers=bootstrap,
            transactional_id=f"bench-log-{uuid.uuid4().hex[:8]}",
            enable_idempotence=True,
            acks="all",
        )
        producer.init_transactions()
        for events in logs:
            producer.begin_transaction()
            for record in map(encode_event, events):
                producer.send(
                    topic.name, value=record.value, key=record.key, headers=record.headers
                )
            producer.commit_transaction()
        producer.close()
        paragraphs = sum(len(events) - 1 for events in logs)

        def extraction_alone() -> ReinterpretCounts:
            counts = ReinterpretCounts()
            articles = list(ArticleAssembler().assemble(e for events in logs for e in events))
            for start in range(0, len(articles), 32):  # batches as the command makes them
                for done in reinterpret_articles(articles[start : start + 32], extractor, set()):
                    counts.add(done)
            return counts

        def run(publish: bool) -> Callable[[], ReinterpretCounts]:
            def work() -> ReinterpretCounts:
                publisher = (
                    reinterpret_publisher(connection, TopicSettings(), topic) if publish else None
                )
                try:
                    return reinterpret(
                        KafkaLogReader(connection, topic.name),
                        extractor,
                        publisher,
                        in_flight=args.in_flight,
                    )
                finally:
                    if publisher is not None:
                        publisher.close()

            return work

        rows = [
            ("extractor alone, in memory (baseline)", *timed("1/4 baseline ...", extraction_alone)),
            ("sitrep reinterpret --dry-run", *timed("2/4 dry run ...", run(publish=False))),
            ("sitrep reinterpret", *timed("3/4 reinterpret ...", run(publish=True))),
            ("sitrep reinterpret again (all skipped)", *timed("4/4 again ...", run(publish=True))),
        ]
        base_s = rows[0][1]
        print(
            f"\n{args.articles} articles, {paragraphs} paragraphs, "
            f"{rows[2][2].claims} claims; broker {bootstrap}, {os.cpu_count()} cores"
        )
        print(f"{'path':44} {'s':>6} {'articles/s':>11} {'paragraphs/s':>13} {'vs baseline':>12}")
        for name, seconds, counts in rows:
            print(
                f"{name:44} {seconds:6.2f} {args.articles / seconds:11.1f} "
                f"{paragraphs / seconds:13.0f} {base_s / seconds:11.2f}x"
            )
            assert counts.articles == args.articles, counts
        assert rows[3][2].claims == 0 and rows[3][2].skipped == paragraphs, rows[3][2]
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
