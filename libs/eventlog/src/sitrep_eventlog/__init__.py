"""The Kafka adapter both services share: connection settings, topics, readiness, record codec.

Everything kafka-python-specific that is not a producer or a consumer loop lives here, so the
services' own adapters (ingest's `publishing`, the projector's `consuming`) stay small.
"""

from ._codec import CONTENT_TYPE, EncodedEvent, encode_event
from ._connection import KafkaConnection
from ._errors import BrokerUnavailable
from ._topics import TopicSettings, ensure_topics, list_topics

__all__ = [
    "CONTENT_TYPE",
    "BrokerUnavailable",
    "EncodedEvent",
    "KafkaConnection",
    "TopicSettings",
    "encode_event",
    "ensure_topics",
    "list_topics",
]
