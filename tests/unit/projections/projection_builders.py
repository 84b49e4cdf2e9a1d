"""Small builders for projection values, with defaults that tests override by keyword."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sitrep_projector.projections import AllegationClaim, ControlClaim, CountRange

RECORDED = datetime(2016, 6, 5, 12, 0, tzinfo=UTC)


def control(claim_id: str, place_id: str, **fields: Any) -> ControlClaim:
    defaults: dict[str, Any] = {
        "action": "captured",
        "resulting_state": "controlled",
        "recorded_at": RECORDED,
        "article_id": "article-1",
        "publisher": "Zero Hedge",
        "time_precision": 1,
    }
    defaults.update(fields)
    return ControlClaim(claim_id=claim_id, place_id=place_id, **defaults)


def allegation(claim_id: str, allegation_type: str, **fields: Any) -> AllegationClaim:
    defaults: dict[str, Any] = {
        "recorded_at": RECORDED,
        "article_id": "article-1",
        "publisher": "Zero Hedge",
        "content_hash": "hash-article-1",
        "perpetrator_actor_id": "popular_mobilization_forces",
        "perpetrator_side": "iraqi_government",
        "place_id": "sitrep:garma",
        "place_name": "Garma",
        "admin1": "Anbar",
        "country": "IQ",
        "geo_precision": 1,
        "date_start": date(2016, 6, 3),
        "time_precision": 2,
        "reported_on": date(2016, 6, 5),
    }
    defaults.update(fields)
    return AllegationClaim(claim_id=claim_id, allegation_type=allegation_type, **defaults)


def count(best: int, low: int | None = None, high: int | None = None) -> CountRange:
    return CountRange(low=low, best=best, high=high)
