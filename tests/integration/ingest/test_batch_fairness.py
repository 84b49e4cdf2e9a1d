"""A huge batch does not starve other clients: single articles sent while a batch is being
built and committed are answered in a small fraction of the batch's time."""

from __future__ import annotations

import threading
import time
import uuid
from pathlib import Path

import httpx
import pytest
from sitrep_testing.ingest import auth, metric, write_keys_file
from sitrep_testing.waiting import wait_for

from sitrep.devstack import INGEST_APP, ServiceProcess

pytestmark = [pytest.mark.kafka, pytest.mark.slow]

SEED = Path(__file__).parents[3] / "seeds" / "articles" / "000_672c0df4b7590af4.txt"


def test_single_articles_get_through_while_a_batch_runs(
    kafka_bootstrap: str, tmp_path: Path
) -> None:
    run = uuid.uuid4().hex[:8]
    env = {
        "KAFKA_BOOTSTRAP_SERVERS": kafka_bootstrap,
        "SITREP_EVENTS_TOPIC": f"it.ingest.fair.{run}",
        "SITREP_INGEST_INSTANCE_ID": f"fair-{run}",
        "SITREP_INGEST_STATE_PATH": str(tmp_path / "ingest-state.sqlite3"),
        "SITREP_API_KEYS_FILE": str(write_keys_file(tmp_path / "keys.json")),
        "SITREP_INGEST_RATE_LIMIT_PER_S": "0",
    }
    text = SEED.read_text(encoding="utf-8")
    big = [{"url": f"https://fair.invalid/{run}/{n}", "text": text} for n in range(150)]
    with ServiceProcess("ingest", INGEST_APP, env=env, log_dir=tmp_path) as ingest:
        url = ingest.url
        warm = httpx.post(f"{url}/v1/articles", json={**big[0], "url": "https://fair.invalid/w"},
                          headers=auth(), timeout=60)  # fmt: skip
        assert warm.status_code == 202, warm.text
        took: dict[str, float] = {}

        def send_batch() -> None:
            began = time.perf_counter()
            response = httpx.post(f"{url}/v1/articles:batch", json=big, headers=auth(), timeout=600)
            assert response.status_code == 200 and response.json()["accepted"] == len(big)
            took["batch"] = time.perf_counter() - began

        sender = threading.Thread(target=send_batch)
        sender.start()
        wait_for(
            lambda: metric(url, "sitrep_ingest_articles_total", 'outcome="accepted"') >= 5 or None,
            "the batch under way",
        )
        singles: list[float] = []
        for n in range(5):
            began = time.perf_counter()
            response = httpx.post(
                f"{url}/v1/articles",
                json={"url": f"https://fair.invalid/{run}/single/{n}", "text": text},
                headers=auth(),
                timeout=600,
            )
            assert response.status_code == 202, response.text
            singles.append(time.perf_counter() - began)
        batch_running = sender.is_alive()
        sender.join(timeout=600)
    assert batch_running, "the batch finished before the single articles were sent"
    # A single article waits behind at most one window of the batch, not the whole batch.
    assert max(singles) < took["batch"] / 4, (singles, took)
