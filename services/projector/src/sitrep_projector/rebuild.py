"""Rebuilding every read model from the beginning of the log, then switching over.

The rebuild writes into fresh tables (a new PostgreSQL schema, or a new SQLite file) while
the current ones keep serving the API. When it has applied the log up to where the log
ended at its start, it switches over in one step: on PostgreSQL the schemas are renamed in
one transaction, on SQLite the new file replaces the old one. Positions are recorded under
the live consumer group, so a projector started afterwards resumes where the rebuild
stopped. Run it with the consumer stopped (the projector runs it itself, before consuming,
when it finds an older projection version).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import Engine, make_url
from sqlmodel import Session, SQLModel, create_engine

from .apply import (
    ConsumedRecord,
    DeadLetterSink,
    PreparedBatch,
    apply_batch,
    prepare_batch,
    refresh_derived_models,
)
from .db import ReadModelStore, make_engine
from .db.versioning import (
    PROJECTION_VERSION,
    reference_stamp,
    stored_reference,
    stored_version,
    write_version,
)
from .projections import Reference
from .reference import default_reference

__all__ = ["RebuildResult", "needs_rebuild", "rebuild"]

log = logging.getLogger(__name__)

REBUILD_SCHEMA = "sitrep_rebuild"
PREVIOUS_SCHEMA = "sitrep_previous"

Progress = Callable[[int], None]  # called with the number of records read so far


@dataclass(frozen=True)
class RebuildResult:
    records: int
    applied: int
    duplicates: int
    dead_letters: int


def needs_rebuild(store: ReadModelStore, reference: Reference | None = None) -> bool:
    """Whether the read models were built by other projection code or reference data."""
    stamp = reference_stamp((reference or default_reference()).fingerprint)
    with store.session() as session:
        version = stored_version(session)
        built_with = stored_reference(session)
    if version is None:
        return False  # nothing built yet
    return version != PROJECTION_VERSION or (built_with is not None and built_with != stamp)


def _target_engine(url: str) -> tuple[Engine, Callable[[], None]]:
    """An engine on fresh, empty tables, and the function that switches them in."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "postgresql":
        admin = create_engine(url, isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text(f"DROP SCHEMA IF EXISTS {REBUILD_SCHEMA} CASCADE"))
            connection.execute(text(f"CREATE SCHEMA {REBUILD_SCHEMA}"))
        engine = create_engine(
            url, connect_args={"options": f"-csearch_path={REBUILD_SCHEMA}"}, pool_size=2
        )

        def switch_postgres() -> None:
            # DDL is transactional in PostgreSQL: readers see the old tables or the new ones.
            with admin.begin() as connection:
                connection.execute(text(f"DROP SCHEMA IF EXISTS {PREVIOUS_SCHEMA} CASCADE"))
                connection.execute(text(f"ALTER SCHEMA public RENAME TO {PREVIOUS_SCHEMA}"))
                connection.execute(text(f"ALTER SCHEMA {REBUILD_SCHEMA} RENAME TO public"))
            admin.dispose()

        return engine, switch_postgres
    live = Path(parsed.database or "")
    fresh = live.with_name(live.name + ".rebuild")
    for stale in (fresh, Path(f"{fresh}-wal"), Path(f"{fresh}-shm")):
        stale.unlink(missing_ok=True)
    engine = make_engine(parsed.set(database=str(fresh)).render_as_string(hide_password=False))

    def switch_sqlite() -> None:
        with engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        engine.dispose()
        os.replace(fresh, live)  # atomic on one file system
        for leftover in (Path(f"{live}-wal"), Path(f"{live}-shm")):
            leftover.unlink(missing_ok=True)

    return engine, switch_sqlite


def _prepared_ahead(
    batches: Iterable[list[ConsumedRecord]], reference: Reference
) -> Iterator[PreparedBatch]:
    """The batches, each read and prepared in a worker thread while the one before it is
    written (as the projector's loop does): PostgreSQL's share of a batch overlaps the
    Python work of the next. One thread, so the batches' source (a Kafka consumer) is only
    ever used from one thread."""
    source = iter(batches)

    def next_prepared() -> PreparedBatch | None:
        batch = next(source, None)
        return None if batch is None else prepare_batch(batch, reference)

    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="rebuild-read") as worker:
        ahead = worker.submit(next_prepared)
        while (prepared := ahead.result()) is not None:
            ahead = worker.submit(next_prepared)
            yield prepared


def rebuild(
    database_url: str,
    batches: Iterable[list[ConsumedRecord]],
    group_id: str,
    dead_letter_sink: DeadLetterSink | None = None,
    progress: Progress | None = None,
    reference: Reference | None = None,
) -> RebuildResult:
    reference = reference or default_reference()
    engine, switch = _target_engine(database_url)
    SQLModel.metadata.create_all(engine)
    records = applied = duplicates = dead = 0
    topics: set[str] = set()
    try:
        for batch in _prepared_ahead(batches, reference):
            with Session(engine, expire_on_commit=False) as session:
                # The derived rows are computed once, at the end, from all the claims.
                outcome = apply_batch(
                    session,
                    batch,
                    group_id,
                    dead_letter_sink,
                    refresh_derived=False,
                    reference=reference,
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
