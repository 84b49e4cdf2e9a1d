"""`Idempotency-Key`: a retried request gets the answer of the first, without doing it twice.

Kept per API key, in memory, for `ttl_s` (at most `capacity` answers, the oldest dropped
first); only final answers are kept (2xx and permanent
4xx), so a retry after a 503 or 429 is tried again. A key reused with another body is refused.
The ids are deterministic, so a retry this store has forgotten (a restart) is still harmless.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass

__all__ = ["IdempotencyStore", "StoredResponse", "fingerprint"]


@dataclass(frozen=True, slots=True)
class StoredResponse:
    status: int
    body: bytes
    headers: tuple[tuple[str, str], ...] = ()


@dataclass(slots=True)
class _Entry:
    fingerprint: str
    expires: float
    response: StoredResponse | None = None  # None: the first request is still running


def fingerprint(method: str, path: str, body: bytes) -> str:
    digest = hashlib.sha256(f"{method} {path}\n".encode())
    digest.update(body)
    return digest.hexdigest()


class IdempotencyStore:
    def __init__(self, ttl_s: float = 86_400, capacity: int = 10_000) -> None:
        self._ttl_s = ttl_s
        self._capacity = capacity
        self._lock = threading.Lock()
        self._entries: OrderedDict[tuple[str, str], _Entry] = OrderedDict()

    def begin(self, owner: str, key: str, print_: str) -> StoredResponse | str | None:
        """None: go ahead (the key is now held). A StoredResponse: replay it. A string: why
        not (`in_use` or `reused`)."""
        now = time.monotonic()
        with self._lock:
            while self._entries:
                oldest_key, oldest = next(iter(self._entries.items()))
                if oldest.expires > now and len(self._entries) <= self._capacity:
                    break
                del self._entries[oldest_key]
            entry = self._entries.get((owner, key))
            if entry is None or entry.expires <= now:
                self._entries[(owner, key)] = _Entry(print_, now + self._ttl_s)
                return None
            if entry.fingerprint != print_:
                return "reused"
            if entry.response is None:
                return "in_use"
            return entry.response

    def finish(self, owner: str, key: str, response: StoredResponse | None) -> None:
        """Keep the final answer, or (None) release the key so that a retry runs again."""
        with self._lock:
            entry = self._entries.get((owner, key))
            if entry is None:
                return
            if response is None:
                del self._entries[(owner, key)]
            else:
                entry.response = response
