"""Drafts become claim events: value objects, provenance, deterministic ids, a confidence."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import TypedDict

from sitrep_schemas import (
    ActorRef,
    AllegationDisputed,
    AllegationDisputedData,
    AllegationReported,
    AllegationReportedData,
    Attribution,
    ControlAction,
    ControlClaimed,
    ControlClaimedData,
    ControlState,
    Count,
    Counts,
    EventTime,
    Modality,
    PlaceRef,
    Provenance,
    SourceKind,
    Span,
    Victims,
    deterministic_id,
)

from .attribution import AttributionDraft
from .drafts import AllegationDraft, ControlDraft, DisputeDraft, Trigger
from .lexicon import ActorEntry
from .mentions import ActorMention, PlaceMention, named_place

__all__ = ["EventFactory"]

SOURCE = "sitrep/ingest"
_STATE_OF = {
    "captured": ControlState.CONTROLLED,
    "recaptured": ControlState.CONTROLLED,
    "secured": ControlState.CONTROLLED,
    "entered": ControlState.PRESENCE,
    "encircled": ControlState.ENCIRCLED,
    "besieged": ControlState.ENCIRCLED,
    "advanced_toward": ControlState.ADVANCING_ON,
    "withdrew": ControlState.RELINQUISHED,
    "lost": ControlState.RELINQUISHED,
    "contested": ControlState.CONTESTED,
    "present": ControlState.PRESENCE,
}
_PRECISE = frozenset({"city", "town", "village", "crossroads", "airbase", "site"})
_WEAK_MODALITIES = frozenset({Modality.FUTURE, Modality.HYPOTHETICAL, Modality.NEGATED})


def place_ref(mention: PlaceMention, part: str | None = None) -> PlaceRef:
    """The place as the event carries it; `part` when the claim names a part of the place the
    mention does not ("secured its southern edge", the place named sentences before)."""
    part = part or mention.part
    entry = mention.chosen
    if entry is None:
        return PlaceRef(
            mention=mention.text,
            resolved=False,
            candidates=tuple(c.id for c in mention.candidates),
            part=part,
            span=Span(start=mention.start, end=mention.end),
        )
    if entry.feature_type in _PRECISE:
        precision = 2 if part else 1
    elif entry.feature_type in ("district", "river", "region"):
        precision = 2
    else:
        precision = 3
    return PlaceRef(
        mention=mention.text,
        place_id=entry.id,
        name=entry.name,
        feature_type=entry.feature_type,
        country=entry.country,
        admin1=entry.admin1,
        admin2=entry.admin2,
        lat=entry.lat,
        lon=entry.lon,
        geo_precision=precision,
        part=part,
        resolved=True,
        span=Span(start=mention.start, end=mention.end),
    )


def _actor_ref_of(entry: ActorEntry | None, text: str, start: int, end: int) -> ActorRef:
    if entry is None:
        return ActorRef(mention=text, resolved=False, span=Span(start=start, end=end))
    return ActorRef(
        mention=text,
        actor_id=entry.id,
        name=entry.name,
        actor_type=entry.actor_type,
        side=entry.side,
        country=entry.country,
        resolved=True,
        span=Span(start=start, end=end),
    )


def actor_ref(mention: ActorMention | None) -> ActorRef | None:
    if mention is None:
        return None
    return _actor_ref_of(mention.resolved_entry, mention.text, mention.start, mention.end)


def attribution(draft: AttributionDraft) -> Attribution:
    if draft.kind is SourceKind.PUBLISHER:
        return Attribution()
    span = (
        Span(start=draft.start, end=draft.end)
        if draft.start is not None and draft.end is not None
        else None
    )
    actor = None
    if draft.actor_mention is not None:
        actor = actor_ref(draft.actor_mention)
    return Attribution(
        source=draft.source or draft.verb,
        source_kind=draft.kind,
        actor=actor,
        verb=draft.verb,
        span=span,
    )


def _confidence(
    base: float, *, actor: bool, place: bool, modality: Modality, named_source: bool
) -> float:
    value = base + (0.15 if actor else 0.0) + (0.1 if place else 0.0)
    value += 0.05 if named_source else 0.0
    if modality in _WEAK_MODALITIES:
        value -= 0.2
    return round(min(0.95, max(0.05, value)), 2)


class _Envelope(TypedDict):
    id: uuid.UUID
    source: str
    time: datetime
    subject: str
    extractor_version: str
    correlation_id: uuid.UUID
    causation_id: uuid.UUID


class EventFactory:
    """Builds the events of one paragraph."""

    def __init__(
        self,
        article_id: uuid.UUID,
        paragraph_id: uuid.UUID,
        paragraph_index: int,
        causation_id: uuid.UUID,
        text: str,
        recorded_at: datetime,
        published: date | None,
        version: str,
    ) -> None:
        self.article_id = article_id
        self.paragraph_id = paragraph_id
        self.paragraph_index = paragraph_index
        self.causation_id = causation_id
        self.text = text
        self.recorded_at = recorded_at
        self.published = published
        self.version = version

    def _provenance(self, t: Trigger) -> Provenance:
        return Provenance(
            article_id=self.article_id,
            paragraph_id=self.paragraph_id,
            paragraph_index=self.paragraph_index,
            sentence_index=t.sentence_index,
            sentence_start=t.sentence_start,
            sentence_end=t.sentence_end,
            char_start=t.start,
            char_end=t.end,
            sentence=self.text[t.sentence_start : t.sentence_end],
            trigger=self.text[t.start : t.end],
        )

    def _id(self, event_type: str, t: Trigger, discriminator: str) -> uuid.UUID:
        return deterministic_id(
            event_type,
            self.paragraph_id,
            t.sentence_index,
            t.start,
            t.end,
            discriminator,
            self.version,
        )

    def _envelope(self, event_type: str, t: Trigger, discriminator: str, subject: str) -> _Envelope:
        """The attributes every claim event of this paragraph shares, and its deterministic id."""
        return _Envelope(
            id=self._id(event_type, t, discriminator),
            source=SOURCE,
            time=self.recorded_at,
            subject=subject,
            extractor_version=self.version,
            correlation_id=self.article_id,
            causation_id=self.causation_id,
        )

    def _when(self, when: EventTime | None) -> EventTime:
        return when if when is not None else EventTime(anchor=self.published)

    def control(self, d: ControlDraft) -> ControlClaimed:
        # "retreated from the front line", "seized several localities", "captured the town"
        # with no town named: a claim with no place, not a place called "the town"
        place = place_ref(d.place, d.part) if named_place(d.place) else None
        known = (place.place_id if place else None) or d.place.text
        subject = f"place/{place.place_id or place.mention}" if place else None
        return ControlClaimed(
            **self._envelope(
                "sitrep.control.claimed",
                d.trigger,
                f"{d.action}|{known}|{d.place.start}",
                subject=subject or f"article/{self.article_id}",
            ),
            data=ControlClaimedData(
                acled_sub_event_type=d.acled,
                when=self._when(d.when),
                attribution=attribution(d.attribution),
                modality=d.modality,
                confidence=_confidence(
                    0.55,
                    actor=d.actor is not None and d.actor.entry is not None,
                    place=place is not None and place.resolved,
                    modality=d.modality,
                    named_source=d.attribution.source is not None,
                ),
                provenance=self._provenance(d.trigger),
                actor=actor_ref(d.actor),
                place=place,
                action=ControlAction(d.action),
                resulting_state=_STATE_OF[d.action],
                from_controller=actor_ref(d.from_controller),
                to_controller=actor_ref(d.to_controller),
            ),
        )

    def allegation(self, d: AllegationDraft) -> AllegationReported:
        place = place_ref(d.place) if d.place is not None else None
        counts = Counts(**{k: v for k, v in d.counts.items() if isinstance(v, Count)})
        victims = (
            Victims(description=d.victims, group=d.victim_group)
            if d.victims or d.victim_group
            else None
        )
        return AllegationReported(
            **self._envelope(
                "sitrep.allegation.reported",
                d.trigger,
                d.allegation_type.value,
                subject=f"article/{self.article_id}",
            ),
            data=AllegationReportedData(
                acled_sub_event_type=d.acled,
                when=self._when(d.when),
                attribution=attribution(d.attribution),
                modality=d.modality,
                confidence=_confidence(
                    0.5,
                    actor=d.perpetrator is not None,
                    place=place is not None and place.resolved,
                    modality=d.modality,
                    named_source=d.attribution.source is not None,
                ),
                provenance=self._provenance(d.trigger),
                allegation_type=d.allegation_type,
                perpetrator=actor_ref(d.perpetrator),
                target=actor_ref(d.target),
                victims=victims,
                counts=counts,
                place=place,
                place_role=d.place_role,
            ),
        )

    def dispute(self, d: DisputeDraft, answers: tuple[uuid.UUID, ...]) -> AllegationDisputed:
        disputed_by = actor_ref(d.disputed_by)
        if d.disputed_by_text and (
            disputed_by is None or len(d.disputed_by_text) > len(disputed_by.mention)
        ):
            start = self.text.find(d.disputed_by_text, d.trigger.sentence_start)
            span = Span(start=start, end=start + len(d.disputed_by_text)) if start >= 0 else None
            base = disputed_by
            disputed_by = ActorRef(
                mention=d.disputed_by_text,
                actor_id=base.actor_id if base else None,
                name=base.name if base else None,
                actor_type=base.actor_type if base else None,
                side=base.side if base else None,
                country=base.country if base else None,
                resolved=bool(base and base.resolved),
                span=span,
            )
        return AllegationDisputed(
            **self._envelope(
                "sitrep.allegation.disputed",
                d.trigger,
                d.manner.value,
                subject=f"article/{self.article_id}",
            ),
            data=AllegationDisputedData(
                when=self._when(d.when),
                attribution=attribution(d.attribution),
                modality=d.attribution.modality,
                confidence=_confidence(
                    0.55,
                    actor=disputed_by is not None,
                    place=False,
                    modality=Modality.ASSERTED,
                    named_source=False,
                ),
                provenance=self._provenance(d.trigger),
                disputed_by=disputed_by,
                disputes=answers,
                scope=d.scope,
                scope_place=place_ref(d.scope_place) if d.scope_place else None,
                manner=d.manner,
            ),
        )
