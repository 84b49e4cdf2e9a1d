"""Which language an article is in, when the scraper does not say.

lingua's models ship inside its wheel (nothing is downloaded); the low-accuracy mode over
every language loads in about 0.4 s and 100 MB and is reliable on article-length text.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lingua import LanguageDetector

__all__ = ["DEFAULT_LANGUAGE", "EXTRACTED_LANGUAGES", "detect_language"]

DEFAULT_LANGUAGE = "en"
EXTRACTED_LANGUAGES = frozenset({"en"})  # what the extractor's lexicons and parser read
_SAMPLE_CHARS = 1_000  # plenty for an article; the detector costs ~10 ms per 1,000 chars
_MIN_LETTERS = 200  # below this a guess is noise (a headline, a snippet): take the default


@cache
def _detector() -> LanguageDetector:
    """Built once per process (the service, or each worker of its pool), on first use."""
    from lingua import LanguageDetectorBuilder  # noqa: PLC0415  # only where articles are built

    return LanguageDetectorBuilder.from_all_languages().with_low_accuracy_mode().build()


def detect_language(paragraphs: list[str]) -> str | None:
    """ISO 639-1 code of the text's language, or None when the text is too short to tell."""
    sample = " ".join(paragraphs)[:_SAMPLE_CHARS]
    if sum(ch.isalpha() for ch in sample) < _MIN_LETTERS:
        return None
    found = _detector().detect_language_of(sample)
    return found.iso_code_639_1.name.lower() if found is not None else None


def warm_up() -> None:
    _detector()
