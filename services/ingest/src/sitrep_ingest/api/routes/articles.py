"""POST /v1/articles: record an article and its claims on the event log."""

from __future__ import annotations

import logging
import uuid
from datetime import UTC, datetime

from fastapi import APIRouter, status
from pydantic import BaseModel, Field

from ...articles import ArticleSubmission
from ...events import article_events
from ..deps import ExtractorDep, PublisherDep
from ..errors import ErrorBody

__all__ = ["router"]

log = logging.getLogger(__name__)

router = APIRouter(prefix="/v1/articles", tags=["articles"])


class ArticleAccepted(BaseModel):
    article_id: uuid.UUID = Field(
        description="Deterministic: the same URL and text give the same id."
    )
    paragraphs: int
    claims: int = Field(description="Claim events extracted from the paragraphs.")
    event_ids: list[uuid.UUID] = Field(
        description="Every event committed for the article, in order."
    )


@router.post(
    "",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=ArticleAccepted,
    summary="Record an article",
    description="Splits the article into paragraphs, extracts claims and appends every event "
    "in one Kafka transaction. 202 means the transaction committed with acks=all: a "
    "read_committed reader sees the whole article. Posting the same article again yields the "
    "same ids, and readers drop the duplicates.",
    responses={
        422: {"description": "The body is not a valid article; `detail` says what is wrong."},
        503: {
            "model": ErrorBody,
            "description": "Kafka is unavailable; nothing of the article is visible. Retry after "
            "the `Retry-After` seconds.",
        },
    },
)
def post_article(
    article: ArticleSubmission, publisher: PublisherDep, extractor: ExtractorDep
) -> ArticleAccepted:
    recorded = article_events(article, datetime.now(UTC), extractor)
    publisher.publish(recorded.events)
    log.info(
        "article %s recorded: %d paragraphs, %d claims, %d events",
        recorded.article_id,
        recorded.paragraph_count,
        recorded.claim_count,
        len(recorded.events),
    )
    return ArticleAccepted(
        article_id=recorded.article_id,
        paragraphs=recorded.paragraph_count,
        claims=recorded.claim_count,
        event_ids=[e.id for e in recorded.events],
    )
