"""Claims as plain data, before they become events: what the rules found in a sentence."""

from __future__ import annotations

from dataclasses import dataclass, field

from sitrep_schemas import (
    AllegationType,
    Count,
    DisputeManner,
    EventTime,
    Modality,
    PlaceRole,
)

from .attribution import AttributionDraft
from .mentions import ActorMention, PlaceMention

__all__ = ["AllegationDraft", "ControlDraft", "DisputeDraft", "Draft", "Trigger"]


@dataclass(frozen=True, slots=True)
class Trigger:
    """Where a claim was read: the sentence and the trigger words, offsets in the paragraph."""

    sentence_index: int
    sentence_start: int
    sentence_end: int
    start: int
    end: int


@dataclass(slots=True)
class ControlDraft:
    trigger: Trigger
    action: str  # ControlAction value
    actor: ActorMention | None
    place: PlaceMention
    part: str | None
    acled: str | None
    modality: Modality
    attribution: AttributionDraft
    when: EventTime | None
    from_controller: ActorMention | None = None
    to_controller: ActorMention | None = None
    confidence: float = 0.6


@dataclass(slots=True)
class AllegationDraft:
    trigger: Trigger
    allegation_type: AllegationType
    acled: str | None
    perpetrator: ActorMention | None
    modality: Modality
    attribution: AttributionDraft
    when: EventTime | None
    place: PlaceMention | None = None
    place_role: PlaceRole = PlaceRole.UNKNOWN
    target: ActorMention | None = None
    victims: str | None = None
    victim_group: str | None = None
    counts: dict[str, Count] = field(default_factory=dict)
    confidence: float = 0.6


@dataclass(slots=True)
class DisputeDraft:
    trigger: Trigger
    disputed_by: ActorMention | None
    disputed_by_text: str | None
    manner: DisputeManner
    scope: str | None
    scope_place: PlaceMention | None
    attribution: AttributionDraft
    when: EventTime | None
    answers: list[AllegationDraft] = field(default_factory=list)
    confidence: float = 0.6


Draft = ControlDraft | AllegationDraft | DisputeDraft
