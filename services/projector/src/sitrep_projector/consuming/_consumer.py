"""The Kafka consumer adapter: read committed events from the stored positions on."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable

from kafka import KafkaConsumer, TopicPartition
from kafka.consumer.subscription_state import ConsumerRebalanceListener

from sitrep_eventlog import KafkaConnection

from ..ports import ConsumedRecord, PositionLoader

__all__ = ["EventConsumer"]

log = logging.getLogger(__name__)


class _SeekToStoredPositions(ConsumerRebalanceListener):  # type: ignore[misc]
    """On every assignment, resume where the read-model database says, not where Kafka says."""

    def __init__(self, consumer: KafkaConsumer, load_positions: PositionLoader) -> None:
        self._consumer = consumer
        self._load_positions = load_positions

    def on_partitions_revoked(self, revoked: Iterable[TopicPartition]) -> None:
        log.info("partitions revoked: %s", sorted((tp.topic, tp.partition) for tp in revoked))

    def on_partitions_assigned(self, assigned: Iterable[TopicPartition]) -> None:
        assigned = list(assigned)
        positions = self._load_positions([(tp.topic, tp.partition) for tp in assigned])
        for tp in assigned:
            offset = positions.get((tp.topic, tp.partition))
            if offset is None:
                self._consumer.seek_to_beginning(tp)
            else:
                self._consumer.seek(tp, offset)
        log.info(
            "partitions assigned: %s",
            ", ".join(
                f"{tp.topic}[{tp.partition}]@{positions.get((tp.topic, tp.partition), 0)}"
                for tp in assigned
            ),
        )


class EventConsumer:
    """A read_committed consumer in a group, with no offset commits to Kafka at all.

    The positions live in the read-model database, written in the same transaction as the
    rows; Kafka's committed offsets would be a second, possibly disagreeing, truth.
    """

    def __init__(
        self,
        connection: KafkaConnection,
        topic: str,
        group_id: str,
        load_positions: PositionLoader,
        max_poll_records: int,
    ) -> None:
        self._consumer = KafkaConsumer(
            **connection.client_config(),
            group_id=group_id,
            enable_auto_commit=False,
            isolation_level="read_committed",
            auto_offset_reset="earliest",
            max_poll_records=max_poll_records,
            max_poll_interval_ms=300_000,
            session_timeout_ms=10_000,
            heartbeat_interval_ms=3_000,
            # A topic created just before (or after) the group joins has no partitions in the
            # first metadata: the assignment then waits for the next refresh, five minutes by
            # default. Ten seconds bounds the wait at a cost of one small request.
            metadata_max_age_ms=10_000,
        )
        _wait_for_partitions(self._consumer, topic)
        self._consumer.subscribe(
            [topic], listener=_SeekToStoredPositions(self._consumer, load_positions)
        )

    def poll(self, timeout_ms: int) -> list[ConsumedRecord]:
        polled = self._consumer.poll(timeout_ms=timeout_ms)
        return [
            ConsumedRecord(topic=r.topic, partition=r.partition, offset=r.offset, value=r.value)
            for records in polled.values()
            for r in records
        ]

    def lag(self) -> int:
        """Records known to be on the broker past what has been read (0: caught up).

        From the high watermarks of the last fetch responses, so it costs no request.
        """
        behind = 0
        for tp in self._consumer.assignment():
            highwater = self._consumer.highwater(tp)
            if highwater is not None:
                behind += max(0, highwater - self._consumer.position(tp))
        return behind

    def close(self) -> None:
        self._consumer.close(autocommit=False)


_PARTITIONS_WAIT_S = 30.0


def _wait_for_partitions(consumer: KafkaConsumer, topic: str) -> None:
    """Join the group only once the topic's partitions are known: an assignment made while a
    new topic has none yet is not redone when they appear, and the group would read nothing.
    A topic still missing after the wait is subscribed to anyway, with a warning."""
    deadline = time.monotonic() + _PARTITIONS_WAIT_S
    while not consumer.partitions_for_topic(topic):
        if time.monotonic() > deadline:
            log.warning("topic %s has no partitions yet; subscribing anyway", topic)
            return
        time.sleep(0.2)
