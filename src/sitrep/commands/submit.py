"""`sitrep submit`: send articles to a running ingest service in batches, as a scraper would.

Exit status: 0 when every article was accepted or was already recorded (duplicate); 1 when
some were rejected (invalid, resending will not help) or still failed after the retries; 2
when nothing could be sent (ingest unreachable, the API key refused, bad arguments).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import time
import uuid
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

import httpx

from sitrep.devstack import LOCAL_KEYS_FILE, read_local_key

__all__ = ["register"]

log = logging.getLogger("sitrep.submit")

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm"}
NDJSON_SUFFIXES = {".ndjson", ".jsonl"}
MAX_BATCH_BYTES = 16 * 1024 * 1024  # half the service's default limit


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "submit",
        help="send articles (files, folders, NDJSON on stdin) to the ingest service",
        description="Send articles to ingest's POST /v1/articles:batch: text files (.txt, "
        ".md), HTML pages (.html, .htm), NDJSON files (.ndjson, .jsonl: one JSON article a "
        "line), folders of them, or NDJSON on stdin (no path, or `-`). Retries on 503 and "
        "429 (after Retry-After) and resends the articles the service reports failed. Quiet "
        "but for a progress bar on a terminal and a summary: accepted, duplicate, rejected "
        "(with reasons), failed. Exit status 0: all recorded; 1: some rejected or failed; "
        "2: nothing could be sent.",
    )
    parser.add_argument("paths", nargs="*", type=Path, help="files or folders; `-` is stdin")
    parser.add_argument(
        "--ingest",
        default=os.environ.get("SITREP_INGEST_URL", "http://127.0.0.1:8000"),
        help="ingest service URL (default: $SITREP_INGEST_URL or http://127.0.0.1:8000)",
    )
    parser.add_argument(
        "--api-key",
        default=os.environ.get("SITREP_API_KEY"),
        help="an `ingest:write` key (default: $SITREP_API_KEY, else the `write` key in "
        "--keys-file)",
    )
    parser.add_argument(
        "--keys-file",
        type=Path,
        default=Path("var") / LOCAL_KEYS_FILE,
        help=f"the local stack's keys (default: var/{LOCAL_KEYS_FILE}, written by sitrep up)",
    )
    parser.add_argument(
        "--url",
        help="the article's URL, when exactly one file is sent (without it, each file gets "
        "https://local.invalid/<its absolute path>; NDJSON articles carry their own)",
    )
    parser.add_argument("--publisher", help="publisher of every file article, e.g. Reuters")
    parser.add_argument("--published-at", help="ISO date or time of every file article")
    parser.add_argument("--title", help="title of the article, when exactly one file is sent")
    parser.add_argument("--language", help="ISO 639-1 code (default: detected by ingest)")
    parser.add_argument("--batch-size", type=int, default=100, help="articles a request")
    parser.add_argument("--retries", type=int, default=5, help="retries of a failed request")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per request")
    parser.add_argument(
        "--progress",
        choices=("auto", "always", "never"),
        default="auto",
        help="progress bar on stderr (auto: when stderr is a terminal)",
    )
    parser.add_argument(
        "--details", action="store_true", help="print one line per article on stdout"
    )
    parser.set_defaults(run=run)


@dataclass
class Item:
    label: str  # where the article came from, for the summary
    body: dict[str, Any] | None  # None: could not be read (`problem` says why)
    problem: str | None = None


@dataclass
class Tally:
    statuses: Counter[str] = field(default_factory=Counter)
    reasons: Counter[str] = field(default_factory=Counter)
    lines: list[str] = field(default_factory=list)


class Refused(Exception):
    """The service refused the whole request: nothing more can be sent."""


def _file_article(path: Path, args: argparse.Namespace, single: bool) -> Item:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return Item(str(path), None, f"cannot read: {exc}")
    body: dict[str, Any] = {
        "url": (args.url if single and args.url else None)
        or f"https://local.invalid/{path.resolve().as_posix().lstrip('/')}",
        "text": text,
    }
    if path.suffix.lower() in HTML_SUFFIXES:
        body["content_type"] = "text/html"
    for key in ("publisher", "published_at", "language"):
        if getattr(args, key):
            body[key] = getattr(args, key)
    if single and args.title:
        body["title"] = args.title
    return Item(str(path), body)


def _ndjson(stream: TextIO, label: str) -> Iterator[Item]:
    for number, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        where = f"{label}:{number}"
        try:
            document = json.loads(line)
        except ValueError as exc:
            yield Item(where, None, f"not JSON: {exc}")
            continue
        if not isinstance(document, dict):
            yield Item(where, None, "not a JSON object")
            continue
        yield Item(where, document)


def collect(args: argparse.Namespace, stdin: TextIO) -> list[Item]:
    paths: list[Path] = list(args.paths) or [Path("-")]
    files: list[Path] = []
    items: list[Item] = []
    for path in paths:
        if str(path) == "-":
            items.extend(_ndjson(stdin, "stdin"))
        elif path.is_dir():
            suffixes = TEXT_SUFFIXES | HTML_SUFFIXES | NDJSON_SUFFIXES
            files.extend(sorted(p for p in path.rglob("*") if p.suffix.lower() in suffixes))
        else:
            files.append(path)
    single = len(files) == 1 and not items
    for path in files:
        if path.suffix.lower() in NDJSON_SUFFIXES:
            try:
                with path.open(encoding="utf-8") as stream:
                    items.extend(_ndjson(stream, str(path)))
            except (OSError, UnicodeDecodeError) as exc:
                items.append(Item(str(path), None, f"cannot read: {exc}"))
        else:
            items.append(_file_article(path, args, single))
    return items


def _batches(items: Sequence[tuple[int, Item]], size: int) -> Iterator[list[tuple[int, Item]]]:
    batch: list[tuple[int, Item]] = []
    used = 0
    for entry in items:
        length = len(json.dumps(entry[1].body, ensure_ascii=False).encode())
        if batch and (len(batch) >= size or used + length > MAX_BATCH_BYTES):
            yield batch
            batch, used = [], 0
        batch.append(entry)
        used += length
    if batch:
        yield batch


def _retry_after(response: httpx.Response, attempt: int) -> float:
    try:
        return max(0.1, float(response.headers.get("retry-after", "")))
    except ValueError:
        return float(min(30.0, 0.5 * 2**attempt))


def _post(
    client: httpx.Client, batch: list[tuple[int, Item]], retries: int
) -> list[dict[str, Any]]:
    """The service's answer for each article of the batch (retrying the whole request)."""
    content = "\n".join(json.dumps(item.body, ensure_ascii=False) for _, item in batch)
    # The same key on every retry: a retry of a request that did go through gets its answer.
    headers = {"content-type": "application/x-ndjson", "Idempotency-Key": uuid.uuid4().hex}
    for attempt in range(retries + 1):
        try:
            response = client.post("/v1/articles:batch", content=content.encode(), headers=headers)
        except httpx.TransportError as exc:
            if attempt == retries:
                raise Refused(f"cannot reach ingest: {exc}") from exc
            time.sleep(min(30.0, 0.5 * 2**attempt))
            continue
        if response.status_code in (409, 429, 503) and attempt < retries:
            time.sleep(_retry_after(response, attempt))
            continue
        if response.status_code == 200:
            items: list[dict[str, Any]] = response.json()["items"]
            return items
        raise Refused(_describe(response))
    raise Refused("no answer")


