"""Re-reading the log: grouping by article, what is published, and what a second run skips.

The log here is a list of the events ingest builds (the real extractor over the seed
article); the Kafka reader and publisher are exercised in tests/e2e/test_reinterpret.py.
"""

from __future__ import annotations

import uuid
from collections.abc import Collection, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sitrep_testing.extractor import loaded_extractor, older_extractor

from sitrep_eventlog import BrokerUnavailable
from sitrep_ingest.articles import ArticleBody
from sitrep_ingest.events import ArticleEvents, article_events
from sitrep_ingest.extraction import ClaimEvent
from sitrep_ingest.reinterpretation import (
    ArticleAssembler,
    ReinterpretCounts,
    reinterpret,
    reinterpret_article,
    reinterpret_articles,
    survey,
)
from sitrep_schemas import (
    ArticleIngested,
    ControlClaimed,
    EventEnvelope,
    ParagraphInterpreted,
    ParagraphRecorded,
)

SEED = Path(__file__).parents[3] / "seeds" / "articles" / "000_672c0df4b7590af4.txt"
SECOND = Path(__file__).parents[2] / "e2e" / "articles" / "garma_second_source.txt"
RECEIVED = datetime(2016, 6, 6, 8, 30, tzinfo=UTC)


def ingested_by_older_extractor(path: Path, url: str, publisher: str) -> ArticleEvents:
    body = ArticleBody(
        url=url, publisher=publisher, published_at="2016-06-05", text=path.read_text("utf-8")
    )
    return article_events(body, RECEIVED, older_extractor())


@pytest.fixture(scope="module")
def seed() -> ArticleEvents:
    return ingested_by_older_extractor(SEED, "https://example.org/seed", "Zero Hedge")


@pytest.fixture(scope="module")
def second() -> ArticleEvents:
    return ingested_by_older_extractor(SECOND, "https://example.org/garma", "Middle East Eye")


class ListLog:
    """The log as a list: `events` reads it up to its length when first read."""

    def __init__(self, events: Sequence[EventEnvelope]) -> None:
        self.log = list(events)
        self._end: int | None = None

    def events(self, types: Collection[str]) -> Iterator[EventEnvelope]:
        if self._end is None:
            self._end = len(self.log)
        return (e for e in self.log[: self._end] if e.type in types)


class ListPublisher:
    """Appends each published article to a log, as one transaction would."""

    def __init__(self, log: list[EventEnvelope]) -> None:
        self.log = log
        self.transactions: list[list[EventEnvelope]] = []

    def publish(self, events: Sequence[EventEnvelope]) -> None:
        self.transactions.append(list(events))
        self.log.extend(events)

    def is_ready(self) -> bool:
        return True

    def close(self) -> None:
        pass


def paragraph_of(event: EventEnvelope) -> uuid.UUID:
    if isinstance(event, ParagraphInterpreted):
        return event.data.paragraph_id
    assert isinstance(event, ClaimEvent)
    return event.data.provenance.paragraph_id


def interleaved(*articles: ArticleEvents) -> list[EventEnvelope]:
    """The articles' events taken in turn, as two producers' transactions may land."""
    lists = [list(a.events) for a in articles]
    out: list[EventEnvelope] = []
    while any(lists):
        for events in lists:
            if events:
                out.append(events.pop(0))
    return out


def test_interleaved_articles_are_grouped_each_once_with_paragraphs_in_order(
    seed: ArticleEvents, second: ArticleEvents
) -> None:
    repost = list(seed.events)  # the same article posted again: the same ids
    articles = list(ArticleAssembler().assemble(interleaved(seed, second) + repost))
    assert sorted(a.article_id for a in articles) == sorted([seed.article_id, second.article_id])
    for article in articles:
        source = seed if article.article_id == seed.article_id else second
        ingested = source.events[0]
        assert isinstance(ingested, ArticleIngested)
        assert list(article.paragraphs) == [
            e for e in source.events if isinstance(e, ParagraphRecorded)
        ]
        assert article.recorded_at == RECEIVED
        assert article.publisher == ingested.data.publisher
        assert article.published_at == ingested.data.published_at


