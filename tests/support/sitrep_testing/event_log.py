"""An event log of a test's own on the session's broker: its topics, a publisher that
writes as ingest does, and how far a projector has read it.

Each test names its own topic, so that nothing published by another test reaches its
projector.
"""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Sequence
from typing import Any

from kafka import KafkaConsumer, KafkaProducer, TopicPartition

from sitrep_eventlog import KafkaConnection, TopicSettings, encode_event, ensure_topics
from sitrep_schemas import DEAD_LETTER_TOPIC, EVENTS_TOPIC, EventEnvelope

__all__ = ["TransactionalPublisher", "create_event_topics", "end_offsets", "has_caught_up"]


def create_event_topics(bootstrap: str, topic: str) -> None:
    """`topic` and its dead-letter topic `<topic>.dead-letter`, set up as the real ones."""
    ensure_topics(
        KafkaConnection(bootstrap_servers=bootstrap),
        [
            dataclasses.replace(EVENTS_TOPIC, name=topic),
            dataclasses.replace(DEAD_LETTER_TOPIC, name=f"{topic}.dead-letter"),
        ],
        TopicSettings(),
    )


class TransactionalPublisher:
    """Publishes to one topic as ingest does: each call is one committed Kafka transaction,
    its events keyed by article. Close it when done (`contextlib.closing`)."""

    def __init__(self, bootstrap: str, topic: str, name: str) -> None:
        self.topic = topic
        self._producer = KafkaProducer(
            bootstrap_servers=bootstrap,
            transactional_id=f"{name}-{uuid.uuid4().hex[:8]}",
            acks="all",
            enable_idempotence=True,
        )
        self._producer.init_transactions()

    def publish(self, events: Sequence[EventEnvelope]) -> None:
        self._producer.begin_transaction()
        for event in events:
            encoded = encode_event(event)
            self._producer.send(
                self.topic, key=encoded.key, value=encoded.value, headers=encoded.headers
            )
        self._producer.commit_transaction()

    def publish_raw(self, key: bytes, value: bytes) -> None:
        """A record that need not be an event (a poison record for the dead letters)."""
        self._producer.begin_transaction()
        self._producer.send(self.topic, key=key, value=value)
        self._producer.commit_transaction()

    def close(self) -> None:
        self._producer.close()


def end_offsets(bootstrap: str, topic: str) -> dict[str, int]:
    """`topic[partition]` -> the partition's end offset, in the projector's position names."""
    consumer = KafkaConsumer(bootstrap_servers=bootstrap)
    try:
        partitions = [TopicPartition(topic, p) for p in consumer.partitions_for_topic(topic)]
        ends = consumer.end_offsets(partitions)
        return {f"{tp.topic}[{tp.partition}]": offset for tp, offset in ends.items()}
    finally:
        consumer.close()


def has_caught_up(status: dict[str, Any], ends: dict[str, int]) -> bool:
    """Whether a projector's readiness `status` shows it has read up to `ends`, derived read
    models (timelines, incidents) included.

    With transactions the end offset sits one past the last commit marker, so a partition
    counts as read when its position is at most one short of it; an empty one always does.
    """
    positions = status.get("positions", {})
    read = all(positions.get(tp, 0) >= end - 1 for tp, end in ends.items() if end)
    return read and not (status.get("consumer") or {}).get("derived_pending", False)
