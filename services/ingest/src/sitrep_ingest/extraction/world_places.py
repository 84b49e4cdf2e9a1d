"""Places the world gazetteer resolves: names the parser's recogniser marks as places, and
names read from a territorial noun ("the village of X"), looked up in the world index and
disambiguated by what the article has named so far (`place_choice.py`).
"""

from __future__ import annotations

import dataclasses
import re

from .lexicon import PlaceEntry, lexicon
from .mentions import ArticleMemory, PlaceMention
from .place_choice import pick_place
from .syntax import Parse
from .text import fold_key
from .world import WorldGazetteer

__all__ = [
    "before_division_noun",
    "choose_place",
    "note_demonyms",
    "parsed_places",
    "reconsidered",
    "resolve_unknown",
]

_DIVISION_NOUN = re.compile(
    r"[ \t]+(province|governorate|state|region|oblast|district|county|raion|prefecture|"
    r"department)\b",
    re.IGNORECASE,
)
_TOWNS = frozenset({"city", "town", "village"})
_LEADING = re.compile(r"^(?:the|The)\s+")
_OUTLET_BEFORE = re.compile(r"(?:\btold|according to|\bquoted by|\bspeaking to)\s+(?:the\s+)?$")
_OUTLET_AFTER = re.compile(r"\s+(?:reported|reports|quoted|cited)\b")
# Nouns a nationality qualifies when it says where a place is.
_PLACE_NOUNS = frozenset(
    {
        "city",
        "town",
        "village",
        "capital",
        "province",
        "region",
        "state",
        "district",
        "county",
        "border",
        "territory",
        "soil",
        "coast",
        "countryside",
        "port",
        "side",
        "enclave",
        "oblast",
        "governorate",
    }
)


def before_division_noun(mention: PlaceMention) -> bool:
    """ "Kharkiv region" read as the city Kharkiv: a town's name followed by a division noun,
    which names the division (the world gazetteer knows it)."""
    chosen = mention.chosen
    if chosen is None or chosen.feature_type in ("province", "district", "country"):
        return False
    return bool(_DIVISION_NOUN.match(mention.paragraph or "", mention.end))


def choose_place(
    candidates: tuple[PlaceEntry, ...], suffixed: bool, memory: ArticleMemory, name: str
) -> PlaceEntry | None:
    return pick_place(
        candidates,
        suffixed,
        countries=set(memory.countries[-12:]),
        admin1s=set(memory.admin1s[-12:]),
        hinted=set(memory.actor_countries[-12:]),
        name="" if memory.state_countries else name,
    )


def note_demonyms(parse: Parse, memory: ArticleMemory) -> bool:
    """A nationality the recogniser marks puts its country in play; whether it did. One that
    qualifies a place ("the Georgian city", "the Sudanese border") places the article's towns
    in that country; any other ("a Russian missile strike", "Israeli troops") is the doer's and
    only hints at it, as a national army does: wars are fought abroad."""
    demonyms = lexicon().demonyms
    noted = False
    for entity in parse.entities:
        if entity.label == "NORP":
            country = demonyms.get(fold_key(entity.text))
            if country is None:
                continue
            if parse.qualifies_a_noun(entity.start, entity.end, _PLACE_NOUNS):
                memory.countries.append(country)
            else:
                memory.actor_countries.append(country)
                memory.state_countries.append(country)
            noted = True
    return noted


def reconsidered(mention: PlaceMention, memory: ArticleMemory) -> PlaceMention:
    """An ambiguous mention chosen again now that the article says more."""
    if mention.chosen is not None or len(mention.candidates) < 2:
        return mention
    chosen = choose_place(mention.candidates, False, memory, mention.text)
    if chosen is None:
        return mention
    found = dataclasses.replace(mention, chosen=chosen)
    memory.note_place(found)
    return found


def _mention(
    world: WorldGazetteer,
    text: str,
    start: int,
    end: int,
    memory: ArticleMemory,
    similar: bool = True,
) -> PlaceMention:
    name = text[start:end]
    lead = _LEADING.match(name)
    if lead:
        start += lead.end()
        name = text[start:end]
    suffix = _DIVISION_NOUN.match(text, end)
    suffixed = suffix is not None or _DIVISION_NOUN.match(" " + name.split()[-1]) is not None
    candidates: tuple[PlaceEntry, ...] = ()
    if suffix is not None:
        candidates = world.lookup(text[start : suffix.end()]) or _named_after_capital(world, name)
        if candidates:
            end = suffix.end()
    if not candidates:
        candidates = world.lookup(name)
        suffixed = suffixed and suffix is None
        if not candidates and suffixed and " " in name:
            candidates = _named_after_capital(world, name.rsplit(None, 1)[0])
    if not candidates and name.lower().endswith(" city"):
        # "Kherson city": the city of that name, not its province
        candidates = tuple(c for c in world.lookup(name[:-5]) if c.feature_type in _TOWNS)
    if not candidates and similar:
        # "Khirbet Ghazaleh" for Khirbat Ghazalah; only for a name known to be a place: any
        # capitalised word has a near namesake somewhere ("Ministry" and Münster)
        candidates = _in_play(world.lookup_similar(name), memory)
    chosen = choose_place(candidates, suffixed, memory, name)
    mention = PlaceMention(start, end, text[start:end], candidates, chosen, text)
    memory.note_place(mention)
    return mention


