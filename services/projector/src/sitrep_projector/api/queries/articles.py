"""The articles' SQL: newest first, and one article with its paragraphs."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from ...db.articles import ArticleRow, ParagraphRow
from ...db.bulk import table_of
from .keyset import page_of, where_after

__all__ = ["article_detail", "article_page"]

_SUMMARY = (
    "article_id",
    "url",
    "title",
    "publisher",
    "published_at",
    "language",
    "extracted",
    "not_extracted_reason",
    "content_hash",
    "paragraph_count",
    "received_at",
    "recorded_at",
)


def article_page(
    session: Session,
    publisher: str | None,
    published_since: datetime | None,
    published_until: datetime | None,
    limit: int,
    cursor: str | None,
) -> dict[str, Any]:
    """A `Page[ArticleSummary]` as a JSON object, newest recorded first."""
    t = table_of(ArticleRow)
    query = select(*(t.c[name] for name in _SUMMARY))
    if publisher is not None:
        query = query.where(t.c.publisher == publisher)
    if published_since is not None:
        query = query.where(t.c.published_at >= published_since)
    if published_until is not None:
        query = query.where(t.c.published_at < published_until)
    query = where_after(
        query, [t.c.recorded_at, t.c.article_id], True, cursor, [datetime.fromisoformat, uuid.UUID]
    )
    items = [dict(r) for r in session.execute(query.limit(limit + 1)).mappings().all()]
    page, next_cursor = page_of(
        items, limit, lambda a: [a["recorded_at"].isoformat(), str(a["article_id"])]
    )
    return {"items": page, "next_cursor": next_cursor}


def article_detail(session: Session, article_id: uuid.UUID) -> dict[str, Any] | None:
    """An `ArticleDetail` as a JSON object; None when there is no such article."""
    t, p = table_of(ArticleRow), table_of(ParagraphRow)
    row = (
        session.execute(
            select(*(t.c[name] for name in _SUMMARY)).where(t.c.article_id == article_id)
        )
        .mappings()
        .first()
    )
    if row is None:
        return None
    paragraphs = session.execute(
        select(p.c.index, p.c.paragraph_id, p.c.text)
        .where(p.c.article_id == article_id)
        .order_by(p.c.index)
    ).mappings()
    return dict(row) | {"paragraphs": [dict(x) for x in paragraphs]}
