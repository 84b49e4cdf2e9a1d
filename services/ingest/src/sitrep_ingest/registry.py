"""What this ingest process has committed: duplicates and revisions are told apart with it.

Ids are deterministic, so a repeat that this registry does not know (after a restart, or
sent to another instance) is still harmless: it is published again with the same ids and
every reader drops it. The registry only lets ingest *answer* "duplicate" with the original
ids without publishing again, and link a changed text under a known URL to the content it
revises. It is bounded (least recently used entries go first): about 1 KB an article of 60 events,
so the default 50,000 articles hold about 55 MB.
"""

from __future__ import annotations

import threading
import uuid
from collections import OrderedDict
from dataclasses import dataclass

__all__ = ["ArticleRegistry", "DocumentHistory", "RecordedArticle"]


@dataclass(frozen=True, slots=True, init=False)
class RecordedArticle:
    article_id: uuid.UUID
    packed_ids: bytes  # the event ids, 16 bytes each: a UUID object costs six times that
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
    ) -> None:
        object.__setattr__(self, "article_id", article_id)
        object.__setattr__(self, "packed_ids", b"".join(e.bytes for e in event_ids))
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


class ArticleRegistry:
    def __init__(self, capacity: int = 50_000) -> None:
        self._capacity = capacity
        self._lock = threading.Lock()  # written from the producers' threads
        self._articles: OrderedDict[uuid.UUID, RecordedArticle] = OrderedDict()
        self._documents: OrderedDict[uuid.UUID, DocumentHistory] = OrderedDict()

    def committed(self, article_id: uuid.UUID) -> RecordedArticle | None:
        with self._lock:
            found = self._articles.get(article_id)
            if found is not None:
                self._articles.move_to_end(article_id)
            return found

    def history(self, document_id: uuid.UUID | None) -> DocumentHistory | None:
        if document_id is None:
            return None
        with self._lock:
            return self._documents.get(document_id)

    def record(self, document_id: uuid.UUID | None, article: RecordedArticle) -> None:
        with self._lock:
            self._articles[article.article_id] = article
            self._articles.move_to_end(article.article_id)
            if document_id is not None:
                known = self._documents.get(document_id)
                first = known.first_article_id if known else article.article_id
                self._documents[document_id] = DocumentHistory(first, article.article_id)
                self._documents.move_to_end(document_id)
            for table in (self._articles, self._documents):
                while len(table) > self._capacity:
                    table.popitem(last=False)
