"""Deterministic identifiers: the same content always yields the same ids.

Re-posting an article, or re-running one extractor version over a paragraph, must produce
byte-identical event ids so that every consumer can drop duplicates by id alone.
"""

from __future__ import annotations

import hashlib
import unicodedata
import uuid
from collections.abc import Iterable

__all__ = [
    "SITREP_NAMESPACE",
    "article_id_for",
    "content_hash",
    "deterministic_id",
    "normalize_text",
]

# Fixed for the life of the project: changing it would change every id ever published.
SITREP_NAMESPACE = uuid.UUID("5c6b1e9e-3f0a-5d4e-9a51-7b2c0f6e8d41")


def normalize_text(text: str) -> str:
    """NFC-normalize and fold runs of whitespace, so cosmetic differences hash alike."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def content_hash(paragraphs: Iterable[str]) -> str:
    """sha256 over the normalized paragraphs, hex encoded."""
    digest = hashlib.sha256()
    for paragraph in paragraphs:
        digest.update(normalize_text(paragraph).encode("utf-8"))
        digest.update(b"\n\n")
    return digest.hexdigest()


def deterministic_id(*parts: object) -> uuid.UUID:
    """UUIDv5 over the parts joined by '|' (None becomes an empty string)."""
    name = "|".join("" if p is None else str(p) for p in parts)
    return uuid.uuid5(SITREP_NAMESPACE, name)


def article_id_for(url: str | None, text_hash: str) -> uuid.UUID:
    """An article is its URL plus its content: an edited article is a new revision."""
    return deterministic_id("article", (url or "").strip(), text_hash)
