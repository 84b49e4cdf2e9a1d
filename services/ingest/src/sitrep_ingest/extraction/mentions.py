"""Places, actors and outlets named in a paragraph, resolved against the dictionaries.

A place name with several gazetteer candidates is resolved by context (a candidate in a
province or country named nearby in the article) or left ambiguous, never guessed. A generic
definite actor ("the troops", "the army") stands for the last named actor of the same kind; a
bare one ("militias", "army vehicles") only for one named in this or the previous paragraph,
and not when the places named since lie in another country.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .lexicon import ActorEntry, PlaceEntry, SourceEntry, lexicon
from .matching import Hit, Kind, Matches
from .place_choice import pick_place
from .unknown_places import unknown_place_spans

__all__ = [
    "ActorMention",
    "ArticleMemory",
    "PlaceMention",
    "SourceMention",
    "named_place",
    "national_forces",
    "qualifies_another",
    "resolve_mentions",
]

_DIRECTION = re.compile(
    r"(?:(?:north|south|east|west|central|north[- ]?east|north[- ]?west|south[- ]?east|"
    r"south[- ]?west)(?:ern)?|downtown|inner|outer|old|eastern|western|northern|southern)\s+$",
    re.IGNORECASE,
)
_PART_BEFORE = re.compile(
    r"((?:the\s+)?(?:(?:north|south|east|west)(?:ern|[- ]?(?:east|west)(?:ern)?)?\s+)?"
    r"(?:edge|edges|outskirts|parts?|side|bank|banks|countryside|suburbs?|neighbou?rhoods?|"
    r"districts?|quarters?|entrances?|gates|outskirt|centre|center|periphery|flank|"
    r"approaches|environs|vicinity)\s+of\s+(?:the\s+)?)$",
    re.IGNORECASE,
)
_SOURCE_CONTEXT_BEFORE = re.compile(
    r"(?:channel|tv|television|station|network|agency|outlet|newspaper|website|according to|"
    r"daily|broadcaster)\s*$",
    re.IGNORECASE,
)
_SOURCE_CONTEXT_AFTER = re.compile(
    r"^\s*(?:reports?|reported|said|says|adds|added|quoted|cited|news|tv|channel|claimed)\b",
    re.IGNORECASE,
)
_POSSESSIVE = re.compile(r"(?:\bits|\btheir)\s+$", re.IGNORECASE)
_DEFINITE = re.compile(r"(?:\bthe|\bthese|\bthose|\bits|\btheir)\s+$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class PlaceMention:
    start: int
    end: int
    text: str
    candidates: tuple[PlaceEntry, ...]
    chosen: PlaceEntry | None
    paragraph: str | None = None  # read for the part only when a claim uses the place

    @property
    def part(self) -> str | None:
        """The part of the place named just before it ("northern", "the southern edge of")."""
        return _part(self.paragraph, self.start) if self.paragraph is not None else None


def named_place(place: PlaceMention) -> bool:
    """A place named by its name (resolved or not), not by a common noun ("the town",
    "several localities", "territory")."""
    if place.candidates or place.chosen is not None:
        return True
    words = place.text.split()
    if len(words) > 1 and words[0] in _OPENING_DETERMINERS:
        words = words[1:]  # "The town" opening a sentence is no name
    return bool(words) and words[0][:1].isupper()


_OPENING_DETERMINERS = frozenset({"The", "A", "An", "This", "That", "Its", "Their", "These"})


@dataclass(frozen=True, slots=True)
class ActorMention:
    start: int
    end: int
    text: str
    entry: ActorEntry | None
    standing_for: ActorEntry | None = None  # the named actor a generic "the troops" refers to

    @property
    def resolved_entry(self) -> ActorEntry | None:
        return self.standing_for or self.entry


@dataclass(frozen=True, slots=True)
class SourceMention:
    start: int
    end: int
    text: str
    entry: SourceEntry


_SETTLEMENTS = frozenset({"city", "town", "village"})


class ArticleMemory:
    """What the article has named so far: provinces and countries in play, recent actors."""

    __slots__ = (
        "actor_countries",
        "admin1s",
        "countries",
        "last_named",
        "last_named_actor",
        "last_place",
        "named_in_paragraph",
        "paragraph",
        "recognised",
        "state_countries",
    )

    def __init__(self) -> None:
        self.admin1s: list[str] = []
        self.actor_countries: list[str] = []  # of the national forces and local groups named
        self.state_countries: list[str] = []  # of those, the states' (armies fight abroad)
        self.countries: list[str] = []
        self.last_named_actor: dict[str, ActorEntry] = {}
        self.last_named: tuple[ActorEntry, int] | None = None  # any type, with its paragraph
        self.named_in_paragraph: dict[str, int] = {}
        self.last_place: dict[str, PlaceMention] = {}
        # Names the world gazetteer resolved in a parsed sentence, by their text: found again
        # in sentences that are not parsed ("they have no forces in Gori").
        self.recognised: dict[str, PlaceMention] = {}
        self.paragraph = -1

    def next_paragraph(self) -> None:
        self.paragraph += 1

    def note_place(self, mention: PlaceMention) -> None:
        entry = mention.chosen
        if entry is None:
            return
        if entry.admin1:
            self.admin1s.append(entry.admin1)
        if entry.country:
            if entry.feature_type == "country" and _STATE_ACTS.match(
                mention.paragraph or "", mention.end
            ):
                # "Russia said its troops had captured Avdiivka": the state speaks or acts;
                # it does not place the article's towns in Russia
                self.actor_countries.append(entry.country)
                self.state_countries.append(entry.country)
            else:
                self.countries.append(entry.country)
        self.last_place[entry.feature_type] = mention
        self.last_place["any"] = mention
        if entry.feature_type in _SETTLEMENTS:
            self.last_place["settlement"] = mention  # "the city" may be a town the data calls so

    def recognise(self, mention: PlaceMention) -> None:
        if mention.chosen is not None and mention.text[:1].isupper():
            self.recognised.setdefault(mention.text, mention)

    def recalled_places(self, text: str, taken: list[tuple[int, int]]) -> list[PlaceMention]:
        """The names recognised earlier in the article, where this text names them again."""
        out: list[PlaceMention] = []
        for name, known in self.recognised.items():
            for m in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text):
                start, end = m.span()
                if any(s < end and start < e for s, e in taken):
                    continue
                out.append(PlaceMention(start, end, name, known.candidates, known.chosen, text))
                taken.append((start, end))
        return out

    def note_actor(self, entry: ActorEntry) -> None:
        if not entry.generic:
            self.last_named_actor[entry.actor_type.value] = entry
            self.last_named = (entry, self.paragraph)
            self.named_in_paragraph[entry.actor_type.value] = self.paragraph
            if entry.country and entry.actor_type.value != "external_forces":
                # A national army or a local group hints at the country the article is about.
                self.actor_countries.append(entry.country)
                if entry.actor_type.value == "state_forces":
                    self.state_countries.append(entry.country)

    def owner_of(self) -> ActorEntry | None:
        """Whom "its fighters", "their forces" belong to: the organisation named last, in this
        paragraph or the one before."""
        if self.last_named is None or self.paragraph - self.last_named[1] > 1:
            return None
        return self.last_named[0]

    def named_actor_for(self, generic: ActorEntry, definite: bool) -> ActorEntry | None:
        """The named actor a generic mention refers back to, if the reference is safe."""
        if generic.side == "unknown":  # "gunmen", "fighters": no side to inherit
            return None
        kind = generic.actor_type.value
        named = self.last_named_actor.get(kind)
        if named is None:
            return None
        if definite:
            return named
        if self.paragraph - self.named_in_paragraph.get(kind, -10) > 1:
            return None
        last = self.last_place.get("any")
        country = last.chosen.country if last is not None and last.chosen is not None else None
        if country and named.country and country != named.country:
            return None
        return named


# Words one of which must be just before a place for `_part` to find a part: a cheap test
# that spares the two regular expressions for most places.
_PART_HINTS = (
    "north",
    "south",
    "east",
    "west",
    "central",
    "downtown",
    "inner",
    "outer",
    "old",
    "edge",
    "outskirt",
    "part",
    "side",
    "bank",
    "countryside",
    "suburb",
    "neighbo",
    "district",
    "quarter",
    "entrance",
    "gate",
    "centre",
    "center",
    "periphery",
    "flank",
    "approach",
    "environs",
    "vicinity",
)


def _part(text: str, start: int) -> str | None:
    before = text[max(0, start - 40) : start]
    lowered = before.lower()
    if not any(hint in lowered for hint in _PART_HINTS):
        return None
    m = _PART_BEFORE.search(before)
    if m:
        words = m.group(1).lower().split()
        while words and words[-1] in ("the", "of"):
            words.pop()
        if words and words[0] == "the":
            words.pop(0)
        return " ".join(words) or None
    m = _DIRECTION.search(before)
    if m:
        return m.group(0).strip().lower()
    return None


_MODIFIER = re.compile(
    r"(?:(?<![\w-])(?!(?:The|A|An|This|That|These|Those|Its|Their|Some|Many|Several|Both|All|"
    r"Most|Other|Armed|Suspected|Unidentified|Unknown|On|In|At|By|For|From|After|Before|During|"
    r"Since|With|When|While|But|And|Meanwhile|Monday|Tuesday|Wednesday|Thursday|Friday|"
    r"Saturday|Sunday|Yesterday|Today|Last|Next|Earlier|Later)\b)[A-Z][\w'’]*(?:-[A-Za-z]+)*"
    r"|\b[\w'’]+-(?:led|backed|linked|allied|aligned|affiliated|supported))\s+$"
)


_NATION_BEFORE = re.compile(
    r"(?<![\w-])([A-Z][a-z]+|U\.S\.|US|U\.K\.|UK)\s+(?:(?:federal|government|regular|"
    r"national|special|elite|"
    r"security|army|military|air|naval|ground|combat|attack|glide|guided|cruise|ballistic|"
    r"hypersonic|kamikaze|artillery|tank|mortar|rocket|drone|aerial)\s+){0,2}$"
)


_STATE_ACTS = re.compile(
    r"\s+(?:has\s+|had\s+|have\s+|also\s+)?(?:said|says|claimed|claims|accused|accuses|denied|"
    r"denies|launched|launches|fired|struck|strikes|shelled|bombed|attacked|attacks|invaded|"
    r"warned|announced|sent|deployed|pounded|captured|seized)\b"
)


def _country_forces_before(places: list[PlaceMention], start: int) -> ActorEntry | None:
    before = [p for p in places if p.end <= start and start - p.end <= 60]
    entry = before[-1].chosen if before else None
    if entry is None or entry.feature_type != "country" or entry.country is None:
        return None
    return lexicon().armed_forces.get(entry.country)


_MINISTRY_BEFORE = re.compile(
    r"\b([A-Z][a-z]+)\s+(?:Defen[cs]e|Interior|Foreign)\s+Ministry\b[^.;]{0,40}$|"
    r"\b([A-Z][a-z]+)\s+(?:military|army|government|General Staff)\b[^.;]{0,40}$"
)


def _ministry_forces_before(text: str, start: int) -> ActorEntry | None:
    """ "The Russian Defence Ministry said its forces": the forces of that nation."""
    found = _MINISTRY_BEFORE.search(text, max(0, start - 80), start)
    if found is None:
        return None
    lex = lexicon()
    country = lex.demonyms.get((found.group(1) or found.group(2)).lower())
    return lex.armed_forces.get(country) if country else None


def national_forces(text: str, start: int) -> ActorMention | None:
    """The armed forces a nationality right before `start` names: "Ethiopian federal
    troops", "a Turkish drone", "a Russian missile strike", "the Russian withdrawal"."""
    found = _NATION_BEFORE.search(text, max(0, start - 40), start)
    if found is None:
        return None
    lex = lexicon()
    name = found.group(1)
    country = _INITIALS.get(name) or lex.demonyms.get(name.lower())
    forces = lex.armed_forces.get(country) if country else None
    if forces is None:
        return None
    return ActorMention(found.start(1), found.end(1), name, forces)


