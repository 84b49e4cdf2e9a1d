"""How to reach the broker: the settings every client of the event log shares."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["KafkaConnection"]


@dataclass(frozen=True)
class KafkaConnection:
    bootstrap_servers: str = "localhost:9092"
    client_id: str = "sitrep"
    # Short timeouts: a service answers 503 within seconds when the broker is away,
    # instead of holding requests for kafka-python's defaults (30-60 s).
    request_timeout_ms: int = 3_000
    max_block_ms: int = 5_000

    def client_config(self) -> dict[str, Any]:
        """Keyword arguments common to kafka-python's producer, consumer and admin client."""
        return {
            "bootstrap_servers": self.bootstrap_servers.split(","),
            "client_id": self.client_id,
            "request_timeout_ms": self.request_timeout_ms,
            "reconnect_backoff_ms": 100,
            "reconnect_backoff_max_ms": 2_000,
        }
