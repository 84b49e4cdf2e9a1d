"""Applying consumed records the way the projector does, for tests: prepare, then apply."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import cache
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from sqlmodel import Session

from sitrep_eventlog import encode_event
from sitrep_projector.db import ReadModelStore
from sitrep_projector.main import create_app
from sitrep_projector.ports import ConsumedRecord, DeadLetterSink
from sitrep_projector.projecting import BatchOutcome, apply_batch, prepare_batch
from sitrep_projector.projections import Reference
from sitrep_projector.reference import load_reference
from sitrep_projector.settings import ProjectorSettings
from sitrep_schemas import EventEnvelope

__all__ = ["SEEDS", "api_over", "apply_records", "seed_reference"]

SEEDS = Path(__file__).resolve().parents[3] / "seeds"


@cache
def seed_reference() -> Reference:
    """The repository's gazetteer and actor dictionary, read once per test session."""
    return load_reference(SEEDS)


def apply_records(
    session: Session,
    records: Sequence[ConsumedRecord],
    group_id: str,
    dead_letter_sink: DeadLetterSink | None = None,
    refresh_derived: bool = True,
    reference: Reference | None = None,
) -> BatchOutcome:
    batch = prepare_batch(records, reference or seed_reference())
    return apply_batch(session, batch, group_id, dead_letter_sink, refresh_derived)


def api_over(url: str, events: Sequence[EventEnvelope], **settings: Any) -> Iterator[TestClient]:
    """The read API over a fresh read model at `url` holding `events`, projected as the
    consumer would, without a broker."""
    store = ReadModelStore.from_url(url)
    store.create_schema()
    with store.session() as session:
        records = [
            ConsumedRecord("sitrep.events", 0, n, encode_event(e).value)
            for n, e in enumerate(events)
        ]
        apply_records(session, records, "api-test")
        session.commit()
    store.dispose()
    app = create_app(ProjectorSettings(database_url=url, consume=False, **settings))
    with TestClient(app) as client:
        yield client
