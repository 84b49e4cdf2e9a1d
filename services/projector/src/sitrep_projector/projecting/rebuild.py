"""Rebuilding every read model from the beginning of the log, then switching over.

The rebuild writes into fresh tables (a new PostgreSQL schema, or a new SQLite file) while
the current ones keep serving the API. When it has applied the log up to where the log
ended at its start, it switches over in one step (`db.switchover`). Positions are recorded
under the live consumer group, so a projector started afterwards resumes where the rebuild
stopped. Run it with the consumer stopped (the projector runs it itself, before consuming,
when it finds an older projection version).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from sqlalchemy.engine import make_url
from sqlmodel import Session, SQLModel

from ..db import ReadModelStore
from ..db.statistics import analyze_read_models
from ..db.switchover import fresh_tables
from ..db.versioning import (
    PROJECTION_VERSION,
    reference_stamp,
    stored_reference,
    stored_version,
    write_version,
)
from ..db.writer import new_stored_facts
from ..ports import ConsumedRecord, DeadLetterSink
from ..projections import Reference
from .batch import apply_batch, refresh_derived_models
from .read_ahead import ReadAhead

__all__ = ["Progress", "RebuildResult", "needs_rebuild", "rebuild"]

log = logging.getLogger(__name__)

Progress = Callable[[int], None]  # called with the number of records read so far


@dataclass(frozen=True)
class RebuildResult:
    records: int
    applied: int
    duplicates: int
    dead_letters: int


def needs_rebuild(store: ReadModelStore, reference: Reference) -> bool:
    """Whether the read models were built by other projection code or reference data."""
    stamp = reference_stamp(reference.fingerprint)
    with store.session() as session:
        version = stored_version(session)
        built_with = stored_reference(session)
    if version is None:
        return False  # nothing built yet
    return version != PROJECTION_VERSION or (built_with is not None and built_with != stamp)


def rebuild(
    database_url: str,
    batches: Iterable[list[ConsumedRecord]],
    group_id: str,
    reference: Reference,
    dead_letter_sink: DeadLetterSink | None = None,
    progress: Progress | None = None,
) -> RebuildResult:
    """Apply `batches` (the whole log) into fresh tables, then switch them in.

    Each batch is read and prepared while the one before it is written (`ReadAhead`).
    """
    engine, switch = fresh_tables(database_url)
    SQLModel.metadata.create_all(engine)
    records = applied = duplicates = dead = 0
    topics: set[str] = set()
    source = iter(batches)
    facts = new_stored_facts()  # of the fresh tables

    def next_batch() -> tuple[list[ConsumedRecord], int] | None:
        batch = next(source, None)
        return None if batch is None else (batch, 0)

    try:
        with ReadAhead(next_batch, reference) as reads:
            for read in reads:
                batch = read.batch
                with Session(engine, expire_on_commit=False) as session:
                    # The derived rows are computed once, at the end, from all the claims.
                    outcome = apply_batch(
                        session,
                        batch,
                        group_id,
                        dead_letter_sink,
                        refresh_derived=False,
                        facts=facts,
                    )
                    session.commit()
                topics |= {p.record.topic for p in batch.records}
                records += len(batch.records)
                applied += outcome.applied
                duplicates += outcome.duplicates
                dead += len(outcome.dead_letters)
                if progress is not None:
                    progress(records)
        with Session(engine) as session:
            refresh_derived_models(session, group_id, topics)
            analyze_read_models(session)
            write_version(session, reference=reference_stamp(reference.fingerprint))
            session.commit()
    except BaseException:
        engine.dispose()
        raise
    if make_url(database_url).get_backend_name() == "postgresql":
        engine.dispose()
    switch()
    log.info("rebuilt read models from %d records (%d events applied)", records, applied)
    return RebuildResult(records, applied, duplicates, dead)
