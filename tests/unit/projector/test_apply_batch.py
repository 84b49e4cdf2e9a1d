"""Applying batches to a real SQLite read model: exactly-once effect, dead letters, positions."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sitrep_testing.extractor import loaded_extractor
from sitrep_testing.projector import apply_records, seed_reference
from sqlalchemy import func, select
from sqlmodel import Session

from sitrep_eventlog import encode_event
from sitrep_ingest.articles import ArticleSubmission
from sitrep_ingest.events import article_events
from sitrep_projector.db import ReadModelStore
from sitrep_projector.db.articles import ArticleRow, ParagraphRow
from sitrep_projector.db.claims import ControlClaimRow
from sitrep_projector.db.dead_letters import DeadLetterRow
from sitrep_projector.db.tracking import ConsumerPosition
from sitrep_projector.ports import ConsumedRecord, DeadLetter, DeadLetterSink
from sitrep_projector.projecting import BatchOutcome, apply_batch, prepare_batch

GROUP = "test-group"
TOPIC = "sitrep.events"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[ReadModelStore]:
    store = ReadModelStore.from_url(f"sqlite:///{tmp_path / 'read.db'}")
    store.create_schema()
    yield store
    store.dispose()


def records_for(
    url: str, text: str, first_offset: int = 0, partition: int = 0
) -> list[ConsumedRecord]:
    events = article_events(
        ArticleSubmission(url=url, text=text), datetime.now(UTC), loaded_extractor()
    ).events
    return [
        ConsumedRecord(TOPIC, partition, first_offset + n, encode_event(e).value)
        for n, e in enumerate(events)
    ]


def count(session: Session, model: type) -> int:
    return int(session.execute(select(func.count()).select_from(model)).scalar_one())


def apply(
    store: ReadModelStore, records: Sequence[ConsumedRecord], sink: DeadLetterSink | None = None
) -> BatchOutcome:
    with store.session() as session:
        outcome = apply_records(session, records, GROUP, sink)
        session.commit()
    return outcome


def test_an_article_and_its_paragraphs_are_projected(store: ReadModelStore) -> None:
    apply(store, records_for("https://e.org/a", "One.\nTwo.\nThree."))
    with store.session() as session:
        assert count(session, ArticleRow) == 1
        assert count(session, ParagraphRow) == 3
        position = session.get(ConsumerPosition, (GROUP, TOPIC, 0))
        assert position is not None
        assert position.next_offset == 1 + 3 * 2  # article, then paragraph + marker each


def test_the_same_article_posted_again_changes_nothing(store: ReadModelStore) -> None:
    first = records_for("https://e.org/a", "One.\nTwo.")
    again = records_for("https://e.org/a", "One.\nTwo.", first_offset=len(first))
    apply(store, first)
    outcome = apply(store, again)
    assert outcome.applied == 0
    assert outcome.duplicates == len(again)
    with store.session() as session:
        assert count(session, ArticleRow) == 1


def test_records_below_the_stored_position_are_skipped(store: ReadModelStore) -> None:
    batch = records_for("https://e.org/a", "One.")
    apply(store, batch)
    outcome = apply(store, batch)  # a redelivery after a crash before Kafka knew
    assert outcome.already_applied == len(batch)


def test_batches_prepared_ahead_of_the_database_skip_what_it_already_holds(
    store: ReadModelStore,
) -> None:
    # The loop decodes and projects the next poll while this one is written, so the
    # prepared batch cannot know yet which of its records are redeliveries or duplicates.
    first = records_for("https://e.org/a", "One.\nTwo.")
    repost = records_for("https://e.org/a", "One.\nTwo.", first_offset=len(first))
    reference = seed_reference()
    prepared = [prepare_batch(b, reference) for b in (first, first, repost)]
    outcomes = []
    for batch in prepared:
        with store.session() as session:
            outcomes.append(apply_batch(session, batch, GROUP))
            session.commit()
    assert [(o.applied, o.already_applied, o.duplicates) for o in outcomes] == [
        (len(first), 0, 0),
        (0, len(first), 0),
        (0, 0, len(repost)),
    ]
    with store.session() as session:
        assert count(session, ArticleRow) == 1
        assert count(session, ParagraphRow) == 2


class RecordingSink:
    def __init__(self) -> None:
        self.letters: list[DeadLetter] = []

    def send(self, letters: Sequence[DeadLetter]) -> None:
        self.letters.extend(letters)


def test_a_poison_record_is_parked_and_the_batch_carries_on(store: ReadModelStore) -> None:
    good = records_for("https://e.org/a", "One.", first_offset=1)
    poison = ConsumedRecord(TOPIC, 0, 0, b'{"type": "sitrep.unknown", "schema_version": 1}')
    sink = RecordingSink()
    apply(store, [poison, *good], sink)
    assert [letter.record.offset for letter in sink.letters] == [0]
    assert "unknown event type" in sink.letters[0].error
    with store.session() as session:
        assert count(session, ArticleRow) == 1
        assert count(session, DeadLetterRow) == 1
        position = session.get(ConsumerPosition, (GROUP, TOPIC, 0))
        assert position is not None and position.next_offset == 1 + len(good)


def test_a_failed_batch_leaves_no_trace(store: ReadModelStore) -> None:
    batch = records_for("https://e.org/a", "One.")

    class BrokenSink:
        def send(self, letters: Sequence[DeadLetter]) -> None:
            raise RuntimeError("dead-letter topic unavailable")

    poison = ConsumedRecord(TOPIC, 0, len(batch), b"not json")
    with store.session() as session, pytest.raises(RuntimeError):
        apply_records(session, [*batch, poison], GROUP, BrokenSink())
    with store.session() as session:
        assert count(session, ArticleRow) == 0
        assert session.get(ConsumerPosition, (GROUP, TOPIC, 0)) is None


def test_a_control_claim_with_no_place_is_applied_and_makes_no_control_row(
    store: ReadModelStore,
) -> None:
    records = records_for(
        "https://e.org/front", "Islamist fighters retreated from the front line on Monday."
    )
    outcome = apply(store, records)
    assert outcome.applied == len(records)
    with store.session() as session:
        assert count(session, DeadLetterRow) == 0
        assert count(session, ControlClaimRow) == 0
        assert count(session, ParagraphRow) == 1
