"""Events about the raw material: an article and its paragraphs as received."""

from __future__ import annotations

import uuid
from typing import Literal

from pydantic import AwareDatetime, Field

from ._envelope import EventEnvelope, Payload

__all__ = [
    "ArticleIngested",
    "ArticleIngestedData",
    "ParagraphInterpreted",
    "ParagraphInterpretedData",
    "ParagraphRecorded",
    "ParagraphRecordedData",
]


class ArticleIngestedData(Payload):
    article_id: uuid.UUID
    url: str | None = Field(default=None, description="Where the article was published.")
    title: str | None = None
    publisher: str | None = Field(default=None, description="e.g. `Zero Hedge`, `Reuters`.")
    published_at: AwareDatetime | None = Field(
        default=None, description="Publication time; relative dates are resolved against it."
    )
    language: str = Field(default="en", description="ISO 639-1 code.")
    content_hash: str = Field(description="sha256 of the normalized paragraphs (hex).")
    paragraph_count: int = Field(ge=0)
    received_at: AwareDatetime = Field(description="When ingest received the article.")
    canonical_url: str | None = Field(
        default=None,
        description="The URL the article is known by: the page's canonical link, or `url` "
        "with its scheme and host lower-cased, its fragment and tracking parameters removed.",
    )
    document_id: uuid.UUID | None = Field(
        default=None,
        description="The same for every revision under one canonical URL (UUIDv5 of it); "
        "the article id changes with the content, the document id does not.",
    )
    revision_of: uuid.UUID | None = Field(
        default=None,
        description="The article id of the earlier content seen under the same canonical URL, "
        "when ingest knows it: this article is a revision of that one, not an overwrite.",
    )
    first_revision_id: uuid.UUID | None = Field(
        default=None,
        description="The article id of the first content seen under the canonical URL, when "
        "this article is a revision.",
    )
    source_format: str | None = Field(
        default=None,
        description="What the scraper sent: `text/plain`, `text/html` or `paragraphs`.",
    )
    language_detected: bool | None = Field(
        default=None, description="Whether `language` was detected (true) or given (false)."
    )
    extracted: bool | None = Field(
        default=None,
        description="False when no claims were extracted on purpose (the language is one the "
        "extractor does not read); null in events from before this field, which were.",
    )
    not_extracted_reason: str | None = Field(
        default=None, description="Why nothing was extracted, when `extracted` is false."
    )


class ArticleIngested(EventEnvelope):
    type: Literal["sitrep.article.ingested"] = "sitrep.article.ingested"
    schema_version: Literal[1] = 1
    data: ArticleIngestedData


class ParagraphRecordedData(Payload):
    article_id: uuid.UUID
    paragraph_id: uuid.UUID
    index: int = Field(ge=0, description="0-based position in the article.")
    text: str
    text_hash: str = Field(description="sha256 of the normalized paragraph text (hex).")


class ParagraphRecorded(EventEnvelope):
    type: Literal["sitrep.paragraph.recorded"] = "sitrep.paragraph.recorded"
    schema_version: Literal[1] = 1
    data: ParagraphRecordedData


class ParagraphInterpretedData(Payload):
    """Marks that one extractor version has read one paragraph, and what it found.

    Lets the projector prefer the newest interpretation of a paragraph even when the newer
    extractor finds nothing there.
    """

    article_id: uuid.UUID
    paragraph_id: uuid.UUID
    paragraph_index: int = Field(ge=0)
    claim_ids: tuple[uuid.UUID, ...] = ()


class ParagraphInterpreted(EventEnvelope):
    type: Literal["sitrep.paragraph.interpreted"] = "sitrep.paragraph.interpreted"
    schema_version: Literal[1] = 1
    data: ParagraphInterpretedData
