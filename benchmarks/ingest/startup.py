"""Ingest start-up: how long until it accepts connections, is ready, and records an article.

    .venv/bin/python benchmarks/ingest/startup.py [--runs 5] [--workers N]

Starts the real ingest process the way `sitrep up` does (`python -m uvicorn --factory
sitrep_ingest.main:create_app`) `--runs` times, each with a fresh state file, against one
broker (KAFKA_BOOTSTRAP_SERVERS, else the local one started here) and an existing topic, and
measures from the moment the process is launched:

- accept: the port accepts a TCP connection;
- ready: `GET /health/ready` answers 200 (Kafka answers, the extraction workers loaded),
  asked every 50 ms;
- first POST: `POST /v1/articles` of the seed article, sent as soon as the port accepts,
  answered 202 (so it includes waiting for the workers and extracting the article);
- peak RSS: the largest sum of the resident sets of the service and its workers (the fork
  server's children share its pages, so the sum over-counts), sampled every 20 ms.

Each run also starts `sitrep extract` once (a one-sentence article on stdin) and measures the
time to its first output line, and its peak RSS (the same target, issue 9).

Prints one row a run, the medians, and the 3 s target beside them.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import httpx

from sitrep.devstack import INGEST_APP, kafka_or_local
from sitrep_auth import hash_key, new_key
from sitrep_eventlog import KafkaConnection, TopicSettings, ensure_topics
from sitrep_schemas import EVENTS_TOPIC, TopicSpec

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "articles" / "000_672c0df4b7590af4.txt"
TARGET_S = 3.0
POLL_S = 0.01  # the TCP probe
READY_POLL_S = 0.05  # the HTTP probe: more often would take CPU from the loading workers


@dataclass
class Run:
    accept_s: float
    ready_s: float
    post_s: float
    peak_rss_mb: float
    extract_s: float = 0.0
    extract_rss_mb: float = 0.0


def extract_start_up() -> tuple[float, float]:
    """Seconds from launching `sitrep extract` to its first output line, and its peak RSS."""
    command = [str(Path(sys.executable).with_name("sitrep")), "extract"]
    line = json.dumps({"id": 1, "text": "Syrian troops captured the town of Zakia."}) + "\n"
    started = time.perf_counter()
    with subprocess.Popen(
        command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
    ) as process:
        assert process.stdin is not None and process.stdout is not None
        process.stdin.write(line.encode())
        process.stdin.close()
        first = process.stdout.readline()
        took = time.perf_counter() - started
        process.stdout.read()
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
    if not first.startswith(b'{"id": 1'):
        raise RuntimeError(f"sitrep extract printed {first[:200]!r}")
    return took, usage.ru_maxrss / 1024


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def tree_rss_mb(pid: int) -> float:
    """Resident set of a process and all its descendants, from /proc."""
    total_kb = 0
    todo = [pid]
    while todo:
        current = todo.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            for task in Path(f"/proc/{current}/task").iterdir():
                todo.extend(int(c) for c in (task / "children").read_text().split())
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                total_kb += int(line.split()[1])
    return total_kb / 1024


def one_run(env: dict[str, str], port: int, key: str, log: Path) -> Run:
    base = f"http://127.0.0.1:{port}"
    command = [
        sys.executable, "-m", "uvicorn", "--factory", INGEST_APP,
        "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning",
    ]  # fmt: skip
    peak = 0.0
    times: dict[str, float] = {}
    done = threading.Event()
    with log.open("ab") as out:
        started = time.perf_counter()
        process = subprocess.Popen(command, env={**os.environ, **env}, stdout=out, stderr=out)
    try:

        def since() -> float:
            return time.perf_counter() - started

        def sample() -> None:
            nonlocal peak
            while not done.is_set():
                peak = max(peak, tree_rss_mb(process.pid))
                time.sleep(0.02)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"ingest exited with {process.returncode}; see {log}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                time.sleep(POLL_S)
        times["accept"] = since()

        def first_post() -> None:
            body = {"url": f"https://startup.invalid/{uuid.uuid4()}", "text": SEED.read_text()}
            response = httpx.post(
                f"{base}/v1/articles",
                json={**body, "published_at": "2016-06-05"},
                headers={"Authorization": f"Bearer {key}"},
                timeout=120,
            )
            if response.status_code != 202 or response.json()["claims"] == 0:
                raise RuntimeError(f"HTTP {response.status_code}: {response.text[:300]}")
            times["post"] = since()

        poster = threading.Thread(target=first_post)
        poster.start()
        with httpx.Client(base_url=base, timeout=10) as client:
            while client.get("/health/ready").status_code != 200:
                time.sleep(READY_POLL_S)
        times["ready"] = since()
        poster.join(timeout=120)
        if "post" not in times:
            raise RuntimeError(f"the first POST failed; see {log}")
        done.set()
        sampler.join()
        return Run(times["accept"], times["ready"], times["post"], peak)
    finally:
        done.set()
        process.terminate()
        process.wait(timeout=60)


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()

    with kafka_or_local() as bootstrap:
        work = Path(tempfile.mkdtemp(prefix="bench-startup-"))
        key = new_key("bench")
        keys_file = work / "keys.json"
        keys_file.write_text(
            json.dumps(
                {"keys": [{"id": "bench", "sha256": hash_key(key), "scopes": ["ingest:write"]}]}
            )
        )
        topic = TopicSpec(f"bench.startup.{uuid.uuid4().hex[:8]}", 6, dict(EVENTS_TOPIC.config))
        ensure_topics(KafkaConnection(bootstrap_servers=bootstrap), [topic], TopicSettings())
        runs: list[Run] = []
        for n in range(args.runs):
            env = {
                "KAFKA_BOOTSTRAP_SERVERS": bootstrap,
                "SITREP_EVENTS_TOPIC": topic.name,
                "SITREP_API_KEYS_FILE": str(keys_file),
                "SITREP_INGEST_EXTRACTION_WORKERS": str(args.workers),
                "SITREP_INGEST_STATE_PATH": str(work / f"state-{n}.sqlite3"),
                "SITREP_INGEST_INSTANCE_ID": f"startup-{uuid.uuid4().hex[:6]}",
                "SITREP_INGEST_LOG_FORMAT": "text",
            }
            run = one_run(env, free_port(), key, work / "ingest.log")
            run.extract_s, run.extract_rss_mb = extract_start_up()
            runs.append(run)
            print(f"run {n + 1}/{args.runs} done", file=sys.stderr)

        load = os.getloadavg()[0]
        print(
            f"\ningest start-up, {args.workers} extraction workers, {os.cpu_count()} cores "
            f"(load average {load:.1f} after the runs), broker {bootstrap}"
        )
        print(
            f"{'run':>4} {'accept s':>9} {'ready s':>8} {'first POST s':>13} {'peak RSS MB':>12} "
            f"{'extract s':>10} {'extract RSS MB':>15}"
        )
        for n, run in enumerate(runs):
            print(
                f"{n + 1:>4} {run.accept_s:9.2f} {run.ready_s:8.2f} {run.post_s:13.2f} "
                f"{run.peak_rss_mb:12.0f} {run.extract_s:10.2f} {run.extract_rss_mb:15.0f}"
            )
        medians = Run(
            statistics.median(r.accept_s for r in runs),
            statistics.median(r.ready_s for r in runs),
            statistics.median(r.post_s for r in runs),
            statistics.median(r.peak_rss_mb for r in runs),
            statistics.median(r.extract_s for r in runs),
            statistics.median(r.extract_rss_mb for r in runs),
        )
        print(
            f"{'med':>4} {medians.accept_s:9.2f} {medians.ready_s:8.2f} {medians.post_s:13.2f} "
            f"{medians.peak_rss_mb:12.0f} {medians.extract_s:10.2f} {medians.extract_rss_mb:15.0f}"
        )
        print(
            f"{'goal':>4} {TARGET_S:9.2f} {TARGET_S:8.2f} {'':>13} {800:12.0f} {TARGET_S:10.2f}   "
            f"accept {'met' if medians.accept_s < TARGET_S else 'NOT met'}, "
            f"ready {'met' if medians.ready_s < TARGET_S else 'NOT met'}, "
            f"extract {'met' if medians.extract_s < TARGET_S else 'NOT met'} (median)"
        )
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
