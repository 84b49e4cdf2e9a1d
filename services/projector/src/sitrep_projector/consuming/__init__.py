"""The Kafka adapter: the group consumer, the replay, the dead-letter producer, the group."""

from ._consumer import EventConsumer
from ._dead_letters import KafkaDeadLetterSink
from ._group import active_consumers
from ._replay import KafkaLogReplay

__all__ = ["EventConsumer", "KafkaDeadLetterSink", "KafkaLogReplay", "active_consumers"]
