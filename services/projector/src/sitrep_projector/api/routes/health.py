"""Liveness, readiness and the consumer's progress."""

from __future__ import annotations

from fastapi import APIRouter, Response, status

from ...db import DatabaseUnavailable
from ...db.tracking import stored_positions
from ..deps import RunnerStatusDep, SettingsDep, StoreDep
from ..models import ConsumerStatus, Readiness

__all__ = ["router"]

router = APIRouter(tags=["health"])


@router.get("/health/live", summary="The process is up")
def live() -> dict[str, str]:
    return {"status": "ok"}


@router.get(
    "/health/ready",
    response_model=Readiness,
    summary="The read-model database answers; the consumer's state and positions",
    description="Ready means queries can be answered. The consumer may lag or wait for Kafka "
    "meanwhile: its state says so, and the API keeps serving what is already projected.",
    responses={503: {"model": Readiness, "description": "The database is unavailable."}},
)
def ready(
    store: StoreDep, settings: SettingsDep, runner: RunnerStatusDep, response: Response
) -> Readiness:
    consumer = ConsumerStatus.model_validate(runner, from_attributes=True) if runner else None
    try:
        store.ping()
        with store.session() as session:
            positions = stored_positions(session, settings.group_id)
    except DatabaseUnavailable:
        response.status_code = status.HTTP_503_SERVICE_UNAVAILABLE
        response.headers["Retry-After"] = str(settings.retry_after_s)
        return Readiness(status="unavailable", database="unavailable", consumer=consumer)
    return Readiness(
        status="ok",
        database="ok",
        consumer=consumer,
        positions={
            f"{topic}[{partition}]": offset for (topic, partition), offset in positions.items()
        },
    )
