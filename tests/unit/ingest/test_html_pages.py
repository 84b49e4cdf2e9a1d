"""HTML from three real page layouts gives the same paragraphs as their plain text.

The pages and how their plain text was taken are in tests/fixtures/html/README.md.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sitrep_testing.ingest import InMemoryPublisher, auth, write_keys_file

from sitrep_ingest.articles import split_paragraphs
from sitrep_ingest.intake import read_page
from sitrep_ingest.main import create_app
from sitrep_ingest.settings import IngestSettings

FIXTURES = Path(__file__).parents[2] / "fixtures" / "html"
PAGES = sorted(p.stem for p in FIXTURES.glob("*.html"))


def test_there_are_three_layouts() -> None:
    assert PAGES == [
        "debian-python-policy",
        "debian-users-and-groups",
        "mozilla-firefox-developer-edition",
    ]


@pytest.mark.parametrize("name", PAGES)
def test_the_page_reads_as_its_plain_text(name: str) -> None:
    html = (FIXTURES / f"{name}.html").read_text(encoding="utf-8")
    plain = split_paragraphs((FIXTURES / f"{name}.txt").read_text(encoding="utf-8"))
    assert read_page(html).paragraphs == plain


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    settings = IngestSettings(
        extraction_workers=0,
        api_keys_file=write_keys_file(tmp_path / "keys.json"),
        rate_limit_per_s=0,
        state_path=tmp_path / "ingest-state.sqlite3",
    )
    with TestClient(create_app(settings, publisher=InMemoryPublisher())) as test_client:
        yield test_client


@pytest.mark.parametrize("name", PAGES)
def test_html_and_plain_text_are_the_same_article(client: TestClient, name: str) -> None:
    url = f"https://fixtures.invalid/{name}"
    html = (FIXTURES / f"{name}.html").read_text(encoding="utf-8")
    plain = (FIXTURES / f"{name}.txt").read_text(encoding="utf-8")
    from_html = client.post(
        "/v1/extract", json={"url": url, "content_type": "text/html", "text": html}, headers=auth()
    )
    from_text = client.post("/v1/extract", json={"url": url, "text": plain}, headers=auth())
    assert from_html.status_code == from_text.status_code == 200, from_html.text
    texts = [
        [e["data"]["text"] for e in r.json()["events"] if e["type"] == "sitrep.paragraph.recorded"]
        for r in (from_html, from_text)
    ]
    assert texts[0] == texts[1] == split_paragraphs(plain)
    # The same canonical URL and the same normalised content: the same article.
    assert from_html.json()["article_id"] == from_text.json()["article_id"]
    ingested = json.dumps(from_html.json()["events"][0]["data"])
    assert '"source_format": "text/html"' in ingested
