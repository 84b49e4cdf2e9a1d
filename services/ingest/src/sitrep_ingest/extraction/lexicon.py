"""The dictionaries, loaded once from `seeds/`: places, actors, outlets and trigger words.

Everything the extractor knows about words lives in the seed files; this module only reads
them into typed tables. `lexicon()` builds them on first use and keeps them for the process.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Generic, TypeVar

from sitrep_schemas import ActorType, AllegationType, DisputeManner, Modality, SourceKind

from ._seeds import read_lines, read_tsv
from .text import Token, fold_key

__all__ = [
    "ActorEntry",
    "ControlTrigger",
    "Lexicon",
    "NumberWord",
    "PhraseTable",
    "PlaceEntry",
    "SourceEntry",
    "ViolenceTrigger",
    "lexicon",
    "split_phrases",
]


@dataclass(frozen=True, slots=True)
class PlaceEntry:
    id: str
    name: str
    feature_type: str
    country: str | None
    admin1: str | None
    admin2: str | None
    lat: float | None
    lon: float | None
    population: int
    source: str


@dataclass(frozen=True, slots=True)
class ActorEntry:
    id: str
    name: str
    actor_type: ActorType
    side: str | None
    country: str | None
    valid_from: date | None
    valid_to: date | None
    generic: bool  # a class of actor ("troops", "gunmen"), not a named organisation

    def valid_on(self, day: date | None) -> bool:
        if day is None:
            return True
        if self.valid_from and day < self.valid_from:
            return False
        return not (self.valid_to and day > self.valid_to)


@dataclass(frozen=True, slots=True)
class SourceEntry:
    name: str
    kind: SourceKind


@dataclass(frozen=True, slots=True)
class ControlTrigger:
    action: str  # a ControlAction value, or "handed_over"
    frame: str  # active, passive, fell, pending, nominal, victory
    object: str  # territory (a place or territorial noun), toward ("advanced ... toward X"), any

    @property
    def needs_territory(self) -> bool:
        return self.object == "territory"


@dataclass(frozen=True, slots=True)
class ViolenceTrigger:
    allegation_type: AllegationType
    role: str  # means, weapon, blast, act, attack, clash, harm, none (see violence.tsv)


@dataclass(frozen=True, slots=True)
class NumberWord:
    best: int
    low: int | None
    high: int | None


@dataclass(frozen=True, slots=True)
class Speaker:
    kind: SourceKind
    party: bool


@dataclass(frozen=True, slots=True)
class Victim:
    group: str
    combatant: bool


V = TypeVar("V")


class PhraseTable(Generic[V]):
    """Folded phrases (up to a few words) to values, looked up over word tokens."""

    def __init__(self) -> None:
        self.values: dict[str, V] = {}
        self.longest = 1
        self.first_words: set[str] = set()
        self.last_words: set[str] = set()

    def add(self, phrase: str, value: V) -> None:
        key = fold_key(phrase)
        if key:
            self.values.setdefault(key, value)
            words = key.split(" ")
            self.longest = max(self.longest, len(words))
            self.first_words.add(words[0])
            self.last_words.add(words[-1])

    def at(self, toks: list[Token], i: int) -> tuple[V, int] | None:
        """The longest phrase starting at token i: (value, number of tokens)."""
        if i >= len(toks) or toks[i].text not in self.first_words:
            return None
        for n in range(min(self.longest, len(toks) - i), 0, -1):
            key = " ".join(t.text for t in toks[i : i + n])
            value = self.values.get(key)
            if value is not None:
                return value, n
        return None

    def ending_at(self, toks: list[Token], j: int) -> tuple[V, int] | None:
        """The longest phrase ending at token j (inclusive)."""
        if j < 0 or j >= len(toks) or toks[j].text not in self.last_words:
            return None
        for n in range(min(self.longest, j + 1), 0, -1):
            key = " ".join(t.text for t in toks[j - n + 1 : j + 1])
            value = self.values.get(key)
            if value is not None:
                return value, n
        return None

    def __contains__(self, key: str) -> bool:
        return key in self.values


def split_phrases(cell: str) -> list[str]:
    return [p.strip() for p in cell.split("|") if p.strip()]


@dataclass
class Lexicon:
    """Every dictionary, keyed by the phrase as written (the matcher folds it)."""

    places: dict[str, list[PlaceEntry]] = field(default_factory=dict)
    place_by_id: dict[str, PlaceEntry] = field(default_factory=dict)
    actors: dict[str, list[ActorEntry]] = field(default_factory=dict)
    actor_by_id: dict[str, ActorEntry] = field(default_factory=dict)
    sources: dict[str, SourceEntry] = field(default_factory=dict)
    control: dict[str, ControlTrigger] = field(default_factory=dict)
    violence: dict[str, list[ViolenceTrigger]] = field(default_factory=dict)
    protest_force: dict[str, str] = field(default_factory=dict)
    protest_words: set[str] = field(default_factory=set)
    accident_words: set[str] = field(default_factory=set)
    scope: dict[str, str] = field(default_factory=dict)
    place_heads: dict[str, str] = field(default_factory=dict)
    disputes: dict[str, DisputeManner] = field(default_factory=dict)
    reporting: dict[str, str] = field(default_factory=dict)
    weapon_objects: PhraseTable[str] = field(default_factory=PhraseTable)
    disruption_words: set[str] = field(default_factory=set)
    territory: PhraseTable[str] = field(default_factory=PhraseTable)
    victims: PhraseTable[Victim] = field(default_factory=PhraseTable)
    speakers: PhraseTable[Speaker] = field(default_factory=PhraseTable)
    modality: PhraseTable[str] = field(default_factory=PhraseTable)
    numbers: PhraseTable[NumberWord] = field(default_factory=PhraseTable)
    casualties: PhraseTable[str] = field(default_factory=PhraseTable)
    religious: PhraseTable[str] = field(default_factory=PhraseTable)
    offensive_nouns: set[str] = field(default_factory=set)
    offensive_verbs: set[str] = field(default_factory=set)
    stop_places: set[str] = field(default_factory=set)
    disruption_table: PhraseTable[str] = field(default_factory=PhraseTable)
    weapon_use: PhraseTable[str] = field(default_factory=PhraseTable)
    demonyms: dict[str, str] = field(default_factory=dict)  # folded "sudanese" -> "SD"
    # a country's armed forces, as "<demonym> army" names them: "SY" -> saa, "RU" -> mil:ru
    armed_forces: dict[str, ActorEntry] = field(default_factory=dict)


def _float(cell: str) -> float | None:
    return float(cell) if cell else None


def _date(cell: str) -> date | None:
    return date.fromisoformat(cell) if cell else None


def _load_places(lex: Lexicon, countries: list[dict[str, str]]) -> None:
    lex.stop_places = {fold_key(w) for w in read_lines("gazetteer/stop_aliases.txt")}
    rows = read_tsv("gazetteer/geonames.tsv") + read_tsv("gazetteer/curated.tsv")
    # A country's common English names ("Burma", "DR Congo") are in the country table.
    country_names = {row["iso2"]: split_phrases(row["aliases"]) for row in countries}
    populated_names: set[str] = set()
    parsed: list[tuple[PlaceEntry, list[str]]] = []
    for row in rows:
        entry = PlaceEntry(
            id=row["id"],
            name=row["name"],
            feature_type=row["feature_type"],
            country=row["country"] or None,
            admin1=row["admin1"] or None,
            admin2=row["admin2"] or None,
            lat=_float(row["lat"]),
            lon=_float(row["lon"]),
            population=int(row["population"] or 0),
            source=row["source"],
        )
        names = [entry.name, *split_phrases(row["aliases"])]
        if entry.feature_type == "country" and entry.country:
            names += country_names.get(entry.country, [])
        parsed.append((entry, names))
        lex.place_by_id[entry.id] = entry
        if entry.feature_type in ("city", "town", "village"):
            populated_names.update(fold_key(n) for n in names)
    for entry, names in parsed:
        surfaces: list[str] = []
        for name in names:
            if fold_key(name) in lex.stop_places:
                continue
            if entry.feature_type == "province":
                # "Raqqa" alone is the city; the province is "Raqqa province".
                for suffix in ("province", "governorate", "Province", "Governorate"):
                    surfaces.append(f"{name} {suffix}")
                surfaces.append(f"province of {name}")
                surfaces.append(f"governorate of {name}")
                if fold_key(name) in populated_names:
                    continue
            surfaces.append(name)
        for surface in surfaces:
            bucket = lex.places.setdefault(surface, [])
            if entry not in bucket:
                bucket.append(entry)


_LOYAL_NOUNS = (
    "forces",
    "troops",
    "fighters",
    "soldiers",
    "militias",
    "militiamen",
    "units",
    "men",
    "gunmen",
    "rebels",
    "militants",
)
_TITLES = frozenset({"president", "general", "gen.", "field", "marshal", "the", "commander"})


def _with_loyalty_variants(aliases: list[str]) -> list[str]:
    """ "forces loyal to President Bashar al-Assad" in the dictionary stands for "troops loyal
    to Assad" and the other ways reporting says it."""
    out = list(aliases)
    for alias in aliases:
        if not alias.startswith("forces loyal to "):
            continue
        whom = alias.removeprefix("forces loyal to ")
        words = whom.split()
        untitled = [w for w in words if w.lower() not in _TITLES]
        names = {whom, " ".join(untitled), untitled[-1] if untitled else whom}
        if untitled and untitled[-1].startswith("al-"):
            names.add(untitled[-1].removeprefix("al-"))
        out.extend(f"{noun} loyal to {name}" for noun in _LOYAL_NOUNS for name in names if name)
    return out


