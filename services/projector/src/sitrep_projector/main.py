"""The projector app factory: store, consumer loop and API, made in the lifespan."""

from __future__ import annotations

import logging
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from sitrep_eventlog import BrokerUnavailable, ensure_topics
from sitrep_schemas import DEAD_LETTER_TOPIC, EVENTS_TOPIC

from .api.errors import install_error_handlers
from .api.etag import ETagMiddleware
from .api.routes import (
    allegations,
    articles,
    control,
    dead_letters,
    events,
    health,
    incidents,
    metrics,
    places,
    stats,
)
from .consuming import (
    EventConsumer,
    KafkaDeadLetterSink,
    KafkaLogReplay,
    PositionLoader,
    ProjectorRunner,
)
from .db import ReadModelStore
from .rebuild import needs_rebuild, rebuild
from .settings import ProjectorSettings

__all__ = ["create_app", "start_runner"]

log = logging.getLogger(__name__)


def _configure_logging() -> None:
    """uvicorn configures only its own loggers: give ours a handler, and quiet kafka-python."""
    if not logging.getLogger().handlers:
        logging.basicConfig(
            level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
        )
    logging.getLogger("kafka").setLevel(logging.WARNING)


def start_runner(
    settings: ProjectorSettings, store: ReadModelStore
) -> tuple[ProjectorRunner, KafkaDeadLetterSink | None]:
    """Start consuming the event log into the store."""
    connection = settings.kafka()
    sink: KafkaDeadLetterSink | None = None
    try:
        ensure_topics(connection, [EVENTS_TOPIC, DEAD_LETTER_TOPIC], settings.topics())
        sink = KafkaDeadLetterSink(connection)
    except BrokerUnavailable as exc:
        log.warning("Kafka unavailable at start-up (%s); the consumer will keep trying", exc)

    def make_consumer(load_positions: PositionLoader) -> EventConsumer:
        return EventConsumer(
            connection,
            topic=EVENTS_TOPIC.name,
            group_id=settings.group_id,
            load_positions=load_positions,
            max_poll_records=settings.max_poll_records,
        )

    runner = ProjectorRunner(
        store,
        make_consumer,
        group_id=settings.group_id,
        dead_letter_sink=sink,
        poll_timeout_ms=settings.poll_timeout_ms,
    )
    if needs_rebuild(store):
        # Projection code changed since these read models were built: rebuild them from the
        # log first (the API keeps serving the old ones), then consume from where it ended.
        threading.Thread(
            target=_rebuild_then_consume,
            args=(settings, store, runner, sink),
            name="projector-rebuild",
            daemon=True,
        ).start()
    else:
        runner.start()
    return runner, sink


def _rebuild_then_consume(
    settings: ProjectorSettings,
    store: ReadModelStore,
    runner: ProjectorRunner,
    sink: KafkaDeadLetterSink | None,
) -> None:
    runner.status.state = "rebuilding"
    replay = KafkaLogReplay(settings.kafka(), EVENTS_TOPIC.name)
    try:
        result = rebuild(settings.database_url, replay.batches(), settings.group_id, sink)
    except Exception:
        log.exception("rebuild failed; serving the previous read models without consuming")
        runner.status.state = "rebuild_failed"
        return
    store.engine.dispose()  # pooled connections may point at the replaced tables
    log.info("rebuild done: %d records", result.records)
    runner.start()


def create_app(settings: ProjectorSettings | None = None) -> FastAPI:
    _configure_logging()
    settings = settings or ProjectorSettings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        store = ReadModelStore.from_url(settings.database_url)
        store.create_schema()
        app.state.settings = settings
        app.state.store = store
        app.state.runner = None
        sink = None
        if settings.consume:
            app.state.runner, sink = start_runner(settings, store)
        log.info(
            "projector serving read models from %s",
            store.engine.url.render_as_string(hide_password=True),
        )
        try:
            yield
        finally:
            if app.state.runner is not None:
                app.state.runner.stop()
            if sink is not None:
                sink.close()
            store.dispose()

    app = FastAPI(
        title="sitrep projector",
        version="0.1.0",
        description="Read models built from sitrep's event log: articles, territorial control "
        "and allegations, for dashboards and analysts.",
        lifespan=lifespan,
    )
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET"],
            allow_headers=["*"],
            expose_headers=["ETag"],
        )
    app.add_middleware(ETagMiddleware)
    install_error_handlers(app, settings.retry_after_s)
    for routes in (
        articles,
        control,
        places,
        allegations,
        incidents,
        stats,
        events,
        dead_letters,
        metrics,
        health,
    ):
        app.include_router(routes.router)
    return app
