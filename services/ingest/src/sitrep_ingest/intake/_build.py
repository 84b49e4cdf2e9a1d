"""One article from submission to the Kafka records that carry it, or the reason it cannot be.

This is the CPU part of ingesting (HTML, language, extraction, serialisation): it runs in a
worker of the process pool, returns plain picklable data, and never touches Kafka.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING

from sitrep_eventlog import EncodedEvent, encode_event
from sitrep_schemas import ArticleIngested

from ..articles import ArticleBody
from ._prepare import PreparedArticle, Rejected, Rejection, prepare

if TYPE_CHECKING:
    from ..events import ArticleEvents
    from ..extraction import Extractor

__all__ = ["MAX_RECORD_BYTES", "BuiltArticle", "build_article", "build_articles"]

# Kafka's defaults: 1 MiB per produce request (producer) and per record batch (broker). A
# record over this is refused up front with a 413 instead of failing the transaction (a 503
# that a retry could never fix).
MAX_RECORD_BYTES = 900_000


@dataclass(frozen=True, slots=True)
class BuiltArticle:
    """What a worker sends back: only plain data, since the service process unpickles every
    article (the event objects themselves stay in the worker; their records carry them)."""

    article_id: uuid.UUID
    document_id: uuid.UUID | None
    canonical_url: str | None
    records: tuple[EncodedEvent, ...]  # records[0] carries the ArticleIngested
    packed_ids: bytes  # the event ids in order, 16 bytes each: one object instead of many
    paragraphs: int
    claims: int
    extracted: bool
    language: str
    extraction_s: float
    revision_of: uuid.UUID | None = None

    @property
    def event_ids(self) -> tuple[uuid.UUID, ...]:
        packed = self.packed_ids
        return tuple(uuid.UUID(bytes=packed[i : i + 16]) for i in range(0, len(packed), 16))

    def as_revision(self, revision_of: uuid.UUID, first_revision_id: uuid.UUID) -> BuiltArticle:
        """The same article, its ArticleIngested linked to the content it revises."""
        ingested = ArticleIngested.model_validate_json(self.records[0].value)
        data = ingested.data.model_copy(
            update={"revision_of": revision_of, "first_revision_id": first_revision_id}
        )
        ingested = ingested.model_copy(update={"data": data})
        return replace(
            self,
            records=(encode_event(ingested), *self.records[1:]),
            revision_of=revision_of,
        )


def build_article(
    article: ArticleBody,
    received_at: datetime,
    extractor: Extractor,
    *,
    require_url: bool = True,
    extract: bool = True,
) -> BuiltArticle | Rejection:
    return build_articles(
        [article], received_at, extractor, require_url=require_url, extract=extract
    )[0]


def build_articles(
    articles: Sequence[ArticleBody],
    received_at: datetime,
    extractor: Extractor,
    *,
    require_url: bool = True,
    extract: bool = True,
) -> list[BuiltArticle | Rejection]:
    """Each article built, or why not; their sentences are parsed in one batch."""
    # Imported here: events imports intake, and this module is part of intake.
    from ..events import prepared_events  # noqa: PLC0415

    out: list[BuiltArticle | Rejection | None] = []
    prepared: list[PreparedArticle] = []
    for article in articles:
        try:
            prepared.append(prepare(article, require_url=require_url, extract=extract))
            out.append(None)
        except Rejected as exc:
            out.append(exc.rejection)
    started = time.perf_counter()
    built = prepared_events(prepared, received_at, extractor)
    took = (time.perf_counter() - started) / max(1, len(prepared))
    results = iter(zip(prepared, built, strict=True))
    return [slot if slot is not None else _finished(*next(results), took) for slot in out]


def _finished(
    prepared: PreparedArticle, built: ArticleEvents, took: float
) -> BuiltArticle | Rejection:
    records = tuple(encode_event(e) for e in built.events)
    largest = max(len(r.value) for r in records)
    if largest > MAX_RECORD_BYTES:
        return Rejection(
            413,
            "article_too_large",
            f"one of the article's events would be {largest} bytes; the event log takes at "
            f"most {MAX_RECORD_BYTES}: split the longest paragraphs",
        )
    return BuiltArticle(
        article_id=built.article_id,
        document_id=built.document_id,
        canonical_url=prepared.canonical_url,
        records=records,
        packed_ids=b"".join(e.id.bytes for e in built.events),
        paragraphs=built.paragraph_count,
        claims=built.claim_count,
        extracted=built.extracted,
        language=prepared.language,
        extraction_s=took,
    )