_SIMILAR_ALONE = 15_000


def _in_play(candidates: tuple[PlaceEntry, ...], memory: ArticleMemory) -> tuple[PlaceEntry, ...]:
    """A near spelling is only another transliteration of a place in the countries the article
    is about (named or hinted by its actors): "Mukondi" in a story of the ADF is no Muconda in
    Angola."""
    countries = {*memory.countries[-12:], *memory.actor_countries[-12:]}
    if not countries:
        # nothing says where: only a town of some size is worth the guess ("Boulkessi" is
        # no Serbian village spelt "Bulkeszi")
        return tuple(c for c in candidates if c.population >= _SIMILAR_ALONE)
    return tuple(c for c in candidates if c.country in countries)


def _named_after_capital(world: WorldGazetteer, name: str) -> tuple[PlaceEntry, ...]:
    """ "the Belgorod region", "Kherson oblast" where the data knows only "Belgorodskaya
    oblast'": the first-level division of the city of that name."""
    out: list[PlaceEntry] = []
    for city in world.lookup(name):
        if city.feature_type not in ("city", "town") or city.admin1 is None:
            continue
        for division in world.lookup(city.admin1):
            province = division.feature_type == "province" and division.country == city.country
            if province and division not in out:
                out.append(division)
    return tuple(out)


def parsed_places(
    world: WorldGazetteer,
    parse: Parse,
    text: str,
    memory: ArticleMemory,
    taken: list[tuple[int, int]],
) -> list[PlaceMention]:
    """Places the recogniser marks in a parsed sentence that no dictionary hit covers."""
    out: list[PlaceMention] = []
    spans = [(e.start, e.end, True) for e in parse.entities if e.is_place]
    # Names in a place's slot count when the gazetteer knows them, or the slot names them
    # a place ("control of X").
    spans += parse.located_names()
    lex = lexicon()
    for start, end, marked in spans:
        name = text[start:end]
        if fold_key(name) in lex.demonyms or fold_key(name) in lex.religious.values:
            continue  # "Kurdish", "Sunni": a people, not a place
        if not name[:1].isupper() and not name.startswith("the "):
            continue
        if any(s < end and start < e for s, e in taken):
            continue
        if text[end : end + 1] == "-" or (start > 0 and text[start - 1] == "-"):
            continue  # "Kurdish-led", "US-backed": a modifier, not a place
        if _OUTLET_BEFORE.search(text, max(0, start - 16), start) or _OUTLET_AFTER.match(text, end):
            continue  # "told Middle East Eye", "Al-Mayadeen reported": a source, not a place
        mention = _mention(world, text, start, end, memory, similar=marked)
        if not marked and not mention.candidates:
            continue
        out.append(mention)
        taken.append((mention.start, mention.end))
        memory.recognise(mention)
    out.extend(_capitals(world, parse, text, memory, taken))
    out.sort(key=lambda m: m.start)
    return out


_CAPITAL = re.compile(
    r"\b(?:the\s+(?P<who>[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?)|(?P<of>[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?)['\u2019]s)"
    r"\s+capital\b(?:\s+city)?"
)


def _country_of(world: WorldGazetteer, demonym: str | None, name: str | None) -> str | None:
    """ "the Somali capital" by its demonym, "Yemen's capital" by the country's name."""
    if demonym is not None:
        return lexicon().demonyms.get(fold_key(demonym))
    return world.country_code(name or "")


def _capitals(
    world: WorldGazetteer,
    parse: Parse,
    text: str,
    memory: ArticleMemory,
    taken: list[tuple[int, int]],
) -> list[PlaceMention]:
    """ "the Somali capital", "Yemen's capital": the country's capital."""
    out: list[PlaceMention] = []
    for m in _CAPITAL.finditer(text, parse.base, parse.end):
        country = _country_of(world, m.group("who"), m.group("of"))
        # the country's own name inside "Yemen's capital" may already be taken: it is replaced
        clash = [(s, e) for s, e in taken if s < m.end() and m.start() < e]
        if m.group("of") is not None:
            clash = [(s, e) for s, e in clash if not (m.start() <= s and e <= m.end("of"))]
        if country is None or clash:
            continue
        entry = world.capital(country)
        if entry is None:
            continue
        mention = PlaceMention(m.start(), m.end(), m.group(0), (entry,), entry, text)
        memory.note_place(mention)
        out.append(mention)
        taken.append((m.start(), m.end()))
    return out


def resolve_unknown(
    world: WorldGazetteer, mention: PlaceMention, memory: ArticleMemory
) -> PlaceMention:
    """A place read from its territorial noun ("the village of X"), looked up in the world;
    as it was when the world does not know it either."""
    if mention.paragraph is None or mention.candidates:
        return mention
    found = _mention(world, mention.paragraph, mention.start, mention.end, memory)
    return found if found.candidates else mention
