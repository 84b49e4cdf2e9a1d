"""Run the extractor through its public entry point and read its claims as `Claim`s."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from sitrep.evaluation.claims import COUNT_KEYS, Article, Claim

if TYPE_CHECKING:
    from sitrep_ingest.extraction import Extractor

__all__ = ["claim_from_event", "predict"]

_FAMILY = {
    "sitrep.control.claimed": "control",
    "sitrep.allegation.reported": "allegation",
    "sitrep.allegation.disputed": "dispute",
}
RECEIVED_AT = datetime(2026, 1, 1, tzinfo=UTC)


def _span(start: Any, end: Any) -> tuple[int, int] | None:
    return (int(start), int(end)) if start is not None and end is not None else None


def _day(when: dict[str, Any]) -> Any:
    """The event's day, as the labels give it: a date read to the month or the year ("last
    February", "in 2011") is no day (ACLED's time precision 1 is a day)."""
    return when.get("start") if when.get("precision") == 1 else None


def claim_from_event(event_type: str, data: dict[str, Any]) -> Claim | None:
    """A claim event's `data` (as JSON) as a `Claim`; None for events that are not claims."""
    family = _FAMILY.get(event_type)
    if family is None:
        return None
    place = data.get("place") or data.get("scope_place") or {}
    actor = data.get("actor") or data.get("perpetrator") or data.get("disputed_by") or {}
    provenance = data.get("provenance") or {}
    counts: dict[str, int] = {}
    for key, value in (data.get("counts") or {}).items():
        if key in COUNT_KEYS and value and value.get("best") is not None:
            counts[key] = int(value["best"])
    sentence = _span(provenance.get("sentence_start"), provenance.get("sentence_end"))
    trigger = _span(provenance.get("char_start"), provenance.get("char_end"))
    return Claim(
        family=family,
        type=data.get("action") or data.get("allegation_type") or data.get("manner"),
        paragraph=provenance.get("paragraph_index"),
        actor=actor.get("mention"),
        actor_id=actor.get("actor_id"),
        actor_name=actor.get("name"),
        place=place.get("mention"),
        # The labels name a country as `country:XX`; the gazetteer by its GeoNames id.
        place_id=(
            f"country:{place['country']}"
            if place.get("feature_type") == "country" and place.get("country")
            else place.get("place_id")
        ),
        place_name=place.get("name"),
        counts=counts,
        date=_day(data.get("when") or {}),
        attribution=(data.get("attribution") or {}).get("source"),
        modality=data.get("modality"),
        span=sentence,
        trigger=trigger,
        acled=data.get("acled_sub_event_type"),
    )


def predict(articles: Sequence[Article], extractor: Extractor) -> list[list[Claim]]:
    """The extractor's claims for each article, as ingest would produce them (extracted
    together, so that their sentences are parsed in batches)."""
    from sitrep_ingest.articles import ArticleBody  # noqa: PLC0415 (keeps `sitrep` start fast)
    from sitrep_ingest.events import articles_events  # noqa: PLC0415

    bodies = [
        ArticleBody(
            paragraphs=list(a.paragraphs),
            published_at=date.fromisoformat(a.published_at) if a.published_at else None,
        )
        for a in articles
    ]
    out = []
    for built in articles_events(bodies, RECEIVED_AT, extractor):
        claims = []
        for event in built.events:
            claim = claim_from_event(event.type, event.model_dump(mode="json")["data"])
            if claim is not None:
                claims.append(claim)
        out.append(claims)
    return out