def test_an_article_is_given_back_as_soon_as_its_last_paragraph_arrives(
    seed: ArticleEvents,
) -> None:
    assembler = ArticleAssembler()
    recorded = [e for e in seed.events if isinstance(e, ArticleIngested | ParagraphRecorded)]
    assert all(assembler.add(e) is None for e in recorded[:-1])
    article = assembler.add(recorded[-1])
    assert article is not None and len(article.paragraphs) == seed.paragraph_count
    assert assembler.rest() == []


def test_paragraphs_without_their_article_event_are_read_at_the_end_of_the_log(
    seed: ArticleEvents,
) -> None:
    paragraphs = [e for e in seed.events if isinstance(e, ParagraphRecorded)][:3]
    articles = list(ArticleAssembler().assemble(paragraphs))
    assert len(articles) == 1
    assert articles[0].paragraphs == tuple(paragraphs)
    assert (articles[0].publisher, articles[0].published_at) == (None, None)
    assert articles[0].recorded_at == RECEIVED


def test_survey_counts_articles_and_the_paragraphs_one_version_has_read(
    seed: ArticleEvents, second: ArticleEvents
) -> None:
    found = survey(seed.events + second.events, older_extractor().version)
    assert found.articles == {seed.article_id, second.article_id}
    assert len(found.already_read) == seed.paragraph_count + second.paragraph_count
    assert survey(seed.events, loaded_extractor().version).already_read == set()


def test_reading_again_with_the_current_extractor_reproduces_what_ingest_publishes(
    seed: ArticleEvents,
) -> None:
    """Ids, record times and content: re-reading is ingest's own reading, not a look-alike."""
    current = article_events(
        ArticleBody(
            url="https://example.org/seed",
            publisher="Zero Hedge",
            published_at="2016-06-05",
            text=SEED.read_text("utf-8"),
        ),
        RECEIVED,
        loaded_extractor(),
    )
    (article,) = ArticleAssembler().assemble(seed.events)
    again = reinterpret_article(article, loaded_extractor(), already_read=set())
    expected = [e for e in current.events if not isinstance(e, ArticleIngested | ParagraphRecorded)]
    assert [e.model_dump_json() for e in again.events] == [e.model_dump_json() for e in expected]
    assert again.paragraphs == seed.paragraph_count
    assert again.claims == current.claim_count > 0
    assert again.skipped == 0
    assert {e.extractor_version for e in again.events} == {loaded_extractor().version}


def test_paragraphs_already_read_by_the_version_are_skipped_and_the_rest_read_in_context(
    seed: ArticleEvents,
) -> None:
    (article,) = ArticleAssembler().assemble(seed.events)
    full = reinterpret_article(article, loaded_extractor(), already_read=set())
    every = {p.data.paragraph_id for p in article.paragraphs}
    assert reinterpret_article(article, loaded_extractor(), every).events == []
    first = article.paragraphs[0].data.paragraph_id
    rest = reinterpret_article(article, loaded_extractor(), {first})
    assert rest.skipped == 1 and rest.paragraphs == seed.paragraph_count - 1
    # The same events as the full reading, less the first paragraph's.
    assert rest.events == [e for e in full.events if paragraph_of(e) != first]


