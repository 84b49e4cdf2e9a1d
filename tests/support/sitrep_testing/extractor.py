"""One loaded extractor for the whole test run: loading parses the seed data and the model."""

from __future__ import annotations

from functools import cache

from sitrep_ingest.extraction import Extractor

__all__ = ["loaded_extractor"]


@cache
def loaded_extractor() -> Extractor:
    return Extractor.load()
