"""Command line of the local PostgreSQL server.

    python -m sitrep.devstack.postgres run [--port 5432] [--data-dir var/postgres]

Starts a server (initdb on first use) and keeps it in the foreground until Ctrl-C or
SIGTERM, then stops it cleanly.
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from collections.abc import Sequence
from pathlib import Path

from ._postgres import LocalPostgres, create_database, drop_database, find_postgres_bin
from ._process import DevstackError, tail

__all__ = ["LocalPostgres", "create_database", "drop_database", "find_postgres_bin", "main"]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m sitrep.devstack.postgres",
        description="Run a local PostgreSQL server in the foreground.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("run", help="run a server in the foreground until Ctrl-C")
    run.add_argument("--port", type=int, default=5432)
    run.add_argument("--data-dir", type=Path, default=Path("var/postgres"))
    run.add_argument("--database", default="sitrep")
    args = parser.parse_args(argv)

    server = LocalPostgres(args.data_dir, port=args.port, database=args.database, durable=True)
    stopping = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stopping.set())
    try:
        print(f"DATABASE_URL={server.start()}  (log {server.log_path}); Ctrl-C stops it")
        # Wake up now and then to notice a server that died on its own.
        while not stopping.wait(1.0):
            if not server.is_running():
                print(f"error: the server exited.\n{tail(server.log_path)}", file=sys.stderr)
                return 1
        return 0
    except DevstackError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    finally:
        server.stop()


if __name__ == "__main__":
    raise SystemExit(main())
