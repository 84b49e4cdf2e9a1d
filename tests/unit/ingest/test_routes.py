"""The ingest API's answers: 202 after commit, 422 saying what is wrong, 503 with Retry-After."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from sitrep_eventlog import BrokerUnavailable
from sitrep_ingest.main import create_app
from sitrep_ingest.settings import IngestSettings
from sitrep_schemas import EventEnvelope

SEED = Path(__file__).parents[3] / "seeds" / "articles" / "000_672c0df4b7590af4.txt"


class InMemoryPublisher:
    """A fake event log for route tests; integration tests use the real broker."""

    def __init__(self) -> None:
        self.published: list[list[EventEnvelope]] = []
        self.down = False

    def publish(self, events: Sequence[EventEnvelope]) -> None:
        if self.down:
            raise BrokerUnavailable("no broker")
        self.published.append(list(events))

    def is_ready(self) -> bool:
        return not self.down

    def close(self) -> None:
        pass


@pytest.fixture
def publisher() -> InMemoryPublisher:
    return InMemoryPublisher()


@pytest.fixture
def client(publisher: InMemoryPublisher) -> Iterator[TestClient]:
    app = create_app(IngestSettings(retry_after_s=7), publisher=publisher)
    with TestClient(app) as test_client:
        yield test_client


def seed_body() -> dict[str, str]:
    return {
        "url": "https://www.zerohedge.com/news/2016-06-05/fallujah-raqqa",
        "publisher": "Zero Hedge",
        "published_at": "2016-06-05",
        "text": SEED.read_text(encoding="utf-8"),
    }


def test_an_article_is_accepted_once_published(
    client: TestClient, publisher: InMemoryPublisher
) -> None:
    response = client.post("/v1/articles", json=seed_body())
    assert response.status_code == 202
    body = response.json()
    assert body["paragraphs"] == 14
    assert [str(e.id) for e in publisher.published[0]] == body["event_ids"]


def test_invalid_bodies_get_a_422_naming_the_field(client: TestClient) -> None:
    response = client.post("/v1/articles", json={"url": "https://e.org", "text": "x", "colour": 1})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "colour"]
    response = client.post("/v1/articles", json={"url": "https://e.org", "published_at": "June"})
    assert response.status_code == 422
    assert all(d["loc"][:2] == ["body", "published_at"] for d in response.json()["detail"])
    response = client.post(
        "/v1/articles", content=b"{not json", headers={"content-type": "application/json"}
    )
    assert response.status_code == 422


def test_broker_down_gives_503_with_retry_after(
    client: TestClient, publisher: InMemoryPublisher
) -> None:
    publisher.down = True
    response = client.post("/v1/articles", json=seed_body())
    assert response.status_code == 503
    assert response.headers["retry-after"] == "7"
    assert "nothing was recorded" in response.json()["detail"]
    ready = client.get("/health/ready")
    assert ready.status_code == 503


def test_dry_run_returns_events_without_publishing(
    client: TestClient, publisher: InMemoryPublisher
) -> None:
    response = client.post("/v1/extract", json={"text": "Troops entered the town."})
    assert response.status_code == 200
    assert response.json()["events"][0]["type"] == "sitrep.article.ingested"
    assert publisher.published == []


def test_openapi_documents_the_article_example(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    article = schema["components"]["schemas"]["ArticleSubmission"]
    assert article["examples"][0]["publisher"] == "Zero Hedge"
    assert "503" in schema["paths"]["/v1/articles"]["post"]["responses"]
