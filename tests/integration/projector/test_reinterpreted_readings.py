"""A newer extractor's reading of a paragraph supersedes the older one from the first batch
that brings any of it, not only once its marker arrives.

`sitrep reinterpret` publishes up to 128 articles in one transaction, far more records than
one poll (`SITREP_PROJECTOR_MAX_POLL_RECORDS`), so a batch often ends between a paragraph's
new claims and its `ParagraphInterpreted` marker. The read models between those two batches
must not count an allegation twice, once per reading.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sitrep_testing.databases import BACKENDS, fresh_store
from sitrep_testing.extractor import loaded_extractor, older_extractor
from sitrep_testing.projector import apply_records
from sqlalchemy import select

from sitrep_eventlog import encode_event
from sitrep_ingest.articles import ArticleBody
from sitrep_ingest.events import article_events
from sitrep_ingest.reinterpretation import ArticleAssembler, reinterpret_article
from sitrep_projector.db import ReadModelStore
from sitrep_projector.db.bulk import table_of
from sitrep_projector.db.claims import AllegationRow
from sitrep_projector.db.derived import IncidentMemberRow, IncidentRow
from sitrep_projector.ports import ConsumedRecord
from sitrep_schemas import EventEnvelope, ParagraphInterpreted

GROUP = "test-group"
TOPIC = "sitrep.events"
SEED = Path(__file__).parents[3] / "seeds" / "articles" / "000_672c0df4b7590af4.txt"


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[ReadModelStore]:
    with fresh_store(request.param, tmp_path, request) as store:
        yield store


def apply(store: ReadModelStore, events: Sequence[EventEnvelope], first_offset: int) -> int:
    records = [
        ConsumedRecord(TOPIC, 0, first_offset + n, encode_event(e).value)
        for n, e in enumerate(events)
    ]
    with store.session() as session:
        apply_records(session, records, GROUP)
        session.commit()
    return first_offset + len(records)


def live_allegations(store: ReadModelStore) -> set[str]:
    t = table_of(AllegationRow)
    with store.session() as session:
        return {
            str(i)
            for i in session.execute(
                select(t.c.event_id).where(t.c.superseded.is_(False))
            ).scalars()
        }


def incident_members(store: ReadModelStore) -> tuple[set[str], dict[str, int | None]]:
    with store.session() as session:
        members = {
            str(m.allegation_event_id) for m in session.execute(select(IncidentMemberRow)).scalars()
        }
        abducted = {
            r.family: r.abducted_best for r in session.execute(select(IncidentRow)).scalars()
        }
    return members, abducted


def test_claims_of_a_newer_reading_supersede_the_older_before_their_marker_arrives(
    store: ReadModelStore,
) -> None:
    body = ArticleBody(
        url="https://example.org/seed", published_at="2016-06-05", text=SEED.read_text("utf-8")
    )
    older = article_events(body, datetime(2016, 6, 6, tzinfo=UTC), older_extractor())
    offset = apply(store, older.events, 0)
    older_ids = {str(e.id) for e in older.events if e.type == "sitrep.allegation.reported"}
    assert live_allegations(store) == older_ids
    _, abducted_before = incident_members(store)

    (article,) = ArticleAssembler().assemble(older.events)
    newer = reinterpret_article(article, loaded_extractor(), already_read=set()).events
    claims = [e for e in newer if not isinstance(e, ParagraphInterpreted)]
    markers = [e for e in newer if isinstance(e, ParagraphInterpreted)]
    newer_ids = {str(e.id) for e in claims if e.type == "sitrep.allegation.reported"}

    # A poll that ends after the new claims, before their markers.
    offset = apply(store, claims, offset)
    assert live_allegations(store) == newer_ids
    members, abducted = incident_members(store)
    assert members <= newer_ids
    assert abducted == abducted_before  # 73 abducted, not 146

    apply(store, markers, offset)
    assert live_allegations(store) == newer_ids
    assert incident_members(store) == (members, abducted)
