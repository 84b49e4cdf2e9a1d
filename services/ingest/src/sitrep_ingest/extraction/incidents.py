"""One incident per story within a paragraph (ACLED codes one event per incident).

Reporters name an incident, then come back to it: "A car bomb exploded near the police station.
The blast killed four people." The second sentence gives the first one's toll; it is not a new
attack. The paragraph's memory of its first violent incident lets later sentences that only
count the dead, name the explosion again, or repeat the same method without a new place fold
into it. An incident judged out of scope (an accident, a protest, a disrupted weapon, a claim
of responsibility) keeps the sentences that come back to it out of scope as well.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sitrep_schemas import AllegationType

from .casualties import CountMention
from .drafts import AllegationDraft

__all__ = ["ParagraphIncidents"]

_GENERIC = frozenset({AllegationType.BOMBING})


@dataclass(slots=True)
class ParagraphIncidents:
    lead: AllegationDraft | None = None  # the first violent incident reported
    out_of_scope: bool = False  # the first violent incident is not political violence
    places: set[str] = field(default_factory=set)  # places the lead incident names

    @property
    def any(self) -> bool:
        return self.lead is not None or self.out_of_scope

    def note(self, draft: AllegationDraft | None, out_of_scope: bool = False) -> None:
        """Remember the paragraph's first violent incident."""
        if self.any:
            return
        if draft is None:
            self.out_of_scope = out_of_scope
            return
        self.lead = draft
        if draft.place is not None:
            self.places.add(draft.place.text.lower())

    def same_method(self, kinds: set[AllegationType], places: list[str]) -> bool:
        """Whether a method named again is the lead incident told again: a generic explosion
        after any incident, or the same method without a new place."""
        if not self.any:
            return False
        if kinds <= _GENERIC:
            return True
        if self.lead is None or self.lead.allegation_type not in kinds:
            return False
        return not [p for p in places if p.lower() not in self.places]

    def add_toll(self, counts: list[CountMention]) -> None:
        """Counts of a sentence that only gives the toll of the lead incident."""
        if self.lead is None:
            return
        for c in counts:
            if c.category and c.category not in self.lead.counts:
                self.lead.counts[c.category] = c.count
                if self.lead.victims is None and c.victims:
                    self.lead.victims, self.lead.victim_group = c.victims, c.group
