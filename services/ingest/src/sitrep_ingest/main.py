"""The ingest app factory: clients are made in the lifespan and closed there."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from .api.errors import install_error_handlers
from .api.routes import articles, extract, health
from .extraction import Extractor
from .publishing import EventPublisher, KafkaEventPublisher
from .settings import IngestSettings

__all__ = ["create_app"]

log = logging.getLogger(__name__)


def _configure_logging() -> None:
    """uvicorn configures only its own loggers: give ours a handler, and quiet kafka-python."""
    if not logging.getLogger().handlers:
        logging.basicConfig(
            level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
        )
    logging.getLogger("kafka").setLevel(logging.WARNING)


def create_app(
    settings: IngestSettings | None = None, publisher: EventPublisher | None = None
) -> FastAPI:
    """Build the app; pass `publisher` to wire another adapter (the unit tests pass a fake)."""
    _configure_logging()
    settings = settings or IngestSettings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        owned = publisher is None
        app.state.settings = settings
        app.state.extractor = Extractor.load(settings.extractor())
        app.state.publisher = publisher or KafkaEventPublisher(
            settings.kafka(), settings.topics(), settings.publisher(), settings.events_topic_spec()
        )
        log.info(
            "ingest ready to accept articles for Kafka at %s", settings.kafka_bootstrap_servers
        )
        try:
            yield
        finally:
            if owned:
                app.state.publisher.close()

    app = FastAPI(
        title="sitrep ingest",
        version="0.1.0",
        description="Accepts news articles, extracts territorial-control claims and casualty "
        "and abuse allegations, and appends them with the raw paragraphs as immutable events "
        "on Kafka.",
        lifespan=lifespan,
    )
    install_error_handlers(app, settings.retry_after_s)
    app.include_router(articles.router)
    app.include_router(extract.router)
    app.include_router(health.router)
    return app
