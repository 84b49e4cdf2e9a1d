"""A small read model to point API checkers at: the seed article's claims and a second
Garma source, applied into a SQLite file (or the database given) by the real projection.

    .venv/bin/python benchmarks/projector/api_fixture.py var/api-check.db
    DATABASE_URL=sqlite:///var/api-check.db SITREP_PROJECTOR_CONSUME=false \\
        .venv/bin/uvicorn --factory sitrep_projector.main:create_app --port 8011
    .venv/bin/schemathesis run http://127.0.0.1:8011/openapi.json --checks all
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tests/support"))

from sitrep_testing.claim_events import second_garma_article, seed_article_events
from sitrep_testing.projector import apply_records

from sitrep_eventlog import encode_event
from sitrep_projector.db import ReadModelStore
from sitrep_projector.ports import ConsumedRecord


def main(path: str) -> None:
    target = Path(path)
    for stale in (target, Path(f"{target}-wal"), Path(f"{target}-shm")):
        stale.unlink(missing_ok=True)
    store = ReadModelStore.from_url(f"sqlite:///{target}")
    store.create_schema()
    events = seed_article_events().events + second_garma_article().events
    records = [
        ConsumedRecord("sitrep.events", 0, n, encode_event(e).value) for n, e in enumerate(events)
    ]
    with store.session() as session:
        apply_records(session, records, "sitrep-projector")
        session.commit()
    store.dispose()
    print(f"sqlite:///{target}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "var/api-check.db")
