"""`sitrep rebuild`: rebuild every read model from the beginning of the event log."""

from __future__ import annotations

import argparse
import sys
import time
from typing import Any

from sitrep_projector.bootstrap import rebuild_from_log
from sitrep_projector.consuming import KafkaLogReplay, active_consumers
from sitrep_projector.reference import load_reference
from sitrep_projector.settings import ProjectorSettings

__all__ = ["register"]


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "rebuild",
        help="rebuild the projector's read models from offset zero, then switch over",
        description="Replays the event log into fresh tables while the current ones keep "
        "serving, then switches over in one step and prints the number of events. Refuses "
        "(exit status 2) while any consumer of the projector's group is running: stop the "
        "projector's consumer first (SITREP_PROJECTOR_CONSUME=false keeps the API serving), "
        "and start it again after the switch; it resumes where the rebuild stopped. Uses "
        "DATABASE_URL, KAFKA_BOOTSTRAP_SERVERS, SITREP_EVENTS_TOPIC, "
        "SITREP_PROJECTOR_GROUP_ID and SITREP_SEEDS_DIR like the projector.",
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
    # A consumer applying batches into the live tables while the rebuild fills new ones
    # would have its last batches lost at the switch (they are not in the replay), and its
    # positions would move past them: refuse instead of racing it.
    running = active_consumers(settings.kafka(), settings.group_id)
    if running:
        sys.stderr.write(
            f"sitrep rebuild: consumer group {settings.group_id} has {len(running)} running "
            f"member(s) ({', '.join(running)}). Stop the projector's consumer "
            "(SITREP_PROJECTOR_CONSUME=false keeps its API serving), then run the rebuild.\n"
        )
        return 2
    replay = KafkaLogReplay(settings.kafka(), settings.events_topic)
    result = rebuild_from_log(
        settings,
        load_reference(settings.seeds_dir),
        progress=_progress_bar(replay),
        replay=replay,
    )
    sys.stderr.write("\n")
    print(
        f"rebuilt read models from {result.records} records: {result.applied} events applied, "
        f"{result.duplicates} duplicates skipped, {result.dead_letters} dead letters"
    )
    return 0
