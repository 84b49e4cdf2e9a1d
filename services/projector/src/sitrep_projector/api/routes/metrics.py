"""Prometheus metrics: the consumer's progress and the dead letters it parked."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import PlainTextResponse

from ..deps import RunnerStatusDep, SessionDep
from ..queries.dead_letters import dead_letter_count

__all__ = ["router"]

router = APIRouter(tags=["operations"])


@router.get(
    "/metrics",
    response_class=PlainTextResponse,
    summary="Prometheus text exposition",
    description="`sitrep_projector_dead_letters` counts the dead letters stored in the read "
    "model (all instances); the `_total` counters are this process's since start.",
)
def metrics(session: SessionDep, runner: RunnerStatusDep) -> str:
    stored = dead_letter_count(session)
    lines = [
        "# HELP sitrep_projector_dead_letters Events parked on the dead-letter topic.",
        "# TYPE sitrep_projector_dead_letters gauge",
        f"sitrep_projector_dead_letters {stored}",
    ]
    if runner is not None:
        for name, value, text in (
            ("events_applied_total", runner.events_applied, "Events applied."),
            ("duplicates_skipped_total", runner.duplicates_skipped, "Duplicate events skipped."),
            ("dead_letters_total", runner.dead_letters, "Events sent to the dead letters."),
            ("batches_total", runner.batches, "Batches committed."),
            (
                "refresh_seconds_total",
                round(runner.refresh_seconds, 3),
                "Seconds spent refreshing control timelines and incidents.",
            ),
        ):
            lines += [
                f"# HELP sitrep_projector_{name} {text}",
                f"# TYPE sitrep_projector_{name} counter",
                f"sitrep_projector_{name} {value}",
            ]
    return "\n".join(lines) + "\n"
