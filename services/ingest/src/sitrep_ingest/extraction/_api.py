"""The extraction entry point the ingest use case calls."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sitrep_schemas import AllegationDisputed, AllegationReported, ControlClaimed

__all__ = ["EXTRACTOR_VERSION", "ArticleContext", "ClaimEvent", "ParagraphInput", "extract_claims"]

EXTRACTOR_VERSION = "0.0.0"

ClaimEvent = ControlClaimed | AllegationReported | AllegationDisputed


@dataclass(frozen=True, slots=True)
class ParagraphInput:
    index: int
    paragraph_id: uuid.UUID
    event_id: uuid.UUID  # the ParagraphRecorded event: the claims' causation
    text: str


@dataclass(frozen=True, slots=True)
class ArticleContext:
    article_id: uuid.UUID
    published_at: datetime | None
    publisher: str | None
    paragraphs: tuple[ParagraphInput, ...]


def extract_claims(article: ArticleContext, recorded_at: datetime) -> list[ClaimEvent]:
    """Every claim the extractor finds in the article, in paragraph order."""
    return []
