"""A scraper that retries every request three times leaves one copy of each article.

Both services as processes on the real broker and PostgreSQL. The first request of each
article goes through a proxy that passes it to ingest whole and drops the answer, so the
client times out after ingest committed (the test waits until the article is in the log).
The three retries then go to the same ingest (answered "duplicate" from what it committed),
to a restarted ingest (answered "duplicate" again: its state file remembers), and to an
ingest with an empty state file, as one on another host would be (published again with the
same ids, which the projector drops).
"""

from __future__ import annotations

import contextlib
import socket
import threading
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from sitrep_testing.databases import checksums_of
from sitrep_testing.ingest import committed_events
from sitrep_testing.stack import Stack, running_stack
from sitrep_testing.waiting import wait_for

from sitrep_ingest.articles import ArticleSubmission
from sitrep_ingest.intake import prepare

pytestmark = [pytest.mark.kafka, pytest.mark.postgres, pytest.mark.slow]

SEED = Path(__file__).parents[2] / "seeds" / "articles" / "000_672c0df4b7590af4.txt"


@pytest.fixture
def stack(kafka_bootstrap: str, database_url: str, tmp_path: Path) -> Iterator[Stack]:
    with running_stack(kafka_bootstrap, database_url, tmp_path / "logs") as running:
        yield running


class AnswerDroppingProxy:
    """Passes requests to ingest whole and throws its answers away: what a client sees when
    the network drops the response, or the client stops waiting just after the commit."""

    def __init__(self, host: str, port: int) -> None:
        self._target = (host, port)
        self._server = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self._server.getsockname()[1]}"
        self._threads: list[threading.Thread] = []

    def __enter__(self) -> AnswerDroppingProxy:
        accepting = threading.Thread(target=self._accept, daemon=True)
        accepting.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._server.close()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self._server.accept()
            except OSError:  # closed
                return
            upstream = socket.create_connection(self._target)
            for source, sink in ((client, upstream), (upstream, None)):
                thread = threading.Thread(target=self._pump, args=(source, sink), daemon=True)
                thread.start()
                self._threads.append(thread)

    @staticmethod
    def _pump(source: socket.socket, sink: socket.socket | None) -> None:
        with contextlib.suppress(OSError):
            while chunk := source.recv(65536):
                if sink is not None:
                    sink.sendall(chunk)


def bodies(count: int) -> list[dict[str, Any]]:
    text = SEED.read_text(encoding="utf-8")
    return [
        {
            "url": f"https://www.zerohedge.com/news/2016-06-05/fallujah-raqqa?copy={n}",
            "publisher": "Zero Hedge",
            "published_at": "2016-06-05",
            "text": f"{text}\nDispatch number {n}.",
        }
        for n in range(count)
    ]


def test_three_retries_including_a_timeout_after_commit_leave_one_copy(stack: Stack) -> None:
    articles = bodies(3)
    expected = [str(prepare(ArticleSubmission.model_validate(b)).article_id) for b in articles]
    url = f"{stack.ingest.url}/v1/articles"
    answers: list[list[int]] = [[] for _ in articles]
    with AnswerDroppingProxy(stack.ingest.host, stack.ingest.port) as proxy:
        for body in articles:
            with pytest.raises(httpx.TimeoutException):
                # The whole request reaches ingest, which answers; the answer never comes
                # back, so the client times out after ingest committed.
                httpx.post(f"{proxy.url}/v1/articles", json=body, headers=stack.write_headers,
                           timeout=httpx.Timeout(30.0, read=3.0))  # fmt: skip

    def all_committed() -> bool:
        seen = {e["correlation_id"] for e in committed_events(stack.bootstrap, stack.topic)}
        return set(expected) <= seen

    # The requests the client gave up on were committed all the same.
    wait_for(all_committed, "the timed-out articles in the log", deadline_s=120)

    def retry(n: int, body: dict[str, Any]) -> dict[str, Any]:
        response = httpx.post(url, json=body, headers=stack.write_headers, timeout=60)
        assert response.status_code in (200, 202), response.text
        answers[n].append(response.status_code)
        got: dict[str, Any] = response.json()
        assert got["article_id"] == expected[n]
        return got

    firsts = [retry(n, body) for n, body in enumerate(articles)]  # retry 1: same process
    stack.ingest.stop()  # retry 2 reaches a restarted ingest on the same state file
    stack.ingest.start()
    seconds = [retry(n, body) for n, body in enumerate(articles)]
    stack.ingest.stop()  # retry 3 reaches an ingest that remembers nothing
    stack.ingest.env["SITREP_INGEST_STATE_PATH"] += ".empty"
    stack.ingest.start()
    thirds = [retry(n, body) for n, body in enumerate(articles)]
    assert [a["event_ids"] for a in firsts] == [a["event_ids"] for a in seconds]
    assert [a["event_ids"] for a in seconds] == [a["event_ids"] for a in thirds]
    assert answers == [[200, 200, 202]] * len(articles)

    # The log holds the articles twice (the forgetful ingest published them again)...
    ingested = Counter(
        e["correlation_id"]
        for e in committed_events(stack.bootstrap, stack.topic)
        if e["type"] == "sitrep.article.ingested"
    )
    assert all(ingested[a] == 2 for a in expected), ingested

    # ... and the read model exactly one copy of each.
    status = stack.wait_until_caught_up()
    assert status["consumer"]["duplicates_skipped"] > 0
    listed = httpx.get(f"{stack.projector.url}/v1/articles", timeout=5).json()
    assert sorted(a["article_id"] for a in listed["items"]) == sorted(expected)
    for article_id in expected:
        article = httpx.get(f"{stack.projector.url}/v1/articles/{article_id}", timeout=5).json()
        assert len(article["paragraphs"]) == 15
    checksums = checksums_of(stack.database_url)
    assert checksums["articles"][0] == len(expected)
    assert checksums["paragraphs"][0] == 15 * len(expected)
