"""The claim projections: each claim event as the row the read models keep of it.

These records are the stored facts; the derived read models (control timelines, incidents)
are recomputed from them by the db layer's refreshers with the pure functions of this
package (`control_timelines`, `cluster_incidents`).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime

from sitrep_schemas import (
    ActorRef,
    AllegationDisputed,
    AllegationReported,
    ClaimData,
    ControlClaimed,
    ParagraphInterpreted,
    PlaceRef,
)

from ._allegations import type_family
from ._control_claims import normalize_part
from ._records import ReadModelRecord

__all__ = [
    "ActorRecord",
    "AllegationRecord",
    "ControlClaimRecord",
    "DisputeRecord",
    "DisputeTargetRecord",
    "InterpretationRecord",
    "PlaceRecord",
    "allegation_block_key",
    "project_allegation",
    "project_control_claim",
    "project_dispute",
    "project_interpretation",
]


@dataclass(frozen=True, slots=True)
class ClaimProvenance:
    """Where a claim was read and who asserts it: kept with every claim row."""

    article_id: uuid.UUID
    paragraph_id: uuid.UUID
    paragraph_index: int
    sentence_index: int
    sentence: str
    trigger: str
    char_start: int
    char_end: int
    extractor_version: str | None
    modality: str
    confidence: float
    attribution_source: str | None
    attribution_kind: str
    acled_sub_event_type: str | None
    date_start: date | None
    date_end: date | None
    time_precision: int
    time_expression: str | None
    recorded_at: datetime


@dataclass(frozen=True, slots=True)
class ControlClaimRecord(ReadModelRecord):
    event_id: uuid.UUID
    place_id: str | None
    place_mention: str
    part: str | None
    actor_id: str | None
    actor_name: str | None
    actor_side: str | None
    from_actor_id: str | None
    from_side: str | None
    to_actor_id: str | None
    to_side: str | None
    action: str
    resulting_state: str
    article_id: uuid.UUID
    paragraph_id: uuid.UUID
    paragraph_index: int
    sentence_index: int
    sentence: str
    trigger: str
    char_start: int
    char_end: int
    extractor_version: str | None
    modality: str
    confidence: float
    attribution_source: str | None
    attribution_kind: str
    acled_sub_event_type: str | None
    date_start: date | None
    date_end: date | None
    time_precision: int
    time_expression: str | None
    recorded_at: datetime


@dataclass(frozen=True, slots=True)
class AllegationRecord(ReadModelRecord):
    event_id: uuid.UUID
    allegation_type: str
    family: str
    block_key: str
    perpetrator_id: str | None
    perpetrator_name: str | None
    perpetrator_side: str | None
    target_id: str | None
    victims: str | None
    victims_group: str | None
    killed_low: int | None
    killed_best: int | None
    killed_high: int | None
    injured_low: int | None
    injured_best: int | None
    injured_high: int | None
    abducted_low: int | None
    abducted_best: int | None
    abducted_high: int | None
    arrested_low: int | None
    arrested_best: int | None
    arrested_high: int | None
    place_id: str | None
    place_mention: str | None
    place_name: str | None
    place_role: str
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    geo_precision: int | None
    article_id: uuid.UUID
    paragraph_id: uuid.UUID
    paragraph_index: int
    sentence_index: int
    sentence: str
    trigger: str
    char_start: int
    char_end: int
    extractor_version: str | None
    modality: str
    confidence: float
    attribution_source: str | None
    attribution_kind: str
    acled_sub_event_type: str | None
    date_start: date | None
    date_end: date | None
    time_precision: int
    time_expression: str | None
    recorded_at: datetime


@dataclass(frozen=True, slots=True)
class DisputeRecord(ReadModelRecord):
    event_id: uuid.UUID
    disputed_by_id: str | None
    disputed_by_name: str | None
    manner: str
    scope: str | None
    article_id: uuid.UUID
    paragraph_id: uuid.UUID
    sentence: str
    trigger: str
    extractor_version: str | None
    modality: str
    attribution_source: str | None
    recorded_at: datetime


@dataclass(frozen=True, slots=True)
class DisputeTargetRecord(ReadModelRecord):
    dispute_event_id: uuid.UUID
    allegation_event_id: uuid.UUID


@dataclass(frozen=True, slots=True)
class InterpretationRecord(ReadModelRecord):
    event_id: uuid.UUID
    paragraph_id: uuid.UUID
    article_id: uuid.UUID
    extractor_version: str | None
    claim_count: int
    recorded_at: datetime


@dataclass(frozen=True, slots=True)
class PlaceRecord(ReadModelRecord):
    """A place as first resolved by a claim; the gazetteer, when loaded, has the same ids."""

    place_id: str
    name: str
    feature_type: str | None
    country: str | None
    admin1: str | None
    admin2: str | None
    lat: float | None
    lon: float | None


@dataclass(frozen=True, slots=True)
class ActorRecord(ReadModelRecord):
    actor_id: str
    name: str
    side: str | None
    actor_type: str | None
    country: str | None


def _provenance(
    data: ClaimData, extractor_version: str | None, recorded_at: datetime
) -> dict[str, object]:
    p = data.provenance
    return {
        "article_id": p.article_id,
        "paragraph_id": p.paragraph_id,
        "paragraph_index": p.paragraph_index,
        "sentence_index": p.sentence_index,
        "sentence": p.sentence,
        "trigger": p.trigger,
        "char_start": p.char_start,
        "char_end": p.char_end,
        "extractor_version": extractor_version,
        "modality": data.modality.value,
        "confidence": data.confidence,
        "attribution_source": data.attribution.source,
        "attribution_kind": data.attribution.source_kind.value,
        "acled_sub_event_type": data.acled_sub_event_type,
        "date_start": data.when.start,
        "date_end": data.when.end,
        "time_precision": data.when.precision,
        "time_expression": data.when.expression,
        "recorded_at": recorded_at,
    }


def _place(place: PlaceRef | None) -> list[ReadModelRecord]:
    if place is None or place.place_id is None:
        return []
    return [
        PlaceRecord(
            place_id=place.place_id,
            name=place.name or place.mention,
            feature_type=place.feature_type,
            country=place.country,
            admin1=place.admin1,
            admin2=place.admin2,
            lat=place.lat,
            lon=place.lon,
        )
    ]


def _actors(*actors: ActorRef | None) -> list[ReadModelRecord]:
    return [
        ActorRecord(
            actor_id=a.actor_id,
            name=a.name or a.mention,
            side=a.side,
            actor_type=a.actor_type.value if a.actor_type else None,
            country=a.country,
        )
        for a in actors
        if a is not None and a.actor_id is not None
    ]


def project_control_claim(event: ControlClaimed) -> list[ReadModelRecord]:
    data = event.data
    actor, before, after = data.actor, data.from_controller, data.to_controller
    claim = ControlClaimRecord(
        event_id=event.id,
        place_id=data.place.place_id,
        place_mention=data.place.mention,
        part=normalize_part(data.place.part),
        actor_id=actor.actor_id if actor else None,
        actor_name=(actor.name or actor.mention) if actor else None,
        actor_side=actor.side if actor else None,
        from_actor_id=before.actor_id if before else None,
        from_side=before.side if before else None,
        to_actor_id=after.actor_id if after else None,
        to_side=after.side if after else None,
        action=data.action.value,
        resulting_state=data.resulting_state.value,
        **_provenance(data, event.extractor_version, event.time),  # type: ignore[arg-type]
    )
    return [claim, *_place(data.place), *_actors(actor, before, after)]


def allegation_block_key(
    family: str,
    perpetrator: str | None,
    country: str | None,
    admin1: str | None,
    place_id: str | None,
) -> str:
    """The clustering block (see `block_key`) as one indexed string column."""
    region = admin1 or (f"place:{place_id}" if place_id else "unknown")
    return "|".join((family, perpetrator or "unknown", country or "unknown", region))


def project_allegation(event: AllegationReported) -> list[ReadModelRecord]:
    data = event.data
    place, perpetrator, counts = data.place, data.perpetrator, data.counts
    family = type_family(data.allegation_type.value)
    party = (perpetrator.side or perpetrator.actor_id) if perpetrator else None
    numbers: dict[str, int | None] = {}
    for kind in ("killed", "injured", "abducted", "arrested"):
        value = getattr(counts, kind)
        for bound in ("low", "best", "high"):
            numbers[f"{kind}_{bound}"] = getattr(value, bound) if value is not None else None
    record = AllegationRecord(
        event_id=event.id,
        allegation_type=data.allegation_type.value,
        family=family,
        block_key=allegation_block_key(
            family,
            party,
            place.country if place else None,
            place.admin1 if place else None,
            place.place_id if place else None,
        ),
        perpetrator_id=perpetrator.actor_id if perpetrator else None,
        perpetrator_name=(perpetrator.name or perpetrator.mention) if perpetrator else None,
        perpetrator_side=perpetrator.side if perpetrator else None,
        target_id=data.target.actor_id if data.target else None,
        victims=data.victims.description if data.victims else None,
        victims_group=data.victims.group if data.victims else None,
        place_id=place.place_id if place else None,
        place_mention=place.mention if place else None,
        place_name=(place.name or place.mention) if place else None,
        place_role=data.place_role.value,
        country=place.country if place else None,
        admin1=place.admin1 if place else None,
        lat=place.lat if place else None,
        lon=place.lon if place else None,
        geo_precision=place.geo_precision if place else None,
        **numbers,  # type: ignore[arg-type]
        **_provenance(data, event.extractor_version, event.time),  # type: ignore[arg-type]
    )
    return [record, *_place(place), *_actors(perpetrator, data.target)]


def project_dispute(event: AllegationDisputed) -> list[ReadModelRecord]:
    data = event.data
    by = data.disputed_by
    dispute = DisputeRecord(
        event_id=event.id,
        disputed_by_id=by.actor_id if by else None,
        disputed_by_name=(by.name or by.mention) if by else None,
        manner=data.manner.value,
        scope=data.scope,
        article_id=data.provenance.article_id,
        paragraph_id=data.provenance.paragraph_id,
        sentence=data.provenance.sentence,
        trigger=data.provenance.trigger,
        extractor_version=event.extractor_version,
        modality=data.modality.value,
        attribution_source=data.attribution.source,
        recorded_at=event.time,
    )
    targets: list[ReadModelRecord] = [
        DisputeTargetRecord(dispute_event_id=event.id, allegation_event_id=target)
        for target in sorted(set(data.disputes))
    ]
    return [dispute, *targets, *_actors(by)]


def project_interpretation(event: ParagraphInterpreted) -> list[ReadModelRecord]:
    data = event.data
    return [
        InterpretationRecord(
            event_id=event.id,
            paragraph_id=data.paragraph_id,
            article_id=data.article_id,
            extractor_version=event.extractor_version,
            claim_count=len(data.claim_ids),
            recorded_at=event.time,
        )
    ]
