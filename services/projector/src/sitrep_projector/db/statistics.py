"""Planner statistics after a refresh that rewrote most of the derived rows.

After a backlog or a rebuild most rows are new: the planner is given their statistics now,
rather than when autovacuum gets to them, or the first list queries may be planned on an
empty table's estimates. The live loop asks for it after the refresh has committed, on a
connection of its own in the background, so that neither the refresh's transaction nor the
next batch waits for it; a rebuild analyses its fresh tables before switching them in.
"""

from __future__ import annotations

import logging
import threading

from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session

from .bulk import is_postgres

__all__ = ["ANALYZE_AFTER", "BackgroundAnalyze", "analyze_read_models"]

log = logging.getLogger(__name__)

ANALYZE_AFTER = 5_000  # places and units refreshed at once
_ANALYZE = text("ANALYZE control_intervals, incidents, incident_members, allegations, places")


def analyze_read_models(session: Session) -> None:
    """Analyse the read models in the session's transaction (PostgreSQL only)."""
    if is_postgres(session):
        session.execute(_ANALYZE)


class BackgroundAnalyze:
    """One ANALYZE at a time, on its own connection, after the caller has committed."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._thread: threading.Thread | None = None

    def request(self) -> None:
        if self._engine.dialect.name != "postgresql":
            return
        if self._thread is not None and self._thread.is_alive():
            return  # the one running reads rows committed before it started: enough
        self._thread = threading.Thread(target=self._run, name="analyze", daemon=True)
        self._thread.start()

    def wait(self, timeout_s: float) -> None:
        if self._thread is not None:
            self._thread.join(timeout_s)

    def _run(self) -> None:
        try:
            with self._engine.connect() as connection:
                connection.execute(_ANALYZE)
                connection.commit()
        except SQLAlchemyError as exc:  # statistics only: autovacuum will do it later
            log.warning("ANALYZE of the read models failed: %s", str(exc).splitlines()[0])
