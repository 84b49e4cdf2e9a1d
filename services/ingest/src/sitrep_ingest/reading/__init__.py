"""The Kafka consumer adapter for reading the log back (`sitrep reinterpret`)."""

from ._kafka import KafkaLogReader
from ._port import LogReader

__all__ = ["KafkaLogReader", "LogReader"]
