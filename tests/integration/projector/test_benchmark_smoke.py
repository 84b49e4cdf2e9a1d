"""The projector benchmark still runs end to end (a small log; the figures are not checked)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = [pytest.mark.kafka, pytest.mark.postgres, pytest.mark.slow]

BENCH = Path(__file__).parents[3] / "benchmarks" / "projector" / "bench.py"


def test_the_benchmark_prints_both_rates_their_ratio_and_rest_latency(
    kafka_bootstrap: str, postgres_url: str
) -> None:
    small = ["--articles", "20", "--places", "40", "--requests", "16", "--concurrency", "2"]
    done = subprocess.run(
        [sys.executable, str(BENCH), *small, "--workers", "1"],
        env={
            **os.environ,
            "KAFKA_BOOTSTRAP_SERVERS": kafka_bootstrap,
            "DATABASE_URL": postgres_url,
        },
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    out = done.stdout
    assert "raw kafka-python consumer" in out
    assert "x raw" in out and "x store" in out
    assert "target outside refreshes >= 0.50 x store-only" in out
    assert "target end to end >= 0.30 x store-only" in out
    assert "uvicorn --workers 1; the same SQL through psycopg" in out
    assert "p99 x SQL" in out
