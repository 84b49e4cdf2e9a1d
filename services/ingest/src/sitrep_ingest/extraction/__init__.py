"""Claim extraction: paragraphs in, attributed and located claim events out.

Pure functions over plain data: no I/O, no client library, nothing downloaded at run time.
"""

from ._api import EXTRACTOR_VERSION, ArticleContext, ParagraphInput, extract_claims

__all__ = ["EXTRACTOR_VERSION", "ArticleContext", "ParagraphInput", "extract_claims"]
