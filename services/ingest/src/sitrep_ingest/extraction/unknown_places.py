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
_NAME_WORD_RE = re.compile(_NAME_WORD)
_OPENERS = "(\"'“‘["
_MAX_NAME_WORDS = 3
_MAX_WORD = 40
_OF_NAME = re.compile(rf" of ((?:the )?{_NAME})")

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


_SETTLEMENT_HEADS = frozenset(
    {"village", "town", "city", "locality", "municipality", "commune", "neighbourhood",
     "neighborhood"}
)  # fmt: skip


def _compass_name(words: list[str]) -> bool:
    """ "South Ossetia", "North Kordofan": a capitalised compass word before a name is part
    of it ("southern Sudan", "the north of X" are not)."""
    return (
        words[0] in ("North", "South", "East", "West")
        and len(words) > 1
        and (words[1][:1].isupper())
    )


def _trim(text: str, start: int) -> tuple[str, int] | None:
    """The name without the leading words that are not part of it."""
    words = text.split(" ")
    while words and words[0].lower() in _NOT_NAME and not _compass_name(words):
        start += len(words[0]) + 1
        words.pop(0)
    if not words:
        return None
    return " ".join(words), start


def _name_before(text: str, head_start: int) -> int | None:
    """Where the capitalised name (up to three words) right before a head noun starts, read
    backwards word by word ("Dand Patan district" -> the offset of "Dand")."""
    pos = head_start - 1
    if pos <= 0 or text[pos] != " ":
        return None
    start: int | None = None
    for _ in range(_MAX_NAME_WORDS):
        ws = text.rfind(" ", max(0, pos - _MAX_WORD), pos) + 1
        word = text[ws:pos]
        if _NAME_WORD_RE.fullmatch(word):
            start = ws
        else:
            stripped = word.lstrip(_OPENERS)
            if stripped != word and _NAME_WORD_RE.fullmatch(stripped):
                start = pos - len(stripped)  # "(Kohistanat district"
            break
        if ws == 0 or text[ws - 1] != " ":
            break
        pos = ws - 1
    return start


def unknown_place_spans(text: str, heads: list[tuple[int, int, str]]) -> list[tuple[int, int]]:
    """(start, end) of place names given by their head noun, in text order. `heads` are the
    head nouns the dictionary pass found, (start, end, position) as in place_heads.tsv; the
    name is read in a short window next to each."""
    spans: list[tuple[int, int]] = []
    for head_start, head_end, given in heads:
        settlement = text[head_start:head_end].lower() in _SETTLEMENT_HEADS
        # "the West Bank village of Huwara": Huwara, not "West Bank village"
        of_only = settlement and given == "both" and _OF_NAME.match(text, head_end) is not None
        position = "of" if of_only else given
        if position != "of" and head_start > 1:
            name_start = _name_before(text, head_start)
            trimmed = (
                _trim(text[name_start : head_start - 1], name_start)
                if name_start is not None
                else None
            )
            if trimmed is not None:
                name, start = trimmed
                if " " in name or not _DEMONYM.match(name):
                    spans.append((start, head_end))
        if position != "before":
            found = _OF_NAME.match(text, head_end)
            trimmed = _trim(found.group(1), found.start(1)) if found else None
            if trimmed is not None:
                name, start = trimmed
                spans.append((start, start + len(name)))
    spans.sort(key=lambda s: (s[0], -s[1]))
    kept: list[tuple[int, int]] = []
    for span in spans:  # the longest of overlapping names: "Compostela Valley Province"
        if not kept or span[0] >= kept[-1][1]:
            kept.append(span)
    return kept
