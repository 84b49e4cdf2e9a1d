"""The local stack's keys: one per scope, made once, private, and only hashes for services."""

from __future__ import annotations

import json
import stat
from pathlib import Path

from sitrep.devstack import ensure_local_keys, read_local_key
from sitrep_auth import KeyStore


def test_keys_are_made_once_private_and_hashed_for_the_services(tmp_path: Path) -> None:
    first = ensure_local_keys(tmp_path)
    assert first.created and set(first.keys) == {"write", "read", "admin"}
    assert stat.S_IMODE(first.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(first.service_path.stat().st_mode) == 0o600
    assert json.loads(first.path.read_text()) == first.keys
    assert all(key not in first.service_path.read_text() for key in first.keys.values())

    again = ensure_local_keys(tmp_path)
    assert not again.created and again.keys == first.keys
    assert read_local_key(first.path, "write") == first.keys["write"]

    store = KeyStore(first.service_path)
    found = {name: store.lookup(key) for name, key in first.keys.items()}
    assert {name: sorted(k.scopes) for name, k in found.items() if k} == {
        "write": ["ingest:write"], "read": ["read"], "admin": ["admin"]
    }  # fmt: skip
    assert store.lookup("sitrep_write_not_a_key") is None
