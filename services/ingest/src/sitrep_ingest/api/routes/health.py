"""Liveness and readiness probes."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel

from ..deps import PublisherDep, SettingsDep
from ..errors import ApiError, error_responses

__all__ = ["router"]

router = APIRouter(tags=["health"])


class Health(BaseModel):
    status: str
    kafka: str | None = None


@router.get("/health/live", response_model=Health, summary="The process is up")
def live() -> Health:
    return Health(status="ok")


@router.get(
    "/health/ready",
    response_model=Health,
    summary="Kafka answers and the event topic exists",
    responses=error_responses(503),
)
def ready(publisher: PublisherDep, settings: SettingsDep) -> Health:
    if publisher.is_ready():
        return Health(status="ok", kafka="ok")
    raise ApiError(
        503,
        "event_log_unavailable",
        "Kafka does not answer, or the event topic cannot be created",
        headers={"Retry-After": str(settings.retry_after_s)},
    )
