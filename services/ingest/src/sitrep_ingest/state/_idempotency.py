"""`Idempotency-Key`: a retried request gets the answer of the first, without doing it twice.

Final answers (2xx and permanent 4xx) are kept per API key in the state file for `ttl_s`, so
a retry that reaches a restarted ingest, or another ingest on the same file, is answered the
same; a retry after a 503 or 429 is tried again. A key reused with another body is refused.
A request still running holds its key in this process only: a retry that reaches another
process meanwhile runs, and the article registry makes its articles duplicates.
"""

from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
import threading
import time
from dataclasses import dataclass

from ._database import StateDatabase

__all__ = ["IdempotencyStore", "StoredResponse", "fingerprint"]

log = logging.getLogger(__name__)

_PRUNE_EVERY = 256  # answers kept between two checks of the bound


@dataclass(frozen=True, slots=True)
class StoredResponse:
    status: int
    body: bytes
    headers: tuple[tuple[str, str], ...] = ()


def fingerprint(method: str, path: str, body: bytes) -> str:
    digest = hashlib.sha256(f"{method} {path}\n".encode())
    digest.update(body)
    return digest.hexdigest()


class IdempotencyStore:
    def __init__(
        self, database: StateDatabase, ttl_s: float = 86_400, capacity: int = 10_000
    ) -> None:
        self._db = database
        self._ttl_s = ttl_s
        self._capacity = capacity
        self._lock = threading.Lock()
        self._running: dict[tuple[str, str], str] = {}  # (owner, key) -> fingerprint
        self._since_prune = 0

    def begin(self, owner: str, key: str, print_: str) -> StoredResponse | str | None:
        """None: go ahead (the key is now held). A StoredResponse: replay it. A string: why
        not (`in_use` or `reused`)."""
        with self._lock:
            running = self._running.get((owner, key))
            if running is not None:
                return "in_use" if running == print_ else "reused"
            row = self._db.one(
                "SELECT fingerprint, status, body, headers FROM answers "
                "WHERE owner = ? AND key = ? AND expires > ?",
                (owner, key, time.time()),
            )
            if row is not None:
                stored_print, status, body, headers = row
                if stored_print != print_:
                    return "reused"
                pairs = tuple((str(k), str(v)) for k, v in json.loads(headers))
                return StoredResponse(int(status), bytes(body), pairs)
            self._running[(owner, key)] = print_
            return None

    def finish(self, owner: str, key: str, response: StoredResponse | None) -> None:
        """Keep the final answer, or (None) release the key so that a retry runs again."""
        with self._lock:
            print_ = self._running.pop((owner, key), None)
        if print_ is None or response is None:
            return
        try:
            with self._db.transaction() as sql:
                sql.execute(
                    "INSERT OR REPLACE INTO answers VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (
                        owner,
                        key,
                        print_,
                        response.status,
                        response.body,
                        json.dumps(response.headers),
                        time.time() + self._ttl_s,
                    ),
                )
                self._since_prune += 1
                if self._since_prune >= _PRUNE_EVERY:
                    self._since_prune = 0
                    sql.execute("DELETE FROM answers WHERE expires <= ?", (time.time(),))
                    sql.execute(
                        "DELETE FROM answers WHERE expires < (SELECT expires FROM answers "
                        "ORDER BY expires DESC LIMIT 1 OFFSET ?)",
                        (self._capacity,),
                    )
        except sqlite3.Error as exc:
            # The answer was given; a retry then runs again, and its articles are duplicates.
            log.error("the answer to Idempotency-Key of %s not kept: %s", owner, exc)
