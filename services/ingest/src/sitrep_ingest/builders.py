"""Where articles are built (HTML, language, extraction, serialisation): a process pool.

Extraction is CPU work and Python runs one thread of it at a time, so ingest builds articles
in `workers` processes, each with its own `Extractor` loaded once by the pool's initializer
(from the picklable `ExtractorSettings`), and the workers send back the finished records.
With `workers=0` articles are built in a thread of the service process (for tests, and for
measuring what the pool buys).

The pool's queue is first come, first served; a batch hands it at most `window` tasks at a
time (see `service.py`), so a single article never waits behind a whole batch.

Loading takes seconds (each worker imports spaCy and loads its extractor), so the app starts
the workers in the background (`start_in_background`) and serves at once: `/health/ready`
says "loading" meanwhile, and an article that needs a worker waits for the load. This module
imports the extractor only where it builds: the service process of a pool never loads it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import multiprocessing
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from datetime import datetime
from typing import TYPE_CHECKING, Literal

import anyio.to_thread

from .articles import ArticleBody
from .chunking import BuildCost
from .intake import BuiltArticle, Rejection

if TYPE_CHECKING:
    from .extraction import Extractor, ExtractorSettings

__all__ = ["ArticleBuilders", "BuildersUnavailable"]

LoadState = Literal["loading", "ready", "failed"]

# The modules a worker needs, imported once by the fork server: each worker then starts as a
# fork of it instead of importing spaCy and the rules again (about 2 s of CPU a worker).
_PRELOAD = ["sitrep_ingest.extraction", "sitrep_ingest.events", "sitrep_ingest.intake._pages"]

log = logging.getLogger(__name__)

# One per worker process, set by its initializer: a pool's worker has no other way to keep
# what it loaded between tasks.
_worker_extractor: Extractor | None = None


_worker_extracts = True


def _load(settings: ExtractorSettings) -> Extractor:
    from .extraction import Extractor  # noqa: PLC0415  # only where articles are built
    from .intake._language import warm_up  # noqa: PLC0415

    extractor = Extractor.load(settings)
    warm_up()
    return extractor


def _init_worker(settings: Callable[[], ExtractorSettings], extract: bool) -> None:
    global _worker_extractor, _worker_extracts  # noqa: PLW0603  # the worker's own
    _worker_extractor = _load(settings())
    _worker_extracts = extract


def _ready() -> bool:
    return _worker_extractor is not None


def _build_all(
    extractor: Extractor,
    articles: Sequence[ArticleBody],
    received_at: datetime,
    require_url: bool,
    extract: bool,
) -> list[BuiltArticle | Rejection]:
    from .intake import build_articles  # noqa: PLC0415  # imports the extractor's modules

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


_Timed = tuple[list[BuiltArticle | Rejection], float]


def _timed_build(
    extractor: Extractor,
    articles: Sequence[ArticleBody],
    received_at: datetime,
    require_url: bool,
    extract: bool,
) -> _Timed:
    """The built articles and the seconds building took (without the wait for a worker)."""
    started = time.perf_counter()
    built = _build_all(extractor, articles, received_at, require_url, extract)
    return built, time.perf_counter() - started


def _build_in_worker(
    articles: Sequence[ArticleBody], received_at: datetime, require_url: bool
) -> _Timed:
    assert _worker_extractor is not None, "the pool's initializer did not run"
    return _timed_build(_worker_extractor, articles, received_at, require_url, _worker_extracts)


class BuildersUnavailable(Exception):
    """The pool lost a worker (killed, out of memory), or has not loaded in time, or failed
    to load; the request can be retried."""


class ArticleBuilders:
    """`settings` makes the extractor's settings where the extractor loads (a worker, or the
    loading thread): making them imports the extraction package, spaCy and all, which the
    service process of a pool never needs. It is pickled to the workers."""

    def __init__(
        self,
        settings: Callable[[], ExtractorSettings],
        workers: int,
        extractor: Extractor | None = None,
        extract: bool = True,
        load_timeout_s: float = 120.0,
    ) -> None:
        self.workers = workers
        self.extract = extract
        self.load_timeout_s = load_timeout_s
        self.loaded_in_s: float | None = None
        self.cost = BuildCost()  # what an article has cost to build lately
        self._settings = settings
        self._extractor = extractor
        self._pool: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()
        self._loaded = threading.Event()
        self._failure: str | None = None
        self._waiters: list[tuple[asyncio.AbstractEventLoop, asyncio.Future[None]]] = []
        self._loader: threading.Thread | None = None

    @property
    def state(self) -> LoadState:
        if not self._loaded.is_set():
            return "loading"
        return "failed" if self._failure is not None else "ready"

    def start(self) -> None:
        """Start the workers and wait until each has loaded its extractor."""
        started = time.monotonic()
        try:
            if self.workers <= 0:
                if self._extractor is None:
                    self._extractor = _load(self._settings())
            else:
                self._pool = self._new_pool()
                pings = [self._pool.submit(_ready) for _ in range(self.workers)]
                for ping in pings:
                    ping.result(timeout=self.load_timeout_s)
            self.loaded_in_s = time.monotonic() - started
            log.info("extraction loaded in %.1f s (%d workers)", self.loaded_in_s, self.workers)
        except BaseException as exc:
            self._failure = f"the extraction workers did not load: {exc!r}"
            log.exception("the extraction workers did not load")
            raise
        finally:
            self._loaded.set()
            self._wake()

    def start_in_background(self) -> threading.Thread:
        """Load in a thread; `build` waits for it. Returns the thread (joined by `close`)."""
        thread = threading.Thread(target=self._start_quietly, name="builders-load", daemon=True)
        thread.start()
        self._loader = thread
        return thread

    def _start_quietly(self) -> None:
        with contextlib.suppress(BaseException):  # logged by `start` and kept in `state`
            self.start()

    def _wake(self) -> None:
        with self._lock:
            waiters, self._waiters = self._waiters, []
        for loop, future in waiters:
            loop.call_soon_threadsafe(_settle, future)

    async def _until_loaded(self) -> None:
        if not self._loaded.is_set():
            loop = asyncio.get_running_loop()
            future: asyncio.Future[None] = loop.create_future()
            with self._lock:
                self._waiters.append((loop, future))
            if self._loaded.is_set():  # loaded between the check and the append
                _settle(future)
            try:
                await asyncio.wait_for(future, self.load_timeout_s)
            except TimeoutError:
                raise BuildersUnavailable("the extraction workers are still loading") from None
        if self._failure is not None:
            raise BuildersUnavailable(self._failure)

    def _new_pool(self) -> ProcessPoolExecutor:
        # Not a plain fork: the service process runs threads (producers, uvicorn's pool). The
        # fork server is a fresh single-threaded process that imports the heavy modules once.
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(_PRELOAD)
        return ProcessPoolExecutor(
            self.workers,
            mp_context=context,
            initializer=_init_worker,
            initargs=(self._settings, self.extract),
        )

    async def build(
        self, articles: Sequence[ArticleBody], received_at: datetime, require_url: bool = True
    ) -> list[BuiltArticle | Rejection]:
        await self._until_loaded()
        if self._pool is None:
            extractor = self._extractor
            assert extractor is not None, "ArticleBuilders.start() was not called"
            built, took = await anyio.to_thread.run_sync(
                _timed_build, extractor, list(articles), received_at, require_url, self.extract
            )
        else:
            pool = self._pool
            try:
                future: Future[_Timed] = pool.submit(
                    _build_in_worker, list(articles), received_at, require_url
                )
                built, took = await asyncio.wrap_future(future)
            except BrokenProcessPool as exc:
                self._replace(pool)
                raise BuildersUnavailable("an extraction worker died; retry") from exc
        self.cost.observe(took, len(built))
        return built

    def _replace(self, broken: ProcessPoolExecutor) -> None:
        with self._lock:
            if self._pool is broken:
                log.error("an extraction worker died: starting a new pool")
                broken.shutdown(wait=False, cancel_futures=True)
                self._pool = self._new_pool()

    def close(self) -> None:
        if self._loader is not None:  # a pool being made is shut down once it is made
            self._loader.join(timeout=self.load_timeout_s)
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


def _settle(future: asyncio.Future[None]) -> None:
    if not future.done():
        future.set_result(None)
