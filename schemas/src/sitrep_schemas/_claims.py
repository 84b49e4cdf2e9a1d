"""Claim events: what the extractor read in a paragraph, attributed and located."""

from __future__ import annotations

import uuid
from enum import StrEnum
from typing import Literal

from pydantic import Field

from ._envelope import EventEnvelope, Payload
from ._values import (
    ActorRef,
    Attribution,
    Counts,
    EventTime,
    Modality,
    PlaceRef,
    PlaceRole,
    Provenance,
    Victims,
)
from .acled import AcledSubEventType

__all__ = [
    "AllegationDisputed",
    "AllegationDisputedData",
    "AllegationReported",
    "AllegationReportedData",
    "AllegationType",
    "ClaimData",
    "ControlAction",
    "ControlClaimed",
    "ControlClaimedData",
    "ControlState",
    "DisputeManner",
]


class ControlAction(StrEnum):
    CAPTURED = "captured"
    RECAPTURED = "recaptured"
    SECURED = "secured"
    ENTERED = "entered"
    ENCIRCLED = "encircled"
    BESIEGED = "besieged"
    ADVANCED_TOWARD = "advanced_toward"
    WITHDREW = "withdrew"
    LOST = "lost"
    CONTESTED = "contested"
    PRESENT = "present"


class ControlState(StrEnum):
    """The state of a place the claim implies, for the claim's actor."""

    CONTROLLED = "controlled"
    CONTESTED = "contested"
    ENCIRCLED = "encircled"  # encircled or besieged by the actor
    ADVANCING_ON = "advancing_on"
    PRESENCE = "presence"
    RELINQUISHED = "relinquished"  # the actor withdrew from or lost the place


class AllegationType(StrEnum):
    KILLING = "killing"
    EXECUTION = "execution"
    ABDUCTION = "abduction"
    ARREST = "arrest"
    LOOTING = "looting"
    PROPERTY_DESTRUCTION = "property_destruction"
    RELIGIOUS_SITE_DESTRUCTION = "religious_site_destruction"
    TORTURE = "torture"
    SEXUAL_VIOLENCE = "sexual_violence"
    DISPLACEMENT = "displacement"
    AIRSTRIKE = "airstrike"
    SHELLING = "shelling"
    BOMBING = "bombing"
    SUICIDE_BOMBING = "suicide_bombing"
    EXPLOSIVE_DEVICE = "explosive_device"  # IED, landmine, car bomb set off remotely
    GRENADE = "grenade"
    CHEMICAL_ATTACK = "chemical_attack"
    ARMED_CLASH = "armed_clash"
    FORCE_AGAINST_PROTESTERS = "force_against_protesters"
    THREAT = "threat"
    OBSTRUCTION = "obstruction"
    OTHER = "other"


class DisputeManner(StrEnum):
    DENIAL = "denial"  # "denied", "rejected the reports"
    DISCREDITING = "discrediting"  # "criticized media outlets for distorting the truth"
    CORRECTION = "correction"  # a different account of the same events
    INVESTIGATION = "investigation"  # "ordered an investigation", questioning the facts


class ClaimData(Payload):
    """Fields every claim carries."""

    acled_sub_event_type: AcledSubEventType | None = Field(
        default=None, description="ACLED's exact sub-event type label, or null."
    )
    when: EventTime = Field(default_factory=EventTime)
    attribution: Attribution = Field(default_factory=Attribution)
    modality: Modality = Modality.ASSERTED
    confidence: float = Field(ge=0.0, le=1.0)
    provenance: Provenance


class ControlClaimedData(ClaimData):
    actor: ActorRef | None = Field(description="Who captured, holds, encircles or advances.")
    place: PlaceRef | None = Field(
        default=None,
        description=(
            'Where. Null when the text names no place it can be read as: "retreated from the '
            'front line", "seized several localities", "captured the town" with no town '
            "named before or after. Such a claim is kept in the log; the projector's control "
            "timelines, being per place, leave it out."
        ),
    )
    action: ControlAction
    resulting_state: ControlState
    from_controller: ActorRef | None = Field(
        default=None, description="Who held the place before, when the text says."
    )
    to_controller: ActorRef | None = Field(
        default=None, description="Who holds the place after, when the text says."
    )


class ControlClaimed(EventEnvelope):
    """Version 2: `data.place` may be null (version 1 always had a place)."""

    type: Literal["sitrep.control.claimed"] = "sitrep.control.claimed"
    schema_version: Literal[2] = 2
    data: ControlClaimedData


class AllegationReportedData(ClaimData):
    allegation_type: AllegationType
    perpetrator: ActorRef | None = None
    target: ActorRef | None = Field(
        default=None, description="The armed actor attacked, for clashes and attacks on forces."
    )
    victims: Victims | None = None
    counts: Counts = Field(default_factory=Counts)
    place: PlaceRef | None = None
    place_role: PlaceRole = PlaceRole.UNKNOWN


class AllegationReported(EventEnvelope):
    type: Literal["sitrep.allegation.reported"] = "sitrep.allegation.reported"
    schema_version: Literal[1] = 1
    data: AllegationReportedData


class AllegationDisputedData(ClaimData):
    disputed_by: ActorRef | None = Field(description="Who disputes the allegations.")
    disputes: tuple[uuid.UUID, ...] = Field(
        default=(), description="Ids of the allegation events of the same article it answers."
    )
    scope: str | None = Field(
        default=None, description="What is disputed when no single allegation is named."
    )
    scope_place: PlaceRef | None = None
    manner: DisputeManner = DisputeManner.DENIAL


class AllegationDisputed(EventEnvelope):
    type: Literal["sitrep.allegation.disputed"] = "sitrep.allegation.disputed"
    schema_version: Literal[1] = 1
    data: AllegationDisputedData
