"""Text helpers: a length-preserving fold for dictionary look-ups, and word tokens with offsets.

Folding maps each character to exactly one character (lower case, accents and typographic
quotes and dashes removed, hyphens to spaces), so offsets found in the folded text are offsets
in the original paragraph.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import NamedTuple

__all__ = ["Token", "fold", "fold_key", "tokens"]

_EXTRA = {
    "’": "'",
    "‘": "'",
    "`": "'",
    "´": "'",
    "ʼ": "'",
    "ʿ": "'",
    "ʾ": "'",
    "“": '"',
    "”": '"',
    "–": " ",
    "—": " ",
    "‐": " ",
    "‑": " ",
    "-": " ",
    "\u00a0": " ",
}


@cache
def _table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in range(0x00C0, 0x0250):
        char = chr(code)
        base = unicodedata.normalize("NFKD", char)[:1].lower()
        if base.isascii() and base.isalpha():
            table[code] = base
    for char, repl in _EXTRA.items():
        table[ord(char)] = repl
    return table


def fold(text: str) -> str:
    """Lower-cased, accent- and dash-folded text of exactly the same length."""
    folded = text.translate(_table()).lower()
    if len(folded) == len(text):
        return folded
    # A few characters lower-case to two (e.g. 'İ'); keep those as they are.
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text.translate(_table()))


def fold_key(phrase: str) -> str:
    """The dictionary key of a phrase: folded, with runs of spaces collapsed."""
    return " ".join(fold(phrase).split())


class Token(NamedTuple):
    # A named tuple: tokens are made by the tens of thousands, and a tuple is the cheapest
    # immutable record to make.
    start: int
    end: int
    text: str  # folded


_WORD = re.compile(r"\d+(?:[.,]\d+)*|\w+(?:'\w+)?|[^\w\s]")


def tokens(folded: str, start: int, end: int) -> list[Token]:
    """Word and punctuation tokens of folded[start:end], offsets in the paragraph."""
    new = tuple.__new__  # skips the named tuple's Python-level __new__
    return [new(Token, (*m.span(), m.group())) for m in _WORD.finditer(folded, start, end)]
