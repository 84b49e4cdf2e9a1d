"""Fresh tables for a rebuild, and the one step that puts them in place of the live ones.

On PostgreSQL the rebuild fills a schema of its own and the switch renames schemas in one
transaction; on SQLite it fills a new file that replaces the old one atomically.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import Engine, make_url
from sqlmodel import create_engine

from .store import make_engine

__all__ = ["PREVIOUS_SCHEMA", "REBUILD_SCHEMA", "fresh_tables"]

REBUILD_SCHEMA = "sitrep_rebuild"
PREVIOUS_SCHEMA = "sitrep_previous"


def fresh_tables(url: str) -> tuple[Engine, Callable[[], None]]:
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
