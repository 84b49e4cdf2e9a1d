"""One loaded extractor for the whole test run, and an older one the log was first read with.

Loading parses the seed data and the model, so each is loaded once.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from functools import cache
from typing import Any

from sitrep_ingest.extraction import ArticleContext, ClaimEvent, Extractor, ExtractorSettings
from sitrep_schemas import AllegationDisputed, ControlClaimed, deterministic_id

__all__ = ["OlderExtractor", "loaded_extractor", "older_extractor"]


class OlderExtractor(Extractor):
    """Today's rules under an older version that finds no control claims: allegations and
    disputes only, with ids of its own. A stand-in for the extractor a log was first read
    with, whose readings differ visibly from the current one's (no places held)."""

    version = "1.0.0-test"

    def extract_claims(self, article: ArticleContext, recorded_at: datetime) -> list[ClaimEvent]:
        claims = [
            c
            for c in super().extract_claims(article, recorded_at)
            if not isinstance(c, ControlClaimed)
        ]
        renamed: dict[uuid.UUID, uuid.UUID] = {
            c.id: deterministic_id(c.type, c.id, self.version) for c in claims
        }
        older: list[ClaimEvent] = []
        for claim in claims:
            update: dict[str, Any] = {"id": renamed[claim.id], "extractor_version": self.version}
            if isinstance(claim, AllegationDisputed):
                disputes = tuple(renamed.get(i, i) for i in claim.data.disputes)
                update["data"] = claim.data.model_copy(update={"disputes": disputes})
            older.append(claim.model_copy(update=update))
        return older


@cache
def loaded_extractor() -> Extractor:
    return Extractor.load()


@cache
def older_extractor() -> OlderExtractor:
    return OlderExtractor(ExtractorSettings())
