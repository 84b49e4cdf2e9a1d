"""Reading the whole event log from offset zero up to where it ends now (for a rebuild)."""

from __future__ import annotations

import logging
from collections.abc import Iterator

from kafka import KafkaConsumer, TopicPartition

from sitrep_eventlog import BrokerUnavailable, KafkaConnection

from ..ports import ConsumedRecord

__all__ = ["KafkaLogReplay"]

log = logging.getLogger(__name__)


class KafkaLogReplay:
    """Batches of committed records from the beginning to the end offsets seen at start.

    No consumer group: a replay must not disturb the live projector's group, and its
    positions are the ones the rebuilt database records.
    """

    def __init__(
        self, connection: KafkaConnection, topic: str, max_poll_records: int = 2000
    ) -> None:
        self._connection = connection
        self._topic = topic
        self._max_poll_records = max_poll_records
        self.total = 0

    def batches(self) -> Iterator[list[ConsumedRecord]]:
        consumer = KafkaConsumer(
            **self._connection.client_config(),
            group_id=None,
            enable_auto_commit=False,
            isolation_level="read_committed",
            max_poll_records=self._max_poll_records,
            fetch_max_bytes=64 * 1024 * 1024,
        )
        try:
            partitions = consumer.partitions_for_topic(self._topic)
            if not partitions:
                raise BrokerUnavailable(f"topic {self._topic} not found")
            assigned = [TopicPartition(self._topic, p) for p in sorted(partitions)]
            consumer.assign(assigned)
            consumer.seek_to_beginning(*assigned)
            # The last stable offsets: with read_committed, records past them are not readable.
            ends = consumer.end_offsets(assigned)
            starts = consumer.beginning_offsets(assigned)
            self.total = sum(ends[tp] - starts[tp] for tp in assigned)
            pending = {tp for tp in assigned if consumer.position(tp) < ends[tp]}
            while pending:
                polled = consumer.poll(timeout_ms=1000)
                batch = [
                    ConsumedRecord(r.topic, r.partition, r.offset, r.value)
                    for tp, records in sorted(polled.items(), key=lambda kv: kv[0].partition)
                    for r in records
                    if r.offset < ends[tp]
                ]
                if batch:
                    yield batch
                pending = {tp for tp in pending if consumer.position(tp) < ends[tp]}
        finally:
            consumer.close()
