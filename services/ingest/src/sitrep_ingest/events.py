"""Ingesting an article: the complete, ordered list of events one article produces.

The same function serves `POST /v1/articles` (which publishes the list in one Kafka
transaction) and `sitrep extract` / `POST /v1/extract` (which only return it).
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sitrep_schemas import (
    ArticleIngested,
    ArticleIngestedData,
    EventEnvelope,
    ParagraphInterpreted,
    ParagraphInterpretedData,
    ParagraphRecorded,
    ParagraphRecordedData,
    content_hash,
    deterministic_id,
)

from .articles import ArticleBody
from .extraction import ArticleContext, ClaimEvent, Extractor, ParagraphInput
from .intake import PreparedArticle, prepare

__all__ = [
    "SOURCE",
    "ArticleEvents",
    "ParagraphReading",
    "article_context",
    "article_events",
    "articles_events",
    "paragraph_readings",
    "prepared_events",
]

SOURCE = "sitrep/ingest"


@dataclass(frozen=True, slots=True)
class ArticleEvents:
    article_id: uuid.UUID
    events: list[EventEnvelope]
    paragraph_count: int
    claim_count: int
    extracted: bool = True
    document_id: uuid.UUID | None = None


@dataclass(frozen=True, slots=True)
class ParagraphReading:
    """One extractor version's reading of one recorded paragraph: its claims and the marker
    that says this version read it (published even when it found nothing)."""

    paragraph: ParagraphRecorded
    claims: tuple[ClaimEvent, ...]
    interpreted: ParagraphInterpreted

    def events(self) -> list[EventEnvelope]:
        """The paragraph, its claims and its marker, in the log's order."""
        return [self.paragraph, *self.claims, self.interpreted]


def article_events(
    article: ArticleBody, received_at: datetime, extractor: Extractor
) -> ArticleEvents:
    """ArticleIngested, then each paragraph with its claims and its interpretation marker.

    Raises `intake.Rejected` when the article cannot be recorded as sent (an HTML page
    without text, too many paragraphs once the markup is gone).
    """
    return articles_events([article], received_at, extractor)[0]


def articles_events(
    articles: Sequence[ArticleBody], received_at: datetime, extractor: Extractor
) -> list[ArticleEvents]:
    """The events of several articles, extracted together (their sentences parsed in one
    batch); each article's list is the same as `article_events` gives it alone."""
    return prepared_events([prepare(a) for a in articles], received_at, extractor)


def prepared_events(
    articles: Sequence[PreparedArticle], received_at: datetime, extractor: Extractor
) -> list[ArticleEvents]:
    """The events of articles already prepared (paragraphs, metadata, language, identity).

    An article in a language the extractor does not read (or with extraction switched off)
    is recorded with its paragraphs and flagged `extracted: false`; it gets no claims and no
    interpretation markers, so that a later extractor can interpret it from the log.
    """
    recorded = [_recorded(article, received_at) for article in articles]
    to_read = [r for r, a in zip(recorded, articles, strict=True) if a.extracted]
    found = iter(
        extractor.extract_many([r.context for r in to_read], received_at) if to_read else []
    )
    return [
        _assembled(r, next(found), received_at, extractor.version) if a.extracted else _unread(r, a)
        for r, a in zip(recorded, articles, strict=True)
    ]


@dataclass(frozen=True, slots=True)
class _Recorded:
    ingested: ArticleIngested
    paragraphs: list[ParagraphRecorded]
    context: ArticleContext


