"""Reading the log back on the real broker: committed events only, up to where the log ended
when the reader first looked, filtered by type, unreadable records counted and left out."""

from __future__ import annotations

import uuid
from contextlib import closing
from datetime import UTC, datetime

import pytest
from kafka import KafkaProducer
from sitrep_testing.event_log import TransactionalPublisher, create_event_topics
from sitrep_testing.extractor import loaded_extractor

from sitrep_eventlog import BrokerUnavailable, KafkaConnection, encode_event
from sitrep_ingest.articles import ArticleBody
from sitrep_ingest.events import article_events
from sitrep_ingest.reading import KafkaLogReader

pytestmark = [pytest.mark.kafka]

TYPES = ("sitrep.article.ingested", "sitrep.paragraph.recorded")


def test_the_reader_reads_committed_events_of_the_types_asked_up_to_the_first_end(
    kafka_bootstrap: str,
) -> None:
    topic = f"sitrep.test.reader.{uuid.uuid4().hex[:8]}"
    create_event_topics(kafka_bootstrap, topic)
    events = article_events(
        ArticleBody(url="https://example.org/a", text="One.\n\nTwo.\n\nThree."),
        datetime(2016, 6, 6, tzinfo=UTC),
        loaded_extractor(),
    ).events
    with closing(TransactionalPublisher(kafka_bootstrap, topic, "test-reader")) as publisher:
        publisher.publish(events)
        publisher.publish_raw(b"poison", b"not an event")
        # A valid event without the ce_type header: decoded to learn its type.
        headerless = article_events(
            ArticleBody(url="https://example.org/b", text="Four."),
            datetime(2016, 6, 6, tzinfo=UTC),
            loaded_extractor(),
        ).events[0]
        publisher.publish_raw(
            str(headerless.correlation_id).encode(), encode_event(headerless).value
        )
        # An aborted transaction is never read.
        aborted = KafkaProducer(
            bootstrap_servers=kafka_bootstrap,
            transactional_id=f"test-aborted-{uuid.uuid4().hex[:8]}",
            acks="all",
            enable_idempotence=True,
        )
        aborted.init_transactions()
        aborted.begin_transaction()
        aborted.send(topic, value=encode_event(events[1]).value, key=b"aborted")
        aborted.flush()
        aborted.abort_transaction()
        aborted.close()

        reader = KafkaLogReader(KafkaConnection(bootstrap_servers=kafka_bootstrap), topic)
        first = list(reader.events(TYPES))
        wanted = [e for e in events if e.type in TYPES]
        # One article's events share a partition and keep their order; partitions interleave.
        article = events[0].correlation_id
        assert [e.id for e in first if e.correlation_id == article] == [e.id for e in wanted]
        assert sorted(e.id for e in first) == sorted([e.id for e in wanted] + [headerless.id])
        assert reader.unreadable == 1

        publisher.publish(events)  # published after the first look: not read by this reader
        assert sorted(e.id for e in reader.events(TYPES)) == sorted(e.id for e in first)
        markers = list(reader.events(("sitrep.paragraph.interpreted",)))
        assert len(markers) == 3
        assert reader.unreadable == 1  # the same record, met again


def test_a_missing_topic_is_reported_as_the_broker_unavailable_for_it(
    kafka_bootstrap: str,
) -> None:
    reader = KafkaLogReader(KafkaConnection(bootstrap_servers=kafka_bootstrap), "sitrep.nope")
    with pytest.raises(BrokerUnavailable, match=r"topic sitrep\.nope not found"):
        list(reader.events(TYPES))
