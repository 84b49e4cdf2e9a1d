"""Liveness and readiness probes."""

from __future__ import annotations

from fastapi import APIRouter, Response, status
from pydantic import BaseModel

from ..deps import PublisherDep, SettingsDep

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
    responses={503: {"model": Health, "description": "Kafka is unavailable."}},
)
def ready(publisher: PublisherDep, settings: SettingsDep, response: Response) -> Health:
    if publisher.is_ready():
        return Health(status="ok", kafka="ok")
    response.status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    response.headers["Retry-After"] = str(settings.retry_after_s)
    return Health(status="unavailable", kafka="unavailable")