def _describe(response: httpx.Response) -> str:
    try:
        error = response.json()["error"]
        return f"HTTP {response.status_code} {error['code']}: {error['message']}"
    except (ValueError, KeyError, TypeError):
        return f"HTTP {response.status_code}: {response.text[:200]}"


def _reason(answer: dict[str, Any]) -> str:
    error = answer.get("error") or {}
    fields = error.get("fields") or []
    if fields:
        return f"{error.get('code')}: {fields[0]['field']}: {fields[0]['message']}"
    return f"{error.get('code')}: {error.get('message')}"


class Progress:
    def __init__(self, total: int, stream: TextIO, enabled: bool) -> None:
        self.total, self.done, self.stream, self.enabled = total, 0, stream, enabled

    def advance(self, n: int) -> None:
        self.done += n
        if self.enabled:
            width = 30
            filled = int(width * self.done / max(1, self.total))
            bar = "#" * filled + "-" * (width - filled)
            self.stream.write(f"\r[{bar}] {self.done}/{self.total}")
            self.stream.flush()

    def close(self) -> None:
        if self.enabled:
            self.stream.write("\n")
            self.stream.flush()


def run(args: argparse.Namespace) -> int:
    # httpx logs every request at INFO: a scraper's log wants the summary, not 1,000 lines.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    key = args.api_key or read_local_key(args.keys_file, "write")
    if not key:
        print(
            f"sitrep submit: no API key: give --api-key, set SITREP_API_KEY, or start the "
            f"local stack (sitrep up writes {args.keys_file})",
            file=sys.stderr,
        )
        return 2
    items = collect(args, sys.stdin)
    if not items:
        print("sitrep submit: no articles found", file=sys.stderr)
        return 2
    tally = Tally()
    for item in items:
        if item.body is None:
            tally.statuses["rejected"] += 1
            tally.reasons[f"unreadable: {item.problem}"] += 1
            tally.lines.append(f"{item.label}: rejected: {item.problem}")
    todo = [(n, item) for n, item in enumerate(items) if item.body is not None]
    show = args.progress == "always" or (args.progress == "auto" and sys.stderr.isatty())
    progress = Progress(len(items), sys.stderr, show)
    progress.advance(len(items) - len(todo))
    headers = {"Authorization": f"Bearer {key}"}
    try:
        with httpx.Client(base_url=args.ingest, timeout=args.timeout, headers=headers) as client:
            for round_ in range(args.retries + 1):
                failed: list[tuple[int, Item]] = []
                for batch in _batches(todo, max(1, args.batch_size)):
                    answers = _post(client, batch, args.retries)
                    for (_, item), answer in zip(batch, answers, strict=True):
                        status = answer["status"]
                        if status == "failed" and round_ < args.retries:
                            failed.append((_, item))
                            continue
                        tally.statuses[status] += 1
                        line = f"{item.label}: {status}"
                        if status in ("accepted", "duplicate"):
                            line += f" {answer['article_id']}"
                        else:
                            tally.reasons[_reason(answer)] += 1
                            line += f": {_reason(answer)}"
                        tally.lines.append(line)
                        progress.advance(1)
                if not failed:
                    break
                time.sleep(min(30.0, 0.5 * 2**round_))
                todo = failed
    except Refused as exc:
        progress.close()
        print(f"sitrep submit: {exc}", file=sys.stderr)
        _summary(tally, len(items))
        return 2
    progress.close()
    if args.details:
        for line in tally.lines:
            print(line)
    _summary(tally, len(items))
    return 0 if tally.statuses["rejected"] + tally.statuses["failed"] == 0 else 1


def _summary(tally: Tally, total: int) -> None:
    s = tally.statuses
    print(
        f"{total} articles: {s['accepted']} accepted, {s['duplicate']} duplicate, "
        f"{s['rejected']} rejected, {s['failed']} failed"
    )
    for reason, count in tally.reasons.most_common(10):
        print(f"  {count} x {reason}")
