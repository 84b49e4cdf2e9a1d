"""The gazetteer and the actor dictionary, as the read models use them.

Claims carry gazetteer and dictionary ids (`geonames:99454`, `saa`); the places and actors
read models take names, provinces, countries, coordinates and sides from these files where
they know the id, so that filters by country, province and side agree whatever an extractor
version copied into its events. The files are the ones the extractor reads
(`seeds/gazetteer`, `seeds/actors`); `SITREP_SEEDS_DIR` points elsewhere. Without them the
read models keep what the claims say.

The projection depends on this data, so its fingerprint is stored with the read models: a
changed gazetteer asks for a rebuild just as changed projection code does.
"""

from __future__ import annotations

import csv
import hashlib
import logging
import os
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from pathlib import Path

from .projections import KnownActor, KnownPlace, Reference

__all__ = ["default_reference", "load_reference"]

log = logging.getLogger(__name__)

_GAZETTEER_FILES = ("gazetteer/geonames.tsv", "gazetteer/curated.tsv")
_ACTOR_FILES = ("actors/actors.tsv", "actors/state_forces.tsv")


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


def _seeds_dir() -> Path | None:
    override = os.environ.get("SITREP_SEEDS_DIR")
    if override:
        return Path(override)
    for parent in Path(__file__).resolve().parents:
        if (parent / "seeds" / "gazetteer").is_dir():
            return parent / "seeds"
    return None


@cache
def load_reference(seeds: Path | None) -> Reference:
    """The reference data under `seeds` (None: none, the claims' own values are kept)."""
    if seeds is None or not (seeds / "gazetteer").is_dir():
        log.warning("no gazetteer found: places and actors keep what the claims say")
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
    return Reference(
        places,
        actors,
        digest.hexdigest()[:16],
        {name: frozenset(ids) for name, ids in names.items()},
    )


def default_reference() -> Reference:
    return load_reference(_seeds_dir())
