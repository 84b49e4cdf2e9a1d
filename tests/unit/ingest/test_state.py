"""The state file: what one process wrote, the next one reads; bounds and expiry hold."""

from __future__ import annotations

import time
import uuid
from pathlib import Path

from sitrep_ingest.state import (
    ArticleRegistry,
    IdempotencyStore,
    RecordedArticle,
    StateDatabase,
    StoredResponse,
)
from sitrep_ingest.state import _registry as registry_module


def article(n: int = 0) -> RecordedArticle:
    return RecordedArticle(uuid.uuid4(), tuple(uuid.uuid4() for _ in range(3 + n)), 2, n)


def test_committed_articles_and_documents_outlive_the_process(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite3"
    document = uuid.uuid4()
    first, revised = article(1), article(2)
    database = StateDatabase(path)
    registry = ArticleRegistry(database, "topic-a")
    registry.record(document, first)
    registry.record(document, revised)
    database.close()

    reopened = StateDatabase(path)
    again = ArticleRegistry(reopened, "topic-a")
    found = again.committed(first.article_id)
    assert found is not None
    assert found.event_ids == first.event_ids and found.claims == 1
    history = again.history(document)
    assert history is not None
    assert (history.first_article_id, history.latest_article_id) == (
        first.article_id,
        revised.article_id,
    )
    # Another topic is another log.
    assert ArticleRegistry(reopened, "topic-b").committed(first.article_id) is None


def test_the_registry_keeps_at_most_its_capacity(tmp_path: Path) -> None:
    setattr(registry_module, "_PRUNE_EVERY", 5)  # noqa: B010  # check the bound often
    try:
        registry = ArticleRegistry(StateDatabase(tmp_path / "s.sqlite3"), "t", capacity=10)
        recorded = [article() for _ in range(30)]
        for a in recorded:
            registry.record(None, a)
        kept = [a for a in recorded if registry.committed(a.article_id) is not None]
        assert 10 <= len(kept) <= 15
        assert kept == recorded[-len(kept) :]  # the oldest went first
    finally:
        setattr(registry_module, "_PRUNE_EVERY", 1024)  # noqa: B010


def test_idempotent_answers_outlive_the_process_and_expire(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite3"
    store = IdempotencyStore(StateDatabase(path), ttl_s=60)
    assert store.begin("key-1", "k", "print") is None
    assert store.begin("key-1", "k", "print") == "in_use"
    assert store.begin("key-1", "k", "other") == "reused"
    store.finish("key-1", "k", StoredResponse(202, b"{}", (("Idempotent-Replayed", "true"),)))

    later = IdempotencyStore(StateDatabase(path), ttl_s=60)
    assert later.begin("key-1", "k", "print") == StoredResponse(
        202, b"{}", (("Idempotent-Replayed", "true"),)
    )
    assert later.begin("key-1", "k", "other") == "reused"
    assert later.begin("key-2", "k", "print") is None  # keys are per API key

    short = IdempotencyStore(StateDatabase(tmp_path / "short.sqlite3"), ttl_s=0.05)
    assert short.begin("o", "k", "p") is None
    short.finish("o", "k", StoredResponse(200, b"[]"))
    time.sleep(0.1)
    assert short.begin("o", "k", "p") is None  # expired: runs again


def test_a_released_key_runs_again(tmp_path: Path) -> None:
    store = IdempotencyStore(StateDatabase(":memory:"))
    assert store.begin("o", "k", "p") is None
    store.finish("o", "k", None)  # a 503: not kept
    assert store.begin("o", "k", "p") is None
