"""The Kafka event publisher: kafka-python transactional producers behind group commit."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from typing import Any

from sitrep_eventlog import (
    BrokerUnavailable,
    EncodedEvent,
    KafkaConnection,
    TopicSettings,
    encode_event,
    ensure_topics,
    list_topics,
)
from sitrep_schemas import EVENTS_TOPIC, EventEnvelope, TopicSpec

from ._group_commit import GroupCommitter

__all__ = ["KafkaEventPublisher", "PublisherSettings"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PublisherSettings:
    instance_id: str
    producers: int = 2
    linger_ms: float = 2.0
    max_batch: int = 64
    publish_timeout_s: float = 5.0
    transaction_timeout_ms: int = 30_000


class _KafkaTransactionalProducer:
    def __init__(
        self, connection: KafkaConnection, transactional_id: str, topic: str, timeout_ms: int
    ):
        self._topic = topic
        self._sent: list[Any] = []  # this transaction's send futures
        self._partitions: dict[bytes, int] = {}  # this transaction's keys, each partitioned once
        # A record is given up on after the delivery timeout; wait a little past it.
        self._ack_timeout_s = connection.request_timeout_ms * 2 / 1000 + 2
        from kafka import KafkaProducer  # noqa: PLC0415  # on first use: see sitrep_eventlog

        from ._partitioning import partition_for  # noqa: PLC0415  # imports kafka-python

        self._partition_for = partition_for

        self._producer = KafkaProducer(
            **connection.client_config(),
            transactional_id=transactional_id,
            enable_idempotence=True,
            acks="all",
            max_block_ms=connection.max_block_ms,
            delivery_timeout_ms=connection.request_timeout_ms * 2,
            transaction_timeout_ms=timeout_ms,
            # The commit flushes whatever is buffered, so lingering adds no latency here; it
            # only lets one produce request carry a whole article (measured +30 % records/s).
            linger_ms=5,
            batch_size=512 * 1024,
            compression_type=None,
        )

    def init_transactions(self) -> None:
        self._producer.init_transactions()

    def begin_transaction(self) -> None:
        self._sent = []
        self._partitions = {}  # read again each transaction: a topic may gain partitions
        self._producer.begin_transaction()

    def send_record(self, record: EncodedEvent) -> None:
        self._sent.append(
            self._producer.send(
                self._topic,
                value=record.value,
                key=record.key,
                headers=record.headers,
                partition=self._partition(record.key),
            )
        )

    def _partition(self, key: bytes) -> int:
        partition = self._partitions.get(key)
        if partition is None:
            partition = self._partition_for(key, self._producer.partitions_for(self._topic))
            self._partitions[key] = partition
        return partition

    def commit_transaction(self) -> None:
        # Every record acknowledged (acks=all) before the commit is asked for: a commit must
        # never cover a record the broker did not take. Measured: with the broker killed
        # mid-transaction, kafka-python 3.0 could report a commit whose records had expired,
        # so the articles were answered as recorded and were not in the log.
        for future in self._sent:
            future.get(timeout=self._ack_timeout_s)  # raises the send's error
        self._producer.commit_transaction()

    def close(self) -> None:
        self._producer.close(timeout=2)


class KafkaEventPublisher:
    """Publishes one article's events in one transaction (shared with concurrent articles)."""

    def __init__(
        self,
        connection: KafkaConnection,
        topics: TopicSettings,
        settings: PublisherSettings,
        topic: TopicSpec = EVENTS_TOPIC,
        on_commit: Callable[[float, int, int, bool], None] | None = None,
    ) -> None:
        self._connection = connection
        self._topics = topics
        self._settings = settings
        self._topic = topic
        self._topics_ready = threading.Event()
        self._committer = GroupCommitter(
            self._producer_for,
            workers=settings.producers,
            linger_s=settings.linger_ms / 1000,
            max_batch=settings.max_batch,
            on_commit=on_commit,
        )

    def _producer_for(self, worker: int) -> _KafkaTransactionalProducer:
        self.ensure_topics()
        return _KafkaTransactionalProducer(
            self._connection,
            transactional_id=f"sitrep-ingest-{self._settings.instance_id}-{worker}",
            topic=self._topic.name,
            timeout_ms=self._settings.transaction_timeout_ms,
        )

    def ensure_topics(self) -> None:
        """Create the event topic once per process; later calls are free."""
        if not self._topics_ready.is_set():
            ensure_topics(self._connection, [self._topic], self._topics)
            self._topics_ready.set()

    def submit(self, records: Sequence[EncodedEvent]) -> Future[None]:
        """Queue one article's records for the next transaction; the future says how it went.

        The future fails with BrokerUnavailable when the transaction failed, or when no
        producer took the article within `publish_timeout_s` (then it is never published).
        """
        return self._committer.submit(records, timeout_s=self._settings.publish_timeout_s)

    def publish(self, events: Sequence[EventEnvelope]) -> None:
        future = self.submit([encode_event(e) for e in events])
        try:
            future.result(timeout=self._settings.publish_timeout_s)
        except FutureTimeout as exc:
            raise BrokerUnavailable(
                f"Kafka did not confirm within {self._settings.publish_timeout_s:g} s"
            ) from exc

    def is_ready(self) -> bool:
        """Asks the broker every time: readiness must notice a broker that went away."""
        try:
            if self._topic.name not in list_topics(self._connection):
                self._topics_ready.clear()
                self.ensure_topics()
        except BrokerUnavailable as exc:
            log.info("not ready: %s", exc)
            return False
        return True

    def close(self) -> None:
        self._committer.close()
