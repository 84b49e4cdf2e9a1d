"""Paragraphs per second: `sitrep extract` against spaCy's pipeline alone, on one core.

In one process pinned to one CPU, over the same real paragraphs (the seed article, the
regression set and the development part of the held-out set; whole articles, one per line):
- spaCy alone, parsing every paragraph with `nlp.pipe`: the pipeline package as shipped
  (every component) and as the extractor loads it (without the lemmatizer and the attribute
  ruler, which it does not use);
- `sitrep extract`'s code path (`extract_lines`: validation, paragraph and claim events,
  extraction with its parse of the sentences that can carry a claim, serialisation).
Then, in child processes: the start-up time of `sitrep extract` (to its first output line)
and its peak resident memory. Prints a table and the ratio of extract to each spaCy run.

    .venv/bin/python benchmarks/extraction/throughput.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import io
import json
import os
import resource
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import spacy

from sitrep.commands.extract import extract_lines
from sitrep_ingest.extraction import Extractor, ExtractorSettings

ROOT = Path(__file__).resolve().parents[2]
ANNOTATIONS = ROOT / "seeds" / "annotations"


def articles() -> list[list[str]]:
    """Each article as its list of paragraphs."""
    out = [[p for p in (ROOT / "seeds/articles/000_672c0df4b7590af4.txt").read_text().split("\n")]]
    for path in (ANNOTATIONS / "annotations.jsonl", ANNOTATIONS / "heldout" / "dev.jsonl"):
        if path.exists():
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    out.append(json.loads(line)["text"].split("\n"))
    return [[p for p in a if p.strip()] for a in out]


def _rate(count: int, started: float) -> float:
    return count / (time.perf_counter() - started)


def spacy_alone(package: str, paragraphs: list[str], exclude: list[str]) -> float:
    nlp = spacy.load(package, exclude=exclude)
    list(nlp.pipe(paragraphs[:50]))  # warm up
    started = time.perf_counter()
    for _ in nlp.pipe(paragraphs, batch_size=64):
        pass
    return _rate(len(paragraphs), started)


def extract(lines: str, paragraphs: int, extractor: Extractor) -> float:
    now = datetime.now(UTC)
    list(extract_lines(io.StringIO(lines[:20000]), now, extractor))  # warm up
    started = time.perf_counter()
    for _ in extract_lines(io.StringIO(lines), now, extractor):
        pass
    return _rate(paragraphs, started)


def start_up() -> tuple[float, float]:
    """Seconds from launch to the first output line of `sitrep extract`, and its peak RSS
    in MiB (the child's own, read from getrusage of the children)."""
    command = [str(Path(sys.executable).with_name("sitrep")), "extract"]
    line = json.dumps({"id": 1, "text": "Syrian troops captured the town of Zakia."}) + "\n"
    started = time.perf_counter()
    done = subprocess.run(command, input=line, capture_output=True, text=True, check=True)
    took = time.perf_counter() - started
    assert done.stdout.startswith('{"id": 1')
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return took, peak_kib / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3, help="times the input is repeated")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    texts = articles() * args.repeat
    paragraphs = [p for a in texts for p in a]
    lines = "".join(json.dumps({"id": i, "text": "\n".join(a)}) + "\n" for i, a in enumerate(texts))
    settings = ExtractorSettings()
    extractor = Extractor.load(settings)
    words = sum(len(p.split()) for p in paragraphs)
    print(f"{len(texts)} articles, {len(paragraphs)} paragraphs, {words} words; one core")
    full = spacy_alone(settings.pipeline, paragraphs, [])
    lean = spacy_alone(settings.pipeline, paragraphs, ["lemmatizer", "attribute_ruler"])
    ours = extract(lines, len(paragraphs), extractor)
    took, rss = start_up()
    print(f"{'run':52} {'paragraphs/s':>12} {'extract ÷ run':>14}")
    print(
        f"{'spaCy ' + settings.pipeline + ', every component':52} {full:12.0f} {ours / full:14.2f}"
    )
    print(f"{'spaCy, the components the extractor loads':52} {lean:12.0f} {ours / lean:14.2f}")
    print(f"{'sitrep extract (parses only sentences with a trigger)':52} {ours:12.0f} {1:14.2f}")
    print(f"sitrep extract start-up to first output: {took:.2f} s; peak RSS {rss:.0f} MiB")


if __name__ == "__main__":
    main()
