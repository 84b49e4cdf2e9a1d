"""Command line of the local Kafka broker.

    python -m sitrep.devstack.kafka fetch
    python -m sitrep.devstack.kafka run [--port 9092] [--data-dir var/kafka] [--heap 512m]

`fetch` copies the broker's jars into the cache and prints their folder; `run` starts a
broker and keeps it in the foreground until Ctrl-C or SIGTERM, then stops it cleanly.
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path

from ._jars import fetch_kafka_jars
from ._kafka import DEFAULT_HEAP, LocalKafka
from ._process import DevstackError, tail

__all__ = ["LocalKafka", "main"]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m sitrep.devstack.kafka",
        description="Fetch the Kafka broker's jars, or run a local single-node broker.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("fetch", help="copy the broker's jars into the cache; print their folder")
    run = commands.add_parser("run", help="run a broker in the foreground until Ctrl-C")
    run.add_argument("--port", type=int, default=9092)
    run.add_argument("--controller-port", type=int, default=9093)
    run.add_argument("--host", default="127.0.0.1")
    run.add_argument("--data-dir", type=Path, default=Path("var/kafka"))
    run.add_argument("--heap", default=DEFAULT_HEAP)
    run.add_argument("--timeout", type=float, default=90.0, help="seconds to wait for readiness")
    args = parser.parse_args(argv)

    try:
        if args.command == "fetch":
            print(fetch_kafka_jars())
            return 0
        broker = LocalKafka(
            args.data_dir,
            port=args.port,
            controller_port=args.controller_port,
            host=args.host,
            heap=args.heap,
        )
        return _run_in_foreground(broker, args.timeout)
    except DevstackError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1


def _run_in_foreground(broker: LocalKafka, timeout: float) -> int:
    stopping = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stopping.set())
    try:
        started = time.monotonic()
        broker.start(timeout)
        print(
            f"Kafka {broker.bootstrap} ready in {time.monotonic() - started:.1f}s "
            f"(data {broker.data_dir}, log {broker.log_path}); Ctrl-C stops it",
            flush=True,
        )
        # Wake up now and then to notice a broker that died on its own.
        while not stopping.wait(1.0):
            if not broker.is_running():
                print(f"error: the broker exited.\n{tail(broker.log_path)}", file=sys.stderr)
                return 1
        return 0
    finally:
        broker.stop()


if __name__ == "__main__":
    raise SystemExit(main())
