"""What a second extraction process can buy on this machine: the extractor alone, building
the seed article in one process and in two, no HTTP and no Kafka.

    .venv/bin/python benchmarks/ingest/pool_ceiling.py [--articles 32]

On a machine whose cores are busy with other work, two processes get less than two cores;
the ratio printed here is the most ingest's process pool can gain over extraction in one
process, measured the same minute.
"""

from __future__ import annotations

import argparse
import multiprocessing
import time
from concurrent.futures import ProcessPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

from sitrep_ingest.articles import ArticleSubmission
from sitrep_ingest.extraction import Extractor
from sitrep_ingest.intake import build_articles

SEED = Path(__file__).resolve().parents[2] / "seeds" / "articles" / "000_672c0df4b7590af4.txt"
_extractor: Extractor | None = None  # one per worker process, set by its initializer


def _load() -> None:
    global _extractor  # noqa: PLW0603
    _extractor = Extractor.load()


def _build(n: int) -> int:
    assert _extractor is not None
    text = SEED.read_text(encoding="utf-8")
    articles = [
        ArticleSubmission(url=f"https://ceiling.invalid/{n}/{i}", text=text, language="en")
        for i in range(4)
    ]
    build_articles(articles, datetime.now(UTC), _extractor)
    return len(articles)


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--articles", type=int, default=32, help="a multiple of 4")
    args = parser.parse_args()
    rates = {}
    for workers in (1, 2):
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(workers, mp_context=context, initializer=_load) as pool:
            list(pool.map(_build, range(workers)))  # loaded and warm before timing
            started = time.perf_counter()
            done = sum(pool.map(_build, range(args.articles // 4)))
            rates[workers] = done / (time.perf_counter() - started)
        print(f"{workers} process(es): {rates[workers]:.2f} articles/s")
    print(f"two processes / one: {rates[2] / rates[1]:.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
