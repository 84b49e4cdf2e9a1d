"""Ingest test helpers: API keys files, and a fake event log for route tests."""

from __future__ import annotations

import json
import threading
from collections.abc import Sequence
from concurrent.futures import Future
from pathlib import Path

from sitrep_eventlog import BrokerUnavailable, EncodedEvent, encode_event
from sitrep_ingest.auth import hash_key
from sitrep_schemas import EventEnvelope

__all__ = ["KEYS", "InMemoryPublisher", "auth", "write_keys_file"]

KEYS = {
    "write": "sk_test_write_0123456789",
    "read": "sk_test_read_0123456789",
    "admin": "sk_test_admin_0123456789",
}
_SCOPES = {"write": "ingest:write", "read": "read", "admin": "admin"}


def write_keys_file(path: Path, keys: dict[str, str] | None = None) -> Path:
    keys = keys or KEYS
    document = {
        "keys": [
            {"id": f"test-{name}", "sha256": hash_key(secret), "scopes": [_SCOPES[name]]}
            for name, secret in keys.items()
        ]
    }
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def auth(name: str = "write") -> dict[str, str]:
    return {"Authorization": f"Bearer {KEYS[name]}"}


class InMemoryPublisher:
    """A fake event log for route tests; integration tests use the real broker."""

    def __init__(self) -> None:
        self.published: list[list[EncodedEvent]] = []
        self.down = False
        self._lock = threading.Lock()

    def submit(self, records: Sequence[EncodedEvent]) -> Future[None]:
        future: Future[None] = Future()
        if self.down:
            future.set_exception(BrokerUnavailable("no broker"))
        else:
            with self._lock:
                self.published.append(list(records))
            future.set_result(None)
        return future

    def publish(self, events: Sequence[EventEnvelope]) -> None:
        self.submit([encode_event(e) for e in events]).result()

    def event_ids(self, n: int) -> list[str]:
        return [json.loads(r.value)["id"] for r in self.published[n]]

    def is_ready(self) -> bool:
        return not self.down

    def close(self) -> None:
        pass
