"""Articles and their paragraphs."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, Field

__all__ = ["ArticleDetail", "ArticleSummary", "Paragraph"]


class ArticleSummary(BaseModel):
    article_id: uuid.UUID
    url: str | None
    title: str | None
    publisher: str | None
    published_at: datetime | None
    language: str
    extracted: bool = Field(
        description="False when ingest recorded the article without extracting claims from it "
        "(a language the extractor does not read).",
        examples=[True],
    )
    not_extracted_reason: str | None = Field(
        default=None,
        description="Why nothing was extracted, when `extracted` is false.",
        examples=[None],
    )
    content_hash: str
    paragraph_count: int
    received_at: datetime
    recorded_at: datetime


class Paragraph(BaseModel):
    index: int
    paragraph_id: uuid.UUID
    text: str


class ArticleDetail(ArticleSummary):
    paragraphs: list[Paragraph]
