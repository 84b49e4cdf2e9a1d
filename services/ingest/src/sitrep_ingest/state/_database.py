"""The SQLite file behind ingest's state: one connection per process, WAL, one lock.

WAL lets two ingest processes on one host share the file (each sees the other's commits at
once) and readers never wait for a writer's fsync. `synchronous=NORMAL` survives a killed
process (the write is in the operating system's cache); a power cut may lose the last
entries, which only makes a repeat be published again with the same ids.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

__all__ = ["StateDatabase"]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    scope TEXT NOT NULL,
    article_id BLOB NOT NULL,
    event_ids BLOB NOT NULL,
    paragraphs INTEGER NOT NULL,
    claims INTEGER NOT NULL,
    revision_of BLOB,
    recorded_ns INTEGER NOT NULL,
    PRIMARY KEY (scope, article_id)
);
CREATE INDEX IF NOT EXISTS articles_by_age ON articles (recorded_ns);
CREATE TABLE IF NOT EXISTS documents (
    scope TEXT NOT NULL,
    document_id BLOB NOT NULL,
    first_article_id BLOB NOT NULL,
    latest_article_id BLOB NOT NULL,
    recorded_ns INTEGER NOT NULL,
    PRIMARY KEY (scope, document_id)
);
CREATE INDEX IF NOT EXISTS documents_by_age ON documents (recorded_ns);
CREATE TABLE IF NOT EXISTS answers (
    owner TEXT NOT NULL,
    key TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    status INTEGER NOT NULL,
    body BLOB NOT NULL,
    headers TEXT NOT NULL,
    expires REAL NOT NULL,
    PRIMARY KEY (owner, key)
);
CREATE INDEX IF NOT EXISTS answers_by_expiry ON answers (expires);
"""


class StateDatabase:
    """`path` ":memory:" keeps everything in this process only (for tests)."""

    def __init__(self, path: Path | str) -> None:
        if str(path) != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        self.path = str(path)
        # Shared by the event loop (reads) and the producers' threads (writes after a commit).
        self._connection = sqlite3.connect(
            self.path, check_same_thread=False, isolation_level=None, timeout=5.0
        )
        self._lock = threading.Lock()
        with self._lock:
            self._connection.execute("PRAGMA journal_mode=WAL")
            self._connection.execute("PRAGMA synchronous=NORMAL")
            self._connection.executescript(_SCHEMA)

    def one(self, sql: str, parameters: Sequence[Any] = ()) -> tuple[Any, ...] | None:
        with self._lock:
            row: tuple[Any, ...] | None = self._connection.execute(sql, parameters).fetchone()
            return row

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """The statements inside commit together, or none does."""
        with self._lock:
            self._connection.execute("BEGIN IMMEDIATE")
            try:
                yield self._connection
            except BaseException:
                self._connection.execute("ROLLBACK")
                raise
            self._connection.execute("COMMIT")

    def close(self) -> None:
        with self._lock:
            self._connection.close()
