"""Ingesting an article: the complete, ordered list of events one article produces.

The same function serves `POST /v1/articles` (which publishes the list in one Kafka
transaction) and `sitrep extract` / `POST /v1/extract` (which only return it).
"""

from __future__ import annotations

import uuid
from collections import defaultdict
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
from .extraction import ArticleContext, Extractor, ParagraphInput
from .intake import PreparedArticle, prepare

__all__ = ["SOURCE", "ArticleEvents", "article_events", "prepared_events"]

SOURCE = "sitrep/ingest"


@dataclass(frozen=True, slots=True)
class ArticleEvents:
    article_id: uuid.UUID
    events: list[EventEnvelope]
    paragraph_count: int
    claim_count: int
    extracted: bool = True
    document_id: uuid.UUID | None = None


def article_events(
    article: ArticleBody, received_at: datetime, extractor: Extractor
) -> ArticleEvents:
    """ArticleIngested, then each paragraph with its claims and its interpretation marker.

    Raises `intake.Rejected` when the article cannot be recorded as sent (an HTML page
    without text, too many paragraphs once the markup is gone).
    """
    return prepared_events(prepare(article), received_at, extractor)


def prepared_events(
    article: PreparedArticle, received_at: datetime, extractor: Extractor
) -> ArticleEvents:
    """The events of an article already prepared (paragraphs, metadata, language, identity).

    An article in a language the extractor does not read is recorded with its paragraphs
    and flagged `extracted: false`; it gets no claims and no interpretation markers, so a
    later extractor that reads the language can interpret it from the log.
    """
    paragraphs = list(article.paragraphs)
    article_hash = article.content_hash
    article_id = article.article_id
    subject = f"article/{article_id}"
    extracted = article.extracted
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
            extracted=extracted,
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
    context = ArticleContext(
        article_id=article_id,
        published_at=ingested.data.published_at,
        publisher=article.publisher,
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
    claims_by_paragraph: dict[int, list[EventEnvelope]] = defaultdict(list)
    claims = extractor.extract_claims(context, received_at) if extracted else []
    for claim in claims:
        claims_by_paragraph[claim.data.provenance.paragraph_index].append(claim)

    events: list[EventEnvelope] = [ingested]
    for paragraph in recorded:
        found = claims_by_paragraph.get(paragraph.data.index, [])
        events.append(paragraph)
        events.extend(found)
        if extracted:
            events.append(
                _interpreted(paragraph, [c.id for c in found], received_at, extractor.version)
            )
    return ArticleEvents(
        article_id=article_id,
        events=events,
        paragraph_count=len(recorded),
        claim_count=len(claims),
        extracted=extracted,
        document_id=article.document_id,
    )


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
