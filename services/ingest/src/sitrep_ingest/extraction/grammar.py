"""Shallow clause reading over tokens: where a clause starts, who its subject is, what a verb's
object is. Enough structure for "captured the town of X" versus "captured 20 fighters", and
for "Popular Mobilization militants kidnapped 73 men" after "a sheikh claimed that".
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from .lexicon import lexicon
from .mentions import ActorMention, PlaceMention
from .text import Token

__all__ = [
    "CLAUSE_OPENERS",
    "SentenceView",
    "TargetKind",
]

# Words that open a new clause: the subject of a verb is looked for after the last of them.
CLAUSE_OPENERS = frozenset(
    {
        ";",
        ":",
        "that",
        "after",
        "before",
        "when",
        "while",
        "whereas",
        "since",
        "because",
        "as",
        "where",
        "which",
        "who",
        "but",
        "although",
        "though",
        "until",
        "once",
        "whom",
        "(",
        '"',
    }
)
_CO_ACTOR = frozenset(
    {
        "by",
        "with",
        "against",
        "from",
        "of",
        "on",
        "to",
        "at",
        "alongside",
        "toward",
        "towards",
        "into",
        "between",
        "for",
        "over",
        "among",
    }
)
_UNIT_NOUNS = frozenset(
    {
        "units",
        "unit",
        "members",
        "elements",
        "fighters",
        "soldiers",
        "troops",
        "forces",
        "militants",
        "battalion",
        "battalions",
        "brigade",
        "brigades",
        "division",
        "detachment",
        "contingent",
        "squad",
        "convoy",
        "column",
    }
)
_FACILITIES = frozenset({"facility", "civilian_site"})
_PRONOUNS = frozenset({"they", "we", "it", "he", "she", "them", "us", "our"})
# "place", "territory", "facility", "civilian_site", "people", "combatants", "weapons", "actor",
# "other"
TargetKind = str


@dataclass(slots=True)
class SentenceView:
    """One sentence with its tokens and the mentions inside it."""

    index: int
    start: int
    end: int
    text: str
    toks: list[Token]
    places: list[PlaceMention]
    actors: list[ActorMention]
    _starts: list[int]

    @classmethod
    def build(
        cls,
        index: int,
        start: int,
        end: int,
        text: str,
        toks: list[Token],
        places: list[PlaceMention],
        actors: list[ActorMention],
    ) -> SentenceView:
        return cls(index, start, end, text, toks, places, actors, [t.start for t in toks])

    def token_at(self, offset: int) -> int:
        """Index of the token starting at or just before offset."""
        return max(0, bisect.bisect_right(self._starts, offset) - 1)

    def token_after(self, offset: int) -> int:
        """Index of the first token starting at or after offset."""
        return bisect.bisect_left(self._starts, offset)

    def word(self, i: int) -> str:
        return self.toks[i].text if 0 <= i < len(self.toks) else ""

    def clause_start(self, i: int) -> int:
        """Token index where the clause holding token i begins."""
        j = i - 1
        while j >= 0:
            w = self.toks[j].text
            if w in CLAUSE_OPENERS and w != "and":
                return j + 1
            j -= 1
        return 0

    def _actor_starts_at(self, i: int) -> bool:
        offset = self.toks[i].start
        return any(a.start == offset for a in self.actors)

    def actors_between(self, start: int, end: int) -> list[ActorMention]:
        return [a for a in self.actors if a.start >= start and a.end <= end]

    def places_between(self, start: int, end: int) -> list[PlaceMention]:
        return [p for p in self.places if p.start >= start and p.end <= end]

    def subject_before(
        self,
        offset: int,
        memory_actor: ActorMention | None,
        speaker: ActorMention | None = None,
    ) -> ActorMention | None:
        """The agent of a verb at offset: the first actor of its clause that is not the object
        of a preposition; failing that, of the clauses before; "they"/"we" stand for the last
        actor named."""
        i = self.token_at(offset)
        end_offset = offset
        guard = 0
        while guard < 6:
            guard += 1
            start_tok = self.clause_start(i)
            start_offset = self.toks[start_tok].start if start_tok < len(self.toks) else offset
            first_word = self.word(start_tok)
            for actor in self.actors_between(start_offset, end_offset):
                k = self.token_at(actor.start)
                while self.word(k - 1) in ("the", "a", "an", "its", "their"):
                    k -= 1
                prev = self.word(k - 1)
                prev2 = " ".join((self.word(k - 2), prev))
                if prev == "of" and self.word(k - 2) in _UNIT_NOUNS:
                    return actor  # "units of the Syrian army"
                if prev in _CO_ACTOR or prev2 in (
                    "backed by",
                    "supported by",
                    "together with",
                    "along with",
                    "loyal to",
                    "member of",
                ):
                    continue
                return actor
            pronoun = first_word if first_word in _PRONOUNS else self.word(start_tok + 1)
            if pronoun in ("we", "us", "our") and speaker is not None:
                return speaker
            if pronoun in _PRONOUNS:
                return memory_actor
            if start_tok == 0:
                return None
            # The clause opener may be a relative pronoun or a conjunction: look further back.
            i = start_tok - 1
            end_offset = self.toks[i].start
        return None

    def target_after(self, offset: int, limit: int = 7) -> tuple[TargetKind, int]:
        """What the words after a verb name first: a place, a territorial noun, people,
        combatants, weapons, an actor or something else; with the token index where it is."""
        lex = lexicon()
        i = self.token_after(offset)
        seen = 0
        n_toks = len(self.toks)
        while i < n_toks and seen < limit:
            tok = self.toks[i]
            if tok.text in (".", ";", ",", ":", "!", "?", "(", ")") and seen > 0:
                return "other", i
            for place in self.places:
                if place.start == tok.start:
                    k = self.token_after(place.end)
                    after = lex.territory.at(self.toks, k)
                    if after is not None and after[0] in _FACILITIES:
                        return after[0], k  # "Kabul University": a building, not the city
                    return "place", i
            for actor in self.actors:
                if actor.start == tok.start:
                    k = self.token_after(actor.end)
                    held = lex.territory.at(self.toks, k)
                    if held is not None:
                        # "the ISIS capital of Raqqa", "two army bases": the actor is a modifier
                        kind = held[0] if held[0] in _FACILITIES else "territory"
                        return kind, k
                    person = lex.victims.at(self.toks, k)
                    if person is not None:
                        # "a senior Islamic State commander": a person of that actor
                        return ("combatants" if person[0].combatant else "people"), k
                    entry = actor.entry
                    if entry is not None and entry.actor_type.value == "protesters":
                        return "people", i
                    return "actor", i
            hit = lex.territory.at(self.toks, i)
            if hit is not None:
                return (hit[0] if hit[0] in _FACILITIES else "territory"), i
            victim = lex.victims.at(self.toks, i)
            if victim is not None:
                return ("combatants" if victim[0].combatant else "people"), i
            if lex.weapon_objects.at(self.toks, i) is not None:
                return "weapons", i
            if tok.text in ("him", "her", "them", "us", "me"):
                return "people", i
            if tok.text == "it" and seen == 0:
                return "place_pronoun", i
            i += 1
            seen += 1
        return "other", i
