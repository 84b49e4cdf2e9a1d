"""schemathesis (`--checks all`) against ingest on the real broker: no 5xx, no undocumented
status, no response that breaks the schema.

The same command is in the README; `SITREP_SCHEMATHESIS_MAX_TIME` (seconds, default 60)
bounds the run here.
"""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from sitrep_testing.ingest import auth, write_keys_file

from sitrep.devstack import INGEST_APP, ServiceProcess

pytestmark = [pytest.mark.kafka, pytest.mark.slow]

ROOT = Path(__file__).parents[3]


def test_schemathesis_finds_nothing(kafka_bootstrap: str, tmp_path: Path) -> None:
    run = uuid.uuid4().hex[:8]
    env = {
        "KAFKA_BOOTSTRAP_SERVERS": kafka_bootstrap,
        "SITREP_EVENTS_TOPIC": f"it.ingest.fuzz.{run}",
        "SITREP_INGEST_INSTANCE_ID": f"fuzz-{run}",
        "SITREP_INGEST_STATE_PATH": str(tmp_path / "ingest-state.sqlite3"),
        "SITREP_API_KEYS_FILE": str(write_keys_file(tmp_path / "keys.json")),
        "SITREP_INGEST_RATE_LIMIT_PER_S": "0",
        "SITREP_INGEST_EXTRACTION_WORKERS": "1",
    }
    with ServiceProcess("ingest", INGEST_APP, env=env, log_dir=tmp_path) as ingest:
        command = [
            str(Path(sys.executable).with_name("schemathesis")), "run",
            f"{ingest.url}/openapi.json", "--checks", "all",
            "-H", f"Authorization: {auth()['Authorization']}",
            "--max-time", os.environ.get("SITREP_SCHEMATHESIS_MAX_TIME", "60"),
            "--workers", "1", "--request-timeout", "30", "--seed", "20261202",
        ]  # fmt: skip
        result = subprocess.run(
            command, cwd=ROOT, capture_output=True, text=True, timeout=600, check=False
        )
    tail = "\n".join(result.stdout.splitlines()[-40:])
    assert result.returncode == 0, tail
    assert "passed" in tail and "failures" not in tail.split("Test cases:")[-1], tail
