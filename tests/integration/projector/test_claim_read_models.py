"""Claim events applied to real SQLite and PostgreSQL read models, batch by batch."""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from sitrep_testing.claim_events import (
    ArticleBuilder,
    actor,
    place,
    second_garma_article,
    seed_article_events,
)
from sitrep_testing.databases import BACKENDS, fresh_store
from sitrep_testing.projector import apply_records
from sqlalchemy import select

from sitrep_eventlog import encode_event
from sitrep_projector.db import ReadModelStore
from sitrep_projector.db.bulk import table_of
from sitrep_projector.db.claims import AllegationRow, ControlClaimRow
from sitrep_projector.db.derived import ControlIntervalRow, IncidentRow
from sitrep_projector.ports import ConsumedRecord
from sitrep_schemas import (
    EventEnvelope,
    ParagraphInterpreted,
    ParagraphInterpretedData,
    deterministic_id,
)

GROUP = "test-group"
TOPIC = "sitrep.events"


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[ReadModelStore]:
    with fresh_store(request.param, tmp_path, request) as store:
        yield store


def apply_events(
    store: ReadModelStore, events: Sequence[EventEnvelope], first_offset: int = 0, batch: int = 500
) -> None:
    records = [
        ConsumedRecord(TOPIC, 0, first_offset + n, encode_event(e).value)
        for n, e in enumerate(events)
    ]
    for start in range(0, len(records), batch):
        with store.session() as session:
            apply_records(session, records[start : start + batch], GROUP)
            session.commit()


def current_control(store: ReadModelStore) -> dict[tuple[str, str], ControlIntervalRow]:
    t = table_of(ControlIntervalRow)
    with store.session() as session:
        rows = session.execute(select(ControlIntervalRow).where(t.c.is_current.is_(True)))
        return {(r.place_name or r.place_id, r.part_key): r for r in rows.scalars()}


def incidents(store: ReadModelStore) -> dict[str, IncidentRow]:
    with store.session() as session:
        rows = list(session.execute(select(IncidentRow)).scalars())
    assert len({r.family for r in rows}) == len(rows)
    return {r.family: r for r in rows}


def test_seed_article_claims_give_the_expected_situation(store: ReadModelStore) -> None:
    apply_events(store, seed_article_events().events)
    now = current_control(store)
    fallujah = now[("Fallujah", "")]
    assert fallujah.controller == "isis"
    assert fallujah.state in ("encircled", "contested")
    assert fallujah.challengers == "|iraqi_government|"
    assert now[("Fallujah", "north")].state == "presence"
    assert "iraqi_shia_militias" in now[("Fallujah", "north")].challenger_actors
    zakia = now[("Zakiyah", "")]
    assert (zakia.controller, zakia.state, str(zakia.valid_from)) == (
        "syrian_government",
        "controlled",
        "2016-06-02",
    )
    assert now[("Tabqa", "")].state == "advancing_on"
    assert now[("Tabqa", "")].challengers == "|syrian_government|"
    raqqa = now[("Raqqa", "")]
    assert (raqqa.controller, raqqa.state) == ("isis", "advancing_on")
    assert ("Resafa", "") not in now

    garma = incidents(store)
    assert set(garma) == {"abduction", "killing", "destruction", "looting", "arrest"}
    assert garma["abduction"].abducted_best == 73
    assert garma["killing"].killed_best == 17
    assert all(i.disputed and i.perpetrator == "iraqi_government" for i in garma.values())


def test_second_publisher_raises_sources_and_a_repost_changes_nothing(
    store: ReadModelStore,
) -> None:
    seed = seed_article_events().events
    apply_events(store, seed)
    apply_events(store, second_garma_article().events, first_offset=len(seed))
    garma = incidents(store)
    assert garma["abduction"].source_count == 2
    assert garma["abduction"].publishers == ["Middle East Eye", "Zero Hedge"]
    assert (garma["abduction"].abducted_low, garma["abduction"].abducted_best) == (73, 73)
    assert garma["killing"].killed_high == 17
    before = {k: v.model_dump() for k, v in garma.items()}
    apply_events(store, seed, first_offset=10_000)  # the same article posted again
    assert {k: v.model_dump() for k, v in incidents(store).items()} == before


def test_claim_rows_keep_their_sentence(store: ReadModelStore) -> None:
    apply_events(store, seed_article_events().events)
    with store.session() as session:
        kidnap = session.execute(
            select(AllegationRow).where(table_of(AllegationRow).c.allegation_type == "abduction")
        ).scalar_one()
        assert "kidnapped 73 men" in kidnap.sentence
        assert kidnap.sentence[kidnap.char_start - kidnap.char_start :]  # kept whole
        claims = session.execute(select(ControlClaimRow)).scalars().all()
        assert len(claims) == 9


def test_any_arrival_order_and_batching_gives_the_same_rows(tmp_path: Path) -> None:
    events = seed_article_events().events + second_garma_article().events

    def project(order: list[EventEnvelope], batch: int, name: str) -> tuple[object, object]:
        store = ReadModelStore.from_url(f"sqlite:///{tmp_path / name}")
        store.create_schema()
        apply_events(store, order, batch=batch)
        with store.session() as session:
            control = [
                r.model_dump() for r in session.execute(select(ControlIntervalRow)).scalars()
            ]
            found = [r.model_dump() for r in session.execute(select(IncidentRow)).scalars()]
        store.dispose()
        key = lambda row: str(sorted(row.items()))  # noqa: E731
        return sorted(control, key=key), sorted(found, key=key)

    reference = project(events, 500, "a.db")
    shuffled = list(events)
    random.Random(7).shuffle(shuffled)
    assert project(shuffled, 3, "b.db") == reference


def test_a_newer_extractor_version_supersedes_the_older_reading(store: ReadModelStore) -> None:
    apply_events(store, seed_article_events().events)
    newer = ArticleBuilder(
        url="https://www.zerohedge.com/news/2016-06-05/syrian-army-enters-raqqa-province",
        publisher="Zero Hedge",
        published=seed_article_events().published,
        paragraphs=seed_article_events().paragraphs,
        extractor_version="test-2",
    )
    # test-2 reads paragraph 5 and finds Zakia held by ISIS instead (a deliberately odd reading)
    claim = newer.control(
        5, "Zakia", "capturing", place("zakia"), actor("isis"), "captured", "controlled"
    )
    marker = ParagraphInterpreted(
        id=deterministic_id("interpreted", newer.paragraph_id(5), "test-2"),
        time=newer.recorded_at,
        subject=f"article/{newer.article_id}",
        correlation_id=newer.article_id,
        extractor_version="test-2",
        data=ParagraphInterpretedData(
            article_id=newer.article_id,
            paragraph_id=newer.paragraph_id(5),
            paragraph_index=5,
            claim_ids=(claim.id,),
        ),
    )
    old_marker = ParagraphInterpreted(
        id=deterministic_id("interpreted", newer.paragraph_id(5), "test-1"),
        time=newer.recorded_at,
        subject=f"article/{newer.article_id}",
        correlation_id=newer.article_id,
        extractor_version="test-1",
        data=ParagraphInterpretedData(
            article_id=newer.article_id, paragraph_id=newer.paragraph_id(5), paragraph_index=5
        ),
    )
    apply_events(store, [old_marker, claim, marker], first_offset=1000)
    now = current_control(store)
    assert now[("Zakiyah", "")].controller == "isis"
    assert ("Tabqa", "") not in now, "test-2 found no advance on Tabqa in paragraph 5"
