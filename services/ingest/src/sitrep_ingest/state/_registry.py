"""What ingest has committed to the event topic: duplicates and revisions are told apart with it.

Kept in the state file, per topic, so a restarted ingest (or a second one on the same file)
answers a repeat "duplicate" with the original ids instead of publishing it again. An entry
is written only once the article's Kafka transaction committed, also when the commit landed
after its request gave up waiting, so a retry of that request is a duplicate too. Ids are
deterministic, so a repeat that is not here (the file was lost, or the repeat went to an
ingest on another host) is still harmless: it is published again with the same ids and every
reader drops it. Bounded: past `capacity` articles the oldest entries go first (about 1.5 KB
an article of 67 events on disk, with its document).
"""

from __future__ import annotations

import logging
import sqlite3
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from ._database import StateDatabase

__all__ = ["ArticleRegistry", "DocumentHistory", "RecordedArticle"]

log = logging.getLogger(__name__)

_PRUNE_EVERY = 1024  # records between two checks of the bound


@dataclass(frozen=True, slots=True, init=False)
class RecordedArticle:
    article_id: uuid.UUID
    packed_ids: bytes  # the event ids, 16 bytes each
    paragraphs: int
    claims: int
    revision_of: uuid.UUID | None

    def __init__(
        self,
        article_id: uuid.UUID,
        event_ids: tuple[uuid.UUID, ...],
        paragraphs: int,
        claims: int,
        revision_of: uuid.UUID | None = None,
        *,
        packed_ids: bytes | None = None,
    ) -> None:
        object.__setattr__(self, "article_id", article_id)
        packed = packed_ids if packed_ids is not None else b"".join(e.bytes for e in event_ids)
        object.__setattr__(self, "packed_ids", packed)
        object.__setattr__(self, "paragraphs", paragraphs)
        object.__setattr__(self, "claims", claims)
        object.__setattr__(self, "revision_of", revision_of)

    @property
    def event_ids(self) -> tuple[uuid.UUID, ...]:
        packed = self.packed_ids
        return tuple(uuid.UUID(bytes=packed[i : i + 16]) for i in range(0, len(packed), 16))


@dataclass(frozen=True, slots=True)
class DocumentHistory:
    first_article_id: uuid.UUID
    latest_article_id: uuid.UUID


def _uuid(value: bytes | None) -> uuid.UUID | None:
    return uuid.UUID(bytes=value) if value is not None else None


class ArticleRegistry:
    """The articles committed to one topic (`scope`), in the state database."""

    def __init__(self, database: StateDatabase, scope: str, capacity: int = 200_000) -> None:
        self._db = database
        self._scope = scope
        self._capacity = capacity
        self._since_prune = 0

    def committed(self, article_id: uuid.UUID) -> RecordedArticle | None:
        row = self._db.one(
            "SELECT event_ids, paragraphs, claims, revision_of FROM articles "
            "WHERE scope = ? AND article_id = ?",
            (self._scope, article_id.bytes),
        )
        if row is None:
            return None
        packed, paragraphs, claims, revision_of = row
        return RecordedArticle(
            article_id, (), paragraphs, claims, _uuid(revision_of), packed_ids=packed
        )

    def history(self, document_id: uuid.UUID | None) -> DocumentHistory | None:
        if document_id is None:
            return None
        row = self._db.one(
            "SELECT first_article_id, latest_article_id FROM documents "
            "WHERE scope = ? AND document_id = ?",
            (self._scope, document_id.bytes),
        )
        if row is None:
            return None
        return DocumentHistory(uuid.UUID(bytes=row[0]), uuid.UUID(bytes=row[1]))

    def record(self, document_id: uuid.UUID | None, article: RecordedArticle) -> None:
        self.record_many([(document_id, article)])

    def record_many(self, articles: Sequence[tuple[uuid.UUID | None, RecordedArticle]]) -> None:
        """Remember committed articles (with their document ids), in one write. Never raises:
        an entry lost to a disk error only means that a repeat of the article is published
        again with the same ids."""
        now = time.time_ns()
        try:
            with self._db.transaction() as sql:
                sql.executemany(
                    "INSERT OR REPLACE INTO articles VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [
                        (
                            self._scope,
                            a.article_id.bytes,
                            a.packed_ids,
                            a.paragraphs,
                            a.claims,
                            a.revision_of.bytes if a.revision_of else None,
                            now,
                        )
                        for _, a in articles
                    ],
                )
                # In order: a revision recorded after its original names it as the latest.
                sql.executemany(
                    "INSERT INTO documents VALUES (?, ?, ?, ?, ?) "
                    "ON CONFLICT (scope, document_id) DO UPDATE SET "
                    "latest_article_id = excluded.latest_article_id, "
                    "recorded_ns = excluded.recorded_ns",
                    [
                        (self._scope, d.bytes, a.article_id.bytes, a.article_id.bytes, now)
                        for d, a in articles
                        if d is not None
                    ],
                )
                self._since_prune += len(articles)
                if self._since_prune >= _PRUNE_EVERY:
                    self._since_prune = 0
                    for table in ("articles", "documents"):
                        sql.execute(
                            f"DELETE FROM {table} WHERE recorded_ns < (SELECT recorded_ns "
                            f"FROM {table} ORDER BY recorded_ns DESC LIMIT 1 OFFSET ?)",
                            (self._capacity,),
                        )
        except sqlite3.Error as exc:
            log.error(
                "%d committed article(s) not remembered (%s ...): %s",
                len(articles),
                articles[0][1].article_id,
                exc,
            )
