"""From what a scraper sends to the records ingest publishes: HTML, language, identity, limits.

`build_article` is the CPU-bound part of ingesting an article; the service runs it in a
process pool (`ArticleBuilders`) so that every core extracts.
"""

from ._build import MAX_RECORD_BYTES, BuiltArticle, build_article, build_articles
from ._identity import canonical_url, document_id_for
from ._language import DEFAULT_LANGUAGE, EXTRACTED_LANGUAGES, detect_language
from ._pages import Page, read_page
from ._prepare import PreparedArticle, Rejected, Rejection, prepare

__all__ = [
    "DEFAULT_LANGUAGE",
    "EXTRACTED_LANGUAGES",
    "MAX_RECORD_BYTES",
    "BuiltArticle",
    "Page",
    "PreparedArticle",
    "Rejected",
    "Rejection",
    "build_article",
    "build_articles",
    "canonical_url",
    "detect_language",
    "document_id_for",
    "prepare",
    "read_page",
]
