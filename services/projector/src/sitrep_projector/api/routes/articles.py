"""GET /v1/articles: the articles the projector has applied, newest first, with paragraphs."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, status
from sqlalchemy import select, tuple_

from ...db.articles import ArticleRow, ParagraphRow
from ...db.bulk import table_of
from ..deps import SessionDep
from ..models import ArticleDetail, ArticleSummary, Page, Paragraph
from ..params import TEXT_PATTERN, CursorQuery, IsoDateTime, LimitQuery
from ..queries.keyset import decode_cursor, encode_cursor

__all__ = ["router"]

router = APIRouter(prefix="/v1/articles", tags=["articles"])


@router.get(
    "",
    response_model=Page[ArticleSummary],
    summary="List articles, newest first",
    description="Ordered by the time ingest recorded them (newest first), then by id.",
)
def list_articles(
    session: SessionDep,
    limit: LimitQuery = 50,
    cursor: CursorQuery = None,
    publisher: Annotated[
        str | None,
        Query(
            description="Exact publisher name.",
            max_length=200,
            pattern=TEXT_PATTERN,
            examples=["Zero Hedge"],
        ),
    ] = None,
    published_since: Annotated[
        IsoDateTime | None, Query(description="Published at or after (ISO 8601 with a zone).")
    ] = None,
    published_until: Annotated[
        IsoDateTime | None, Query(description="Published before (ISO 8601 with a zone).")
    ] = None,
) -> Page[ArticleSummary]:
    t = table_of(ArticleRow)
    query = select(ArticleRow)
    if publisher is not None:
        query = query.where(t.c.publisher == publisher)
    if published_since is not None:
        query = query.where(t.c.published_at >= published_since)
    if published_until is not None:
        query = query.where(t.c.published_at < published_until)
    if cursor is not None:
        recorded_at, article_id = decode_cursor(cursor, 2)
        try:
            after = (datetime.fromisoformat(recorded_at), uuid.UUID(article_id))
        except (TypeError, ValueError) as exc:
            raise HTTPException(status.HTTP_400_BAD_REQUEST, "invalid cursor") from exc
        query = query.where(tuple_(t.c.recorded_at, t.c.article_id) < after)
    query = query.order_by(t.c.recorded_at.desc(), t.c.article_id.desc()).limit(limit + 1)
    rows = list(session.execute(query).scalars())
    more = len(rows) > limit
    rows = rows[:limit]
    next_cursor = (
        encode_cursor([rows[-1].recorded_at.isoformat(), str(rows[-1].article_id)])
        if more
        else None
    )
    return Page[ArticleSummary](
        items=[ArticleSummary.model_validate(r, from_attributes=True) for r in rows],
        next_cursor=next_cursor,
    )


@router.get(
    "/{article_id}",
    response_model=ArticleDetail,
    summary="One article with its paragraphs",
    responses={404: {"description": "No such article (yet): the projector may still be behind."}},
)
def get_article(article_id: uuid.UUID, session: SessionDep) -> ArticleDetail:
    article = session.get(ArticleRow, article_id)
    if article is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"article {article_id} not found")
    p = table_of(ParagraphRow)
    paragraphs = session.execute(
        select(ParagraphRow).where(p.c.article_id == article_id).order_by(p.c.index)
    ).scalars()
    summary = ArticleSummary.model_validate(article, from_attributes=True)
    return ArticleDetail(
        **summary.model_dump(),
        paragraphs=[
            Paragraph(index=x.index, paragraph_id=x.paragraph_id, text=x.text) for x in paragraphs
        ],
    )
