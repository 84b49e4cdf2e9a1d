"""The ingest API's answers, one test per error class: status, error code, no echo, no 500.

The event log is a fake here (these tests are about HTTP); tests/integration/ingest runs the
same routes against the real broker.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sitrep_testing.ingest import KEYS, InMemoryPublisher, auth, write_keys_file

from sitrep_ingest.main import create_app
from sitrep_ingest.ratelimit import RateLimiter
from sitrep_ingest.settings import IngestSettings

SEED = Path(__file__).parents[3] / "seeds" / "articles" / "000_672c0df4b7590af4.txt"
SEED_URL = "https://www.zerohedge.com/news/2016-06-05/fallujah-raqqa"


@pytest.fixture
def publisher() -> InMemoryPublisher:
    return InMemoryPublisher()


@pytest.fixture
def keys_file(tmp_path: Path) -> Path:
    return write_keys_file(tmp_path / "api-keys.json")


def app_of(client: TestClient) -> FastAPI:
    app = client.app
    assert isinstance(app, FastAPI)
    return app


def make_client(publisher: InMemoryPublisher, keys_file: Path, **settings: Any) -> TestClient:
    config = IngestSettings(
        retry_after_s=7,
        extraction_workers=0,
        api_keys_file=keys_file,
        rate_limit_per_s=0,
        state_path=keys_file.parent / "ingest-state.sqlite3",
        **settings,
    )
    return TestClient(create_app(config, publisher=publisher))


@pytest.fixture
def client(publisher: InMemoryPublisher, keys_file: Path) -> Iterator[TestClient]:
    with make_client(publisher, keys_file) as test_client:
        yield test_client


def seed_body(**overrides: Any) -> dict[str, Any]:
    body = {
        "url": SEED_URL,
        "publisher": "Zero Hedge",
        "published_at": "2016-06-05",
        "text": SEED.read_text(encoding="utf-8"),
    }
    return {**body, **overrides}


def error_of(response: Any, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    error: dict[str, Any] = response.json()["error"]
    assert error["code"] == code, error
    assert set(error) == {"code", "message", "fields"}
    return error


def test_an_article_is_accepted_once_published(
    client: TestClient, publisher: InMemoryPublisher
) -> None:
    response = client.post("/v1/articles", json=seed_body(), headers=auth())
    assert response.status_code == 202, response.text
    body = response.json()
    assert body["status"] == "accepted"
    assert body["paragraphs"] == 14
    assert body["language"] == "en" and body["extracted"] is True
    assert publisher.event_ids(0) == body["event_ids"]
    assert response.headers["x-request-id"]


def test_the_same_article_again_is_a_duplicate_with_the_original_ids(
    client: TestClient, publisher: InMemoryPublisher
) -> None:
    first = client.post("/v1/articles", json=seed_body(), headers=auth())
    again = client.post("/v1/articles", json=seed_body(), headers=auth())
    # Tracking parameters and a fragment do not make another article.
    tracked = client.post(
        "/v1/articles",
        json=seed_body(url=SEED_URL.replace("www.zerohedge", "WWW.ZeroHedge") + "?utm_source=x#c"),
        headers=auth(),
    )
    assert first.status_code == 202
    assert again.status_code == 200 and tracked.status_code == 200
    assert again.json()["status"] == "duplicate"
    assert again.json()["event_ids"] == tracked.json()["event_ids"] == first.json()["event_ids"]
    assert len(publisher.published) == 1


def test_a_changed_text_under_the_same_url_is_a_revision_of_the_first(
    client: TestClient, publisher: InMemoryPublisher
) -> None:
    first = client.post("/v1/articles", json=seed_body(), headers=auth()).json()
    edited = seed_body(text=SEED.read_text(encoding="utf-8") + "\nUpdated: a correction.")
    revised = client.post("/v1/articles", json=edited, headers=auth()).json()
    assert revised["status"] == "accepted"
    assert revised["article_id"] != first["article_id"]
    assert revised["revision_of"] == first["article_id"]
    ingested = next(json.loads(r.value) for r in publisher.published[1])["data"]
    assert ingested["revision_of"] == ingested["first_revision_id"] == first["article_id"]
    first_data = json.loads(publisher.published[0][0].value)["data"]
    assert ingested["document_id"] == first_data["document_id"]


# --- the error classes of issue 10, each with its status and code -----------------------


@pytest.mark.parametrize("path", ["/v1/articles", "/v1/extract", "/v1/articles:batch"])
def test_binary_bytes_as_octet_stream_get_415(client: TestClient, path: str) -> None:
    response = client.post(
        path,
        content=bytes(range(256)) * 4,
        headers={**auth(), "content-type": "application/octet-stream"},
    )
    error = error_of(response, 415, "unsupported_media_type")
    assert "application/octet-stream" in error["message"]


@pytest.mark.parametrize("path", ["/v1/articles", "/v1/extract", "/v1/articles:batch"])
def test_invalid_utf8_json_gets_400_saying_where(client: TestClient, path: str) -> None:
    response = client.post(
        path,
        content=b'{"url": "https://e.org/a", "text": "caf\xe9 \xff"}',
        headers={**auth(), "content-type": "application/json"},
    )
    error = error_of(response, 400, "invalid_body")
    assert "UTF-8" in error["message"] and "byte 39" in error["message"]


@pytest.mark.parametrize(
    ("content_type", "content"),
    [
        ("text/csv", b"url,text\nhttps://e.org/a,Troops entered the town."),
        ("application/x-www-form-urlencoded", b"url=https%3A%2F%2Fe.org&text=x"),
        ("multipart/form-data; boundary=x", b"--x\r\n\r\nx\r\n--x--\r\n"),
        ("", b'{"url": "https://e.org/a", "text": "x"}'),
    ],
)
def test_a_wrong_content_type_gets_415_naming_it(
    client: TestClient, content_type: str, content: bytes
) -> None:
    headers = {**auth(), "content-type": content_type}
    response = client.post("/v1/articles", content=content, headers=headers)
    error = error_of(response, 415, "unsupported_media_type")
    assert "application/json" in error["message"]
    assert (content_type.split(";", maxsplit=1)[0] or "no Content-Type") in error["message"]


def test_a_body_over_the_limit_gets_413_before_it_is_read_whole(
    publisher: InMemoryPublisher, keys_file: Path
) -> None:
    with make_client(publisher, keys_file, max_body_bytes=64 * 1024) as client:
        big = json.dumps({"url": "https://e.org/a", "text": "x" * 200_000}).encode()
        response = client.post(
            "/v1/articles", content=big, headers={**auth(), "content-type": "application/json"}
        )
        error_of(response, 413, "body_too_large")

        def chunks() -> Iterator[bytes]:  # no Content-Length: counted while reading
            yield b'{"url": "https://e.org/a", "text": "'
            for _ in range(100):
                yield b"y" * 1024
            yield b'"}'

        streamed = client.post(
            "/v1/articles", content=chunks(), headers={**auth(), "content-type": "application/json"}
        )
        error_of(streamed, 413, "body_too_large")
    assert publisher.published == []


def test_an_over_long_text_gets_422_without_the_input_echoed(client: TestClient) -> None:
    body = {"url": "https://e.org/a", "paragraphs": ["z" * 150_000]}
    response = client.post("/v1/articles", json=body, headers=auth())
    error = error_of(response, 422, "validation_failed")
    assert error["fields"][0]["field"] == "paragraphs[0]"
    assert "100000" in error["fields"][0]["message"]
    assert len(response.content) < 1_000
    one_line = {"url": "https://e.org/a", "text": "w" * 150_000}
    response = client.post("/v1/articles", json=one_line, headers=auth())
    error = error_of(response, 422, "validation_failed")
    assert "paragraph 0 of `text` has 150000 characters" in error["fields"][0]["message"]
    assert len(response.content) < 1_000


def test_many_paragraphs_just_under_the_limit_are_accepted_not_503(
    client: TestClient, publisher: InMemoryPublisher
) -> None:
    # 10 x 99,999 four-byte characters: 4 MB of events, each record under Kafka's 1 MiB.
    body = {"url": "https://e.org/long", "paragraphs": ["\U0001f600" * 99_999] * 10}
    raw = json.dumps(body, ensure_ascii=False).encode()
    response = client.post(
        "/v1/articles", content=raw, headers={**auth(), "content-type": "application/json"}
    )
    assert response.status_code == 202, response.text
    sizes = [len(r.value) for r in publisher.published[-1]]
    assert sum(sizes) > 4_000_000 and max(sizes) < 900_000  # each record fits Kafka's 1 MiB


def test_an_event_over_the_record_limit_gets_413_not_503(
    client: TestClient, publisher: InMemoryPublisher, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sitrep_ingest.intake._build.MAX_RECORD_BYTES", 2_000)
    response = client.post(
        "/v1/articles", json={"url": "https://e.org/a", "text": "q" * 5_000}, headers=auth()
    )
    error_of(response, 413, "article_too_large")
    assert publisher.published == []


@pytest.mark.parametrize(
    ("value", "says"),
    [
        ("2999-01-01", "in the future"),
        ("0001-01-01", "before 1900"),
        ("1899-12-31T23:00:00Z", "before 1900"),
        (-86_400, "ISO 8601"),
        (1_465_084_800, "ISO 8601"),
        ("June", "date"),
    ],
)
def test_implausible_dates_get_422_with_the_reason(
    client: TestClient, value: object, says: str
) -> None:
    body = {"url": "https://e.org/a", "text": "Troops entered the town.", "published_at": value}
    response = client.post("/v1/articles", json=body, headers=auth())
    error = error_of(response, 422, "validation_failed")
    assert error["fields"][0]["field"] == "published_at"
    assert says in error["fields"][0]["message"]


def test_tomorrow_is_still_accepted(client: TestClient) -> None:
    from datetime import UTC, datetime, timedelta  # noqa: PLC0415

    soon = (datetime.now(UTC) + timedelta(hours=20)).isoformat()
    body = {"url": "https://e.org/a", "text": "Troops entered the town.", "published_at": soon}
    assert client.post("/v1/articles", json=body, headers=auth()).status_code == 202


def test_deeply_nested_json_gets_400(client: TestClient) -> None:
    response = client.post(
        "/v1/articles",
        content=b"[" * 5_000 + b"]" * 5_000,
        headers={**auth(), "content-type": "application/json"},
    )
    error = error_of(response, 400, "invalid_body")
    assert "nested too deeply" in error["message"]


@pytest.mark.parametrize(
    "content",
    [b"{not json", b'{"url": NaN}', b"", b'{"text": "a"} trailing', b"1" * 5_000],
)
def test_malformed_json_gets_400(client: TestClient, content: bytes) -> None:
    response = client.post(
        "/v1/articles", content=content, headers={**auth(), "content-type": "application/json"}
    )
    error_of(response, 400, "invalid_body")


def test_invalid_fields_are_each_named(client: TestClient) -> None:
    body = {"url": "javascript:alert(1)", "text": "x", "colour": 1, "language": "English"}
    response = client.post("/v1/articles", json=body, headers=auth())
    error = error_of(response, 422, "validation_failed")
    assert {f["field"] for f in error["fields"]} == {"url", "colour", "language"}


def test_text_and_paragraphs_together_get_422_and_the_spec_says_so(client: TestClient) -> None:
    body = {"url": "https://e.org/a", "text": "a", "paragraphs": ["a"]}
    response = client.post("/v1/articles", json=body, headers=auth())
    error = error_of(response, 422, "validation_failed")
    assert "exactly one of `text` or `paragraphs`" in error["fields"][0]["message"]
    spec = client.get("/openapi.json").json()["components"]["schemas"]["ArticleSubmission"]
    assert {"required": ["text"]} in spec["oneOf"]


@pytest.mark.parametrize("value", ["\ud800 lone", "ok"])
def test_unpaired_surrogates_get_422_and_controls_are_dropped(
    client: TestClient, publisher: InMemoryPublisher, value: str
) -> None:
    raw = json.dumps({"url": "https://e.org/a", "text": f"Troops\x00 entered {value}."})
    response = client.post(
        "/v1/articles", content=raw.encode(), headers={**auth(), "content-type": "application/json"}
    )
    if value == "ok":
        assert response.status_code == 202
        paragraph = json.loads(publisher.published[0][1].value)["data"]["text"]
        assert paragraph == "Troops entered ok."
    else:
        error = error_of(response, 422, "validation_failed")
        assert error["fields"][0]["field"] == "text"
        assert "unicode" in error["fields"][0]["message"]


def test_no_key_gets_401_and_a_read_key_gets_403(client: TestClient) -> None:
    error = error_of(client.post("/v1/articles", json=seed_body()), 401, "not_authenticated")
    assert "Bearer" in error["message"]
    wrong = client.post(
        "/v1/articles", json=seed_body(), headers={"Authorization": "Bearer sk_not_a_key"}
    )
    assert error_of(wrong, 401, "not_authenticated")
    assert wrong.headers["www-authenticate"].startswith("Bearer")
    error_of(client.post("/v1/articles", json=seed_body(), headers=auth("read")), 403, "forbidden")
    error_of(client.post("/v1/articles", json=seed_body(), headers=auth("admin")), 403, "forbidden")


def test_a_key_is_revoked_without_a_restart(client: TestClient, keys_file: Path) -> None:
    import os  # noqa: PLC0415

    ok = client.post("/v1/extract", json={"text": "Troops entered the town."}, headers=auth())
    assert ok.status_code == 200
    write_keys_file(keys_file, {"read": KEYS["read"]})  # the write key is gone
    stat = os.stat(keys_file)
    os.utime(keys_file, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))
    app_of(client).state.keys._checked = 0.0  # the once-a-second recheck, without the wait
    gone = client.post("/v1/extract", json={"text": "Troops entered the town."}, headers=auth())
    error_of(gone, 401, "not_authenticated")


def test_keys_are_never_logged(
    publisher: InMemoryPublisher, keys_file: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with make_client(publisher, keys_file) as client:
        client.post("/v1/articles", json=seed_body(), headers=auth())
        client.post("/v1/articles", json=seed_body(), headers={"Authorization": "Bearer sk_x"})
    assert all(secret not in caplog.text for secret in KEYS.values())
    assert "sk_x" not in caplog.text


def test_too_many_requests_get_429_with_retry_after(
    publisher: InMemoryPublisher, keys_file: Path
) -> None:
    with make_client(publisher, keys_file) as client:
        app_of(client).state.rate_limiter = RateLimiter(rate=0.5, burst=2)
        body = {"text": "Troops entered the town."}
        statuses = [client.post("/v1/extract", json=body, headers=auth()) for _ in range(3)]
    assert [r.status_code for r in statuses[:2]] == [200, 200]
    error_of(statuses[2], 429, "rate_limited")
    assert int(statuses[2].headers["retry-after"]) >= 1


def test_broker_down_gives_503_with_retry_after(
    client: TestClient, publisher: InMemoryPublisher
) -> None:
    publisher.down = True
    response = client.post("/v1/articles", json=seed_body(), headers=auth())
    error = error_of(response, 503, "event_log_unavailable")
    assert response.headers["retry-after"] == "7"
    assert "nothing was recorded" in error["message"]
    ready = client.get("/health/ready")
    assert ready.status_code == 503


def test_an_idempotency_key_replays_the_first_answer(
    client: TestClient, publisher: InMemoryPublisher
) -> None:
    headers = {**auth(), "Idempotency-Key": "scrape-42"}
    first = client.post("/v1/articles", json=seed_body(), headers=headers)
    again = client.post("/v1/articles", json=seed_body(), headers=headers)
    assert first.status_code == again.status_code == 202
    assert again.json() == first.json()
    assert again.headers["idempotent-replayed"] == "true"
    assert len(publisher.published) == 1
    other = client.post("/v1/articles", json=seed_body(title="Other"), headers=headers)
    error = error_of(other, 422, "idempotency_key_reused")
    assert error["fields"][0]["field"] == "Idempotency-Key"


def test_a_503_is_not_kept_under_its_idempotency_key(
    client: TestClient, publisher: InMemoryPublisher
) -> None:
    headers = {**auth(), "Idempotency-Key": "scrape-43"}
    publisher.down = True
    assert client.post("/v1/articles", json=seed_body(), headers=headers).status_code == 503
    publisher.down = False
    assert client.post("/v1/articles", json=seed_body(), headers=headers).status_code == 202


def test_unknown_paths_and_methods_answer_in_the_error_shape(client: TestClient) -> None:
    error_of(client.get("/v1/nothing"), 404, "not_found")
    error_of(client.get("/v1/articles", headers=auth()), 405, "method_not_allowed")


# --- batches ---------------------------------------------------------------------------


def test_a_batch_answers_each_item(client: TestClient, publisher: InMemoryPublisher) -> None:
    items = [
        seed_body(),
        {"url": "https://e.org/b", "text": "Troops entered the town of Zakia."},
        seed_body(),  # the same article twice in one batch
        {"url": "https://e.org/c", "text": "x", "published_at": "2999-01-01"},
        "not an object",
    ]
    response = client.post("/v1/articles:batch", json=items, headers=auth())
    assert response.status_code == 200, response.text
    result = response.json()
    assert [i["status"] for i in result["items"]] == [
        "accepted", "accepted", "duplicate", "rejected", "rejected"
    ]  # fmt: skip
    assert (result["accepted"], result["duplicate"], result["rejected"]) == (2, 1, 2)
    assert result["items"][2]["event_ids"] == result["items"][0]["event_ids"]
    assert result["items"][3]["error"]["fields"][0]["field"] == "published_at"
    # The two new articles went to the producers together, each whole, the repeat not again.
    [submitted] = publisher.published
    ingested = [r for r in submitted if ("ce_type", b"sitrep.article.ingested") in r.headers]
    assert [r.key.decode() for r in ingested] == [
        result["items"][0]["article_id"],
        result["items"][1]["article_id"],
    ]
    again = client.post("/v1/articles:batch", json=items[:2], headers=auth()).json()
    assert [i["status"] for i in again["items"]] == ["duplicate", "duplicate"]


def test_a_batch_as_ndjson(client: TestClient) -> None:
    lines = [
        json.dumps({"url": f"https://e.org/{n}", "text": f"Troops entered town {n}."})
        for n in range(3)
    ]
    content = ("\n".join([*lines, "{broken"]) + "\n").encode()
    response = client.post(
        "/v1/articles:batch",
        content=content,
        headers={**auth(), "content-type": "application/x-ndjson"},
    )
    result = response.json()
    assert [i["status"] for i in result["items"]] == ["accepted"] * 3 + ["rejected"]
    assert result["items"][3]["error"]["code"] == "invalid_body"


def test_a_batch_over_the_limits_gets_413(publisher: InMemoryPublisher, keys_file: Path) -> None:
    with make_client(publisher, keys_file, max_batch_items=3) as client:
        items = [{"url": f"https://e.org/{n}", "text": "x"} for n in range(4)]
        response = client.post("/v1/articles:batch", json=items, headers=auth())
        error_of(response, 413, "batch_too_large")
    with TestClient(
        create_app(IngestSettings(extraction_workers=0, state_path=Path(":memory:")), publisher)
    ) as keyless:
        response = keyless.post("/v1/articles:batch", json={"a": 1})
        error_of(response, 401, "not_authenticated")


def test_a_batch_while_the_broker_is_down_reports_every_item_failed(
    client: TestClient, publisher: InMemoryPublisher
) -> None:
    publisher.down = True
    items = [{"url": f"https://e.org/{n}", "text": f"Town {n}."} for n in range(10)]
    response = client.post("/v1/articles:batch", json=items, headers=auth())
    result = response.json()
    assert result["failed"] == 10
    assert {i["error"]["code"] for i in result["items"]} == {"event_log_unavailable"}
    assert response.headers["retry-after"] == "7"


# --- formats, language, observability ---------------------------------------------------


def test_an_html_page_is_read_for_its_paragraphs_and_metadata(
    client: TestClient, publisher: InMemoryPublisher
) -> None:
    page = """<html><head><title>Troops take Zakia | Example News</title>
    <link rel="canonical" href="https://example.org/2016/06/05/zakia">
    <meta property="og:site_name" content="Example News">
    <meta property="article:published_time" content="2016-06-05T09:00:00Z"></head>
    <body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
    <script>var tracking = "Syrian troops captured Tabqa";</script>
    <article><h1>Troops take Zakia</h1>
    <p>Syrian troops have crossed into Raqqa province, a monitor said on Sunday.</p>
    <p>The troops captured the strategic town of Zakia, the state news agency said.</p>
    </article><footer>Copyright 2016 Example News</footer></body></html>"""
    response = client.post(
        "/v1/articles", content=page.encode(), headers={**auth(), "content-type": "text/html"}
    )
    assert response.status_code == 202, response.text
    events = [json.loads(r.value) for r in publisher.published[0]]
    data = events[0]["data"]
    assert data["url"] == "https://example.org/2016/06/05/zakia"
    assert data["publisher"] == "Example News" and data["title"].startswith("Troops take Zakia")
    assert data["published_at"].startswith("2016-06-05")
    assert data["source_format"] == "text/html"
    texts = [e["data"]["text"] for e in events if e["type"] == "sitrep.paragraph.recorded"]
    assert texts == [
        "Syrian troops have crossed into Raqqa province, a monitor said on Sunday.",
        "The troops captured the strategic town of Zakia, the state news agency said.",
    ]
    as_json = client.post(
        "/v1/articles",
        json={"url": "https://example.org/x", "content_type": "text/html", "text": page},
        headers=auth(),
    )
    assert as_json.status_code == 202
    empty = client.post(
        "/v1/articles", content=b"<html><body></body></html>",
        headers={**auth(), "content-type": "text/html"},
    )  # fmt: skip
    error = error_of(empty, 422, "validation_failed")
    assert error["fields"][0]["field"] == "text"


ARABIC = (
    "سيطرت القوات السورية على بلدة زكية يوم الخميس بعد معارك عنيفة مع مقاتلي تنظيم الدولة "
    "الإسلامية في ريف الرقة الجنوبي، وفق ما أفاد به المرصد السوري لحقوق الإنسان. وقال المرصد إن "
    "القوات تقدمت باتجاه مدينة الطبقة وسط قصف جوي مكثف على مواقع التنظيم في المنطقة الصحراوية"
)


def test_a_non_english_article_is_recorded_and_flagged_not_extracted(
    client: TestClient, publisher: InMemoryPublisher
) -> None:
    response = client.post(
        "/v1/articles", json={"url": "https://e.org/ar", "text": ARABIC}, headers=auth()
    )
    assert response.status_code == 202
    assert response.json()["language"] == "ar" and response.json()["extracted"] is False
    events = [json.loads(r.value) for r in publisher.published[0]]
    assert events[0]["data"]["language"] == "ar"
    assert events[0]["data"]["language_detected"] is True
    assert events[0]["data"]["extracted"] is False
    assert "English only" in events[0]["data"]["not_extracted_reason"]
    assert [e["type"] for e in events] == ["sitrep.article.ingested", "sitrep.paragraph.recorded"]


def test_metrics_count_requests_articles_and_extraction(client: TestClient) -> None:
    client.post("/v1/articles", json=seed_body(), headers=auth())
    client.post("/v1/articles", content=b"x", headers={**auth(), "content-type": "text/csv"})
    text = client.get("/metrics").text
    assert (
        'sitrep_ingest_requests_total{method="POST",route="/v1/articles",status="202"} 1.0' in text
    )
    assert (
        'sitrep_ingest_requests_total{method="POST",route="/v1/articles",status="415"} 1.0' in text
    )
    assert 'sitrep_ingest_articles_total{outcome="accepted"} 1.0' in text
    assert "sitrep_ingest_extraction_seconds_per_paragraph_count 1.0" in text
    assert "sitrep_ingest_in_flight_requests" in text


def test_logs_are_json_lines_with_request_and_article_ids(
    publisher: InMemoryPublisher, keys_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import logging  # noqa: PLC0415

    from sitrep_ingest.logs import JsonFormatter  # noqa: PLC0415

    handler = logging.StreamHandler()
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("sitrep_ingest")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        with make_client(publisher, keys_file) as client:
            response = client.post(
                "/v1/articles", json=seed_body(), headers={**auth(), "X-Request-ID": "req-77"}
            )
    finally:
        logger.removeHandler(handler)
        logger.setLevel(logging.NOTSET)
    lines = [json.loads(line) for line in capsys.readouterr().err.splitlines() if line]
    recorded = [line for line in lines if line["message"].startswith("article recorded")]
    assert recorded and recorded[0]["request_id"] == "req-77"
    assert recorded[0]["article_id"] == response.json()["article_id"]
    assert any(line.get("route") == "/v1/articles" for line in lines)


def test_openapi_lists_one_error_shape_for_every_error_status(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    assert schema["components"]["securitySchemes"]["ApiKey"]["scheme"] == "bearer"
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            for status, response in operation["responses"].items():
                if status.startswith(("4", "5")):
                    ref = response["content"]["application/json"]["schema"]["$ref"]
                    assert ref.endswith("/ErrorBody"), (path, method, status)
    post = schema["paths"]["/v1/articles"]["post"]
    assert {"400", "401", "403", "413", "415", "422", "429", "503"} <= set(post["responses"])
    assert set(post["requestBody"]["content"]) == {"application/json", "text/html"}


def test_past_the_in_flight_limit_requests_get_503_overloaded(client: TestClient) -> None:
    from sitrep_ingest.api.routes.articles import Gate  # noqa: PLC0415

    gate = Gate(1)
    app_of(client).state.gate = gate
    gate.busy = 1  # one request already in flight
    response = client.post("/v1/articles", json=seed_body(), headers=auth())
    error_of(response, 503, "overloaded")
    assert response.headers["retry-after"] == "1"
    gate.busy = 0
    assert client.post("/v1/articles", json=seed_body(), headers=auth()).status_code == 202
