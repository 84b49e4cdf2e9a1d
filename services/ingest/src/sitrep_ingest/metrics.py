"""Prometheus metrics of one ingest app, in a registry of its own (no process-wide state)."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest

__all__ = ["IngestMetrics"]

_LATENCY = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)
_PER_PARAGRAPH = (0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25)


class IngestMetrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        r = self.registry
        self.requests = Counter(
            "sitrep_ingest_requests",
            "HTTP requests answered.",
            ["route", "method", "status"],
            registry=r,
        )
        self.request_seconds = Histogram(
            "sitrep_ingest_request_seconds",
            "Time to answer a request.",
            ["route"],
            buckets=_LATENCY,
            registry=r,
        )
        self.in_flight = Gauge(
            "sitrep_ingest_in_flight_requests", "Requests being processed now.", registry=r
        )
        self.articles = Counter(
            "sitrep_ingest_articles",
            "Articles by outcome: accepted, duplicate, rejected, failed.",
            ["outcome"],
            registry=r,
        )
        self.events_published = Counter(
            "sitrep_ingest_events_published", "Events committed to the event log.", registry=r
        )
        self.transactions = Counter(
            "sitrep_ingest_transactions", "Kafka transactions by result.", ["result"], registry=r
        )
        self.transaction_seconds = Histogram(
            "sitrep_ingest_transaction_seconds",
            "Time of one Kafka transaction (begin, send, commit).",
            buckets=_LATENCY,
            registry=r,
        )
        self.kafka_errors = Counter(
            "sitrep_ingest_kafka_errors",
            "Failed Kafka transactions and publish timeouts.",
            registry=r,
        )
        self.extraction_seconds_per_paragraph = Histogram(
            "sitrep_ingest_extraction_seconds_per_paragraph",
            "Extraction time of an article divided by its paragraphs.",
            buckets=_PER_PARAGRAPH,
            registry=r,
        )
        self.batch_items = Histogram(
            "sitrep_ingest_batch_items",
            "Articles per batch request.",
            buckets=(1, 10, 50, 100, 250, 500, 1000, 5000),
            registry=r,
        )

    def on_commit(self, seconds: float, articles: int, records: int, committed: bool) -> None:
        self.transaction_seconds.observe(seconds)
        self.transactions.labels("committed" if committed else "failed").inc()
        if committed:
            self.events_published.inc(records)
        else:
            self.kafka_errors.inc()

    def exposition(self) -> bytes:
        return generate_latest(self.registry)
