"""HTML pages as articles: the text without boilerplate, and the page's own metadata.

trafilatura removes navigation, scripts, footers and other boilerplate and keeps the article's
paragraphs, one a line; it also reads the title, the site name, the canonical link and the
publication date (htmldate) from the markup.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import trafilatura

__all__ = ["Page", "read_page"]


@dataclass(frozen=True, slots=True)
class Page:
    paragraphs: list[str]
    title: str | None
    publisher: str | None
    canonical_url: str | None
    published: date | None


def read_page(html: str, url: str | None = None) -> Page:
    document = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        deduplicate=False,
    )
    if document is None or isinstance(document, dict):
        return Page([], None, None, None, None)
    title = (document.title or "").strip() or None
    lines = [line.strip() for line in (document.text or "").split("\n")]
    paragraphs = [line for line in lines if line]
    # trafilatura keeps the headline as the first line; it is the title, not a paragraph.
    if paragraphs and title and paragraphs[0] == title:
        paragraphs = paragraphs[1:]
    published: date | None = None
    if document.date:
        try:
            published = date.fromisoformat(document.date[:10])
        except ValueError:
            published = None
    canonical = (
        document.url if document.url and document.url.startswith(("http://", "https://")) else None
    )
    return Page(
        paragraphs=paragraphs,
        title=title,
        publisher=(document.sitename or "").strip() or None,
        canonical_url=canonical,
        published=published,
    )
