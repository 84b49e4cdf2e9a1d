"""An article ingest recorded without extracting (a language the extractor does not read) says
so in `/v1/articles`, next to articles that were read."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sitrep_testing.claim_events import ArticleBuilder, seed_article_events
from sitrep_testing.databases import BACKENDS, fresh_database
from sitrep_testing.projector import api_over

from sitrep_schemas import ArticleIngested, EventEnvelope

REASON = "language ar: the extractor reads English only"


def _arabic_article() -> list[EventEnvelope]:
    article = ArticleBuilder(
        url="https://example.org/ar/news/1",
        publisher="Example Arabic",
        published=date(2016, 6, 7),
        paragraphs=["سيطرت القوات الحكومية على المدينة يوم الاثنين."],
    )
    events: list[EventEnvelope] = []
    for event in article.events:
        if isinstance(event, ArticleIngested):
            data = event.data.model_copy(
                update={"language": "ar", "extracted": False, "not_extracted_reason": REASON}
            )
            events.append(event.model_copy(update={"data": data}))
        else:
            events.append(event)
    return events


@pytest.fixture(params=BACKENDS)
def client(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[TestClient]:
    with fresh_database(request.param, tmp_path, request) as url:
        yield from api_over(url, [*seed_article_events().events, *_arabic_article()])


def test_an_article_not_extracted_is_flagged_with_its_reason(client: TestClient) -> None:
    items = client.get("/v1/articles").json()["items"]
    by_language = {a["language"]: a for a in items}
    assert by_language["ar"]["extracted"] is False
    assert by_language["ar"]["not_extracted_reason"] == REASON
    assert by_language["en"]["extracted"] is True
    assert by_language["en"]["not_extracted_reason"] is None
    detail = client.get(f"/v1/articles/{by_language['ar']['article_id']}").json()
    assert detail["extracted"] is False
