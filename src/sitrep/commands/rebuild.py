"""`sitrep rebuild`: rebuild every read model from the beginning of the event log."""

from __future__ import annotations

import argparse
import sys
import time
from typing import Any

from sitrep_projector.consuming import KafkaLogReplay
from sitrep_projector.rebuild import rebuild
from sitrep_projector.settings import ProjectorSettings
from sitrep_schemas import EVENTS_TOPIC

__all__ = ["register"]


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "rebuild",
        help="rebuild the projector's read models from offset zero, then switch over",
        description="Replays the event log into fresh tables while the current ones keep "
        "serving, then switches over in one step and prints the number of events. Stop the "
        "projector's consumer first (SITREP_PROJECTOR_CONSUME=false keeps the API serving). "
        "Uses DATABASE_URL and KAFKA_BOOTSTRAP_SERVERS like the projector.",
    )
    parser.set_defaults(run=run)


def _progress_bar(replay: KafkaLogReplay) -> Any:
    started = time.monotonic()

    def show(done: int) -> None:
        total = max(replay.total, done, 1)
        width = 30
        filled = int(width * done / total)
        rate = done / max(time.monotonic() - started, 1e-6)
        sys.stderr.write(
            f"\rrebuild [{'#' * filled}{'.' * (width - filled)}] "
            f"{done}/{total} records, {rate:,.0f}/s"
        )
        sys.stderr.flush()

    return show


def run(_args: argparse.Namespace) -> int:
    settings = ProjectorSettings()
    replay = KafkaLogReplay(settings.kafka(), EVENTS_TOPIC.name)
    result = rebuild(
        settings.database_url,
        replay.batches(),
        settings.group_id,
        progress=_progress_bar(replay),
    )
    sys.stderr.write("\n")
    print(
        f"rebuilt read models from {result.records} records: {result.applied} events applied, "
        f"{result.duplicates} duplicates skipped, {result.dead_letters} dead letters"
    )
    return 0
