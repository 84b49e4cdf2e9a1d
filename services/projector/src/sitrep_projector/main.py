"""The projector app factory: store, consumer loop and API, made in the lifespan."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from .api.errors import ERROR_RESPONSES, install_error_handlers
from .api.etag import ETagMiddleware
from .api.routes import (
    allegations,
    articles,
    changes,
    control,
    dead_letters,
    events,
    health,
    incidents,
    metrics,
    places,
    stats,
)
from .api.security import AUTH_RESPONSES, read_access
from .bootstrap import start_runner
from .db import ReadModelStore
from .db.versioning import reference_stamp
from .gc_tuning import tune_garbage_collector
from .reference import load_reference
from .settings import ProjectorSettings

__all__ = ["create_app"]

log = logging.getLogger(__name__)


def _configure_logging() -> None:
    """uvicorn configures only its own loggers: give ours a handler, and quiet kafka-python."""
    if not logging.getLogger().handlers:
        logging.basicConfig(
            level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
        )
    logging.getLogger("kafka").setLevel(logging.WARNING)


def create_app(settings: ProjectorSettings | None = None) -> FastAPI:
    _configure_logging()
    settings = settings or ProjectorSettings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        reference = load_reference(settings.seeds_dir)
        store = ReadModelStore.from_url(settings.database_url)
        store.create_schema(reference_stamp(reference.fingerprint))
        app.state.settings = settings
        app.state.store = store
        app.state.reference = reference
        app.state.runner = None
        sink = None
        tune_garbage_collector()
        if settings.consume:
            app.state.runner, sink = start_runner(settings, store, reference)
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
    guarded = read_access(settings)  # empty when the read API is open (the default)
    for routes in (
        articles,
        control,
        changes,
        places,
        allegations,
        incidents,
        stats,
        events,
        dead_letters,
    ):
        app.include_router(
            routes.router,
            responses={**ERROR_RESPONSES, **(AUTH_RESPONSES if guarded else {})},
            dependencies=guarded,
        )
    for routes in (metrics, health):  # probes and scrapers stay open, as on ingest
        app.include_router(routes.router, responses=ERROR_RESPONSES)
    return app
