"""Measure the local broker: jar download, cold and warm start, memory idle and after load.

    .venv/bin/python deploy/kafka/measure.py [--runs 3] [--records 20000]

Prints one JSON document; docs/local-stack.md quotes its numbers. Cold start = format a new
KRaft store + start until an admin `list_topics` succeeds; warm start = the same broker
restarted on its existing data.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

from kafka import KafkaConsumer, KafkaProducer
from kafka.admin import KafkaAdminClient, NewTopic

from sitrep.devstack import LocalKafka, fetch_kafka_jars


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for {pid}")


def jars() -> dict[str, Any]:
    libs = fetch_kafka_jars()
    files = list(libs.glob("*.jar"))
    return {"count": len(files), "mib": round(sum(f.stat().st_size for f in files) / 2**20, 1)}


def starts(runs: int) -> dict[str, Any]:
    cold, warm, stop = [], [], []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as folder:
            broker = LocalKafka(folder)
            began = time.monotonic()
            broker.start()
            cold.append(time.monotonic() - began)
            began = time.monotonic()
            broker.stop()
            stop.append(time.monotonic() - began)
            began = time.monotonic()
            broker.start()
            warm.append(time.monotonic() - began)
            broker.stop()
    return {
        "cold_start_s": [round(s, 2) for s in cold],
        "warm_start_s": [round(s, 2) for s in warm],
        "stop_s": [round(s, 2) for s in stop],
        "cold_median_s": round(statistics.median(cold), 2),
        "warm_median_s": round(statistics.median(warm), 2),
    }


def memory_under_load(records: int, per_transaction: int = 100) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as folder, LocalKafka(folder) as broker:
        assert broker.pid is not None
        idle = rss_mib(broker.pid)
        topic = f"measure.{uuid.uuid4().hex[:8]}"
        admin = KafkaAdminClient(bootstrap_servers=broker.bootstrap)
        admin.create_topics([NewTopic(topic, 6, 1, topic_configs={"retention.ms": "-1"})])
        admin.close()
        producer = KafkaProducer(
            bootstrap_servers=broker.bootstrap,
            transactional_id=f"measure-{topic}",
            enable_idempotence=True,
            acks="all",
        )
        producer.init_transactions()
        value = b"x" * 1000
        began = time.monotonic()
        for start in range(0, records, per_transaction):
            producer.begin_transaction()
            for n in range(start, min(start + per_transaction, records)):
                producer.send(topic, key=str(n % 97).encode(), value=value)
            producer.commit_transaction()
        produce_s = time.monotonic() - began
        producer.close()
        consumer = KafkaConsumer(
            topic,
            bootstrap_servers=broker.bootstrap,
            group_id=f"measure-{topic}",
            isolation_level="read_committed",
            auto_offset_reset="earliest",
            enable_auto_commit=False,
        )
        seen, began = 0, time.monotonic()
        while seen < records and time.monotonic() - began < 120:
            seen += sum(len(batch) for batch in consumer.poll(timeout_ms=1000).values())
        consume_s = time.monotonic() - began
        consumer.close()
        return {
            "rss_idle_mib": round(idle, 1),
            "rss_after_load_mib": round(rss_mib(broker.pid), 1),
            "records": records,
            "record_bytes": len(value),
            "records_per_transaction": per_transaction,
            "produce_records_per_s": round(records / produce_s),
            "consumed": seen,
            "consume_records_per_s": round(seen / consume_s),
        }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--records", type=int, default=20000)
    args = parser.parse_args()
    report = {"jars": jars(), "start": starts(args.runs), "load": memory_under_load(args.records)}
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
