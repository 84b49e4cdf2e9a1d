"""`sitrep reinterpret`: read the paragraph log again with the current extractor."""

from __future__ import annotations

import argparse
import dataclasses
import socket
import sys
import time
from typing import Any

from sitrep_eventlog import BrokerUnavailable, KafkaConnection, TopicSettings
from sitrep_ingest.extraction import Extractor
from sitrep_ingest.publishing import KafkaEventPublisher, PublisherSettings
from sitrep_ingest.reading import KafkaLogReader
from sitrep_ingest.reinterpretation import Progress, ReinterpretCounts, reinterpret
from sitrep_ingest.settings import IngestSettings
from sitrep_schemas import TopicSpec

__all__ = ["IN_FLIGHT", "register", "reinterpret_publisher"]

IN_FLIGHT = 256  # articles being published while the next ones are read: two full batches


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "reinterpret",
        help="re-read the paragraphs in the event log with the current extractor",
        description="Reads the ParagraphRecorded events in the log (read_committed, from the "
        "beginning up to where the log ends when the command starts), runs the current "
        "extractor over each article and publishes, in one Kafka transaction per article, "
        "the claims it finds and a ParagraphInterpreted marker per paragraph under its "
        "extractor_version. The projector then prefers that reading of each paragraph. "
        "Paragraphs this extractor version has already read are skipped, so a second run "
        "publishes nothing. Talks to Kafka directly (an operator's command: it needs access "
        "to the broker, not to ingest); SITREP_SEEDS_DIR and SITREP_SPACY_PIPELINE choose "
        "the extractor's data as for ingest. Prints the counts on stdout; exit status 1 "
        "when Kafka fails (run it again: committed articles are skipped).",
    )
    parser.add_argument(
        "--bootstrap-servers",
        help="comma-separated host:port of the brokers (default: KAFKA_BOOTSTRAP_SERVERS, "
        "else localhost:9092)",
    )
    parser.add_argument(
        "--topic", help="the event log's topic (default: SITREP_EVENTS_TOPIC, else sitrep.events)"
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="read and count only; publish nothing"
    )
    parser.add_argument("--quiet", action="store_true", help="no progress bar on stderr")
    parser.set_defaults(run=run)


def reinterpret_publisher(
    connection: KafkaConnection, topics: TopicSettings, topic: TopicSpec
) -> KafkaEventPublisher:
    """Ingest's publisher, set for a batch job rather than for requests waiting on it."""
    return KafkaEventPublisher(
        connection,
        topics,
        PublisherSettings(
            # One transactional.id per host: a second run started beside a first one fences
            # it, rather than both publishing the same readings.
            instance_id=f"reinterpret-{socket.gethostname()}",
            producers=2,
            # Nobody waits on one article, and a commit costs about as much for one article
            # as for a hundred: wait longer for company than ingest does, so that most
            # transactions are full ones (measured in docs/ingest.md).
            linger_ms=50.0,
            max_batch=128,
            publish_timeout_s=60.0,
        ),
        topic,
    )


def _progress_bar(started: float) -> Progress:
    shown = [0.0]

    def show(done: int, total: int) -> None:
        now = time.monotonic()
        if done < total and now - shown[0] < 0.2:  # redraw at most five times a second
            return
        shown[0] = now
        width = 30
        filled = int(width * done / max(total, 1))
        rate = done / max(now - started, 1e-6)
        sys.stderr.write(
            f"\rreinterpret [{'#' * filled}{'.' * (width - filled)}] "
            f"{done}/{total} articles, {rate:,.1f}/s"
        )
        sys.stderr.flush()

    return show


def _summary(counts: ReinterpretCounts, version: str, dry_run: bool, seconds: float) -> str:
    verb = "would be published" if dry_run else "published"
    return (
        f"{'dry run, nothing published: ' if dry_run else ''}extractor {version}: "
        f"{counts.articles} articles, {counts.articles_published} with new readings; "
        f"{counts.paragraphs} paragraphs read, {counts.claims} claims {verb} "
        f"({counts.events} events with the markers); {counts.skipped} paragraphs skipped "
        f"(already read by {version}); {seconds:.1f} s, "
        f"{counts.articles / max(seconds, 1e-6):,.1f} articles/s"
    )


def run(args: argparse.Namespace) -> int:
    settings = IngestSettings()
    connection = KafkaConnection(
        bootstrap_servers=args.bootstrap_servers or settings.kafka_bootstrap_servers,
        client_id=f"sitrep-reinterpret-{socket.gethostname()}",
    )
    topic = args.topic or settings.events_topic
    extractor = Extractor.load(settings.extractor())
    log = KafkaLogReader(connection, topic)
    publisher = (
        None
        if args.dry_run
        else reinterpret_publisher(
            connection,
            settings.topics(),
            dataclasses.replace(settings.events_topic_spec(), name=topic),
        )
    )
    started = time.monotonic()
    progress = None if args.quiet else _progress_bar(started)
    counts = ReinterpretCounts()
    try:
        reinterpret(
            log, extractor, publisher, progress=progress, in_flight=IN_FLIGHT, counts=counts
        )
    except BrokerUnavailable as exc:
        if progress is not None:
            sys.stderr.write("\n")
        sys.stderr.write(
            f"sitrep reinterpret: {exc}\nStopped after "
            f"{_summary(counts, extractor.version, args.dry_run, time.monotonic() - started)}"
            "\nRun it again: the articles already committed are skipped.\n"
        )
        return 1
    finally:
        if publisher is not None:
            publisher.close()
    if progress is not None:
        sys.stderr.write("\n")
    if log.unreadable:
        sys.stderr.write(f"sitrep reinterpret: {log.unreadable} records were not valid events\n")
    print(_summary(counts, extractor.version, args.dry_run, time.monotonic() - started))
    return 0
