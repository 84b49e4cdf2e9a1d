"""Records go to the partition kafka-python's default partitioner would pick for their key."""

from __future__ import annotations

import uuid

import pytest
from kafka.cluster import ClusterMetadata
from kafka.partitioner.default import DefaultPartitioner

from sitrep_ingest.publishing._partitioning import partition_for


class _Cluster(ClusterMetadata):  # type: ignore[misc]  # kafka-python is untyped
    def __init__(self, partitions: set[int]) -> None:
        super().__init__()
        self._partitions_of = partitions

    def topics(self, exclude_internal_topics: bool = True) -> set[str]:
        return {"t"}

    def partitions_for_topic(self, topic: str) -> set[int]:
        return self._partitions_of

    def available_partitions_for_topic(self, topic: str) -> set[int]:
        return self._partitions_of


@pytest.mark.parametrize("count", [1, 6, 7])
def test_the_same_partition_as_the_default_partitioner(count: int) -> None:
    partitions = set(range(count))
    cluster = _Cluster(partitions)
    for n in range(200):
        key = str(uuid.uuid5(uuid.NAMESPACE_URL, str(n))).encode("ascii")
        expected = DefaultPartitioner().partition("t", key, key, None, None, cluster)
        assert partition_for(key, partitions) == expected
