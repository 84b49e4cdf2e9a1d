"""Ingest test helpers: API keys files, and a fake event log for route tests."""

from __future__ import annotations

import json
import threading
from collections.abc import Sequence
from concurrent.futures import Future
from pathlib import Path
from typing import Any

from sitrep_auth import hash_key
from sitrep_eventlog import BrokerUnavailable, EncodedEvent, encode_event
from sitrep_schemas import EventEnvelope

__all__ = [
    "KEYS",
    "InMemoryPublisher",
    "auth",
    "committed_events",
    "metric",
    "write_keys_file",
]

KEYS = {
    "write": "sk_test_write_0123456789",
    "read": "sk_test_read_0123456789",
    "admin": "sk_test_admin_0123456789",
}
_SCOPES = {"write": "ingest:write", "read": "read", "admin": "admin"}


def write_keys_file(path: Path, keys: dict[str, str] | None = None) -> Path:
    keys = keys or KEYS
    document = {
        "keys": [
            {"id": f"test-{name}", "sha256": hash_key(secret), "scopes": [_SCOPES[name]]}
            for name, secret in keys.items()
        ]
    }
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def auth(name: str = "write") -> dict[str, str]:
    return {"Authorization": f"Bearer {KEYS[name]}"}


class InMemoryPublisher:
    """A fake event log for route tests; integration tests use the real broker."""

    def __init__(self) -> None:
        self.published: list[list[EncodedEvent]] = []
        self.down = False
        self._lock = threading.Lock()

    def submit(self, records: Sequence[EncodedEvent]) -> Future[None]:
        future: Future[None] = Future()
        if self.down:
            future.set_exception(BrokerUnavailable("no broker"))
        else:
            with self._lock:
                self.published.append(list(records))
            future.set_result(None)
        return future

    def publish(self, events: Sequence[EventEnvelope]) -> None:
        self.submit([encode_event(e) for e in events]).result()

    def event_ids(self, n: int) -> list[str]:
        return [json.loads(r.value)["id"] for r in self.published[n]]

    def is_ready(self) -> bool:
        return not self.down

    def close(self) -> None:
        pass


def committed_events(bootstrap: str, topic: str, deadline_s: float = 60) -> list[dict[str, Any]]:
    """Every event a read_committed reader sees on `topic`, up to its end now, in order."""
    from kafka import KafkaConsumer, TopicPartition  # noqa: PLC0415

    from .waiting import wait_for  # noqa: PLC0415

    consumer = KafkaConsumer(
        bootstrap_servers=bootstrap,
        isolation_level="read_committed",
        enable_auto_commit=False,
        group_id=None,
    )
    try:
        partitions = [TopicPartition(topic, p) for p in consumer.partitions_for_topic(topic) or ()]
        consumer.assign(partitions)
        consumer.seek_to_beginning(*partitions)
        ends = consumer.end_offsets(partitions)
        events: list[dict[str, Any]] = []

        def at_end() -> bool:
            for batch in consumer.poll(timeout_ms=500).values():
                events.extend(json.loads(record.value) for record in batch)
            return all(consumer.position(tp) >= ends[tp] for tp in partitions)

        wait_for(at_end, f"the end of {topic}", deadline_s)
        return events
    finally:
        consumer.close()


def metric(base_url: str, name: str, labels: str = "") -> float:
    """One sample of ingest's /metrics, e.g. metric(url, "sitrep_ingest_articles_total",
    'outcome="accepted"'); 0 when absent."""
    import httpx  # noqa: PLC0415

    wanted = f"{name}{{{labels}}}" if labels else name
    for line in httpx.get(f"{base_url}/metrics", timeout=5).text.splitlines():
        if line.startswith(wanted + " "):
            return float(line.rsplit(" ", 1)[1])
    return 0.0
