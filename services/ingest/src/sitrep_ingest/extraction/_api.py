"""The extraction entry point the ingest use case calls."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sitrep_schemas import AllegationDisputed, AllegationReported, ControlClaimed

from .building import EventFactory
from .drafts import AllegationDraft, ControlDraft
from .mentions import ArticleMemory
from .pipeline import read_paragraph

__all__ = ["EXTRACTOR_VERSION", "ArticleContext", "ClaimEvent", "ParagraphInput", "extract_claims"]

EXTRACTOR_VERSION = "1.2.0"

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
    published = article.published_at.date() if article.published_at else None
    memory = ArticleMemory()
    events: list[ClaimEvent] = []
    article_allegations: list[uuid.UUID] = []
    for paragraph in article.paragraphs:
        drafts = read_paragraph(paragraph.text, memory, published)
        if not drafts.ordered:
            continue
        factory = EventFactory(
            article.article_id,
            paragraph.paragraph_id,
            paragraph.index,
            paragraph.event_id,
            paragraph.text,
            recorded_at,
            published,
            EXTRACTOR_VERSION,
        )
        paragraph_allegations: list[uuid.UUID] = []
        for draft in drafts.ordered:
            if isinstance(draft, ControlDraft):
                events.append(factory.control(draft))
            elif isinstance(draft, AllegationDraft):
                event = factory.allegation(draft)
                paragraph_allegations.append(event.id)
                events.append(event)
            else:
                answers = tuple(paragraph_allegations or article_allegations)
                events.append(factory.dispute(draft, answers))
        article_allegations.extend(paragraph_allegations)
    return events
