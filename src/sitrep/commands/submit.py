"""`sitrep submit`: post article files to a running ingest service, as a scraper would."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import httpx

__all__ = ["register"]


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "submit",
        help="post article text files to the ingest service",
        description="POST each file to /v1/articles as one article. Prints the article id and "
        "the number of paragraphs and claims recorded, or the service's error.",
    )
    parser.add_argument("files", nargs="+", type=Path, help="UTF-8 text files, one article each")
    parser.add_argument("--ingest", default="http://127.0.0.1:8000", help="ingest service URL")
    parser.add_argument("--url", help="the article's URL (default: a file:// URL of the file)")
    parser.add_argument("--publisher", help="e.g. Reuters")
    parser.add_argument("--published-at", help="ISO date or time, e.g. 2016-06-05")
    parser.add_argument("--title")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    failures = 0
    with httpx.Client(base_url=args.ingest, timeout=30) as client:
        for path in args.files:
            body: dict[str, Any] = {
                "url": args.url or f"https://local.invalid/{path.resolve().as_posix().lstrip('/')}",
                "text": path.read_text(encoding="utf-8"),
            }
            for key in ("publisher", "published_at", "title"):
                if getattr(args, key):
                    body[key] = getattr(args, key)
            try:
                response = client.post("/v1/articles", json=body)
            except httpx.HTTPError as exc:
                print(f"{path}: cannot reach {args.ingest}: {exc}", file=sys.stderr)
                failures += 1
                continue
            if response.status_code == 202:
                got = response.json()
                print(
                    f"{path}: article {got['article_id']}, "
                    f"{got['paragraphs']} paragraphs, {got['claims']} claims"
                )
            else:
                failures += 1
                print(f"{path}: HTTP {response.status_code}: {response.text}", file=sys.stderr)
    return 1 if failures else 0
