"""The change log's diff: what a refresh created, changed and retracted, and nothing else."""

from __future__ import annotations

from sitrep_projector.db.changes import Change, diff


def test_only_rows_whose_fingerprint_moved_are_changes() -> None:
    stored = {"a": "1", "b": "2", "c": "3"}
    wanted = {"a": "1", "b": "20", "d": "4"}
    assert diff(stored, wanted) == [
        ("b", Change.CHANGED),
        ("c", Change.RETRACTED),
        ("d", Change.CREATED),
    ]
    assert diff(wanted, wanted) == []