_INITIALS = {"U.S.": "US", "US": "US", "U.K.": "GB", "UK": "GB"}  # "a U.S. drone strike"


def _modifiers_before(text: str, start: int) -> int:
    """Where a generic actor's name begins with the words that say whose it is: "Libyan
    rebels", "Houthi-led forces", "al-Qaida-linked Islamist rebels" (up to three words)."""
    for _ in range(3):
        found = _MODIFIER.search(text, max(0, start - 40), start)
        if found is None or found.end() != start:
            break
        start = found.start()
    return start


_PATRON_SUFFIXES = (
    "-linked",
    "-backed",
    "-allied",
    "-affiliated",
    "-aligned",
    "-supported",
    "-sponsored",
    "-inspired",
    " linked",
    " backed",
    " allied",
)


def qualifies_another(text: str, actor: ActorMention, base: int = 0) -> bool:
    """Whether the actor only qualifies another ("Iran-backed", "al-Qaida-linked"); `base`: the
    offset of `text` in the paragraph."""
    after = text[actor.end - base : actor.end - base + 12].lower()
    return after.startswith(_PATRON_SUFFIXES)


def _named_by_modifier(text: str, actors: list[ActorMention]) -> list[ActorMention]:
    """ "Al-Shabab fighters": a generic noun whose modifiers name an organisation is that
    organisation's (not its patron's: "al-Qaida-linked rebels" stay rebels)."""
    out = []
    for a in actors:
        if a.entry is not None and a.entry.generic:
            inner = [
                b
                for b in actors
                if b is not a
                and b.entry is not None
                and not b.entry.generic
                and a.start <= b.start
                and b.end < a.end
                and not qualifies_another(text, b)
            ]
            if inner:
                out.append(ActorMention(a.start, a.end, a.text, inner[-1].entry))
                continue
        out.append(a)
    return out


