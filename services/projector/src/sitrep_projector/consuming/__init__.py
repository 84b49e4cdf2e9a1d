"""The Kafka consumer adapter and the loop that applies what it reads."""

from ._consumer import EventConsumer, PositionLoader
from ._dead_letters import KafkaDeadLetterSink
from ._group import active_consumers
from ._refresh_schedule import RefreshSchedule
from ._replay import KafkaLogReplay
from ._runner import ProjectorRunner, RunnerStatus, stored_positions_loader

__all__ = [
    "EventConsumer",
    "KafkaDeadLetterSink",
    "KafkaLogReplay",
    "PositionLoader",
    "ProjectorRunner",
    "RefreshSchedule",
    "RunnerStatus",
    "active_consumers",
    "stored_positions_loader",
]
