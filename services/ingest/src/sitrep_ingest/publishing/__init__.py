"""The Kafka producer adapter: appends each article's events in one transaction."""

from ._group_commit import GroupCommitter, TransactionalProducer
from ._kafka import KafkaEventPublisher, PublisherSettings
from ._port import EventPublisher, RecordPublisher

__all__ = [
    "EventPublisher",
    "GroupCommitter",
    "KafkaEventPublisher",
    "PublisherSettings",
    "RecordPublisher",
    "TransactionalProducer",
]
