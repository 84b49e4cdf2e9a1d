"""Where the seed data lives, and how its tab-separated files are read.

The dictionaries are data (`seeds/gazetteer`, `seeds/actors`, `seeds/lexicon`), read once per
process. An installed wheel carries them inside the package (see the ingest pyproject);
a source checkout reads them from the repository's `seeds/` folder; `SITREP_SEEDS_DIR`
overrides both.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterator
from pathlib import Path

__all__ = ["read_lines", "read_tsv", "seeds_dir"]


def seeds_dir() -> Path:
    override = os.environ.get("SITREP_SEEDS_DIR")
    if override:
        return Path(override)
    packaged = Path(__file__).with_name("seeds")
    if (packaged / "lexicon").is_dir():
        return packaged
    for parent in Path(__file__).resolve().parents:
        candidate = parent / "seeds"
        if (candidate / "lexicon").is_dir():
            return candidate
    raise FileNotFoundError("sitrep seed data not found; set SITREP_SEEDS_DIR")


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
