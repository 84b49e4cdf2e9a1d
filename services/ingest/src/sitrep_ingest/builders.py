"""Where articles are built (HTML, language, extraction, serialisation): a process pool.

Extraction is CPU work and Python runs one thread of it at a time, so ingest builds articles
in `workers` processes, each with its own `Extractor` loaded once by the pool's initializer
(from the picklable `ExtractorSettings`), and the workers send back the finished records.
With `workers=0` articles are built in a thread of the service process (for tests, and for
measuring what the pool buys).

The pool's queue is first come, first served; a batch hands it at most `window` tasks at a
time (see `service.py`), so a single article never waits behind a whole batch.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import threading
from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from datetime import datetime

import anyio.to_thread

from .articles import ArticleBody
from .extraction import Extractor, ExtractorSettings
from .intake import BuiltArticle, Rejection, build_articles
from .intake._language import warm_up

__all__ = ["ArticleBuilders", "BuildersUnavailable"]

log = logging.getLogger(__name__)

# One per worker process, set by its initializer: a pool's worker has no other way to keep
# what it loaded between tasks.
_worker_extractor: Extractor | None = None


_worker_extracts = True


def _init_worker(settings: ExtractorSettings, extract: bool) -> None:
    global _worker_extractor, _worker_extracts  # noqa: PLW0603  # the worker's own
    _worker_extractor = Extractor.load(settings)
    _worker_extracts = extract
    warm_up()


def _ready() -> bool:
    return _worker_extractor is not None


def _build_all(
    extractor: Extractor,
    articles: Sequence[ArticleBody],
    received_at: datetime,
    require_url: bool,
    extract: bool,
) -> list[BuiltArticle | Rejection]:
    try:  # together: the extractor parses their sentences in one batch
        return build_articles(
            articles, received_at, extractor, require_url=require_url, extract=extract
        )
    except Exception:
        log.exception(
            "building %d articles together failed: building them one by one", len(articles)
        )
    out: list[BuiltArticle | Rejection] = []
    for article in articles:
        try:
            out.extend(
                build_articles(
                    [article], received_at, extractor, require_url=require_url, extract=extract
                )
            )
        except Exception:  # a bug on one article must not fail the others of its batch
            log.exception("building an article failed")
            out.append(Rejection(500, "internal_error", "extraction failed on this article"))
    return out


def _build_in_worker(
    articles: Sequence[ArticleBody], received_at: datetime, require_url: bool
) -> list[BuiltArticle | Rejection]:
    assert _worker_extractor is not None, "the pool's initializer did not run"
    return _build_all(_worker_extractor, articles, received_at, require_url, _worker_extracts)


class BuildersUnavailable(Exception):
    """The pool lost a worker (killed, out of memory); the request can be retried."""


class ArticleBuilders:
    def __init__(
        self,
        settings: ExtractorSettings,
        workers: int,
        extractor: Extractor | None = None,
        extract: bool = True,
    ) -> None:
        self.workers = workers
        self.extract = extract
        self._settings = settings
        self._extractor = extractor
        self._pool: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()

    def start(self) -> None:
        """Start the workers and wait until each has loaded its extractor."""
        if self.workers <= 0:
            if self._extractor is None:
                self._extractor = Extractor.load(self._settings)
            warm_up()
            return
        self._pool = self._new_pool()
        pings = [self._pool.submit(_ready) for _ in range(self.workers)]
        for ping in pings:
            ping.result(timeout=120)

    def _new_pool(self) -> ProcessPoolExecutor:
        # spawn, not fork: the service process runs threads (producers, uvicorn's pool).
        return ProcessPoolExecutor(
            self.workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_init_worker,
            initargs=(self._settings, self.extract),
        )

    async def build(
        self, articles: Sequence[ArticleBody], received_at: datetime, require_url: bool = True
    ) -> list[BuiltArticle | Rejection]:
        if self._pool is None:
            extractor = self._extractor
            assert extractor is not None, "ArticleBuilders.start() was not called"
            return await anyio.to_thread.run_sync(
                _build_all, extractor, list(articles), received_at, require_url, self.extract
            )
        pool = self._pool
        try:
            future: Future[list[BuiltArticle | Rejection]] = pool.submit(
                _build_in_worker, list(articles), received_at, require_url
            )
            return await asyncio.wrap_future(future)
        except BrokenProcessPool as exc:
            self._replace(pool)
            raise BuildersUnavailable("an extraction worker died; retry") from exc

    def _replace(self, broken: ProcessPoolExecutor) -> None:
        with self._lock:
            if self._pool is broken:
                log.error("an extraction worker died: starting a new pool")
                broken.shutdown(wait=False, cancel_futures=True)
                self._pool = self._new_pool()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
