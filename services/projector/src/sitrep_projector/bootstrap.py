"""Wiring: the Kafka adapter plugged into the use case, once for the app and the command.

`start_runner` starts the live loop (rebuilding first when the read models were built by
other projection code or reference data); `rebuild_from_log` replays the topic into fresh
tables. The app's lifespan and `sitrep rebuild` both come through here.
"""

from __future__ import annotations

import logging
import threading

from sitrep_eventlog import BrokerUnavailable, ensure_topics

from .consuming import EventConsumer, KafkaDeadLetterSink, KafkaLogReplay
from .db import ReadModelStore
from .ports import DeadLetterSink, PositionLoader
from .projecting import Progress, ProjectorRunner, RebuildResult, needs_rebuild, rebuild
from .projections import Reference
from .settings import ProjectorSettings

__all__ = ["rebuild_from_log", "start_runner"]

log = logging.getLogger(__name__)


def rebuild_from_log(
    settings: ProjectorSettings,
    reference: Reference,
    dead_letter_sink: DeadLetterSink | None = None,
    progress: Progress | None = None,
    replay: KafkaLogReplay | None = None,
) -> RebuildResult:
    """Replay the whole event topic into fresh tables of `settings.database_url`, then
    switch over (`projecting.rebuild`)."""
    replay = replay or KafkaLogReplay(settings.kafka(), settings.events_topic)
    return rebuild(
        settings.database_url,
        replay.batches(),
        settings.group_id,
        reference,
        dead_letter_sink,
        progress,
    )


def start_runner(
    settings: ProjectorSettings, store: ReadModelStore, reference: Reference
) -> tuple[ProjectorRunner, KafkaDeadLetterSink | None]:
    """Start consuming the event log into the store."""
    connection = settings.kafka()
    sink: KafkaDeadLetterSink | None = None
    try:
        ensure_topics(
            connection,
            [settings.events_topic_spec(), settings.dead_letter_topic_spec()],
            settings.topics(),
        )
        sink = KafkaDeadLetterSink(connection, settings.dead_letter_topic)
    except BrokerUnavailable as exc:
        log.warning("Kafka unavailable at start-up (%s); the consumer will keep trying", exc)

    def make_consumer(load_positions: PositionLoader) -> EventConsumer:
        return EventConsumer(
            connection,
            topic=settings.events_topic,
            group_id=settings.group_id,
            load_positions=load_positions,
            max_poll_records=settings.max_poll_records,
        )

    runner = ProjectorRunner(
        store,
        make_consumer,
        reference,
        group_id=settings.group_id,
        dead_letter_sink=sink,
        topic=settings.events_topic,
        poll_timeout_ms=settings.poll_timeout_ms,
        refresh_interval_s=settings.refresh_interval_s,
    )
    if needs_rebuild(store, reference):
        # Projection code changed since these read models were built: rebuild them from the
        # log first (the API keeps serving the old ones), then consume from where it ended.
        threading.Thread(
            target=_rebuild_then_consume,
            args=(settings, store, reference, runner, sink),
            name="projector-rebuild",
            daemon=True,
        ).start()
    else:
        runner.start()
    return runner, sink


def _rebuild_then_consume(
    settings: ProjectorSettings,
    store: ReadModelStore,
    reference: Reference,
    runner: ProjectorRunner,
    sink: KafkaDeadLetterSink | None,
) -> None:
    runner.status.state = "rebuilding"
    try:
        result = rebuild_from_log(settings, reference, sink)
    except Exception:
        log.exception("rebuild failed; serving the previous read models without consuming")
        runner.status.state = "rebuild_failed"
        return
    store.dispose()  # pooled connections may point at the replaced tables
    log.info("rebuild done: %d records", result.records)
    runner.start()