def _load_actors(lex: Lexicon, countries: list[dict[str, str]]) -> None:
    for row in [*read_tsv("actors/actors.tsv"), *read_tsv("actors/state_forces.tsv")]:
        generic = not row["valid_from"] and row["side"] in (
            "government",
            "rebels",
            "militia",
            "unknown",
            "protesters",
            "rioters",
            "foreign",
        )
        entry = ActorEntry(
            id=row["id"],
            name=row["name"],
            actor_type=ActorType(row["actor_type"]),
            side=row["side"] or None,
            country=row["country"] or None,
            valid_from=_date(row["valid_from"]),
            valid_to=_date(row["valid_to"]),
            generic=generic,
        )
        lex.actor_by_id[entry.id] = entry
        for alias in _with_loyalty_variants([entry.name, *split_phrases(row["aliases"])]):
            bucket = lex.actors.setdefault(alias, [])
            if entry not in bucket:
                bucket.append(entry)
    by_alias = {fold_key(alias): bucket[0] for alias, bucket in lex.actors.items()}
    for row in countries:
        for form in split_phrases(row["demonyms"]):
            lex.demonyms.setdefault(fold_key(form), row["iso2"])
            for noun in ("army", "military", "forces"):
                forces = by_alias.get(fold_key(f"{form} {noun}"))
                if forces is not None and forces.actor_type.value != "rebel_group":
                    lex.armed_forces.setdefault(row["iso2"], forces)
                    break
    for row in read_tsv("actors/sources.tsv"):
        source = SourceEntry(row["name"], SourceKind(row["kind"]))
        for alias in [row["name"], *split_phrases(row["aliases"])]:
            lex.sources.setdefault(alias, source)


