"""`sitrep extract`: JSON Lines of articles in, the events ingest would publish out, no Kafka."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import IO, Any

from pydantic import ValidationError

from sitrep_ingest.articles import ArticleBody
from sitrep_ingest.events import articles_events
from sitrep_ingest.extraction import Extractor

__all__ = ["ExtractedLine", "extract_lines", "register"]

_BATCH = 32  # articles extracted together


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "extract",
        help="extract claims from JSON Lines articles on stdin (no Kafka)",
        description="Read one JSON object per line on stdin (an article body as "
        "POST /v1/articles takes it, plus an `id`; a bare `text` is enough) and write one line "
        '{"id": ..., "events": [...]} per input on stdout. A line that is not a valid article '
        'gets {"id": ..., "events": [], "error": ...} and a message on stderr.',
    )
    parser.set_defaults(run=run)


@dataclass(frozen=True, slots=True)
class ExtractedLine:
    """One output line, already serialised, and the error when the input was no article."""

    json: str
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def _line(line_id: Any, events_json: list[str], error: str | None = None) -> str:
    # Each event is serialised once by pydantic (model_dump_json); the line is assembled from
    # those strings rather than dumped to dicts and encoded again.
    head = '{"id": ' + json.dumps(line_id, ensure_ascii=False) + ', "events": ['
    tail = "]}" if error is None else '], "error": ' + json.dumps(error, ensure_ascii=False) + "}"
    return head + ", ".join(events_json) + tail


def extract_lines(
    lines: IO[str], received_at: datetime, extractor: Extractor, batch: int = _BATCH
) -> Iterator[ExtractedLine]:
    """One output line per non-blank input line, in input order. Lines are extracted in
    batches so that their sentences are parsed together."""
    fields = set(ArticleBody.model_fields)
    pending: list[tuple[Any, ArticleBody | str]] = []

    def flush() -> Iterator[ExtractedLine]:
        bodies = [b for _, b in pending if isinstance(b, ArticleBody)]
        built = iter(articles_events(bodies, received_at, extractor))
        for line_id, body in pending:
            if isinstance(body, str):
                yield ExtractedLine(_line(line_id, [], body), body)
            else:
                events = next(built).events
                yield ExtractedLine(_line(line_id, [e.model_dump_json() for e in events]))
        pending.clear()

    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        line_id: Any = number
        try:
            obj = json.loads(line)
            if not isinstance(obj, dict):
                raise ValueError("each line must be a JSON object")
            line_id = obj.get("id", number)
            pending.append(
                (line_id, ArticleBody.model_validate({k: v for k, v in obj.items() if k in fields}))
            )
        except (ValueError, ValidationError) as exc:
            pending.append((line_id, f"line {number}: {exc}"))
        if len(pending) >= batch:
            yield from flush()
    yield from flush()


def run(args: argparse.Namespace) -> int:
    received_at = datetime.now(UTC)
    failed = 0
    out = sys.stdout
    extractor = Extractor.load()
    for result in extract_lines(sys.stdin, received_at, extractor):
        if result.error is not None:
            failed += 1
            print(result.error, file=sys.stderr)
        out.write(result.json)
        out.write("\n")
    if failed:
        print(f"sitrep extract: {failed} line(s) were not valid articles", file=sys.stderr)
    return 0
