"""Shallow clause reading over tokens: where a clause starts, who its subject is, what a verb's
object is. Enough structure for "captured the town of X" versus "captured 20 fighters", and
for "Popular Mobilization militants kidnapped 73 men" after "a sheikh claimed that".
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from .lexicon import lexicon
from .mentions import ActorMention, PlaceMention, qualifies_another
from .syntax import Parse, SubjectSpan
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
        "rebels",
        "insurgents",
        "guerrillas",
        "militiamen",
        "jihadists",
        "gunmen",
        "combatants",
        "loyalists",
        "commanders",
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
        "dozens",
        "hundreds",
        "thousands",
        "scores",
        "some",
        "many",
        "several",
        "remnants",
        "columns",
        "group",
        "band",
        "gang",
        "pair",
        "team",
        "pockets",
    }
)
_FACILITIES = frozenset({"facility", "civilian_site"})
_HELD_BY = frozenset(
    {"held", "controlled", "occupied", "besieged", "dominated", "run", "administered"}
)
_LONGEST_PHRASE = 80  # characters: a longer subject is a clause, not a name
_GOVERNMENTS = frozenset({"government", "regime", "junta"})
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
    parse: Parse | None = None  # the dependency parse, when the sentence was parsed

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
        parse: Parse | None = None,
    ) -> SentenceView:
        return cls(index, start, end, text, toks, places, actors, [t.start for t in toks], parse)

    def _hyphenated(self, i: int) -> bool:
        """Whether token i is joined to the one before it by a hyphen ("rebel-held")."""
        if not 0 < i < len(self.toks):
            return False
        at = self.toks[i].start - self.start - 1
        return 0 <= at < len(self.text) and self.text[at] == "-"

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
        surface: bool = False,
    ) -> ActorMention | None:
        """The agent of a verb at offset (with `surface`, its grammatical subject even in the
        passive: "the terrorists were pushed back" gives the terrorists). From the parse when
        there is one: the actor of the clause's subject (or of a passive's agent); an
        organisation the recogniser marks there stays an unresolved actor. Without a parse, or
        when the parse finds no subject: the first actor of its clause that is not the object
        of a preposition; failing that, of the clauses before; "they"/"we" stand for the last
        actor named."""
        if self.parse is not None:
            subject = self.parse.subject(offset)
            if subject is not None:
                return self._actor_of_subject(subject, memory_actor, speaker, surface)
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

    def _actor_of_subject(
        self,
        subject: SubjectSpan,
        memory_actor: ActorMention | None,
        speaker: ActorMention | None,
        surface: bool = False,
    ) -> ActorMention | None:
        if subject.passive and not surface:
            if subject.agent is None:
                return None
            start, end = subject.agent
            agents = self.actors_between(start, end)
            return agents[0] if agents else self._unresolved(((start, end),))
        if subject.pronoun is not None:
            if subject.pronoun in ("we", "us", "our"):
                return speaker or memory_actor
            if subject.pronoun in _PRONOUNS:
                if subject.outer is not None:
                    outer = self._actor_of_subject(subject.outer, memory_actor, speaker)
                    if outer is not None:
                        return outer
                before = [a for a in self.actors if a.end <= subject.head_start]
                return before[-1] if before else memory_actor
            return None  # "who", "some", "this": nothing to point back to
        inside: list[ActorMention] = []
        for start, end in subject.spans:
            for actor in self.actors_between(start, end):
                k = self.token_at(actor.start)
                while self.word(k - 1) in ("the", "a", "an", "its", "their"):
                    k -= 1
                if (
                    self.word(k - 1) in _CO_ACTOR
                    and self.word(k - 2) not in _UNIT_NOUNS
                    and (self.word(k - 1), self.word(k - 2)) != ("to", "loyal")
                ):
                    continue  # "backed by X", "with X": not the subject itself; "forces
                    # loyal to X", "rebels of X" are X's
                inside.append(actor)
        heads = [a for a in self.actors if a.start <= subject.head_start < a.end + 1]
        named = [a for a in inside if a.entry is not None and not a.entry.generic]
        if len(named) > 1:
            # "the al-Qaida-linked group JNIM": the patron in a modifier is not the subject
            named = [a for a in named if not qualifies_another(self.text, a, self.start)] or named
        if heads and (heads[0].entry is None or not heads[0].entry.generic or not named):
            chosen = heads[0]
        elif named:
            chosen = named[0]  # "units of the Syrian army", "Taliban fighters"
        elif inside:
            chosen = inside[0]  # "rebel forces": the modifier says the side, not "forces"
        else:
            chosen = None
        if chosen is not None:
            return self._as_phrase(chosen, subject)
        if subject.full is not None:
            # "an explosive, emplaced by UNLF militants, detonated": the agent of the
            # participle that describes the subject
            for actor in self.actors_between(*subject.full):
                k = self.token_at(actor.start)
                while self.word(k - 1) in ("the", "a", "an"):
                    k -= 1
                if self.word(k - 1) == "by":
                    return actor
        return self._government(subject) or self._unresolved(subject.spans)

    def _government(self, subject: SubjectSpan) -> ActorMention | None:
        """ "the government has begun shelling villages", "the Syrian regime bombed": a
        government that acts by force is its state forces, named by the subject's phrase."""
        head = self.text[subject.head_start - self.start : subject.head_end - self.start]
        if head.lower() not in _GOVERNMENTS or len(subject.spans) != 1:
            return None
        start, end = subject.spans[0]
        if end - start > _LONGEST_PHRASE:
            return None
        forces = lexicon().actor_by_id.get("state_forces")
        if forces is None:
            return None
        return ActorMention(start, end, self.text[start - self.start : end - self.start], forces)

    def _as_phrase(self, actor: ActorMention, subject: SubjectSpan) -> ActorMention:
        """A generic actor ("soldiers", "the army") named by its whole noun phrase, as the
        text says it ("commandos and soldiers", "the government army")."""
        start = min(s for s, _ in subject.spans)
        end = max(e for _, e in subject.spans)
        return self.named_by_phrase(actor, start, end)

    def named_by_phrase(self, actor: ActorMention, start: int, end: int) -> ActorMention:
        """A generic actor named by the noun phrase from start to end that holds it."""
        entry = actor.entry
        if entry is not None and not entry.generic:
            return actor
        if end - start <= actor.end - actor.start or end - start > _LONGEST_PHRASE:
            return actor
        text = self.text[start - self.start : end - self.start]
        return ActorMention(start, end, text, entry, actor.standing_for)

    def _unresolved(self, spans: tuple[tuple[int, int], ...]) -> ActorMention | None:
        """An organisation or group the recogniser marks in the subject ("the Wagner Group",
        "Kurdish fighters"), kept with its text when no dictionary entry names it."""
        if self.parse is None:
            return None
        state = self._state_named(spans)
        if state is not None:
            return state
        for start, end in spans:
            for entity in self.parse.entities:
                if entity.is_actor and start <= entity.start and entity.end <= end:
                    text_end = end if entity.label == "NORP" else entity.end
                    text = self.text[entity.start - self.start : text_end - self.start]
                    return ActorMention(entity.start, text_end, text, None)
        return None

    def _state_named(self, spans: tuple[tuple[int, int], ...]) -> ActorMention | None:
        """ "Pakistan launched an offensive", "Russia pounded the city": a country that is
        the whole subject of an act of war stands for its armed forces."""
        if len(spans) != 1:
            return None
        start, end = spans[0]
        for place in self.places:
            entry = place.chosen
            if entry is None or entry.feature_type != "country" or entry.country is None:
                continue
            before = self.text[start - self.start : place.start - self.start]
            if place.end == end and before.strip().lower() in ("", "the"):
                forces = lexicon().armed_forces.get(entry.country)
                if forces is not None:
                    return ActorMention(place.start, place.end, place.text, forces)
        return None

    def names_a_facility(self, place: PlaceMention) -> bool:
        """Whether the name is a building's ("the Abdul-Majid hospital", "Kabul University")."""
        found = lexicon().territory.at(self.toks, self.token_after(place.end))
        return found is not None and found[0] in _FACILITIES

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
                    if self.word(k) == "-" and self.word(k + 1) in _HELD_BY:
                        k += 2  # "the Taliban-held town of X": the actor qualifies the town
                    elif self.word(k) in _HELD_BY and self._hyphenated(k):
                        k += 1  # the same, when the tokens leave the hyphen out
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
