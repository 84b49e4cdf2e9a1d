"""Liveness and readiness probes."""

from __future__ import annotations

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field

from ...builders import ArticleBuilders
from ..deps import PublisherDep, SettingsDep
from ..errors import ApiError, error_responses

__all__ = ["router"]

router = APIRouter(tags=["health"])


class Health(BaseModel):
    status: str
    kafka: str | None = None
    extraction: str | None = Field(
        default=None, description="`ready` once every extraction worker has loaded."
    )


@router.get("/health/live", response_model=Health, summary="The process is up")
def live() -> Health:
    return Health(status="ok")


@router.get(
    "/health/ready",
    response_model=Health,
    summary="Kafka answers, the event topic exists and the extraction workers have loaded",
    responses=error_responses(503),
)
def ready(request: Request, publisher: PublisherDep, settings: SettingsDep) -> Health:
    retry = {"Retry-After": str(settings.retry_after_s)}
    builders: ArticleBuilders = request.app.state.builders
    if builders.state != "ready":
        raise ApiError(
            503,
            "not_ready",
            "the extraction workers are still loading"
            if builders.state == "loading"
            else "the extraction workers failed to load (see the log)",
            headers={"Retry-After": "1"} if builders.state == "loading" else retry,
        )
    if publisher.is_ready():
        return Health(status="ok", kafka="ok", extraction="ready")
    raise ApiError(
        503,
        "event_log_unavailable",
        "Kafka does not answer, or the event topic cannot be created",
        headers=retry,
    )
