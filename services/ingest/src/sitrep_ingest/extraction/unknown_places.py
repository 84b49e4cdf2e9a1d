"""Place names the gazetteer lacks, read from the way the text names a place.

The gazetteer covers Iraq and Syria and the world's large cities; war reporting names villages
and districts everywhere. A capitalised name before a territorial head noun ("Kohistanat
district", "Faryab Province") or after one ("the village of Kashma") is a place even when no
dictionary knows it. Such a place is extracted unresolved (no id, no coordinates), as the issue
asks of unknown places, so that a claim about it is not lost.
"""

from __future__ import annotations

import re

__all__ = ["unknown_place_spans"]

_NAME_WORD = r"(?:(?:[Aa][lnrsdtz]|[Ee]l|[Aa]sh)[-‐])?[A-Z][\w'’]*(?:-[A-Za-z][\w'’]*)*"
_NAME = rf"{_NAME_WORD}(?:[ ]{_NAME_WORD}){{0,2}}"
_HEADS = (
    "district|province|governorate|region|county|village|town|city|area|territory|"
    "prefecture|municipality|valley|sub-district|subdistrict|camp|neighbourhood|neighborhood|"
    "township|commune|locality"
)
_HEAD = rf"(?:(?i:{_HEADS}))"
_BEFORE_HEAD = re.compile(rf"\b({_NAME}) ({_HEAD})\b")
_AFTER_OF = re.compile(
    r"\b(?i:town|village|city|district|province|region|area|hamlet|settlement|neighbou?rhood|"
    r"suburb|locality|villages|towns|localities|areas|governorate|county|municipality|commune|"
    rf"outskirts|countryside) of ((?:the )?{_NAME})"
)
# Capitalised words that open a phrase without being part of a name.
_NOT_NAME = frozenset(
    {
        "the",
        "a",
        "an",
        "this",
        "that",
        "these",
        "those",
        "in",
        "on",
        "at",
        "its",
        "their",
        "his",
        "her",
        "our",
        "north",
        "south",
        "east",
        "west",
        "northern",
        "southern",
        "eastern",
        "western",
        "central",
        "northeastern",
        "northwestern",
        "southeastern",
        "southwestern",
        "upper",
        "lower",
        "greater",
        "whole",
        "entire",
        "same",
        "key",
        "strategic",
        "border",
        "capital",
        "provincial",
        "disputed",
        "restive",
        "volatile",
        "troubled",
        "rebel",
        "government",
        "when",
        "after",
        "as",
        "if",
        "and",
        "but",
        "while",
        "both",
        "every",
        "each",
        "some",
        "many",
        "several",
        "all",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    }
)
# "Syrian city", "Kurdish region": a nationality adjective, not a name.
_DEMONYM = re.compile(r"^[A-Z][a-z]+(?:ian|ish|ese|i|an|ic)$")


def _trim(text: str, start: int) -> tuple[str, int] | None:
    """The name without the leading words that are not part of it."""
    words = text.split(" ")
    while words and words[0].lower() in _NOT_NAME:
        start += len(words[0]) + 1
        words.pop(0)
    if not words:
        return None
    return " ".join(words), start


def unknown_place_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of place names given by their head noun, in text order."""
    spans: list[tuple[int, int]] = []
    for m in _BEFORE_HEAD.finditer(text):
        trimmed = _trim(m.group(1), m.start(1))
        if trimmed is None:
            continue
        name, start = trimmed
        if " " not in name and _DEMONYM.match(name):
            continue
        spans.append((start, m.end(2)))
    for m in _AFTER_OF.finditer(text):
        trimmed = _trim(m.group(1), m.start(1))
        if trimmed is None:
            continue
        name, start = trimmed
        spans.append((start, start + len(name)))
    spans.sort()
    return spans
