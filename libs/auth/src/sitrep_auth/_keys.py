"""API keys with scopes, stored hashed.

A keys file (or the `SITREP_API_KEYS` variable) holds JSON:

    {"keys": [{"id": "scraper-1", "sha256": "<hex sha256 of the key>",
               "scopes": ["ingest:write"], "revoked": false}]}

Only the hashes are stored. The file is read again when it changes (checked at most once a
second), so a key is revoked, or a new one added, without a restart. Keys are never logged:
only their `id` is.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import secrets
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["SCOPES", "ApiKey", "KeyStore", "hash_key", "new_key"]

log = logging.getLogger(__name__)

SCOPES = ("ingest:write", "read", "admin")
_RECHECK_S = 1.0


def hash_key(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def new_key(prefix: str = "sk") -> str:
    return f"{prefix}_{secrets.token_urlsafe(32)}"


@dataclass(frozen=True, slots=True)
class ApiKey:
    id: str
    scopes: frozenset[str]


def _parse(document: Any, origin: str) -> dict[str, ApiKey]:
    if not isinstance(document, dict) or not isinstance(document.get("keys"), list):
        raise ValueError(f'{origin}: expected {{"keys": [...]}}')
    keys: dict[str, ApiKey] = {}
    for n, entry in enumerate(document["keys"]):
        if not isinstance(entry, dict) or not isinstance(entry.get("sha256"), str):
            raise ValueError(f"{origin}: keys[{n}] needs a `sha256`")
        if entry.get("revoked"):
            continue
        scopes = frozenset(entry.get("scopes") or ())
        unknown = scopes - set(SCOPES)
        if unknown:
            raise ValueError(f"{origin}: keys[{n}] has unknown scopes {sorted(unknown)}")
        keys[entry["sha256"].lower()] = ApiKey(id=str(entry.get("id") or f"key-{n}"), scopes=scopes)
    return keys


class KeyStore:
    """The valid keys, by hash; from a file (re-read when it changes) and/or a JSON string."""

    def __init__(self, path: Path | None = None, inline: str | None = None) -> None:
        self._path = path
        self._inline = _parse(json.loads(inline), "SITREP_API_KEYS") if inline else {}
        self._from_file: dict[str, ApiKey] = {}
        self._stamp: tuple[int, int] | None = None
        self._checked = 0.0
        self._lock = threading.Lock()
        self._reload(force=True)

    @property
    def configured(self) -> bool:
        return self._path is not None or bool(self._inline)

    def _reload(self, force: bool = False) -> None:
        if self._path is None:
            return
        now = time.monotonic()
        if not force and now - self._checked < _RECHECK_S:
            return
        self._checked = now
        try:
            stat = os.stat(self._path)
        except FileNotFoundError:
            if self._from_file:
                log.warning("API keys file %s is gone: its keys are no longer valid", self._path)
            self._from_file, self._stamp = {}, None
            return
        stamp = (stat.st_mtime_ns, stat.st_size)
        if stamp == self._stamp and not force:
            return
        try:
            self._from_file = _parse(json.loads(self._path.read_text("utf-8")), str(self._path))
            self._stamp = stamp
            log.info("API keys loaded from %s: %d valid", self._path, len(self._from_file))
        except (OSError, ValueError) as exc:
            # Keep the last good keys rather than locking every client out on a bad edit.
            log.error("API keys file %s not loaded: %s", self._path, exc)

    def lookup(self, secret: str) -> ApiKey | None:
        digest = hash_key(secret)
        with self._lock:
            self._reload()
            return self._from_file.get(digest) or self._inline.get(digest)
