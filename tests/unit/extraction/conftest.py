"""Helpers for the extraction tests: run the extractor over text as ingest would."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from sitrep_testing.extractor import loaded_extractor

from sitrep_ingest.articles import ArticleBody
from sitrep_ingest.events import article_events

ROOT = Path(__file__).resolve().parents[3]
SEED_ARTICLE = ROOT / "seeds" / "articles" / "000_672c0df4b7590af4.txt"
RECORDED_AT = datetime(2016, 6, 6, tzinfo=UTC)


def claims_of(text: str, published: date | None = date(2016, 6, 5)) -> list[dict[str, Any]]:
    body = ArticleBody(text=text, published_at=published)
    events = article_events(body, RECORDED_AT, loaded_extractor()).events
    return [
        e.model_dump(mode="json")
        for e in events
        if e.type.startswith(("sitrep.control", "sitrep.allegation"))
    ]


@pytest.fixture(scope="session")
def seed_claims() -> list[dict[str, Any]]:
    return claims_of(SEED_ARTICLE.read_text(encoding="utf-8"))
