"""Sentence splitting with character offsets into the paragraph.

A rule-based splitter: a sentence ends at `.`, `!` or `?` (with closing quotes or brackets)
followed by white space and an upper-case letter, a digit or an opening quote, unless the word
before the full stop is a known abbreviation or a single initial. Runs in one pass.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Sentence", "split_sentences"]

_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "gen",
        "lt",
        "col",
        "maj",
        "capt",
        "sgt",
        "cpl",
        "pvt",
        "adm",
        "brig",
        "cmdr",
        "gov",
        "sen",
        "rep",
        "st",
        "jr",
        "sr",
        "no",
        "nos",
        "vol",
        "fig",
        "al",
        "inc",
        "ltd",
        "co",
        "corp",
        "dept",
        "est",
        "approx",
        "vs",
        "etc",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "u.s",
        "u.k",
        "u.n",
        "e.g",
        "i.e",
    ]
)
_BOUNDARY = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])|[.!?]+(?=[A-Z][a-z])")
_LAST_WORD = re.compile(r"([\w.]+)$")


@dataclass(frozen=True, slots=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of a paragraph, in order, stripped of surrounding white space."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        end = match.end()
        if text[match.start()] == ".":
            word = _LAST_WORD.search(text, max(start, match.start() - 12), match.start())
            if word:
                w = word.group(1).lower().rstrip(".")
                if w in _ABBREVIATIONS or (len(w) == 1 and w.isalpha()):
                    continue
        spans.append((start, end))
        start = end
    spans.append((start, len(text)))
    out: list[Sentence] = []
    for span_start, span_end in spans:
        s, e = span_start, span_end
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append(Sentence(len(out), s, e, text[s:e]))
    return out
