"""Which extractor's reading of a paragraph counts: the newest one that read it.

A better extractor re-reads the paragraph log and publishes new claims under a newer
`extractor_version`; claims of older versions of the same paragraph stay in the log but are
superseded, even when the newer version found nothing there (`ParagraphInterpreted`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["newest_versions", "superseded", "version_key"]

_PIECE = re.compile(r"(\d+)|([A-Za-z]+)")


def version_key(version: str | None) -> tuple[tuple[int, int, str], ...]:
    """Orders `0.9` < `0.10` < `1.0` numerically; letters sort before numbers (`1.0rc1` < `1.0.1`).

    None (an event without a version) sorts before every version.
    """
    if version is None:
        return ()
    return tuple(
        (1, int(number), "") if number else (0, 0, word.lower())
        for number, word in _PIECE.findall(version)
    )


def newest_versions(readings: Iterable[tuple[str, str | None]]) -> dict[str, str | None]:
    """paragraph id -> the newest extractor version among the given (paragraph, version)."""
    newest: dict[str, str | None] = {}
    for paragraph_id, version in readings:
        if paragraph_id not in newest or version_key(version) > version_key(newest[paragraph_id]):
            newest[paragraph_id] = version
    return newest


def superseded(paragraph_id: str, version: str | None, newest: dict[str, str | None]) -> bool:
    if paragraph_id not in newest:
        return False
    return version_key(version) < version_key(newest[paragraph_id])
