"""From a submission to the article ingest records: paragraphs, metadata, language, identity.

Plain text is cut into paragraphs; HTML goes through `read_page`. Metadata the request lacks
comes from the page; the language is detected when not given. Everything here is pure CPU
work, so it runs where extraction runs (a worker of the process pool).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, time

from sitrep_schemas import article_id_for, content_hash

from ..articles import ArticleBody, _plausible, check_paragraphs
from ._identity import canonical_url, document_id_for
from ._language import DEFAULT_LANGUAGE, EXTRACTED_LANGUAGES, detect_language
from ._pages import read_page

__all__ = ["PreparedArticle", "Rejection", "prepare"]


@dataclass(frozen=True, slots=True)
class Rejection:
    """Why an article cannot be recorded as sent: an HTTP status, a code and the fields."""

    status: int
    code: str
    message: str
    fields: tuple[tuple[str, str, str], ...] = ()  # (field, message, type)


class Rejected(Exception):
    def __init__(self, rejection: Rejection) -> None:
        super().__init__(rejection.message)
        self.rejection = rejection


def _invalid(field_name: str, message: str, kind: str = "value_error") -> Rejected:
    return Rejected(
        Rejection(
            422,
            "validation_failed",
            f"the article is not valid: {field_name}",
            ((field_name, message, kind),),
        )
    )


@dataclass(frozen=True, slots=True)
class PreparedArticle:
    url: str | None
    canonical_url: str | None
    title: str | None
    publisher: str | None
    published_at: datetime | None
    language: str
    language_detected: bool
    source_format: str
    paragraphs: tuple[str, ...]
    extraction_off: bool = False  # the service is configured to record paragraphs only
    content_hash: str = field(init=False)
    article_id: uuid.UUID = field(init=False)
    document_id: uuid.UUID | None = field(init=False)

    def __post_init__(self) -> None:
        digest = content_hash(self.paragraphs)
        object.__setattr__(self, "content_hash", digest)
        object.__setattr__(self, "article_id", article_id_for(self.canonical_url, digest))
        object.__setattr__(
            self, "document_id", document_id_for(self.canonical_url) if self.canonical_url else None
        )

    @property
    def extracted(self) -> bool:
        return not self.extraction_off and self.language in EXTRACTED_LANGUAGES

    @property
    def not_extracted_reason(self) -> str | None:
        if self.extraction_off:
            return "extraction is switched off in this ingest (SITREP_INGEST_EXTRACT=false)"
        if self.language not in EXTRACTED_LANGUAGES:
            return f"the extractor reads English only; the article is in {self.language!r}"
        return None


def prepare(
    article: ArticleBody, *, require_url: bool = False, extract: bool = True
) -> PreparedArticle:
    """The article as it will be recorded; raises `Rejected` when it cannot be."""
    url = article.url
    title, publisher, published = article.title, article.publisher, article.published_datetime()
    page_canonical: str | None = None
    if article.source_format == "text/html":
        page = read_page(article.text or "", url)
        paragraphs = page.paragraphs
        if not paragraphs:
            raise _invalid("text", "the HTML page holds no article text", "no_text")
        try:
            check_paragraphs(paragraphs, "text")
        except ValueError as exc:
            raise _invalid("text", str(exc), "too_long") from exc
        title = title or (page.title[:1000] if page.title else None)
        publisher = publisher or (page.publisher[:200] if page.publisher else None)
        if published is None and page.published is not None:
            try:
                _plausible(page.published)
                published = datetime.combine(page.published, time(0), tzinfo=UTC)
            except ValueError:
                published = None  # a page's own bad date is ignored, not held against it
        page_canonical = page.canonical_url
    else:
        paragraphs = article.paragraph_texts()
    if url is None and page_canonical is None and require_url:
        raise _invalid(
            "url", "required: the request has none and the page names no canonical URL", "missing"
        )
    canonical = (
        canonical_url(url) if url else (canonical_url(page_canonical) if page_canonical else None)
    )
    language, detected = article.language, False
    if language is None:
        found = detect_language(paragraphs)
        language, detected = (found, True) if found else (DEFAULT_LANGUAGE, False)
    return PreparedArticle(
        url=url or page_canonical,
        canonical_url=canonical,
        title=title,
        publisher=publisher,
        published_at=published,
        language=language,
        language_detected=detected,
        source_format=article.source_format,
        paragraphs=tuple(paragraphs),
        extraction_off=not extract,
    )
