"""Rebuilding from offset zero gives the live read models back, row for row."""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import pytest
from sitrep_testing.claim_events import second_garma_article, seed_article_events
from sitrep_testing.databases import BACKENDS, fresh_database
from sitrep_testing.projector import apply_records, seed_reference

from sitrep_eventlog import encode_event
from sitrep_projector.db import ReadModelStore
from sitrep_projector.db.checksum import read_model_checksums
from sitrep_projector.db.versioning import PROJECTION_VERSION, stored_version, write_version
from sitrep_projector.ports import ConsumedRecord
from sitrep_projector.projecting import needs_rebuild, rebuild

GROUP = "rebuild-test"


def log_records() -> list[ConsumedRecord]:
    """Two articles on two partitions, plus a re-post and a poison record."""
    first = seed_article_events().events
    second = second_garma_article().events
    records = [
        ConsumedRecord("sitrep.events", 0, n, encode_event(e).value) for n, e in enumerate(first)
    ]
    records += [
        ConsumedRecord("sitrep.events", 1, n, encode_event(e).value) for n, e in enumerate(second)
    ]
    records += [
        ConsumedRecord("sitrep.events", 1, len(second) + n, encode_event(e).value)
        for n, e in enumerate(second)
    ]
    records.append(ConsumedRecord("sitrep.events", 0, len(first), b"{not an event"))
    return records


def in_batches(records: list[ConsumedRecord], size: int) -> Iterator[list[ConsumedRecord]]:
    for start in range(0, len(records), size):
        yield records[start : start + size]


@pytest.mark.parametrize("backend", BACKENDS)
def test_rebuild_from_offset_zero_matches_the_live_read_models(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    records = log_records()
    with fresh_database(backend, tmp_path, request) as url:
        live = ReadModelStore.from_url(url)
        live.create_schema()
        # The live projector saw the log in small polls, partitions interleaved.
        interleaved = sorted(records, key=lambda r: (r.offset, r.partition))
        for batch in in_batches(interleaved, 5):
            with live.session() as session:
                apply_records(session, batch, GROUP)
                session.commit()
        with live.session() as session:
            before = read_model_checksums(session)
        assert before["incidents"][0] == 5
        assert before["control_intervals"][0] > 0

        seen: list[int] = []
        result = rebuild(
            url, in_batches(records, 500), GROUP, seed_reference(), progress=seen.append
        )
        assert result.records == len(records)
        assert result.dead_letters == 1
        assert seen[-1] == len(records)

        live.engine.dispose()
        with live.session() as session:
            assert read_model_checksums(session) == before
            assert stored_version(session) == PROJECTION_VERSION
        live.dispose()


@pytest.mark.parametrize("backend", BACKENDS)
def test_another_projection_version_asks_for_a_rebuild(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    with fresh_database(backend, tmp_path, request) as url:
        store = ReadModelStore.from_url(url)
        store.create_schema()
        assert not needs_rebuild(store, seed_reference())
        with store.session() as session:
            write_version(session, PROJECTION_VERSION - 1)
            session.commit()
        assert needs_rebuild(store, seed_reference())
        store.dispose()


def test_shuffled_partition_interleaving_rebuilds_to_the_same_checksums(
    tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    records = log_records()
    sums = []
    for seed in (1, 2):
        partitions: dict[int, list[ConsumedRecord]] = {0: [], 1: []}
        for record in records:
            partitions[record.partition].append(record)
        rng = random.Random(seed)
        order: list[ConsumedRecord] = []
        while any(partitions.values()):
            p = rng.choice([k for k, v in partitions.items() if v])
            order.append(partitions[p].pop(0))
        with fresh_database("sqlite", tmp_path, request) as url:
            rebuild(url, in_batches(order, rng.randint(1, 9)), GROUP, seed_reference())
            store = ReadModelStore.from_url(url)
            with store.session() as session:
                sums.append(read_model_checksums(session))
            store.dispose()
    assert sums[0] == sums[1]
