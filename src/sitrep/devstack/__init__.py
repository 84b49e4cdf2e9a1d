"""The local stack for development and tests: a real Kafka broker and a real PostgreSQL.

Both run as plain child processes (no Docker engine needed) and are stopped when their
owner stops them, leaves their `with` block, or exits.
"""

from ._jars import cache_root, fetch_kafka_jars, kafka_version
from ._kafka import LocalKafka, kafka_or_local, wait_for_kafka
from ._keys import LOCAL_KEYS_FILE, LocalKeys, ensure_local_keys, read_local_key
from ._postgres import (
    LocalPostgres,
    create_database,
    drop_database,
    find_postgres_bin,
    wait_for_postgres,
)
from ._process import DevstackError, free_port
from ._service import INGEST_APP, PROJECTOR_APP, ServiceProcess

__all__ = [
    "INGEST_APP",
    "LOCAL_KEYS_FILE",
    "PROJECTOR_APP",
    "DevstackError",
    "LocalKafka",
    "LocalKeys",
    "LocalPostgres",
    "ServiceProcess",
    "cache_root",
    "create_database",
    "drop_database",
    "ensure_local_keys",
    "fetch_kafka_jars",
    "find_postgres_bin",
    "free_port",
    "kafka_or_local",
    "kafka_version",
    "read_local_key",
    "wait_for_kafka",
    "wait_for_postgres",
]
