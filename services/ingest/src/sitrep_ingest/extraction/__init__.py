"""Claim extraction: paragraphs in, attributed and located claim events out.

Pure functions over plain data: no I/O but reading the seed data and the parser's model once,
when an `Extractor` is loaded; no client library; nothing downloaded at run time.
"""

from ._api import (
    EXTRACTOR_VERSION,
    ArticleContext,
    ClaimEvent,
    Extractor,
    ExtractorSettings,
    ParagraphInput,
)
from ._seeds import seeds_dir
from .world import WorldGazetteer, ensure_index

__all__ = [
    "EXTRACTOR_VERSION",
    "ArticleContext",
    "ClaimEvent",
    "Extractor",
    "ExtractorSettings",
    "ParagraphInput",
    "WorldGazetteer",
    "ensure_index",
    "seeds_dir",
]
