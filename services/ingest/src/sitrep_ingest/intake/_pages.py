"""HTML pages as articles: the text without boilerplate, and the page's own metadata.

trafilatura removes navigation, scripts, footers and other boilerplate and keeps the article's
paragraphs, one a line; it also reads the title, the site name, the canonical link and the
publication date (htmldate) from the markup.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

__all__ = ["Page", "read_page"]

# trafilatura's XML output marks each block: paragraphs, list items, headings, quotes.
_BLOCKS = {"p", "item", "head", "quote"}
# Dates from the page's metadata only: a copyright year in a footer is no publication date.
_DATES = {"extensive_search": False, "original_date": True}


def _fold(text: str) -> str:
    return " ".join(text.split())


def _paragraphs(xml: str | None) -> list[str]:
    """One paragraph per block, its line breaks folded (a <p> wrapped in the source is one)."""
    if not xml:
        return []
    from lxml import etree  # noqa: PLC0415  # with trafilatura: only where pages are read

    root = etree.fromstring(xml.encode("utf-8"), parser=etree.XMLParser(recover=True))
    main = root.find("main") if root is not None else None
    if main is None:
        return []
    out: list[str] = []
    for element in main.iter():
        if element.tag in _BLOCKS:
            text = _fold("".join(element.itertext()))
            # A list item holding a paragraph would repeat it: keep the innermost block.
            if text and not any(child.tag in _BLOCKS for child in element.iterdescendants()):
                out.append(text)
    return out


@dataclass(frozen=True, slots=True)
class Page:
    paragraphs: list[str]
    title: str | None
    publisher: str | None
    canonical_url: str | None
    published: date | None


def read_page(html: str, url: str | None = None) -> Page:
    # Imported here: about 0.3 s that the service process of a pool never needs.
    import trafilatura  # noqa: PLC0415

    document = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=False,
        include_images=False, deduplicate=False, date_extraction_params=_DATES,
    )  # fmt: skip
    if document is None or isinstance(document, dict):
        return Page([], None, None, None, None)
    title = (document.title or "").strip() or None
    paragraphs = _paragraphs(
        trafilatura.extract(
            html, url=url, output_format="xml", include_comments=False, include_tables=False,
            include_images=False, include_formatting=False, include_links=False,
            deduplicate=False, date_extraction_params=_DATES,
        )
    )  # fmt: skip
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
