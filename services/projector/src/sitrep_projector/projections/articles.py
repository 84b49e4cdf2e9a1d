"""The articles projection: articles and paragraphs as they were received."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sitrep_schemas import ArticleIngested, ParagraphRecorded

from ._records import ReadModelRecord
from ._reference import Reference

__all__ = ["ArticleRecord", "ParagraphRecord", "project_article", "project_paragraph"]


@dataclass(frozen=True, slots=True)
class ArticleRecord(ReadModelRecord):
    article_id: uuid.UUID
    event_id: uuid.UUID
    url: str | None
    title: str | None
    publisher: str | None
    published_at: datetime | None
    language: str
    extracted: bool
    not_extracted_reason: str | None
    content_hash: str
    paragraph_count: int
    received_at: datetime
    recorded_at: datetime


@dataclass(frozen=True, slots=True)
class ParagraphRecord(ReadModelRecord):
    paragraph_id: uuid.UUID
    event_id: uuid.UUID
    article_id: uuid.UUID
    index: int
    text: str
    text_hash: str


def project_article(event: ArticleIngested, _reference: Reference) -> list[ReadModelRecord]:
    data = event.data
    return [
        ArticleRecord(
            article_id=data.article_id,
            event_id=event.id,
            url=data.url,
            title=data.title,
            publisher=data.publisher,
            published_at=data.published_at,
            language=data.language,
            # Events from before the field were all extracted.
            extracted=data.extracted is not False,
            not_extracted_reason=data.not_extracted_reason,
            content_hash=data.content_hash,
            paragraph_count=data.paragraph_count,
            received_at=data.received_at,
            recorded_at=event.time,
        )
    ]


def project_paragraph(event: ParagraphRecorded, _reference: Reference) -> list[ReadModelRecord]:
    data = event.data
    return [
        ParagraphRecord(
            paragraph_id=data.paragraph_id,
            event_id=event.id,
            article_id=data.article_id,
            index=data.index,
            text=data.text,
            text_hash=data.text_hash,
        )
    ]
