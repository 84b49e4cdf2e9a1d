"""The local stack for development and tests: a real Kafka broker and a real PostgreSQL.

Both run as plain child processes (no Docker engine needed) and are stopped when their
owner stops them, leaves their `with` block, or exits.
"""

from ._jars import cache_root, fetch_kafka_jars, kafka_version
from ._kafka import LocalKafka, wait_for_kafka
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
    "PROJECTOR_APP",
    "DevstackError",
    "LocalKafka",
    "LocalPostgres",
    "ServiceProcess",
    "cache_root",
    "create_database",
    "drop_database",
    "fetch_kafka_jars",
    "find_postgres_bin",
    "free_port",
    "kafka_version",
    "wait_for_kafka",
    "wait_for_postgres",
]
