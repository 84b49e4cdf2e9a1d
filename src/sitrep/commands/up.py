"""`sitrep up`: the whole local stack in the foreground (broker, ingest, projector)."""

from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
import threading
import time
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from sitrep.devstack import (
    INGEST_APP,
    PROJECTOR_APP,
    DevstackError,
    LocalKafka,
    LocalKeys,
    ServiceProcess,
    ensure_local_keys,
)

__all__ = ["register"]

log = logging.getLogger("sitrep.up")


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "up",
        help="run the local stack in the foreground until Ctrl-C",
        description="Start a local Kafka broker (unless KAFKA_BOOTSTRAP_SERVERS names one), "
        "the ingest service and the projector (SQLite read model unless DATABASE_URL says "
        "otherwise). Ctrl-C or SIGTERM stops everything cleanly. The broker keeps its log in "
        "--data-dir, so events survive a restart.",
    )
    parser.add_argument("--data-dir", type=Path, default=Path("var"), help="default: ./var")
    parser.add_argument("--kafka-port", type=int, default=9092)
    parser.add_argument("--ingest-port", type=int, default=8000)
    parser.add_argument("--projector-port", type=int, default=8001)
    parser.add_argument("--host", default="127.0.0.1", help="interface the APIs listen on")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    stopping = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stopping.set())
    data_dir: Path = args.data_dir.resolve()
    try:
        with ExitStack() as stack:
            bootstrap = os.environ.get("KAFKA_BOOTSTRAP_SERVERS")
            broker: LocalKafka | None = None
            if bootstrap:
                log.info("using the Kafka broker at %s (KAFKA_BOOTSTRAP_SERVERS)", bootstrap)
            else:
                broker = LocalKafka(
                    data_dir / "kafka", port=args.kafka_port, controller_port=args.kafka_port + 1
                )
                started = time.monotonic()
                log.info("starting Kafka on 127.0.0.1:%d ...", args.kafka_port)
                bootstrap = broker.start()
                stack.callback(broker.stop)
                log.info(
                    "Kafka ready in %.1f s (log %s)", time.monotonic() - started, broker.log_path
                )
            database_url = os.environ.get("DATABASE_URL") or f"sqlite:///{data_dir / 'sitrep.db'}"
            keys = ensure_local_keys(data_dir)
            env = {
                "KAFKA_BOOTSTRAP_SERVERS": bootstrap,
                "DATABASE_URL": database_url,
                "SITREP_API_KEYS_FILE": str(keys.service_path),
            }
            services = [
                ServiceProcess("ingest", INGEST_APP, env=env, log_dir=data_dir / "logs",
                               port=args.ingest_port, host=args.host),
                ServiceProcess("projector", PROJECTOR_APP, env=env, log_dir=data_dir / "logs",
                               port=args.projector_port, host=args.host),
            ]  # fmt: skip
            for service in services:
                service.start()
                stack.callback(service.stop)
            _print_banner(services, bootstrap, database_url, data_dir, keys)
            while not stopping.wait(1.0):
                dead = [s for s in services if not s.is_running()]
                if broker is not None and not broker.is_running():
                    log.error("the Kafka broker exited; see %s", broker.log_path)
                    return 1
                if dead:
                    log.error("%s exited; see %s", dead[0].name, dead[0].log_path)
                    return 1
            log.info("stopping ...")
        log.info("stopped")
        return 0
    except DevstackError as error:
        print(f"sitrep up: {error}", file=sys.stderr)
        return 1


def _print_banner(
    services: list[ServiceProcess],
    bootstrap: str,
    database_url: str,
    data_dir: Path,
    keys: LocalKeys,
) -> None:
    ingest, projector = services
    made = "made now" if keys.created else "kept from an earlier start"
    print(
        f"""
sitrep is up.
  ingest     {ingest.url}   POST /v1/articles, OpenAPI at {ingest.url}/docs
  projector  {projector.url}   GET /v1/articles ..., OpenAPI at {projector.url}/docs
  kafka      {bootstrap}
  read model {database_url}
  logs       {data_dir / "logs"}
  API keys   {keys.path} (write, read, admin; {made}; mode 0600)
             send them as `Authorization: Bearer <key>`; sitrep submit uses the write key
Try:  sitrep submit seeds/articles/000_672c0df4b7590af4.txt --published-at 2016-06-05
Ctrl-C stops everything.
""",
        flush=True,
    )
