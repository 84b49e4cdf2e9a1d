"""The local stack's API keys: one per scope, made on first start and kept in the data dir.

`local-keys.json` holds the keys themselves for the people and tools on this machine
(`{"write": ..., "read": ..., "admin": ...}`, mode 0600; `sitrep submit` reads the write
key from it). `api-keys.json` holds only their hashes, for the services.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from sitrep_auth import hash_key, new_key

__all__ = ["LOCAL_KEYS_FILE", "LocalKeys", "ensure_local_keys", "read_local_key"]

LOCAL_KEYS_FILE = "local-keys.json"
SERVICE_KEYS_FILE = "api-keys.json"
_SCOPES = {"write": "ingest:write", "read": "read", "admin": "admin"}


@dataclass(frozen=True)
class LocalKeys:
    keys: dict[str, str]  # "write" / "read" / "admin" -> the key
    path: Path  # the keys themselves (0600)
    service_path: Path  # their hashes, for SITREP_API_KEYS_FILE
    created: bool


def _write_private(path: Path, text: str) -> None:
    tmp = path.with_suffix(path.suffix + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(text)
    os.chmod(tmp, 0o600)
    os.replace(tmp, path)


def ensure_local_keys(data_dir: Path) -> LocalKeys:
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / LOCAL_KEYS_FILE
    created = False
    if path.exists():
        keys = {k: str(v) for k, v in json.loads(path.read_text("utf-8")).items()}
    else:
        keys = {name: new_key(f"sitrep_{name}") for name in _SCOPES}
        _write_private(path, json.dumps(keys, indent=2) + "\n")
        created = True
    service = {
        "keys": [
            {"id": f"local-{name}", "sha256": hash_key(keys[name]), "scopes": [scope]}
            for name, scope in _SCOPES.items()
            if name in keys
        ]
    }
    service_path = data_dir / SERVICE_KEYS_FILE
    _write_private(service_path, json.dumps(service, indent=2) + "\n")
    return LocalKeys(keys, path, service_path, created)


def read_local_key(path: Path, name: str = "write") -> str | None:
    try:
        value = json.loads(path.read_text("utf-8")).get(name)
    except (OSError, ValueError, AttributeError):
        return None
    return str(value) if value else None
