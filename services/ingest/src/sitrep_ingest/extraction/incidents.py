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
from .drafts import AllegationDraft, ControlDraft
from .mentions import ActorMention
from .precedence import MEANS_ORDER

__all__ = ["ParagraphIncidents", "one_battle"]

_GENERIC = frozenset({AllegationType.BOMBING})
_FIGHTING = frozenset({AllegationType.KILLING, AllegationType.ARMED_CLASH})
_DELIVERY = frozenset({AllegationType.AIRSTRIKE, AllegationType.SHELLING, AllegationType.BOMBING})
_EXPLOSIVE = frozenset(
    {AllegationType.SUICIDE_BOMBING, AllegationType.EXPLOSIVE_DEVICE, AllegationType.BOMBING}
)


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

    def same_method(self, kinds: set[AllegationType], places: list[str], refers: bool) -> bool:
        """Whether a method named again is the lead incident told again: a generic explosion
        after any incident; the same method, or a lesser explosive after a bombing ("the bomber
        blew up an explosives-laden minibus"), without a new place or speaking of "the bomber",
        "the blast"."""
        if not self.any:
            return False
        if kinds <= _GENERIC:
            return True
        lead = self.lead
        if lead is None:
            return False
        kind = next(k for k in MEANS_ORDER if k in kinds)
        same = kind is lead.allegation_type
        if lead.allegation_type is AllegationType.CHEMICAL_ATTACK:
            return kinds <= _DELIVERY  # the chemical was dropped or fired: the same attack
        if lead.allegation_type in _EXPLOSIVE and kind in _EXPLOSIVE:
            same = MEANS_ORDER.index(kind) >= MEANS_ORDER.index(lead.allegation_type)
        if not same:
            return False
        return refers or not [p for p in places if p.lower() not in self.places]

    def answers(self, target: ActorMention | None) -> bool:
        """Whether fighting is the response to the lead incident's perpetrators ("security
        forces shot the gunmen dead" after the gunmen's attack)."""
        lead = self.lead
        if lead is None or lead.perpetrator is None or target is None:
            return False
        mine, theirs = lead.perpetrator.resolved_entry, target.resolved_entry
        return mine is not None and theirs is not None and mine.id == theirs.id

    def told_again(self, kind: AllegationType, perpetrator: ActorMention | None) -> bool:
        """Whether an attack or a clash by the lead incident's perpetrator is that incident told
        again ("gunmen attacked the village ... the attackers stormed the village"). When the
        second telling shows armed victims ("attacked a police post"), the incident was a clash:
        the first telling loses its type and the clash is reported instead."""
        lead = self.lead
        if lead is None or lead.perpetrator is None or perpetrator is None:
            return False
        if lead.allegation_type not in _FIGHTING | {AllegationType.OTHER} or kind not in _FIGHTING:
            return False
        mine, theirs = lead.perpetrator.resolved_entry, perpetrator.resolved_entry
        if mine is None or theirs is None or mine.id != theirs.id:
            return False
        if lead.allegation_type is AllegationType.OTHER:
            # "X claimed the attack. It said it had targeted Shiites": what kind it was
            lead.allegation_type = kind
            return True
        if kind is AllegationType.ARMED_CLASH and lead.allegation_type is AllegationType.KILLING:
            lead.acled = None
            self.lead = None
            return False
        return True

    def supersede_summary(self, incident: AllegationDraft) -> None:
        """A method-less summary with no perpetrator ("two civilians were killed in separate
        attacks") is told in detail by the first method named after it: the detail is the
        incident."""
        lead = self.lead
        if (
            lead is not None
            and lead.allegation_type is AllegationType.KILLING
            and lead.perpetrator is None
            and incident.acled is not None
        ):
            lead.acled = None
            self.lead = None

    def add_toll(self, counts: list[CountMention]) -> None:
        """Counts of a sentence that only gives the toll of the lead incident."""
        if self.lead is None:
            return
        for c in counts:
            known = self.lead.counts.get(c.category) if c.category else None
            if c.category and c.total and known and (c.count.best or 0) > (known.best or 0):
                self.lead.counts[c.category] = c.count  # "raising the death toll to 48"
            elif c.category and c.category not in self.lead.counts:
                self.lead.counts[c.category] = c.count
                if self.lead.victims is None and c.victims:
                    self.lead.victims, self.lead.victim_group = c.victims, c.group


_TAKINGS = frozenset({"Government regains territory", "Non-state actor overtakes territory"})


def one_battle(control: list[ControlDraft], allegations: list[AllegationDraft]) -> None:
    """A paragraph that reports a place changing hands by force reports one battle: ACLED types
    it by the taking, and the clashes it tells of are that battle, not another event."""
    if not any(c.acled in _TAKINGS for c in control):
        return
    for a in allegations:
        if a.allegation_type is AllegationType.ARMED_CLASH:
            a.acled = None
