"""Paragraphs per second through `sitrep extract`'s code path, on one core.

Runs, in one process pinned to one CPU, over the same JSON Lines input:
- baseline: JSON decode of each line and JSON encode of the bare article (the cost floor);
- extract: `extract_lines` as `sitrep extract` runs it (article validation, paragraph and
  claim events, extraction, serialisation).
Prints both rates and their ratio. Input: the seed article's paragraphs and, when present, the
shared CASE 2021 snippets (only as text to push through; nothing is scored here).

    .venv/bin/python benchmarks/extraction/throughput.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import time
from datetime import UTC, datetime
from pathlib import Path

from sitrep.commands.extract import extract_lines
from sitrep_ingest.extraction import Extractor

ROOT = Path(__file__).resolve().parents[2]
CASE = ROOT.parent / "shared" / "benchmarks" / "case2021-task2" / "dev.tsv"


def paragraphs() -> list[str]:
    texts = [
        p
        for p in (ROOT / "seeds/articles/000_672c0df4b7590af4.txt").read_text().split("\n")
        if p.strip()
    ]
    if CASE.exists():
        with CASE.open(encoding="utf-8", newline="") as f:
            texts += [row[1] for row in list(csv.reader(f, delimiter="\t"))[1:] if len(row) > 1]
    return texts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    texts = paragraphs() * args.repeat
    lines = "".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in enumerate(texts))
    now = datetime.now(UTC)
    extractor = Extractor.load()
    list(extract_lines(io.StringIO(lines[:20000]), now, extractor))  # warm up

    start = time.perf_counter()
    for line in io.StringIO(lines):
        json.dumps({"id": 0, "events": [json.loads(line)]})
    baseline = len(texts) / (time.perf_counter() - start)

    start = time.perf_counter()
    out = 0
    for result in extract_lines(io.StringIO(lines), now, extractor):
        out += len(result.json)
    rate = len(texts) / (time.perf_counter() - start)
    print(f"paragraphs: {len(texts)} (one per line), one core")
    print(f"baseline json decode+encode: {baseline:10.0f} paragraphs/s")
    print(f"sitrep extract code path:    {rate:10.0f} paragraphs/s")
    print(f"ratio extract/baseline:      {rate / baseline:10.3f}")


if __name__ == "__main__":
    main()
