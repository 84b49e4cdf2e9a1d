"""One loaded extractor for the whole test run, and an older one the log was first read with.

Loading parses the seed data and the model, so each is loaded once.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from functools import cache
from typing import Any

from sitrep_ingest.extraction import ArticleContext, ClaimEvent, Extractor
from sitrep_schemas import AllegationDisputed, ControlClaimed, deterministic_id

__all__ = ["OlderExtractor", "loaded_extractor", "older_extractor"]


class OlderExtractor(Extractor):
    """Today's rules under an older version that finds no control claims: allegations and
    disputes only, with ids of its own. A stand-in for the extractor a log was first read
    with, whose readings differ visibly from the current one's (no places held)."""

    version = "1.0.0-test"

    def extract_many(
        self, articles: Sequence[ArticleContext], recorded_at: datetime
    ) -> list[list[ClaimEvent]]:
        return [self._older(claims) for claims in super().extract_many(articles, recorded_at)]

    def _older(self, claims: list[ClaimEvent]) -> list[ClaimEvent]:
        kept = [c for c in claims if not isinstance(c, ControlClaimed)]
        renamed: dict[uuid.UUID, uuid.UUID] = {
            c.id: deterministic_id(c.type, c.id, self.version) for c in kept
        }
        older: list[ClaimEvent] = []
        for claim in kept:
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
    current = loaded_extractor()  # the same parser and gazetteer: loaded once
    return OlderExtractor(current.settings, current.parser, current.world)
