"""Which language an article is in, when the scraper does not say.

lingua's models ship inside its wheel (nothing is downloaded); the low-accuracy mode over
every language loads in about 0.4 s and 100 MB and is reliable on article-length text, but
costs about 15 ms an article, which was nearly all of building an article without
extraction. Most articles are English, and English prose is recognised at a glance: at least
a fifth of its words are English function words that other languages lack (the, of, and,
that, which, ...; 21-27 % in the seed and fixture articles, 0-2 % in French, German, Dutch,
Spanish, Italian and Portuguese news text). Text past a threshold well between the two is
taken as English without lingua; any other text goes to lingua as before.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lingua import LanguageDetector

__all__ = ["DEFAULT_LANGUAGE", "EXTRACTED_LANGUAGES", "detect_language"]

DEFAULT_LANGUAGE = "en"
EXTRACTED_LANGUAGES = frozenset({"en"})  # what the extractor's lexicons and parser read
_SAMPLE_CHARS = 1_000  # plenty for an article; the detector costs ~10 ms per 1,000 chars
_MIN_LETTERS = 200  # below this a guess is noise (a headline, a snippet): take the default
# Frequent English words that are not words of the other languages written in Latin script
# that scrapers send (no "a", "in", "is", "was", "on": Dutch, German, French have them).
_ENGLISH_WORDS = (
    "the of and to that for with as by it from at this be are were his her their they he "
    "she said has been which who not or but its after into than also would"
)
_ENGLISH = frozenset(_ENGLISH_WORDS.split())
_ENGLISH_SHARE = 0.12
_MIN_WORDS = 40
_WORD = re.compile(r"[^\W\d_]+")


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
    if _plainly_english(sample):
        return "en"
    found = _detector().detect_language_of(sample)
    return found.iso_code_639_1.name.lower() if found is not None else None


def _plainly_english(sample: str) -> bool:
    words = _WORD.findall(sample.lower())
    if len(words) < _MIN_WORDS:
        return False
    return sum(w in _ENGLISH for w in words) >= _ENGLISH_SHARE * len(words)


def warm_up() -> None:
    _detector()