def _load_triggers(lex: Lexicon) -> None:
    for row in read_tsv("lexicon/control.tsv"):
        trigger = ControlTrigger(row["action"], row["frame"], row["object"])
        for phrase in split_phrases(row["phrase"]):
            lex.control.setdefault(phrase, trigger)
    for row in read_tsv("lexicon/violence.tsv"):
        vt = ViolenceTrigger(AllegationType(row["allegation_type"]), row["role"])
        for phrase in split_phrases(row["phrase"]):
            bucket = lex.violence.setdefault(phrase, [])
            if vt not in bucket:
                bucket.append(vt)
    for row in read_tsv("lexicon/protests.tsv"):
        lex.protest_words.update(split_phrases(row["phrase"]))
    for row in read_tsv("lexicon/protest_force.tsv"):
        for phrase in split_phrases(row["phrase"]):
            lex.protest_force.setdefault(phrase, row["severity"])
    for row in read_tsv("lexicon/accidents.tsv"):
        lex.accident_words.update(split_phrases(row["phrase"]))
    for row in read_tsv("lexicon/place_heads.tsv"):
        for phrase in split_phrases(row["phrase"]):
            lex.place_heads.setdefault(phrase, row["position"])
    for row in read_tsv("lexicon/scope.tsv"):
        for phrase in split_phrases(row["phrase"]):
            lex.scope.setdefault(phrase, row["context"])
    for row in read_tsv("lexicon/weapons.tsv"):
        for phrase in split_phrases(row["phrase"]):
            if row["role"] == "object":
                lex.weapon_objects.add(phrase, phrase)
            elif row["role"] == "use":
                lex.weapon_use.add(phrase, phrase)
            else:
                lex.disruption_words.add(phrase)
                lex.disruption_table.add(phrase, phrase)
    for row in read_tsv("lexicon/disputes.tsv"):
        for phrase in split_phrases(row["phrase"]):
            lex.disputes.setdefault(phrase, DisputeManner(row["manner"]))
    for row in read_tsv("lexicon/reporting.tsv"):
        for phrase in split_phrases(row["phrase"]):
            lex.reporting.setdefault(phrase, row["position"])
    for row in read_tsv("lexicon/offensives.tsv"):
        target = lex.offensive_nouns if row["role"] == "noun" else lex.offensive_verbs
        target.add(fold_key(row["word"]))


