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
from ._records import ReadModelRecord
from ._reference import KnownPlace, Reference

__all__ = [
    "ActorRecord",
    "AllegationRecord",
    "ControlClaimRecord",
    "DisputeRecord",
    "DisputeTargetRecord",
    "InterpretationRecord",
    "PlaceRecord",
    "allegation_block_key",
    "allegation_locality",
    "project_allegation",
    "project_control_claim",
    "project_dispute",
    "project_interpretation",
]


@dataclass(frozen=True, slots=True)
class ClaimProvenance(ReadModelRecord):
    """Where a claim was read, who asserts it and when: the columns every claim row carries.

    Not a record by itself (the db layer maps only the concrete claim records to tables).
    """

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
    reported_on: date | None
    recorded_at: datetime


@dataclass(frozen=True, slots=True)
class ControlClaimRecord(ClaimProvenance):
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


@dataclass(frozen=True, slots=True)
class AllegationRecord(ClaimProvenance):
    event_id: uuid.UUID
    allegation_type: str
    family: str
    block_key: str
    locality_key: str | None
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
class PlaceRecord(KnownPlace, ReadModelRecord):
    """A place as first resolved by a claim; the gazetteer, when loaded, has the same ids."""


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
        "reported_on": data.when.anchor,
        "recorded_at": recorded_at,
    }


def _where(place: PlaceRef | None, reference: Reference) -> PlaceRecord | None:
    """The place as the gazetteer knows it, else as the claim resolved it, else None."""
    if place is None or place.place_id is None:
        return None
    known = reference.places.get(place.place_id)
    if known is None:
        return PlaceRecord(
            place_id=place.place_id,
            name=place.name or place.mention,
            feature_type=place.feature_type,
            country=place.country,
            admin1=place.admin1,
            admin2=place.admin2,
            lat=place.lat,
            lon=place.lon,
        )
    return PlaceRecord(
        place_id=known.place_id,
        name=known.name,
        feature_type=known.feature_type or place.feature_type,
        country=known.country or place.country,
        admin1=known.admin1 or place.admin1,
        admin2=known.admin2 or place.admin2,
        lat=known.lat if known.lat is not None else place.lat,
        lon=known.lon if known.lon is not None else place.lon,
    )


def _place(where: PlaceRecord | None) -> list[ReadModelRecord]:
    return [] if where is None else [where]


def _actor_id(actor: ActorRef | None, country: str | None, reference: Reference) -> str | None:
    """The actor's id as the read models report it: a generic entry ("the army") is the
    state forces of the claim's country when the dictionary lists them, else no id."""
    return reference.actor_in(actor.actor_id, country) if actor else None


def _actors(
    reference: Reference, country: str | None, *actors: ActorRef | None
) -> list[ReadModelRecord]:
    records: list[ReadModelRecord] = []
    for a in actors:
        actor_id = _actor_id(a, country, reference)
        if a is None or actor_id is None:
            continue
        known = reference.actors.get(actor_id)
        records.append(
            ActorRecord(
                actor_id=actor_id,
                name=known.name if known else (a.name or a.mention),
                side=(known.side if known else None) or a.side,
                actor_type=(known.actor_type if known else None)
                or (a.actor_type.value if a.actor_type else None),
                country=(known.country if known else None) or a.country,
            )
        )
    return records


def _side(actor: ActorRef | None, country: str | None, reference: Reference) -> str | None:
    if actor is None:
        return None
    return reference.side_of(actor.actor_id, actor.side, country)


def project_control_claim(event: ControlClaimed, reference: Reference) -> list[ReadModelRecord]:
    data, place = event.data, event.data.place
    if place is None:
        return []  # "retreated from the front line": no place for a control row to be about
    actor, before, after = data.actor, data.from_controller, data.to_controller
    where = _where(place, reference)
    country = where.country if where else place.country
    claim = ControlClaimRecord(
        event_id=event.id,
        place_id=place.place_id,
        place_mention=place.mention,
        # As written: the timeline decides which part it names (`normalize_part`).
        part=" ".join(place.part.split()) or None if place.part else None,
        actor_id=_actor_id(actor, country, reference),
        actor_name=(actor.name or actor.mention) if actor else None,
        actor_side=_side(actor, country, reference),
        from_actor_id=_actor_id(before, country, reference),
        from_side=_side(before, country, reference),
        to_actor_id=_actor_id(after, country, reference),
        to_side=_side(after, country, reference),
        action=data.action.value,
        resulting_state=data.resulting_state.value,
        **_provenance(data, event.extractor_version, event.time),  # type: ignore[arg-type]
    )
    return [claim, *_place(where), *_actors(reference, country, actor, before, after)]


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


def allegation_locality(place: PlaceRef | None, reference: Reference | None = None) -> str | None:
    """The unit an allegation clusters within: its place's district when the gazetteer knows
    one (a town and its district are "the place or its parent"), else its place; None when
    it is known only to a province (or not at all) and may join any incident of its block."""
    if place is None or place.place_id is None or place.geo_precision == 3:
        return None
    district = reference.district_of(place.place_id) if reference else None
    return district or place.place_id


def project_allegation(event: AllegationReported, reference: Reference) -> list[ReadModelRecord]:
    data = event.data
    place, perpetrator, counts = data.place, data.perpetrator, data.counts
    where = _where(place, reference)
    country = where.country if where else (place.country if place else None)
    admin1 = where.admin1 if where else (place.admin1 if place else None)
    family = type_family(data.allegation_type.value)
    side = _side(perpetrator, country, reference)
    perpetrator_id = _actor_id(perpetrator, country, reference)
    party = side or perpetrator_id
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
            family, party, country, admin1, place.place_id if place else None
        ),
        locality_key=allegation_locality(place, reference),
        perpetrator_id=perpetrator_id,
        perpetrator_name=(perpetrator.name or perpetrator.mention) if perpetrator else None,
        perpetrator_side=side,
        target_id=_actor_id(data.target, country, reference),
        victims=data.victims.description if data.victims else None,
        victims_group=data.victims.group if data.victims else None,
        place_id=place.place_id if place else None,
        place_mention=place.mention if place else None,
        place_name=where.name if where else ((place.name or place.mention) if place else None),
        place_role=data.place_role.value,
        country=country,
        admin1=admin1,
        lat=where.lat if where else (place.lat if place else None),
        lon=where.lon if where else (place.lon if place else None),
        geo_precision=place.geo_precision if place else None,
        **numbers,  # type: ignore[arg-type]
        **_provenance(data, event.extractor_version, event.time),  # type: ignore[arg-type]
    )
    return [record, *_place(where), *_actors(reference, country, perpetrator, data.target)]


def project_dispute(event: AllegationDisputed, reference: Reference) -> list[ReadModelRecord]:
    data = event.data
    by = data.disputed_by
    dispute = DisputeRecord(
        event_id=event.id,
        disputed_by_id=_actor_id(by, None, reference),
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
    return [dispute, *targets, *_actors(reference, None, by)]


def project_interpretation(
    event: ParagraphInterpreted, _reference: Reference
) -> list[ReadModelRecord]:
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
