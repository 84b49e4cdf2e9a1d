"""The real broker the tests run against does what the event log relies on.

Explicit topics that keep records forever, transactions whose aborted records a
`read_committed` reader never sees, and data that survives a broker restart.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Iterator

import pytest
from kafka import KafkaConsumer, KafkaProducer, TopicPartition
from kafka.admin import ConfigResource, ConfigResourceType, KafkaAdminClient, NewTopic
from kafka.errors import KafkaError

from sitrep.devstack import LocalKafka

pytestmark = pytest.mark.kafka

Values = list[bytes]


@pytest.fixture
def admin(kafka_bootstrap: str) -> Iterator[KafkaAdminClient]:
    client = KafkaAdminClient(bootstrap_servers=kafka_bootstrap)
    yield client
    client.close()


@pytest.fixture
def topic(admin: KafkaAdminClient) -> str:
    name = f"test.local-broker.{uuid.uuid4().hex[:8]}"
    keep_forever = {"retention.ms": "-1"}
    admin.create_topics(
        [NewTopic(name, num_partitions=3, replication_factor=1, topic_configs=keep_forever)]
    )
    return name


def test_topic_has_the_partitions_and_retention_it_was_created_with(
    admin: KafkaAdminClient, topic: str
) -> None:
    [described] = admin.describe_topics([topic])
    assert len(described["partitions"]) == 3

    configs = admin.describe_configs([ConfigResource(ConfigResourceType.TOPIC, topic)])
    assert configs["topic"][topic]["retention.ms"]["value"] == "-1"


def test_read_committed_reader_sees_committed_transactions_only(
    kafka_bootstrap: str, topic: str
) -> None:
    producer = _transactional_producer(kafka_bootstrap)
    try:
        _send_in_transaction(producer, topic, [b"first"], commit=True)
        _send_in_transaction(producer, topic, [b"aborted-1", b"aborted-2"], commit=False)
        _send_in_transaction(producer, topic, [b"last"], commit=True)
    finally:
        producer.close()

    # Everything went to one partition, so once "last" is read nothing before it is pending.
    committed = _read_partition(
        kafka_bootstrap, topic, "read_committed", until=lambda seen: b"last" in seen
    )
    assert committed == [b"first", b"last"]

    # The aborted records were written all the same: only the isolation level hides them.
    everything = _read_partition(
        kafka_bootstrap, topic, "read_uncommitted", until=lambda seen: b"last" in seen
    )
    assert everything == [b"first", b"aborted-1", b"aborted-2", b"last"]


def test_topics_are_not_created_by_producing(kafka_bootstrap: str, admin: KafkaAdminClient) -> None:
    name = f"test.never-created.{uuid.uuid4().hex[:8]}"
    producer = KafkaProducer(bootstrap_servers=kafka_bootstrap, max_block_ms=2000)
    try:
        with pytest.raises(KafkaError):
            producer.send(name, b"lost").get(timeout=5)
    finally:
        producer.close()
    assert name not in admin.list_topics()


def test_restart_on_the_same_data_keeps_topics_and_records(
    restartable_kafka: LocalKafka, topic: str
) -> None:
    producer = _transactional_producer(restartable_kafka.bootstrap)
    try:
        _send_in_transaction(producer, topic, [b"before-restart"], commit=True)
    finally:
        producer.close()

    restartable_kafka.stop()
    assert not restartable_kafka.is_running()
    restartable_kafka.start()

    survived = _read_partition(
        restartable_kafka.bootstrap,
        topic,
        "read_committed",
        until=lambda seen: b"before-restart" in seen,
    )
    assert survived == [b"before-restart"]


def _transactional_producer(bootstrap: str) -> KafkaProducer:
    producer = KafkaProducer(
        bootstrap_servers=bootstrap,
        transactional_id=f"test-local-broker-{uuid.uuid4().hex[:8]}",
        enable_idempotence=True,
        acks="all",
    )
    producer.init_transactions()
    return producer


def _send_in_transaction(
    producer: KafkaProducer, topic: str, values: Values, *, commit: bool
) -> None:
    producer.begin_transaction()
    for value in values:
        producer.send(topic, value=value, partition=0).get(timeout=10)
    if commit:
        producer.commit_transaction()
    else:
        producer.abort_transaction()


def _read_partition(
    bootstrap: str,
    topic: str,
    isolation_level: str,
    *,
    until: Callable[[Values], bool],
    timeout: float = 30.0,
) -> Values:
    """Values of partition 0 from the start, read until `until` holds or the deadline."""
    consumer = KafkaConsumer(
        bootstrap_servers=bootstrap,
        isolation_level=isolation_level,
        enable_auto_commit=False,
    )
    try:
        partition = TopicPartition(topic, 0)
        consumer.assign([partition])
        consumer.seek_to_beginning(partition)
        seen: Values = []
        deadline = time.monotonic() + timeout
        while not until(seen):
            if time.monotonic() > deadline:
                pytest.fail(f"{isolation_level} reader saw only {seen} after {timeout}s")
            for records in consumer.poll(timeout_ms=500).values():
                seen.extend(record.value for record in records)
        return seen
    finally:
        consumer.close()
