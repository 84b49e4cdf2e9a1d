"""Applying consumed records the way the projector does, for tests: prepare, then apply."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from pathlib import Path

from sqlmodel import Session

from sitrep_projector.ports import ConsumedRecord, DeadLetterSink
from sitrep_projector.projecting import BatchOutcome, apply_batch, prepare_batch
from sitrep_projector.projections import Reference
from sitrep_projector.reference import load_reference

__all__ = ["SEEDS", "apply_records", "seed_reference"]

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
