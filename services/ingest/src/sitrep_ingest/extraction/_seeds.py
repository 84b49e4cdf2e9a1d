"""Where the seed data lives, and how its tab-separated files are read.

The dictionaries are data (`seeds/gazetteer`, `seeds/actors`, `seeds/lexicon`), read once per
process. The directory is, in this order:

1. `SITREP_SEEDS_DIR`, when set (the service image sets it);
2. the nearest `seeds/` above this package: a source checkout, or an install whose virtual
   environment sits inside the project (`/app/.venv` beside `/app/seeds`);
3. the nearest `seeds/` above the working directory (the `sitrep` command run from a checkout
   with the package installed elsewhere);
4. a copy packaged inside `sitrep_ingest/extraction/seeds`, if a build put one there.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterator
from functools import cache
from pathlib import Path

__all__ = ["read_lines", "read_tsv", "seeds_dir"]


def _has_seeds(candidate: Path) -> bool:
    return (candidate / "lexicon").is_dir() and (candidate / "gazetteer").is_dir()


def _seeds_above(start: Path) -> Path | None:
    for parent in (start, *start.parents):
        candidate = parent / "seeds"
        if _has_seeds(candidate):
            return candidate
    return None


@cache
def seeds_dir() -> Path:
    override = os.environ.get("SITREP_SEEDS_DIR")
    if override:
        return Path(override)
    found = _seeds_above(Path(__file__).resolve().parent) or _seeds_above(Path.cwd())
    if found is not None:
        return found
    packaged = Path(__file__).with_name("seeds")
    if _has_seeds(packaged):
        return packaged
    raise FileNotFoundError(
        "sitrep seed data not found: set SITREP_SEEDS_DIR to the project's seeds/ directory"
    )


def _data_lines(path: Path) -> Iterator[str]:
    with path.open(encoding="utf-8") as f:
        for line in f:
            if line.strip() and not line.startswith("#"):
                yield line.rstrip("\n")


def read_tsv(relative: str) -> list[dict[str, str]]:
    """Rows of a TSV seed file (header line first; `#` lines are comments)."""
    lines = _data_lines(seeds_dir() / relative)
    reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    return [{k: (v or "").strip() for k, v in row.items() if k is not None} for row in reader]


def read_lines(relative: str) -> list[str]:
    """Non-comment lines of a plain list file."""
    return [line.strip() for line in _data_lines(seeds_dir() / relative)]
