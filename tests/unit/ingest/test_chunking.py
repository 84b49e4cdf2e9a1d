"""A batch's chunks hold about a fixed amount of build work, never fewer than the least."""

from __future__ import annotations

from sitrep_ingest.chunking import BuildCost


def test_before_any_build_a_chunk_holds_the_least() -> None:
    assert BuildCost().chunk(0.25, 8, 100) == 8


def test_cheap_articles_go_in_large_chunks_and_costly_ones_in_small() -> None:
    cheap = BuildCost()
    cheap.observe(0.02, 10)  # 2 ms an article: without extraction
    assert cheap.chunk(0.25, 8, 100) == 100
    assert cheap.chunk(0.1, 8, 100) == 50
    costly = BuildCost()
    costly.observe(0.8, 4)  # 200 ms an article: with extraction
    assert costly.chunk(0.25, 8, 100) == 8


def test_the_estimate_falls_slowly_to_the_recent_cost() -> None:
    cost = BuildCost()
    cost.observe(0.2, 1)
    cost.observe(0.002, 1)
    assert cost.chunk(0.25, 8, 64) == 8  # one cheap chunk is not enough
    for _ in range(20):
        cost.observe(0.002, 1)
    per_article = cost.per_article_s
    assert per_article is not None and per_article < 0.003
    assert cost.chunk(0.25, 8, 64) == 64


def test_the_estimate_rises_at_once() -> None:
    cost = BuildCost()
    for _ in range(20):
        cost.observe(0.002, 1)
    cost.observe(1.6, 8)  # 200 ms an article: extraction after rejections
    assert cost.per_article_s == 0.2
    assert cost.chunk(0.25, 8, 64) == 8


def test_nothing_built_tells_nothing() -> None:
    cost = BuildCost()
    cost.observe(0.5, 0)
    assert cost.per_article_s is None