def _inside_actor(hit: Hit, actor_hits: list[Hit]) -> bool:
    """A country or town inside a longer actor's name ("Sudan's military", "the Myanmar
    military"), or whose end begins one ("the Sudan People's Liberation Army" read as "the
    Sudan"), names the actor, not a place."""
    return any(
        a.start < hit.end
        and hit.start < a.end
        and hit.end <= a.end
        and a.end - a.start > hit.end - hit.start
        for a in actor_hits
    )


def _unknown_places(
    text: str,
    heads: list[tuple[int, int, str]],
    taken: list[tuple[int, int]],
    actor_hits: list[Hit],
) -> list[PlaceMention]:
    """Places the gazetteer lacks, named with a territorial noun; unresolved."""
    out: list[PlaceMention] = []
    for start, end in unknown_place_spans(text, heads):
        if any(s < end and start < e for s, e in taken):
            continue
        if any(a.start <= start < a.end for a in actor_hits):
            continue
        out.append(PlaceMention(start, end, text[start:end], (), None, text))
        taken.append((start, end))
    return out


def resolve_mentions(
    matches: Matches, memory: ArticleMemory, published: date | None
) -> tuple[list[PlaceMention], list[ActorMention], list[SourceMention]]:
    """Places, actors and outlets of one paragraph, in text order."""
    memory.next_paragraph()
    text = matches.text
    sources: list[SourceMention] = []
    taken: list[tuple[int, int]] = []
    place_hits = matches.of(Kind.PLACE)
    for hit in matches.of(Kind.SOURCE):
        overlaps_place = any(p.start < hit.end and hit.start < p.end for p in place_hits)
        if overlaps_place and not (
            _SOURCE_CONTEXT_BEFORE.search(text[max(0, hit.start - 30) : hit.start])
            or _SOURCE_CONTEXT_AFTER.search(text[hit.end : hit.end + 20])
        ):
            continue
        sources.append(SourceMention(hit.start, hit.end, hit.text, hit.payload))
        taken.append((hit.start, hit.end))

    def free(hit: Hit) -> bool:
        return not any(s < hit.end and hit.start < e for s, e in taken)

    # Context for ambiguous names: unambiguous places of this paragraph and the article so far.
    unambiguous = [h.payload[0] for h in place_hits if len(h.payload) == 1 and free(h)]
    admin1s = set(memory.admin1s[-12:]) | {p.admin1 for p in unambiguous if p.admin1}
    countries = set(memory.countries[-12:]) | {p.country for p in unambiguous if p.country}
    places: list[PlaceMention] = []
    actor_hits = matches.of(Kind.ACTOR)
    for hit in place_hits:
        if not free(hit) or _inside_actor(hit, actor_hits):
            continue
        # "Iran-backed", "pro-Baghdad", "US-led": a place glued to a hyphen is a modifier.
        if (hit.start > 0 and text[hit.start - 1] == "-") or text[hit.end : hit.end + 1] == "-":
            continue
        candidates: tuple[PlaceEntry, ...] = hit.payload
        chosen = pick_place(
            candidates, False, countries, admin1s, set(memory.actor_countries[-12:])
        )
        mention = PlaceMention(hit.start, hit.end, hit.text, candidates, chosen, text)
        places.append(mention)
        memory.note_place(mention)
        taken.append((hit.start, hit.end))

    heads = [(h.start, h.end, h.payload) for h in matches.of(Kind.PLACE_HEAD)]
    if heads:
        places.extend(_unknown_places(text, heads, taken, actor_hits))
    places.sort(key=lambda p: p.start)

    actors: list[ActorMention] = []
    for hit in actor_hits:
        if not free(hit):
            continue
        entries: tuple[ActorEntry, ...] = hit.payload
        valid = [e for e in entries if e.valid_on(published)] or list(entries)
        entry = valid[0]
        standing_for = None
        national = national_forces(text, hit.start) if entry.generic else None
        if national is not None and entry.actor_type.value == "state_forces":
            standing_for = national.entry  # "Ethiopian federal troops", "a Turkish drone"
        elif entry.generic:
            before = text[max(0, hit.start - 8) : hit.start]
            if _POSSESSIVE.search(before):
                # "its fighters": the organisation named last; "Azerbaijan said its forces":
                # the country just named
                standing_for = (
                    memory.owner_of()
                    or _country_forces_before(places, hit.start)
                    or _ministry_forces_before(text, hit.start)
                )
            else:
                definite = bool(_DEFINITE.search(before))
                standing_for = memory.named_actor_for(entry, definite=definite)
        else:
            memory.note_actor(entry)
        # "Libyan rebels", but never past a determiner: "On Monday the coalition"
        determined = hit.text.lower().startswith(("the ", "a ", "an "))
        start = (
            _modifiers_before(text, hit.start) if entry.generic and not determined else hit.start
        )
        actors.append(ActorMention(start, hit.end, text[start : hit.end], entry, standing_for))
    return places, _named_by_modifier(text, actors), sources