def _load_word_tables(lex: Lexicon) -> None:
    for row in read_tsv("lexicon/territory.tsv"):
        for phrase in split_phrases(row["phrase"]):
            lex.territory.add(phrase, row["feature"])
    for row in read_tsv("lexicon/victims.tsv"):
        victim = Victim(row["group"], row["combatant"] == "yes")
        for phrase in split_phrases(row["phrase"]):
            lex.victims.add(phrase, victim)
    for row in read_tsv("lexicon/speakers.tsv"):
        speaker = Speaker(SourceKind(row["kind"]), row["party"] == "yes")
        for phrase in split_phrases(row["phrase"]):
            lex.speakers.add(phrase, speaker)
    for row in read_tsv("lexicon/modality.tsv"):
        for phrase in split_phrases(row["phrase"]):
            lex.modality.add(phrase, row["mode"])
    for row in read_tsv("lexicon/casualties.tsv"):
        for phrase in split_phrases(row["phrase"]):
            lex.casualties.add(phrase, row["category"])
    for row in read_tsv("lexicon/property.tsv"):
        for phrase in split_phrases(row["phrase"]):
            lex.religious.add(phrase, row["kind"])
    for row in read_tsv("lexicon/numbers.tsv"):
        number = NumberWord(
            int(row["value"]),
            int(row["low"]) if row["low"] else None,
            int(row["high"]) if row["high"] else None,
        )
        for phrase in split_phrases(row["phrase"]):
            lex.numbers.add(phrase, number)


@cache
def lexicon() -> Lexicon:
    """All dictionaries, read from the seed files on first use."""
    lex = Lexicon()
    countries = read_tsv("actors/countries.tsv")  # read once: place aliases and demonyms
    _load_places(lex, countries)
    _load_actors(lex, countries)
    _load_triggers(lex)
    _load_word_tables(lex)
    return lex


# Modality values the modality table may name, checked when the table loads.
MODES = {m.value for m in Modality} | {"purpose", "realis"}
