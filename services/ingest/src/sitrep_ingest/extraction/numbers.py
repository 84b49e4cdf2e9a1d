"""Counts of people: "73", "seventeen", "dozens" (12), "at least 6", "17 of them".

A count is a number (digits or words) in front of the people it counts; "N of them" refers
back to the last count read in the paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sitrep_schemas import Count

from .lexicon import lexicon
from .text import Token

__all__ = ["NumberMention", "read_number"]

_DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})*$|^\d+$")
_LOWER_BOUND = {
    "at least",
    "more than",
    "over",
    "some",
    "nearly",
    "almost",
    "about",
    "around",
    "approximately",
    "roughly",
    "up to",
    "as many as",
    "no fewer than",
    "at most",
}
_NOT_PEOPLE = {
    "km",
    "kilometers",
    "kilometres",
    "miles",
    "mile",
    "percent",
    "%",
    "year",
    "years",
    "month",
    "months",
    "week",
    "weeks",
    "day",
    "days",
    "hours",
    "hour",
    "minutes",
    "kg",
    "tons",
    "tonnes",
    "metres",
    "meters",
    "o'clock",
    "am",
    "pm",
    "times",
    "million",
    "billion",
    "dollars",
    "usd",
    "rupees",
}


@dataclass(frozen=True, slots=True)
class NumberMention:
    first: int  # token index of the number's first word
    last: int  # token index of its last word
    low: int | None
    best: int
    high: int | None
    expression: str

    @property
    def count(self) -> Count:
        # Made only for the numbers kept as counts: most numbers read ("a", "one") are not.
        return Count(low=self.low, best=self.best, high=self.high, expression=self.expression)


def _qualifier(toks: list[Token], i: int) -> str | None:
    for n in (3, 2, 1):
        if i - n >= 0:
            words = " ".join(t.text for t in toks[i - n : i])
            if words in _LOWER_BOUND:
                return words
    return None


def read_number(toks: list[Token], i: int, text: str) -> NumberMention | None:
    """A count starting at token i ("73", "seventeen", "dozens of"), or None."""
    tok = toks[i]
    low: int | None
    high: int | None
    last = i
    if _DIGITS.match(tok.text):
        value = int(tok.text.replace(",", ""))
        if 1900 <= value <= 2100 and "," not in tok.text:
            return None  # a year
        low = best = high = value
    else:
        found = lexicon().numbers.at(toks, i)
        if found is None:
            return None
        word, n = found
        # "a"/"one" only count when a person noun follows directly ("a man", "one soldier").
        low, best, high = word.low, word.best, word.high
        last = i + n - 1
        after = toks[last + 1].text if last + 1 < len(toks) else ""
        if tok.text in _LOWER_BOUND and (
            _DIGITS.match(after) or lexicon().numbers.at(toks, last + 1)
        ):
            return None  # "some 30 soldiers": "some" qualifies the 30
        if after in ("thousands", "thousand") and best in (10, 100):
            # "tens of thousands", "hundreds of thousands"
            low = best = best * 1000
            high = None
            last += 1
    nxt = toks[last + 1].text if last + 1 < len(toks) else ""
    if nxt in _NOT_PEOPLE or nxt.startswith("year") or nxt == "-":
        return None
    qualifier = _qualifier(toks, i)
    if qualifier in ("at least", "more than", "over", "no fewer than"):
        high = None
    elif qualifier in ("up to", "as many as", "at most"):
        low = None
    start = toks[i - len(qualifier.split())].start if qualifier else tok.start
    expression = text[start : toks[last].end]
    return NumberMention(i, last, low, best, high, expression)
