"""What the rules see of one sentence: its tokens, mentions, hits, attribution and date."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from sitrep_schemas import EventTime, Modality

from .attribution import AttributionDraft
from .dates import DateMention, SentenceDates
from .drafts import Trigger
from .grammar import SentenceView
from .matching import Hit, Kind, Matches
from .mentions import ActorMention, ArticleMemory, PlaceMention
from .modality import Mode

__all__ = ["SentenceContext"]

_HISTORICAL_AFTER = timedelta(days=365)
_DATE_REACH = 100  # characters between a trigger and the date expression it takes


@dataclass(slots=True)
class SentenceContext:
    view: SentenceView
    text: str  # the paragraph
    matches: Matches
    attribution: AttributionDraft
    clock: SentenceDates  # the sentence's dates and the paragraph's running date, read lazily
    published: date | None
    memory: ArticleMemory
    last_actor: ActorMention | None
    speaker: ActorMention | None = None
    own_attribution: AttributionDraft | None = None
    hit_cache: dict[Kind, list[Hit]] = field(default_factory=dict)  # the rules ask often

    @property
    def dates(self) -> tuple[DateMention, ...]:
        return self.clock.found

    @property
    def when(self) -> EventTime | None:
        """The sentence's first date, or the last one the paragraph gave before it."""
        return self.clock.running

    def when_at(self, start: int, end: int) -> EventTime | None:
        """The date expression nearest the trigger in its sentence, else the running date."""
        best: tuple[int, EventTime] | None = None
        dates = self.dates
        for d in dates:
            if d.start >= end and any(c in self.text[end : d.start] for c in ",;()"):
                continue  # a date after a comma belongs to another clause
            if not d.dates_offset(start):
                continue  # a date inside a relative clause the trigger is not in
            distance = start - d.end if d.end <= start else max(0, d.start - end)
            if best is None or distance < best[0]:
                best = (distance, d.time)
        if best is None:
            return None if dates else self.when
        return best[1] if best[0] <= _DATE_REACH else None

    def hits(self, kind: Kind) -> list[Hit]:
        found = self.hit_cache.get(kind)
        if found is None:
            found = self.hit_cache[kind] = self.matches.of(kind, self.view.start, self.view.end)
        return found

    def trigger(self, start: int, end: int) -> Trigger:
        v = self.view
        return Trigger(v.index, v.start, v.end, start, end)

    def modality(self, mode: Mode, when: EventTime | None = None) -> Modality:
        """The claim's modality: the clause's mode first, then the time, then the speaker."""
        if mode is Mode.NEGATED:
            return Modality.NEGATED
        if mode is Mode.DENIED:
            return Modality.DENIED
        if mode in (Mode.FUTURE, Mode.PURPOSE):
            return Modality.FUTURE
        if mode is Mode.HYPOTHETICAL:
            return Modality.HYPOTHETICAL
        if (
            when is not None
            and when.end is not None
            and self.published is not None
            and when.end < self.published - _HISTORICAL_AFTER
        ):
            return Modality.HISTORICAL
        return self.attribution.modality

    def place_before(self, offset: int) -> PlaceMention | None:
        places = [p for p in self.view.places if p.end <= offset]
        return places[-1] if places else None

    def places_after(self, offset: int, limit: int = 80) -> list[PlaceMention]:
        return [p for p in self.view.places if offset <= p.start <= offset + limit]

    def actor_after(self, offset: int, limit: int = 40) -> ActorMention | None:
        for a in self.view.actors:
            if offset <= a.start <= offset + limit:
                return a
        return None
