"""The ingest app factory: clients and the process pool are made in the lifespan, closed there."""

from __future__ import annotations

import logging
import re
import threading
import time
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from pydantic import BaseModel
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sitrep_auth import KeyStore
from sitrep_eventlog import BrokerUnavailable

from .api.errors import install_error_handlers
from .api.routes import articles, extract, health, operations
from .articles import ArticleBody, ArticleSubmission
from .builders import ArticleBuilders
from .logs import REQUEST_ID, configure_logging
from .metrics import IngestMetrics
from .publishing import KafkaEventPublisher, RecordPublisher
from .ratelimit import RateLimiter
from .service import Ingestor
from .settings import IngestSettings
from .state import ArticleRegistry, IdempotencyStore, StateDatabase

__all__ = ["create_app"]

log = logging.getLogger(__name__)
access = logging.getLogger("sitrep_ingest.access")

_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


class RequestContext:
    """Request id (from `X-Request-ID` or new), one JSON log line and metrics per request."""

    def __init__(self, app: ASGIApp, metrics: IngestMetrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        sent = dict(scope.get("headers") or []).get(b"x-request-id", b"").decode("latin-1")
        request_id = sent if _REQUEST_ID.match(sent) else uuid.uuid4().hex
        token = REQUEST_ID.set(request_id)
        status = 500
        started = time.perf_counter()

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message["headers"] = [
                    *message.get("headers", []),
                    (b"x-request-id", request_id.encode()),
                ]
            await send(message)

        self.metrics.in_flight.inc()
        try:
            await self.app(scope, receive, send_with_id)
        finally:
            self.metrics.in_flight.dec()
            took = time.perf_counter() - started
            route = getattr(scope.get("route"), "path", "unmatched")
            self.metrics.requests.labels(route, scope["method"], str(status)).inc()
            self.metrics.request_seconds.labels(route).observe(took)
            access.info(
                "%s %s %d",
                scope["method"],
                scope["path"],
                status,
                extra={"status": status, "route": route, "duration_ms": round(took * 1000, 1)},
            )
            REQUEST_ID.reset(token)


def _article_schema(model: type[BaseModel], url_required: bool) -> dict[str, dict[str, Any]]:
    """The model's JSON Schema with what pydantic cannot say: exactly one of text/paragraphs,
    and (for submissions) a URL unless the page is HTML."""
    schema = model.model_json_schema(ref_template="#/components/schemas/{model}")
    defs: dict[str, dict[str, Any]] = schema.pop("$defs", {})
    for name in ("text", "paragraphs"):
        schema["properties"][name].pop("default", None)
    # oneOf: both present match both branches, which oneOf refuses.
    schema["oneOf"] = [
        {"required": ["text"]},
        {"required": ["paragraphs"], "properties": {"content_type": {"const": "text/plain"}}},
    ]
    if url_required:
        schema["anyOf"] = [
            {"required": ["url"], "properties": {"url": {"type": "string"}}},
            {"required": ["content_type"], "properties": {"content_type": {"const": "text/html"}}},
        ]
    return {**defs, model.__name__: schema}


def _warm_up(publisher: KafkaEventPublisher) -> None:
    try:
        publisher.ensure_topics()
    except BrokerUnavailable as exc:  # readiness and the first article will say so again
        log.warning("the event topic is not checked yet: %s", exc)


def create_app(
    settings: IngestSettings | None = None, publisher: RecordPublisher | None = None
) -> FastAPI:
    """Build the app; pass `publisher` to wire another adapter (the unit tests pass a fake)."""
    settings = settings or IngestSettings()
    configure_logging(json_lines=settings.log_format == "json")
    metrics = IngestMetrics()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        owned = publisher is None
        started = time.monotonic()
        app.state.settings = settings
        app.state.metrics = metrics
        app.state.keys = KeyStore(settings.api_keys_file, settings.api_keys)
        if not app.state.keys.configured:
            log.warning("no API keys configured (SITREP_API_KEYS_FILE): every write gets 401")
        app.state.rate_limiter = RateLimiter(settings.rate_limit_per_s, settings.rate_limit_burst)
        state = StateDatabase(settings.state_path)
        app.state.idempotency = IdempotencyStore(
            state, settings.idempotency_ttl_s, settings.idempotency_capacity
        )
        builders = ArticleBuilders(
            settings.extractor, settings.extraction_workers, extract=settings.extract
        )
        # In the background: the workers take seconds to load, and /health/live, /metrics
        # and readiness (which says "loading" meanwhile) need none of them.
        builders.start_in_background()
        app.state.builders = builders
        app.state.publisher = publisher or KafkaEventPublisher(
            settings.kafka(),
            settings.topics(),
            settings.publisher(),
            settings.events_topic_spec(),
            on_commit=metrics.on_commit,
        )
        if owned:
            # Off the start-up path too: kafka-python's import and the topic check.
            threading.Thread(target=_warm_up, args=(app.state.publisher,), daemon=True).start()
        app.state.ingestor = Ingestor(
            builders,
            app.state.publisher,
            ArticleRegistry(state, settings.events_topic, settings.registry_capacity),
            metrics,
            publish_timeout_s=settings.publish_timeout_s,
            window=settings.batch_window or max(2, settings.extraction_workers),
            chunk=settings.batch_chunk,
            chunk_budget_s=settings.batch_chunk_s,
        )
        app.state.gate = articles.Gate(settings.max_in_flight)
        app.state.batch_gate = articles.Gate(settings.max_batches_in_flight)
        log.info(
            "ingest serving in %.1f s (%d extraction workers loading), Kafka at %s",
            time.monotonic() - started,
            settings.extraction_workers,
            settings.kafka_bootstrap_servers,
        )
        try:
            yield
        finally:
            # uvicorn has finished the requests in flight; the producers then commit what
            # they hold (each article whole) before they close.
            builders.close()
            if owned:
                app.state.publisher.close()
            # After the producers: their last commits are remembered before the file closes.
            state.close()

    app = FastAPI(
        title="sitrep ingest",
        version="0.2.0",
        description="Accepts news articles (text, paragraphs or HTML; one at a time or in "
        "batches), extracts territorial-control claims and casualty and abuse allegations, and "
        "appends them with the raw paragraphs as immutable events on Kafka. Every error "
        'answers `{"error": {"code", "message", "fields"}}`.',
        lifespan=lifespan,
    )
    install_error_handlers(app, settings.retry_after_s)
    app.include_router(articles.router)
    app.include_router(extract.router)
    app.include_router(health.router)
    app.include_router(operations.router)
    app.add_middleware(RequestContext, metrics=metrics)

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = get_openapi(
                title=app.title,
                version=app.version,
                description=app.description,
                routes=app.routes,
            )
            components = schema.setdefault("components", {}).setdefault("schemas", {})
            components.update(_article_schema(ArticleBody, url_required=False))
            components.update(_article_schema(ArticleSubmission, url_required=True))
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
    return app
