"""One pass over a paragraph finds every dictionary phrase in it.

All phrases of the places, actors, outlets and trigger dictionaries go into one Aho-Corasick
automaton over folded text, built once. A hit counts only on word boundaries and when its
case fits: acronyms ("IS", "SDF") must match exactly, proper names must be capitalised in the
text ("Hit" the town, not "hit" the verb). Within one kind, overlapping hits keep the longest.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from dataclasses import dataclass
from enum import IntEnum
from functools import cache
from typing import Any, NamedTuple

import ahocorasick

from .lexicon import Lexicon, lexicon
from .text import fold, fold_key

__all__ = ["Case", "Hit", "Kind", "Matches", "find_hits"]


class Kind(IntEnum):
    PLACE = 1
    ACTOR = 2
    SOURCE = 3
    CONTROL = 4
    VIOLENCE = 5
    PROTEST = 6
    PROTEST_FORCE = 7
    ACCIDENT = 8
    DISPUTE = 9
    REPORTING = 10
    SCOPE = 11
    PLACE_HEAD = 12


class Case(IntEnum):
    ANY = 0
    CAPITALIZED = 1
    EXACT = 2


class Hit(NamedTuple):
    # A named tuple, made with tuple.__new__ in the dictionary pass: paragraphs yield dozens.
    kind: Kind
    start: int
    end: int
    text: str  # as written in the paragraph
    payload: Any


def _case_of(surface: str, kind: Kind) -> Case:
    letters = [c for c in surface if c.isalpha()]
    if letters and all(c.isupper() for c in letters) and len(letters) <= 6:
        return Case.EXACT
    if kind in (Kind.PLACE, Kind.ACTOR, Kind.SOURCE) and surface[:1].isupper():
        return Case.CAPITALIZED
    if surface[:1].isupper() and kind in (Kind.VIOLENCE, Kind.CONTROL):
        return Case.CAPITALIZED
    return Case.ANY


@dataclass(frozen=True, slots=True)
class _Entry:
    kind: Kind
    case: Case
    surface: str
    payload: Any


def _entries(lex: Lexicon) -> dict[str, list[_Entry]]:
    by_key: dict[str, list[_Entry]] = defaultdict(list)

    def add(surface: str, kind: Kind, payload: Any) -> None:
        key = _NON_WORD.sub(" ", fold_key(surface)).strip()
        if len(key) >= 2:
            by_key[key].append(_Entry(kind, _case_of(surface, kind), surface, payload))

    for surface, places in lex.places.items():
        if len(surface) >= 3:
            add(surface, Kind.PLACE, tuple(places))
    for surface, actors in lex.actors.items():
        add(surface, Kind.ACTOR, tuple(actors))
    for surface, source in lex.sources.items():
        add(surface, Kind.SOURCE, source)
    for surface, trigger in lex.control.items():
        add(surface, Kind.CONTROL, trigger)
    for surface, triggers in lex.violence.items():
        add(surface, Kind.VIOLENCE, tuple(triggers))
    for surface in lex.protest_words:
        add(surface, Kind.PROTEST, surface)
    for surface, severity in lex.protest_force.items():
        add(surface, Kind.PROTEST_FORCE, severity)
    for surface in lex.accident_words:
        add(surface, Kind.ACCIDENT, surface)
    for surface, manner in lex.disputes.items():
        add(surface, Kind.DISPUTE, manner)
    for surface, position in lex.reporting.items():
        add(surface, Kind.REPORTING, position)
    for surface, context in lex.scope.items():
        add(surface, Kind.SCOPE, context)
    for surface, position in lex.place_heads.items():
        add(surface, Kind.PLACE_HEAD, position)
    return by_key


@cache
def _automaton() -> Any:
    """Keys are padded with a space on each side and searched in text whose non-word
    characters are spaces: every match then lies on word boundaries, and the many matches
    inside longer words ("is" in "this") are never reported."""
    automaton = ahocorasick.Automaton()
    for key, entries in _entries(lexicon()).items():
        grouped = sorted(entries, key=lambda e: e.kind)  # stable: dictionary order within a kind
        flat = tuple((e.kind, e.case, e.surface, e.payload) for e in grouped)
        automaton.add_word(f" {key} ", (len(key), flat))
    automaton.make_automaton()
    return automaton


_NON_WORD = re.compile(r"[\W_]")
# The same mapping for ASCII text, as a bytes table: much faster than the regular expression.
_ASCII_SPACES = bytes(c if chr(c).isalnum() else 32 for c in range(256))


def _words_only(folded: str) -> str:
    """The text with every non-word character a space, the same length."""
    if folded.isascii():
        return folded.encode("ascii").translate(_ASCII_SPACES).decode("ascii")
    return _NON_WORD.sub(" ", folded)


def _case_fits(case: Case, written: str, surface: str) -> bool:
    if case is Case.ANY:
        return True
    if case is Case.EXACT:
        return written == surface or written.replace("-", " ") == surface.replace("-", " ")
    return written[:1].isupper() or written[:1].isdigit()


class Matches:
    """The hits of one paragraph, by kind, each list sorted by start offset."""

    __slots__ = ("_starts", "by_kind", "folded", "text")

    def __init__(self, text: str, folded: str, by_kind: dict[Kind, list[Hit]]) -> None:
        self.text = text
        self.folded = folded
        self.by_kind = by_kind
        self._starts = {kind: [h.start for h in hits] for kind, hits in by_kind.items()}

    def of(self, kind: Kind, start: int = 0, end: int | None = None) -> list[Hit]:
        """Hits of one kind lying inside [start, end)."""
        hits = self.by_kind.get(kind)
        if not hits:
            return []
        stop = len(self.text) if end is None else end
        starts = self._starts[kind]
        lo = bisect.bisect_left(starts, start)
        hi = bisect.bisect_left(starts, stop)
        return [h for h in hits[lo:hi] if h.end <= stop]


def _longest_first(hits: list[Hit]) -> list[Hit]:
    hits.sort(key=lambda h: (h.start, h.start - h.end))
    kept: list[Hit] = []
    last_end = -1
    for hit in hits:
        if hit.start >= last_end:
            kept.append(hit)
            last_end = hit.end
    return kept


def find_hits(text: str) -> Matches:
    """Every dictionary phrase in the paragraph."""
    folded = fold(text)
    raw: dict[Kind, list[Hit]] = defaultdict(list)
    spaced = " " + _words_only(folded) + " "
    new = tuple.__new__
    any_case = Case.ANY
    for end_index, (length, entries) in _automaton().iter(spaced):
        # end_index is the padding space after the key; spaced[i + 1] is folded[i]
        end = end_index - 1
        start = end - length
        written = text[start:end]
        last_kind = None  # entries are grouped by kind: the first that fits wins
        for kind, case, surface, payload in entries:
            if kind is last_kind or not (case is any_case or _case_fits(case, written, surface)):
                continue
            last_kind = kind
            raw[kind].append(new(Hit, (kind, start, end, written, payload)))
    by_kind = {kind: _longest_first(hits) for kind, hits in raw.items()}
    protests = by_kind.get(Kind.PROTEST)
    if protests:
        by_kind[Kind.PROTEST] = _real_protest_words(protests, by_kind.get(Kind.ACTOR, []))
    accidents = by_kind.get(Kind.ACCIDENT)
    if accidents:
        by_kind[Kind.ACCIDENT] = [a for a in accidents if not _capitalised_inside(text, a)]
    scope = by_kind.get(Kind.SCOPE)
    if scope:
        # "gang" in "gang-raped" is no gang, "riot" in "riot police" no riot: a violent phrase
        # or an actor's name keeps its words
        keep = [*by_kind.get(Kind.VIOLENCE, ()), *by_kind.get(Kind.ACTOR, ())]
        by_kind[Kind.SCOPE] = [
            s for s in scope if not any(v.start <= s.start < v.end for v in keep)
        ]
    return Matches(text, folded, by_kind)


def _capitalised_inside(text: str, hit: Hit) -> bool:
    """An accident word capitalised inside a sentence is a name ("the Storm Corps")."""
    if not hit.text[:1].isupper():
        return False
    before = text[: hit.start].rstrip()
    return bool(before) and before[-1] not in ".!?\"'“”:"


def _real_protest_words(protests: list[Hit], actors: list[Hit]) -> list[Hit]:
    """Protest words that speak of a protest: not the month "March", not part of an actor's
    name ("riot police", "anti-riot forces")."""
    armed = [a for a in actors if a.payload[0].actor_type.value not in ("protesters", "rioters")]
    return [
        p
        for p in protests
        if p.text != "March" and not any(a.start <= p.start and p.end <= a.end for a in armed)
    ]
