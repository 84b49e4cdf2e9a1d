"""Ingest serves at once: liveness answers while the extractor loads, readiness says so, and
an article sent meanwhile waits for the load instead of failing."""

from __future__ import annotations

import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sitrep_testing.ingest import InMemoryPublisher, auth, write_keys_file

from sitrep_ingest import builders
from sitrep_ingest.main import create_app
from sitrep_ingest.settings import IngestSettings


@pytest.fixture
def held_load(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """The extractor's load, held until the test lets it go."""
    release = threading.Event()
    load = builders._load

    def slow(settings: Any) -> Any:
        release.wait(timeout=60)
        return load(settings)

    monkeypatch.setattr(builders, "_load", slow)
    yield release
    release.set()


def test_the_app_serves_before_the_extractor_has_loaded(
    held_load: threading.Event, tmp_path: Path
) -> None:
    settings = IngestSettings(
        extraction_workers=0,
        api_keys_file=write_keys_file(tmp_path / "keys.json"),
        rate_limit_per_s=0,
        state_path=tmp_path / "state.sqlite3",
    )
    with TestClient(create_app(settings, publisher=InMemoryPublisher())) as client:
        assert client.get("/health/live").status_code == 200
        ready = client.get("/health/ready")
        assert ready.status_code == 503
        assert ready.json()["error"]["code"] == "not_ready"
        answers: list[int] = []
        sender = threading.Thread(
            target=lambda: answers.append(
                client.post(
                    "/v1/articles",
                    json={"url": "https://e.org/a", "text": "Troops entered Zakia."},
                    headers=auth(),
                ).status_code
            )
        )
        sender.start()
        sender.join(timeout=0.5)
        assert sender.is_alive() and not answers  # waiting for the extractor, not failed
        held_load.set()
        sender.join(timeout=60)
        assert answers == [202]
        assert client.get("/health/ready").json() == {
            "status": "ok",
            "kafka": "ok",
            "extraction": "ready",
        }


def test_the_service_process_of_a_pool_does_not_import_the_extractor() -> None:
    # What a pool's service process imports to serve; the extractor loads in the workers.
    code = (
        "import sys, sitrep_ingest.main, sitrep_ingest.service; "
        "heavy = [m for m in ('spacy', 'trafilatura', 'lingua', 'kafka') if m in sys.modules]; "
        "print(','.join(heavy))"
    )
    found = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert found.stdout.strip() == ""
