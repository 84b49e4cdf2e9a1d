"""Ingesting articles: build them (in the process pool), tell duplicates and revisions apart,
publish each in one Kafka transaction (shared with concurrent articles by group commit).

A single article and a batch take the same path. A batch goes through in windows: at most
`window` build tasks in the pool and a few windows' articles in the producers' queue at once,
so other clients' articles are built and committed between a batch's windows. A task holds
about `chunk_budget_s` of build work at the recent cost per article (see `chunking.py`), at
least `chunk` articles: a handful with extraction, dozens without.
Once the event log fails during a batch, the batch's remaining articles are reported failed
without being tried: each reported outcome is then exact (accepted means committed).
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import Awaitable, Sequence
from concurrent.futures import Future
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal

from sitrep_eventlog import BrokerUnavailable

from .articles import ArticleBody
from .builders import ArticleBuilders, BuildersUnavailable
from .intake import BuiltArticle, Rejection
from .metrics import IngestMetrics
from .publishing import RecordPublisher
from .state import ArticleRegistry, RecordedArticle

__all__ = ["ArticleOutcome", "Ingestor"]

log = logging.getLogger(__name__)

Status = Literal["accepted", "duplicate", "rejected", "failed"]

_PUBLISHING_PER_BUILDING = 4
_MOST_PER_CHUNK = 100  # one submission to the producers: one transaction's share
# With extraction an article may cost 100 times what the last ones did (those were rejected,
# or not English): a chunk then holds at most this many times `chunk` articles.
_MOST_CHUNKS_WHEN_EXTRACTING = 4


@dataclass(frozen=True, slots=True)
class ArticleOutcome:
    status: Status
    article_id: uuid.UUID | None = None
    event_ids: tuple[uuid.UUID, ...] = ()
    paragraphs: int = 0
    claims: int = 0
    revision_of: uuid.UUID | None = None
    language: str | None = None
    extracted: bool | None = None
    rejection: Rejection | None = None  # rejected: why; failed: what went wrong

    @staticmethod
    def failed(code: str, message: str) -> ArticleOutcome:
        return ArticleOutcome("failed", rejection=Rejection(503, code, message))


class Ingestor:
    def __init__(
        self,
        builders: ArticleBuilders,
        publisher: RecordPublisher,
        registry: ArticleRegistry,
        metrics: IngestMetrics,
        *,
        publish_timeout_s: float,
        window: int,
        chunk: int,
        chunk_budget_s: float = 0.25,
    ) -> None:
        self._builders = builders
        self._publisher = publisher
        self._registry = registry
        self._metrics = metrics
        self._publish_timeout_s = publish_timeout_s
        self._window = max(1, window)
        self._chunk = max(1, chunk)
        self._chunk_budget_s = chunk_budget_s
        self._in_flight: dict[uuid.UUID, asyncio.Future[bool]] = {}

    async def ingest(self, article: ArticleBody) -> ArticleOutcome:
        received_at = datetime.now(UTC)
        try:
            [built] = await self._builders.build([article], received_at)
        except BuildersUnavailable as exc:
            return self._count(ArticleOutcome.failed("overloaded", str(exc)))
        [outcome] = await self._publish([built])
        return self._count(outcome)

    async def ingest_batch(self, items: Sequence[ArticleBody | Rejection]) -> list[ArticleOutcome]:
        received_at = datetime.now(UTC)
        outcomes: list[ArticleOutcome | None] = [None] * len(items)
        for n, item in enumerate(items):
            if isinstance(item, Rejection):
                outcomes[n] = self._count(ArticleOutcome("rejected", rejection=item))
        todo = [n for n, item in enumerate(items) if not isinstance(item, Rejection)]
        gate = asyncio.Semaphore(self._window)  # chunks in the pool
        # Chunks built or being built and not yet committed: more than in the pool, so that
        # group commit finds several for one transaction while the next chunks are built.
        publishing = asyncio.Semaphore(self._window * _PUBLISHING_PER_BUILDING)
        broken: list[str] = []  # the first failure of the event log, once there is one
        seen: set[uuid.UUID] = set()  # article ids met earlier in this batch

        async def run(chunk: list[int]) -> None:
            # Holds the publishing slot its caller took: built chunks waiting for a
            # transaction stay bounded.
            try:
                async with gate:
                    if broken:
                        for n in chunk:
                            outcomes[n] = self._count(
                                ArticleOutcome.failed("event_log_unavailable", broken[0])
                            )
                        return
                    try:
                        built = await self._builders.build(
                            [items[n] for n in chunk],  # type: ignore[misc]  # no Rejection left
                            received_at,
                        )
                    except BuildersUnavailable as exc:
                        for n in chunk:
                            outcomes[n] = self._count(ArticleOutcome.failed("overloaded", str(exc)))
                        return
                results = await self._publish(built, seen=seen, broken=broken)
            finally:
                publishing.release()
            for n, outcome in zip(chunk, results, strict=True):
                outcomes[n] = self._count(outcome)

        # Spread over the window at least, so that the batch is built on every worker.
        most = min(_MOST_PER_CHUNK, max(self._chunk, -(-len(todo) // self._window)))
        if self._builders.extract:
            most = min(most, self._chunk * _MOST_CHUNKS_WHEN_EXTRACTING)
        tasks: list[asyncio.Task[None]] = []
        try:
            taken = 0
            while taken < len(todo):
                await publishing.acquire()
                # Sized when its turn comes: the first chunks' cost sizes the later ones.
                size = self._builders.cost.chunk(self._chunk_budget_s, self._chunk, most)
                tasks.append(asyncio.create_task(run(todo[taken : taken + size])))
                taken += size
            await asyncio.gather(*tasks)
        finally:
            for task in tasks:  # the request was cancelled: so are its chunks
                task.cancel()
        self._metrics.batch_items.observe(len(items))
        return [o for o in outcomes if o is not None]

    def _count(self, outcome: ArticleOutcome) -> ArticleOutcome:
        self._metrics.articles.labels(outcome.status).inc()
        return outcome

    async def _publish(
        self,
        built: Sequence[BuiltArticle | Rejection],
        *,
        seen: set[uuid.UUID] | None = None,
        broken: list[str] | None = None,
    ) -> list[ArticleOutcome]:
        """The outcome of each article; the new ones are published together, in one
        submission to the producers (so in one transaction, all or none of them)."""
        decided = [self._decide(b, seen, broken) for b in built]
        fresh = [d for d in decided if isinstance(d, BuiltArticle)]
        waits = [d for d in decided if not isinstance(d, (ArticleOutcome, BuiltArticle))]
        committed, waited = await asyncio.gather(
            self._commit(fresh, broken), asyncio.gather(*waits)
        )
        done, answers = iter(committed), iter(waited)
        outcomes: list[ArticleOutcome] = []
        for d in decided:
            if isinstance(d, ArticleOutcome):
                outcomes.append(d)
            else:
                outcomes.append(next(done) if isinstance(d, BuiltArticle) else next(answers))
        return outcomes

    def _decide(
        self,
        built: BuiltArticle | Rejection,
        seen: set[uuid.UUID] | None,
        broken: list[str] | None,
    ) -> ArticleOutcome | Awaitable[ArticleOutcome] | BuiltArticle:
        """What becomes of one built article: an outcome now, one to wait for (the same
        article is being published), or the article to publish (then held in flight)."""
        if isinstance(built, Rejection):
            return ArticleOutcome("rejected", rejection=built)
        self._metrics.extraction_seconds_per_paragraph.observe(
            built.extraction_s / max(1, built.paragraphs)
        )
        aid = built.article_id
        if seen is not None:
            if aid in seen:  # earlier in this batch: its answer is this one's
                running = self._in_flight.get(aid)
                if running is not None:
                    return self._when_done(
                        running, built, "the same article earlier in the batch failed"
                    )
                if self._registry.committed(aid) is not None:
                    return self._duplicate_of(built)
                return ArticleOutcome.failed(
                    "event_log_unavailable", "the same article earlier in the batch failed"
                )
            seen.add(aid)
        known = self._registry.committed(aid)
        if known is not None:
            return _duplicate(known, built)
        running = self._in_flight.get(aid)
        if running is not None:  # the same article is being published by another request
            return self._when_done(running, built, "the same article failed")
        if broken:
            return ArticleOutcome.failed("event_log_unavailable", broken[0])
        history = self._registry.history(built.document_id)
        if history is not None and history.latest_article_id != aid:
            built = built.as_revision(history.latest_article_id, history.first_article_id)
        self._in_flight[aid] = asyncio.get_running_loop().create_future()
        return built

    async def _when_done(
        self, running: asyncio.Future[bool], built: BuiltArticle, failure: str
    ) -> ArticleOutcome:
        if await asyncio.shield(running):
            return self._duplicate_of(built)
        return ArticleOutcome.failed("event_log_unavailable", failure)

    def _duplicate_of(self, built: BuiltArticle) -> ArticleOutcome:
        known = self._registry.committed(built.article_id)
        if known is not None:
            return _duplicate(known, built)
        return ArticleOutcome(
            "duplicate",
            built.article_id,
            built.event_ids,
            built.paragraphs,
            built.claims,
            language=built.language,
            extracted=built.extracted,
        )

    async def _commit(
        self, articles: Sequence[BuiltArticle], broken: list[str] | None
    ) -> list[ArticleOutcome]:
        if not articles:
            return []
        failure: str | None = "cancelled"
        try:
            failure = await self._publish_together(articles)
        finally:
            for built in articles:
                self._in_flight.pop(built.article_id).set_result(failure is None)
        if failure is not None:
            message = f"the event log is unavailable, nothing was recorded: {failure}"
            if broken is not None and not broken:
                broken.append(message)
            return [ArticleOutcome.failed("event_log_unavailable", message) for _ in articles]
        for built in articles:
            log.info(
                "article recorded: %d paragraphs, %d claims, %d events",
                built.paragraphs,
                built.claims,
                len(built.records),
                extra={"article_id": str(built.article_id)},
            )
        return [
            ArticleOutcome(
                "accepted",
                built.article_id,
                built.event_ids,
                built.paragraphs,
                built.claims,
                revision_of=built.revision_of,
                language=built.language,
                extracted=built.extracted,
            )
            for built in articles
        ]

    async def _publish_together(self, articles: Sequence[BuiltArticle]) -> str | None:
        """Publish the articles' records as one submission; None once they are committed,
        else why not (then none of them is visible)."""
        recorded = [
            (
                b.document_id,
                RecordedArticle(
                    b.article_id,
                    (),
                    b.paragraphs,
                    b.claims,
                    b.revision_of,
                    packed_ids=b.packed_ids,
                ),
            )
            for b in articles
        ]
        registry = self._registry

        def remember(future: Future[None]) -> None:
            # In the producer's thread, before any request hears of the commit; also when the
            # commit lands after the request gave up waiting: a retry is then answered
            # "duplicate" instead of being published a second time.
            if not future.cancelled() and future.exception() is None:
                registry.record_many(recorded)

        try:
            future = self._publisher.submit([r for b in articles for r in b.records])
            future.add_done_callback(remember)
            await asyncio.wait_for(
                asyncio.shield(asyncio.wrap_future(future)), self._publish_timeout_s * 2
            )
        except (BrokerUnavailable, TimeoutError) as exc:
            message = str(exc) or "Kafka did not confirm in time"
            if isinstance(exc, TimeoutError):
                self._metrics.kafka_errors.inc()
            for built in articles:
                log.warning(
                    "article %s not recorded: %s",
                    built.article_id,
                    message,
                    extra={"article_id": str(built.article_id)},
                )
            return message
        return None


def _duplicate(known: RecordedArticle, built: BuiltArticle) -> ArticleOutcome:
    return ArticleOutcome(
        "duplicate",
        known.article_id,
        known.event_ids,
        known.paragraphs,
        known.claims,
        revision_of=known.revision_of,
        language=built.language,
        extracted=built.extracted,
    )
