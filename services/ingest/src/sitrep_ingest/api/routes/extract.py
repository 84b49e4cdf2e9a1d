"""POST /v1/extract: what ingest would record for an article, without recording it."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel, Field

from ...articles import ArticleBody
from ...events import article_events
from ..deps import ExtractorDep

__all__ = ["router"]

router = APIRouter(prefix="/v1/extract", tags=["extract"])


class ExtractionResult(BaseModel):
    article_id: uuid.UUID
    paragraphs: int
    claims: int
    events: list[dict[str, Any]] = Field(
        description="The events POST /v1/articles would publish, in order (see the JSON "
        "Schemas in `schemas/json/`)."
    )


@router.post(
    "",
    response_model=ExtractionResult,
    summary="Dry run: extract claims without recording",
    description="Takes the same body as POST /v1/articles (a bare `text` is enough) and "
    "returns the events ingest would publish. Nothing is written to Kafka.",
    responses={422: {"description": "The body is not a valid article."}},
)
def extract(article: ArticleBody, extractor: ExtractorDep) -> ExtractionResult:
    recorded = article_events(article, datetime.now(UTC), extractor)
    return ExtractionResult(
        article_id=recorded.article_id,
        paragraphs=recorded.paragraph_count,
        claims=recorded.claim_count,
        events=[e.model_dump(mode="json") for e in recorded.events],
    )
