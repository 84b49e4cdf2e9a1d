"""The articles read model: every article and its paragraphs as received."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import Column, Index, Text
from sqlmodel import Field, SQLModel

from .types import UtcDateTime

__all__ = ["ArticleRow", "ParagraphRow"]


class ArticleRow(SQLModel, table=True):
    __tablename__ = "articles"
    __table_args__ = (Index("ix_articles_recorded", "recorded_at", "article_id"),)

    article_id: uuid.UUID = Field(primary_key=True)
    event_id: uuid.UUID = Field(unique=True)
    url: str | None = Field(default=None, index=True)
    title: str | None = None
    publisher: str | None = Field(default=None, index=True)
    published_at: datetime | None = Field(default=None, sa_column=Column(UtcDateTime, index=True))
    language: str
    extracted: bool = True
    not_extracted_reason: str | None = None
    content_hash: str = Field(index=True)
    paragraph_count: int
    received_at: datetime = Field(sa_column=Column(UtcDateTime, nullable=False))
    recorded_at: datetime = Field(sa_column=Column(UtcDateTime, nullable=False))


class ParagraphRow(SQLModel, table=True):
    __tablename__ = "paragraphs"
    __table_args__ = (Index("ux_paragraphs_article_index", "article_id", "index", unique=True),)

    paragraph_id: uuid.UUID = Field(primary_key=True)
    event_id: uuid.UUID = Field(unique=True)
    article_id: uuid.UUID
    index: int
    text: str = Field(sa_column=Column(Text, nullable=False))
    text_hash: str
