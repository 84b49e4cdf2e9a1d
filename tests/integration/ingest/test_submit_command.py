"""`sitrep submit` against ingest on the real broker: files, folders and NDJSON on stdin,
text and HTML, a summary with reasons, and an exit status a script can use."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from sitrep_testing.ingest import KEYS, write_keys_file

from sitrep.devstack import INGEST_APP, ServiceProcess

pytestmark = [pytest.mark.kafka, pytest.mark.slow]

ROOT = Path(__file__).parents[3]
SEED = ROOT / "seeds" / "articles" / "000_672c0df4b7590af4.txt"
PAGE = ROOT / "tests" / "fixtures" / "html" / "debian-users-and-groups.html"


def submit(url: str, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "sitrep.cli", "submit", "--ingest", url, *args]
    return subprocess.run(
        command, input=stdin, capture_output=True, text=True, timeout=300, check=False,
        env={"PATH": "/usr/bin:/bin", "SITREP_API_KEY": KEYS["write"]},
    )  # fmt: skip


def test_submit_files_folders_and_stdin(kafka_bootstrap: str, tmp_path: Path) -> None:
    run = uuid.uuid4().hex[:8]
    folder = tmp_path / "scraped"
    folder.mkdir()
    shutil.copy(SEED, folder / "seed.txt")
    shutil.copy(PAGE, folder / "page.html")
    (folder / "bad.txt").write_bytes(b"\xff\xfe not UTF-8")
    (folder / "future.ndjson").write_text(
        json.dumps({"url": "https://e.org/f", "text": "x", "published_at": "2999-01-01"}) + "\n"
    )
    env = {
        "KAFKA_BOOTSTRAP_SERVERS": kafka_bootstrap,
        "SITREP_EVENTS_TOPIC": f"it.ingest.submit.{run}",
        "SITREP_INGEST_INSTANCE_ID": f"submit-{run}",
        "SITREP_INGEST_STATE_PATH": str(tmp_path / "ingest-state.sqlite3"),
        "SITREP_API_KEYS_FILE": str(write_keys_file(tmp_path / "keys.json")),
        "SITREP_INGEST_EXTRACTION_WORKERS": "1",
    }
    with ServiceProcess("ingest", INGEST_APP, env=env, log_dir=tmp_path) as ingest:
        first = submit(ingest.url, str(folder), "--published-at", "2016-06-05")
        assert first.returncode == 1, first.stderr  # two rejected
        assert first.stdout.splitlines()[0] == (
            "4 articles: 2 accepted, 0 duplicate, 2 rejected, 0 failed"
        )
        assert "published_at" in first.stdout and "unreadable" in first.stdout
        assert "HTTP Request" not in first.stderr  # quiet: no line per request

        again = submit(ingest.url, str(folder / "seed.txt"), "--published-at", "2016-06-05")
        assert again.returncode == 0
        assert again.stdout.startswith("1 articles: 0 accepted, 1 duplicate")

        lines = "\n".join(
            json.dumps({"url": f"https://e.org/{run}/{n}", "text": f"Troops entered town {n}."})
            for n in range(5)
        )
        piped = submit(ingest.url, "--batch-size", "2", "--details", stdin=lines)
        assert piped.returncode == 0, piped.stderr
        assert "5 articles: 5 accepted" in piped.stdout
        assert piped.stdout.count(": accepted ") == 5

        refused = subprocess.run(
            [sys.executable, "-m", "sitrep.cli", "submit", "--ingest", ingest.url,
             "--api-key", "sk_wrong", str(folder / "seed.txt")],
            capture_output=True, text=True, timeout=60, check=False,
        )  # fmt: skip
        assert refused.returncode == 2
        assert "not_authenticated" in refused.stderr