def test_a_run_publishes_each_article_once_and_a_second_run_nothing(
    seed: ArticleEvents, second: ArticleEvents
) -> None:
    log = ListLog(interleaved(seed, second))
    publisher = ListPublisher(log.log)
    counts = reinterpret(log, loaded_extractor(), publisher, in_flight=2)
    assert len(publisher.transactions) == 2  # one per article
    for transaction in publisher.transactions:
        assert len({e.correlation_id for e in transaction}) == 1
        assert isinstance(transaction[-1], ParagraphInterpreted)
    published = [e for t in publisher.transactions for e in t]
    markers = [e for e in published if isinstance(e, ParagraphInterpreted)]
    assert len(markers) == seed.paragraph_count + second.paragraph_count
    assert (counts.articles, counts.articles_published) == (2, 2)
    assert counts.paragraphs == len(markers) and counts.skipped == 0
    assert counts.claims == len(published) - len(markers)
    assert any(isinstance(e, ControlClaimed) for e in published)  # the older one found none
    assert {e.time for e in published} == {RECEIVED}

    again = ListPublisher(log.log)
    second_counts = reinterpret(ListLog(log.log), loaded_extractor(), again)
    assert again.transactions == []
    assert (second_counts.articles, second_counts.paragraphs, second_counts.claims) == (2, 0, 0)
    assert second_counts.skipped == counts.paragraphs


def test_a_dry_run_counts_what_a_run_would_publish_and_publishes_nothing(
    seed: ArticleEvents, second: ArticleEvents
) -> None:
    events = seed.events + second.events
    dry = reinterpret(ListLog(events), loaded_extractor(), None)
    publisher = ListPublisher(list(events))
    real = reinterpret(ListLog(events), loaded_extractor(), publisher)
    assert dry == real
    progress: list[tuple[int, int]] = []
    reinterpret(
        ListLog(events), loaded_extractor(), None, progress=lambda d, t: progress.append((d, t))
    )
    assert progress == [(1, 2), (2, 2)]


def test_what_the_run_publishes_meanwhile_is_not_read_back(seed: ArticleEvents) -> None:
    """The reader stops where the log ended at the start: the run's own markers come after."""
    log = ListLog(seed.events)
    counts = reinterpret(log, loaded_extractor(), ListPublisher(log.log))
    assert counts.articles == 1 and counts.skipped == 0


class FailingPublisher(ListPublisher):
    """Kafka going away before the second article's transaction commits."""

    def publish(self, events: Sequence[EventEnvelope]) -> None:
        if self.transactions:
            raise BrokerUnavailable("Kafka went away")
        super().publish(events)


def test_a_run_that_fails_half_way_is_finished_by_running_it_again(
    seed: ArticleEvents, second: ArticleEvents
) -> None:
    log = ListLog(seed.events + second.events)
    counts = ReinterpretCounts()
    with pytest.raises(BrokerUnavailable):
        reinterpret(log, loaded_extractor(), FailingPublisher(log.log), in_flight=1, counts=counts)
    assert (counts.articles, counts.paragraphs) == (1, seed.paragraph_count)

    publisher = ListPublisher(log.log)
    again = reinterpret(ListLog(log.log), loaded_extractor(), publisher)
    assert [t[0].correlation_id for t in publisher.transactions] == [second.article_id]
    assert (again.paragraphs, again.skipped) == (second.paragraph_count, seed.paragraph_count)


def test_articles_read_in_one_batch_keep_their_own_record_times() -> None:
    """A batch is parsed together; each article's events are still the ones ingest made."""
    times = [RECEIVED, datetime(2017, 3, 1, 12, 0, tzinfo=UTC)]
    ingested = [
        article_events(
            ArticleBody(url=f"https://example.org/{n}", published_at="2016-06-05", text=text),
            received,
            loaded_extractor(),
        )
        for n, (text, received) in enumerate(
            zip((SEED.read_text("utf-8"), SECOND.read_text("utf-8")), times, strict=True)
        )
    ]
    articles = list(ArticleAssembler().assemble(e for a in ingested for e in a.events))
    batch = reinterpret_articles(articles, loaded_extractor(), already_read=set())
    for done, article in zip(batch, ingested, strict=True):
        expected = [
            e for e in article.events if not isinstance(e, ArticleIngested | ParagraphRecorded)
        ]
        assert [e.model_dump_json() for e in done.events] == [e.model_dump_json() for e in expected]
    assert {e.time for e in batch[1].events} == {times[1]}
