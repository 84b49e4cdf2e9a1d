"""GET /v1/articles: the articles the projector has applied, newest first, with paragraphs."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, status
from fastapi.responses import Response

from ..deps import SessionDep
from ..errors import not_found
from ..models import ArticleDetail, ArticleSummary, Page
from ..params import TEXT_PATTERN, CursorQuery, IsoDateTime, LimitQuery
from ..queries.articles import article_detail, article_page
from ..responses import json_response

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
) -> Response:
    return json_response(
        article_page(session, publisher, published_since, published_until, limit, cursor)
    )


@router.get(
    "/{article_id}",
    response_model=ArticleDetail,
    summary="One article with its paragraphs",
    responses=not_found("No such article (yet): the projector may still be behind."),
)
def get_article(article_id: uuid.UUID, session: SessionDep) -> Response:
    detail = article_detail(session, article_id)
    if detail is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"article {article_id} not found")
    return json_response(detail)
