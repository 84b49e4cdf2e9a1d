"""`sitrep`: the one command for operators. Subcommands are thin wrappers over the services."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from .commands import evaluate, extract, rebuild, submit, up

__all__ = ["main"]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sitrep", description="Turn war reporting into facts analysts can query."
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log at DEBUG level")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    extract.register(commands)
    evaluate.register(commands)
    submit.register(commands)
    rebuild.register(commands)
    up.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    if not args.verbose:
        logging.getLogger("kafka").setLevel(logging.WARNING)
    result: int = args.run(args)
    return result


if __name__ == "__main__":
    raise SystemExit(main())
