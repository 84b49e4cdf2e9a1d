"""The two services as real processes on a real broker and database, for end-to-end tests.

Each stack gets its own topics, consumer group and database, so that tests sharing the
session's broker and PostgreSQL server cannot see each other's events.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from kafka import KafkaConsumer

from sitrep.devstack import INGEST_APP, PROJECTOR_APP, ServiceProcess

from .event_log import end_offsets, has_caught_up
from .ingest import auth, write_keys_file
from .waiting import wait_for

__all__ = ["Stack", "read_topic", "running_stack"]


@dataclass
class Stack:
    bootstrap: str
    database_url: str
    topic: str
    log_dir: Path
    env: dict[str, str]
    ingest: ServiceProcess
    projector: ServiceProcess
    started: list[ServiceProcess] = field(default_factory=list)

    @property
    def write_headers(self) -> dict[str, str]:
        """`Authorization` with the stack's `ingest:write` key."""
        return auth("write")

    def projector_process(self, name: str, **extra_env: str) -> ServiceProcess:
        return ServiceProcess(
            name, PROJECTOR_APP, env={**self.env, **extra_env}, log_dir=self.log_dir
        )

    def readiness(self, projector: ServiceProcess | None = None) -> dict[str, Any]:
        target = projector or self.projector
        body: dict[str, Any] = httpx.get(f"{target.url}/health/ready", timeout=5).json()
        return body

    def end_offsets(self) -> dict[str, int]:
        """The end offsets of the stack's topic, leaving out empty partitions."""
        return {tp: end for tp, end in end_offsets(self.bootstrap, self.topic).items() if end}

    def wait_until_caught_up(self, projector: ServiceProcess | None = None) -> dict[str, Any]:
        """Until the projector's stored positions reach the topic's end offsets."""
        ends = self.end_offsets()

        def caught_up() -> dict[str, Any] | None:
            status = self.readiness(projector)
            return status if has_caught_up(status, ends) else None

        return wait_for(caught_up, f"projector to reach {ends}", deadline_s=120)


@contextmanager
def running_stack(
    bootstrap: str, database_url: str, log_dir: Path, **extra_env: str
) -> Iterator[Stack]:
    suffix = uuid.uuid4().hex[:8]
    topic = f"sitrep.e2e.{suffix}"
    log_dir.mkdir(parents=True, exist_ok=True)
    keys_file = write_keys_file(log_dir / f"api-keys-{suffix}.json")
    env = {
        "SITREP_API_KEYS_FILE": str(keys_file),
        "KAFKA_BOOTSTRAP_SERVERS": bootstrap,
        "DATABASE_URL": database_url,
        "SITREP_EVENTS_TOPIC": topic,
        "SITREP_DEAD_LETTER_TOPIC": f"{topic}.dead-letter",
        "SITREP_PROJECTOR_GROUP_ID": f"sitrep-e2e-{suffix}",
        "SITREP_INGEST_INSTANCE_ID": f"e2e-{suffix}",
        "SITREP_INGEST_STATE_PATH": str(log_dir / f"ingest-state-{suffix}.sqlite3"),
        **extra_env,
    }
    ingest = ServiceProcess("ingest", INGEST_APP, env=env, log_dir=log_dir)
    projector = ServiceProcess("projector", PROJECTOR_APP, env=env, log_dir=log_dir)
    stack = Stack(bootstrap, database_url, topic, log_dir, env, ingest, projector)
    with ingest, projector:
        yield stack


def read_topic(bootstrap: str, topic: str, wanted: set[str], deadline_s: float = 60) -> list[Any]:
    """Every committed record of `topic` until the events with ids `wanted` are all seen."""
    consumer = KafkaConsumer(
        topic,
        bootstrap_servers=bootstrap,
        isolation_level="read_committed",
        auto_offset_reset="earliest",
        enable_auto_commit=False,
        group_id=None,
    )
    records: list[Any] = []
    seen: set[str] = set()
    try:

        def all_seen() -> bool:
            for batch in consumer.poll(timeout_ms=500).values():
                for record in batch:
                    records.append(record)
                    seen.add(dict(record.headers).get("ce_id", b"").decode())
            return wanted <= seen

        wait_for(all_seen, f"{len(wanted)} events on {topic}", deadline_s)
        return records
    finally:
        consumer.close()
