"""The dead-letter topic: events the projector could not apply, with the reason."""

from __future__ import annotations

from collections.abc import Sequence

from kafka import KafkaProducer
from kafka.errors import KafkaError

from sitrep_eventlog import BrokerUnavailable, KafkaConnection
from sitrep_schemas import DEAD_LETTER_TOPIC

from ..ports import DeadLetter

__all__ = ["KafkaDeadLetterSink"]


class KafkaDeadLetterSink:
    def __init__(self, connection: KafkaConnection, topic: str = DEAD_LETTER_TOPIC.name) -> None:
        self._topic = topic
        self._producer = KafkaProducer(
            **connection.client_config(),
            acks="all",
            enable_idempotence=True,
            max_block_ms=connection.max_block_ms,
        )

    def send(self, letters: Sequence[DeadLetter]) -> None:
        try:
            futures = [
                self._producer.send(
                    self._topic,
                    value=letter.record.value,
                    key=f"{letter.record.topic}:{letter.record.partition}:{letter.record.offset}".encode(),
                    headers=[
                        ("error", letter.error.encode("utf-8")),
                        ("source_topic", letter.record.topic.encode("utf-8")),
                        ("source_partition", str(letter.record.partition).encode("ascii")),
                        ("source_offset", str(letter.record.offset).encode("ascii")),
                    ],
                )
                for letter in letters
            ]
            self._producer.flush()
            for future in futures:
                future.get(timeout=10)
        except KafkaError as exc:
            raise BrokerUnavailable(f"dead-letter topic: {exc}") from exc

    def close(self) -> None:
        self._producer.close(timeout=2)
