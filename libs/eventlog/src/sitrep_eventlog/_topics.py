"""Creating the log's topics: explicitly, idempotently, never by broker auto-creation.

kafka-python is imported on first use (about 0.3 s): a service then accepts connections
before it has it, and its readiness check or first producer pays for it.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sitrep_schemas import TopicSpec

from ._connection import KafkaConnection
from ._errors import BrokerUnavailable

if TYPE_CHECKING:
    from kafka import KafkaAdminClient

__all__ = ["TopicSettings", "ensure_topics", "list_topics"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class TopicSettings:
    """Cluster-dependent settings: one node needs 1 and 1, a production cluster 3 and 2."""

    replication_factor: int = 1
    min_insync_replicas: int = 1
    partitions: int | None = None  # overrides the spec's partition count when set


def _admin(connection: KafkaConnection) -> KafkaAdminClient:
    from kafka import KafkaAdminClient  # noqa: PLC0415
    from kafka.errors import KafkaError  # noqa: PLC0415

    try:
        # Without a bootstrap bound, a missing broker holds the caller for 30 s.
        return KafkaAdminClient(
            **connection.client_config(), bootstrap_timeout_ms=connection.request_timeout_ms
        )
    except KafkaError as exc:
        raise BrokerUnavailable(
            f"cannot reach Kafka at {connection.bootstrap_servers}: {exc}"
        ) from exc


def list_topics(connection: KafkaConnection) -> list[str]:
    """The broker's topic names; the readiness check of both services."""
    from kafka.errors import KafkaError  # noqa: PLC0415

    admin = _admin(connection)
    try:
        return sorted(admin.list_topics())
    except KafkaError as exc:
        raise BrokerUnavailable(f"Kafka at {connection.bootstrap_servers}: {exc}") from exc
    finally:
        admin.close()


def ensure_topics(
    connection: KafkaConnection, specs: Iterable[TopicSpec], settings: TopicSettings
) -> list[str]:
    """Create the topics that do not exist yet; returns the names it created."""
    from kafka.errors import KafkaError, TopicAlreadyExistsError  # noqa: PLC0415

    admin = _admin(connection)
    try:
        existing = set(admin.list_topics())
        wanted = {spec.name: spec for spec in specs if spec.name not in existing}
        if not wanted:
            return []
        request = {
            spec.name: {
                "num_partitions": settings.partitions or spec.partitions,
                "replication_factor": settings.replication_factor,
                "configs": {
                    **spec.config,
                    "min.insync.replicas": str(settings.min_insync_replicas),
                },
            }
            for spec in wanted.values()
        }
        created: list[str] = []
        result = admin.create_topics(request, raise_errors=False, wait_for_metadata=False)
        for topic in result["topics"]:
            code = topic.get("error_code", 0)
            if code == 0:
                created.append(topic["name"])
            elif code != TopicAlreadyExistsError.errno:  # lost a race with another instance
                message = topic.get("error_message") or f"error code {code}"
                raise BrokerUnavailable(f"cannot create topic {topic['name']}: {message}")
        if created:
            admin.wait_for_topics(created, timeout_ms=connection.request_timeout_ms * 2)
            log.info("created topics %s", ", ".join(sorted(created)))
        return created
    except KafkaError as exc:
        raise BrokerUnavailable(f"Kafka at {connection.bootstrap_servers}: {exc}") from exc
    finally:
        admin.close()
