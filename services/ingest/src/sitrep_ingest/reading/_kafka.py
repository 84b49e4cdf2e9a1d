"""Reading the event log from offset zero to where it ended when the reader first looked."""

from __future__ import annotations

import logging
from collections.abc import Collection, Iterator

from kafka import KafkaConsumer, TopicPartition
from kafka.errors import KafkaError

from sitrep_eventlog import BrokerUnavailable, KafkaConnection
from sitrep_schemas import EventContractError, EventEnvelope, parse_event

__all__ = ["KafkaLogReader"]

log = logging.getLogger(__name__)


class KafkaLogReader:
    """Committed (read_committed) events of a topic, without a consumer group.

    No group: reading the log back must not disturb the projector's group or any other.
    Records are filtered on their `ce_type` header before they are decoded, so a pass that
    wants one event type does not parse the others. A record that is not a valid event is
    counted in `unreadable` and left out (the projector parks those as dead letters).
    """

    def __init__(
        self, connection: KafkaConnection, topic: str, max_poll_records: int = 2000
    ) -> None:
        self._connection = connection
        self._topic = topic
        self._max_poll_records = max_poll_records
        self._ends: dict[TopicPartition, int] | None = None
        self._unreadable: set[tuple[int, int]] = set()

    @property
    def unreadable(self) -> int:
        """Records that were not valid events, however many passes met them."""
        return len(self._unreadable)

    def _consumer(self) -> KafkaConsumer:
        try:
            return KafkaConsumer(
                **self._connection.client_config(),
                group_id=None,
                enable_auto_commit=False,
                isolation_level="read_committed",
                max_poll_records=self._max_poll_records,
                fetch_max_bytes=64 * 1024 * 1024,
            )
        except KafkaError as exc:
            raise BrokerUnavailable(
                f"cannot reach Kafka at {self._connection.bootstrap_servers}: {exc}"
            ) from exc

    def events(self, types: Collection[str]) -> Iterator[EventEnvelope]:
        wanted = {t.encode("ascii") for t in types}
        consumer = self._consumer()
        try:
            if self._ends is None:
                partitions = consumer.partitions_for_topic(self._topic)
                if not partitions:
                    raise BrokerUnavailable(f"topic {self._topic} not found")
                assigned = [TopicPartition(self._topic, p) for p in sorted(partitions)]
                # With read_committed these are the last stable offsets: nothing past them
                # is readable yet, and what this process publishes later lies beyond them.
                self._ends = consumer.end_offsets(assigned)
            ends = self._ends
            consumer.assign(list(ends))
            consumer.seek_to_beginning(*ends)
            pending = {tp for tp in ends if consumer.position(tp) < ends[tp]}
            while pending:
                polled = consumer.poll(timeout_ms=1000)
                for tp, records in sorted(polled.items(), key=lambda kv: kv[0].partition):
                    for record in records:
                        if record.offset >= ends[tp]:
                            break
                        header = dict(record.headers).get("ce_type")
                        if header is not None and header not in wanted:
                            continue
                        try:
                            event = parse_event(record.value)
                        except EventContractError as exc:
                            self._unreadable.add((tp.partition, record.offset))
                            log.warning(
                                "%s[%d] offset %d is not a valid event: %s",
                                tp.topic, tp.partition, record.offset, exc,
                            )  # fmt: skip
                            continue
                        # A record without the header (not written by encode_event) is
                        # decoded to learn its type.
                        if header is not None or event.type.encode("ascii") in wanted:
                            yield event
                pending = {tp for tp in pending if consumer.position(tp) < ends[tp]}
        except KafkaError as exc:
            where = self._connection.bootstrap_servers
            raise BrokerUnavailable(f"Kafka at {where}: {exc}") from exc
        finally:
            consumer.close()
