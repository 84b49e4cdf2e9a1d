"""Places and actors already stored are not sent again, and only committed ones count."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sitrep_testing.claim_events import ArticleBuilder, actor, place
from sitrep_testing.databases import BACKENDS, fresh_store
from sitrep_testing.projector import seed_reference
from sqlalchemy import func, select

from sitrep_eventlog import encode_event
from sitrep_projector.db import ReadModelStore
from sitrep_projector.db.places import ActorRow, PlaceRow
from sitrep_projector.db.writer import new_stored_facts
from sitrep_projector.ports import ConsumedRecord
from sitrep_projector.projecting import apply_batch, prepare_batch

GROUP = "test-group"
FALLUJAH = place("fallujah").place_id


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[ReadModelStore]:
    with fresh_store(request.param, tmp_path, request) as store:
        yield store


def article(n: int) -> list[ConsumedRecord]:
    builder = ArticleBuilder(
        url=f"https://news.example/{n}",
        publisher="Example News",
        published=date(2016, 6, n),
        paragraphs=[f"Government forces captured Fallujah on day {n}."],
    )
    sentence = builder.paragraphs[0]
    builder.control(
        0, sentence, "captured", place("fallujah"), actor("isf"), "captured", "controlled"
    )
    return [
        ConsumedRecord("t", 0, 100 * n + i, encode_event(e).value)
        for i, e in enumerate(builder.events)
    ]


def test_a_place_stored_by_an_earlier_batch_is_not_sent_again(store: ReadModelStore) -> None:
    facts, reference = new_stored_facts(), seed_reference()
    for n in (1, 2):
        with store.session() as session:
            apply_batch(session, prepare_batch(article(n), reference), GROUP, facts=facts)
            session.commit()
        assert facts.unsent(PlaceRow, {FALLUJAH: ()}) == {}
    with store.session() as session:
        assert session.execute(select(func.count()).select_from(PlaceRow)).scalar_one() == 1
        assert session.execute(select(func.count()).select_from(ActorRow)).scalar_one() == 1


def test_what_a_rolled_back_batch_wrote_is_written_by_the_next(store: ReadModelStore) -> None:
    facts, reference = new_stored_facts(), seed_reference()
    with store.session() as session:
        apply_batch(session, prepare_batch(article(1), reference), GROUP, facts=facts)
        session.rollback()  # the database went away before the commit, say
    assert facts.unsent(PlaceRow, {FALLUJAH: ()}) != {}
    with store.session() as session:
        apply_batch(session, prepare_batch(article(1), reference), GROUP, facts=facts)
        session.commit()
    with store.session() as session:
        assert session.get(PlaceRow, FALLUJAH) is not None
        assert session.execute(select(func.count()).select_from(ActorRow)).scalar_one() == 1