def _recorded(article: PreparedArticle, received_at: datetime) -> _Recorded:
    paragraphs = list(article.paragraphs)
    article_hash = article.content_hash
    article_id = article.article_id
    subject = f"article/{article_id}"
    ingested = ArticleIngested(
        id=deterministic_id(ArticleIngested.model_fields["type"].default, article_id),
        source=SOURCE,
        time=received_at,
        subject=subject,
        correlation_id=article_id,
        data=ArticleIngestedData(
            article_id=article_id,
            url=article.url,
            title=article.title,
            publisher=article.publisher,
            published_at=article.published_at,
            language=article.language,
            content_hash=article_hash,
            paragraph_count=len(paragraphs),
            received_at=received_at,
            canonical_url=article.canonical_url,
            document_id=article.document_id,
            source_format=article.source_format,
            language_detected=article.language_detected,
            extracted=article.extracted,
            not_extracted_reason=article.not_extracted_reason,
        ),
    )
    recorded: list[ParagraphRecorded] = []
    for index, text in enumerate(paragraphs):
        text_hash = content_hash([text])
        paragraph_id = deterministic_id("paragraph", article_id, index, text_hash)
        recorded.append(
            ParagraphRecorded(
                id=deterministic_id(ParagraphRecorded.model_fields["type"].default, paragraph_id),
                source=SOURCE,
                time=received_at,
                subject=subject,
                correlation_id=article_id,
                causation_id=ingested.id,
                data=ParagraphRecordedData(
                    article_id=article_id,
                    paragraph_id=paragraph_id,
                    index=index,
                    text=text,
                    text_hash=text_hash,
                ),
            )
        )
    context = article_context(article_id, ingested.data.published_at, article.publisher, recorded)
    return _Recorded(ingested, recorded, context)


def _unread(recorded: _Recorded, article: PreparedArticle) -> ArticleEvents:
    return ArticleEvents(
        article_id=recorded.context.article_id,
        events=[recorded.ingested, *recorded.paragraphs],
        paragraph_count=len(recorded.paragraphs),
        claim_count=0,
        extracted=False,
        document_id=article.document_id,
    )


def article_context(
    article_id: uuid.UUID,
    published_at: datetime | None,
    publisher: str | None,
    recorded: Sequence[ParagraphRecorded],
) -> ArticleContext:
    """What the extractor reads of an article: its recorded paragraphs, in order, and the
    dates and publisher they are read against."""
    return ArticleContext(
        article_id=article_id,
        published_at=published_at,
        publisher=publisher,
        paragraphs=tuple(
            ParagraphInput(
                index=p.data.index,
                paragraph_id=p.data.paragraph_id,
                event_id=p.id,
                text=p.data.text,
            )
            for p in recorded
        ),
    )


def _assembled(
    recorded: _Recorded, claims: list[ClaimEvent], received_at: datetime, version: str
) -> ArticleEvents:
    events: list[EventEnvelope] = [recorded.ingested]
    for reading in paragraph_readings(recorded.paragraphs, claims, received_at, version):
        events.extend(reading.events())
    return ArticleEvents(
        article_id=recorded.context.article_id,
        events=events,
        paragraph_count=len(recorded.paragraphs),
        claim_count=len(claims),
        document_id=recorded.ingested.data.document_id,
    )


def paragraph_readings(
    recorded: Sequence[ParagraphRecorded],
    claims: Sequence[ClaimEvent],
    recorded_at: datetime,
    extractor_version: str,
) -> list[ParagraphReading]:
    """Each recorded paragraph of an article with the claims an extractor version found in
    it (`claims`: the article's, in paragraph order) and its marker."""
    claims_by_paragraph: dict[int, list[ClaimEvent]] = defaultdict(list)
    for claim in claims:
        claims_by_paragraph[claim.data.provenance.paragraph_index].append(claim)
    readings: list[ParagraphReading] = []
    for paragraph in recorded:
        found = tuple(claims_by_paragraph.get(paragraph.data.index, ()))
        marker = _interpreted(paragraph, [c.id for c in found], recorded_at, extractor_version)
        readings.append(ParagraphReading(paragraph, found, marker))
    return readings


def _interpreted(
    paragraph: ParagraphRecorded,
    claim_ids: list[uuid.UUID],
    received_at: datetime,
    extractor_version: str,
) -> ParagraphInterpreted:
    data = paragraph.data
    return ParagraphInterpreted(
        id=deterministic_id(
            ParagraphInterpreted.model_fields["type"].default, data.paragraph_id, extractor_version
        ),
        source=SOURCE,
        time=received_at,
        subject=paragraph.subject,
        extractor_version=extractor_version,
        correlation_id=paragraph.correlation_id,
        causation_id=paragraph.id,
        data=ParagraphInterpretedData(
            article_id=data.article_id,
            paragraph_id=data.paragraph_id,
            paragraph_index=data.index,
            claim_ids=tuple(claim_ids),
        ),
    )
