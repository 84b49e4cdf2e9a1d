"""`sitrep`: the one command for operators. Subcommands are thin wrappers over the services."""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Sequence

__all__ = ["COMMANDS", "build_parser", "main"]

# Each subcommand lives in sitrep.commands.<name> with a register(subparsers) function.
COMMANDS = ("up", "submit", "extract", "evaluate", "rebuild", "build-index", "reinterpret")


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser with every subcommand, or with `only` one.

    Registering one subcommand imports only its module: `sitrep extract` then starts without
    loading the projector, SQLAlchemy or the Kafka client.
    """
    parser = argparse.ArgumentParser(
        prog="sitrep", description="Turn war reporting into facts analysts can query."
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log at DEBUG level")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMANDS:
        if only is None or name == only:
            importlib.import_module(f"sitrep.commands.{name.replace('-', '_')}").register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    chosen = next((arg for arg in argv if not arg.startswith("-")), None)
    parser = build_parser(only=chosen if chosen in COMMANDS else None)
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
