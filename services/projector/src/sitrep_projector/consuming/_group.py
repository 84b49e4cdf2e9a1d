"""Who is consuming: the members of the projector's consumer group, as the broker sees them."""

from __future__ import annotations

from kafka.admin import KafkaAdminClient
from kafka.errors import KafkaError

from sitrep_eventlog import BrokerUnavailable, KafkaConnection

__all__ = ["active_consumers"]


def active_consumers(connection: KafkaConnection, group_id: str) -> list[str]:
    """The client ids (with hosts) of the group's current members; empty when none."""
    try:
        admin = KafkaAdminClient(**connection.client_config())
    except KafkaError as exc:
        raise BrokerUnavailable(f"cannot reach the broker: {exc}") from exc
    try:
        described = admin.describe_groups([group_id]).get(group_id, {})
    except KafkaError as exc:
        raise BrokerUnavailable(f"cannot describe group {group_id}: {exc}") from exc
    finally:
        admin.close()
    return sorted(
        f"{member.get('client_id', '?')}@{member.get('client_host', '?')}"
        for member in described.get("members") or []
    )
