"""From the contract's claim events to the values the projections work on.

The article a claim came from is a separate event (`ArticleIngested`), so its publisher,
publication date and content hash are passed in by whoever joined them.
"""

from __future__ import annotations

from datetime import date

from sitrep_schemas import AllegationReported, ControlClaimed, Count

from ._allegations import AllegationClaim, CountRange
from ._control_claims import ControlClaim, normalize_part
from .claims import allegation_locality

__all__ = ["allegation_claim", "control_claim"]


def control_claim(event: ControlClaimed, publisher: str | None = None) -> ControlClaim | None:
    """None when the place is unresolved or missing: a timeline needs a place id to belong
    to."""
    data = event.data
    if data.place is None or data.place.place_id is None:
        return None
    actor, before, after = data.actor, data.from_controller, data.to_controller
    return ControlClaim(
        claim_id=str(event.id),
        place_id=data.place.place_id,
        part=normalize_part(data.place.part),
        action=data.action.value,
        resulting_state=data.resulting_state.value,
        recorded_at=event.time,
        article_id=str(data.provenance.article_id),
        modality=data.modality.value,
        actor_id=actor.actor_id if actor else None,
        actor_side=actor.side if actor else None,
        from_actor_id=before.actor_id if before else None,
        from_side=before.side if before else None,
        to_actor_id=after.actor_id if after else None,
        to_side=after.side if after else None,
        date_start=data.when.start,
        date_end=data.when.end,
        reported_on=data.when.anchor,
        time_precision=data.when.precision,
        publisher=publisher,
        confidence=data.confidence,
    )


def _range(count: Count | None) -> CountRange:
    if count is None:
        return CountRange()
    return CountRange(count.low, count.best, count.high)


def allegation_claim(
    event: AllegationReported,
    publisher: str | None = None,
    content_hash: str | None = None,
    reported_on: date | None = None,
) -> AllegationClaim:
    data = event.data
    place, perpetrator, counts = data.place, data.perpetrator, data.counts
    return AllegationClaim(
        claim_id=str(event.id),
        allegation_type=data.allegation_type.value,
        recorded_at=event.time,
        article_id=str(data.provenance.article_id),
        modality=data.modality.value,
        perpetrator_actor_id=perpetrator.actor_id if perpetrator else None,
        perpetrator_side=perpetrator.side if perpetrator else None,
        place_id=place.place_id if place else None,
        place_name=(place.name or place.mention) if place else None,
        admin1=place.admin1 if place else None,
        country=place.country if place else None,
        lat=place.lat if place else None,
        lon=place.lon if place else None,
        geo_precision=place.geo_precision if place else None,
        locality=allegation_locality(place),
        date_start=data.when.start,
        date_end=data.when.end,
        time_precision=data.when.precision,
        reported_on=reported_on or data.when.anchor,
        publisher=publisher,
        content_hash=content_hash,
        sentence=data.provenance.sentence,
        acled_sub_event_type=data.acled_sub_event_type,
        killed=_range(counts.killed),
        injured=_range(counts.injured),
        abducted=_range(counts.abducted),
        arrested=_range(counts.arrested),
        confidence=data.confidence,
    )
