"""The control timeline of a place: who held it, in what situation, from when to when.

Rules (see also `PlaceState`):

- Claims are placed on the day they are about (`ControlClaim.day`) and read one day at a
  time, in date order. Everything inside a day is decided on sets, and every output tuple
  is sorted, so the same claims in any arrival order give the same timeline.
- Control is held by a *party*: the side when known, else the actor. Allies never contest
  each other.
- A day on which exactly one party is said to hold the place makes it the controller: if it
  is someone new, control changed hands and older pressure is forgotten; if it is the
  current controller, pressure reported before that day is forgotten (newer news wins).
- A day on which two or more parties are each said to hold the place is a back-and-forth:
  the place is contested and the earlier controller stays the controller (ACLED codes a
  single-day change and reversal as fighting, not as a transfer of territory).
- Encircling, besieging, advancing on, contesting or being present in a place is pressure
  on it, never control: whoever held it still does. `from_*` on such a claim names that
  holder when nothing else has. The place's state is the strongest pressure on it;
  another party's presence in a held place makes it contested.
- A claim about a part of a place (`northern Fallujah`) is a presence in that part on the
  part's own timeline, and a presence in the whole place; it never gives control of the
  whole.
- Historical claims only fill in a controller where none is known yet; they never change
  one. Future, hypothetical, negated and denied claims never change anything; a negated or
  denied claim that the controller holds the place is listed as contradicting it.
- A withdrawal by the controller with no successor named leaves a gap: nobody is known to
  hold the place until the next claim.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

from ._control_claims import ControlClaim, PlaceState, names_a_part, normalize_part

__all__ = [
    "ControlInterval",
    "TimelineKey",
    "control_as_of",
    "control_timelines",
    "interval_on",
    "known_claims",
]

TimelineKey = tuple[str, str | None]  # (place id, part of the place or None for the whole)

UNKNOWN_PARTY = "unknown"  # an unresolved actor still presses a place

_RANK = {
    PlaceState.CONTROLLED: 0,
    PlaceState.PRESENCE: 1,
    PlaceState.ADVANCING_ON: 2,
    PlaceState.ENCIRCLED: 3,
    PlaceState.CONTESTED: 4,
}
_PRESSURE_STATES = {
    "contested": PlaceState.CONTESTED,
    "encircled": PlaceState.ENCIRCLED,
    "advancing_on": PlaceState.ADVANCING_ON,
    "presence": PlaceState.PRESENCE,
}


@dataclass(frozen=True, slots=True)
class ControlInterval:
    """One stretch of a place's timeline over which holder, state and pressure were stable.

    `valid_to` is exclusive; None means the interval is still open.
    """

    place_id: str
    part: str | None
    valid_from: date
    valid_to: date | None
    controller: str | None
    controller_actor_ids: tuple[str, ...]
    state: PlaceState
    challengers: tuple[str, ...]
    challenger_actor_ids: tuple[str, ...]
    supporting_claim_ids: tuple[str, ...]
    contradicting_claim_ids: tuple[str, ...]
    publishers: tuple[str, ...]
    latest_claim_id: str

    @property
    def publisher_count(self) -> int:
        return len(self.publishers)

    @property
    def is_open(self) -> bool:
        return self.valid_to is None

    def holds_on(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day < self.valid_to)


@dataclass(frozen=True, slots=True)
class _Effect:
    """What one claim says about one timeline."""

    claim: ControlClaim
    holder: str | None = None
    loser: str | None = None
    held_before: str | None = None
    presser: str | None = None
    pressure: PlaceState | None = None
    withdraws_pressure: str | None = None

    @property
    def actor_id(self) -> str | None:
        return self.claim.actor_id or self.claim.to_actor_id


def _whole_place_effect(claim: ControlClaim, partial: bool) -> _Effect | None:
    state = claim.resulting_state
    if partial:
        party = claim.party or claim.to_party
        if party is None:
            return None
        if state == "relinquished":
            return _Effect(claim, withdraws_pressure=party)
        return _Effect(claim, presser=party, pressure=PlaceState.PRESENCE)
    if state == "controlled":
        holder = claim.party or claim.to_party
        if holder is None:
            return None
        return _Effect(claim, holder=holder, held_before=claim.from_party)
    if state == "relinquished":
        loser = claim.party or claim.from_party
        return _Effect(claim, loser=loser, holder=claim.to_party, withdraws_pressure=loser)
    pressure = _PRESSURE_STATES.get(state)
    if pressure is None:
        return None
    return _Effect(
        claim,
        presser=claim.party or UNKNOWN_PARTY,
        pressure=pressure,
        held_before=claim.from_party,
    )


def _part_effect(claim: ControlClaim) -> _Effect | None:
    # Holding a part is a presence there: the part's timeline has no controller, so a map
    # that ignores `part` can never paint the whole place in the colours of a partial hold.
    party = claim.party or claim.to_party or UNKNOWN_PARTY
    if claim.resulting_state == "relinquished":
        return _Effect(claim, withdraws_pressure=party)
    if claim.resulting_state == "controlled":
        return _Effect(claim, presser=party, pressure=PlaceState.PRESENCE)
    pressure = _PRESSURE_STATES.get(claim.resulting_state)
    if pressure is None:
        return None
    return _Effect(claim, presser=party, pressure=pressure)


@dataclass
class _Pressure:
    state: PlaceState
    since: date
    actor_ids: set[str] = field(default_factory=set)


@dataclass
class _Open:
    """The interval being built: its signature plus the claims attached so far."""

    valid_from: date
    controller: str | None
    state: PlaceState
    challengers: tuple[str, ...]
    controller_actor_ids: set[str] = field(default_factory=set)
    challenger_actor_ids: set[str] = field(default_factory=set)
    supporting: dict[str, ControlClaim] = field(default_factory=dict)
    contradicting: dict[str, ControlClaim] = field(default_factory=dict)

    def close(self, key: TimelineKey, valid_to: date | None) -> ControlInterval:
        publishers = sorted({c.publisher for c in self.supporting.values() if c.publisher})
        evidence = self.supporting or self.contradicting
        latest = max(evidence.values(), key=lambda c: (c.day, c.recorded_at, c.claim_id))
        return ControlInterval(
            place_id=key[0],
            part=key[1],
            valid_from=self.valid_from,
            valid_to=valid_to,
            controller=self.controller,
            controller_actor_ids=tuple(sorted(self.controller_actor_ids)),
            state=self.state,
            challengers=self.challengers,
            challenger_actor_ids=tuple(sorted(self.challenger_actor_ids)),
            supporting_claim_ids=tuple(sorted(self.supporting)),
            contradicting_claim_ids=tuple(sorted(set(self.contradicting) - set(self.supporting))),
            publishers=tuple(publishers),
            latest_claim_id=latest.claim_id,
        )


class _Timeline:
    """Replays the effects of one timeline day by day. Local to one call: no shared state."""

    def __init__(self, key: TimelineKey, seen: Mapping[str, ControlClaim]) -> None:
        self.key = key
        self.seen = seen
        self.controller: str | None = None
        self.pressure: dict[str, _Pressure] = {}
        self.current: _Open | None = None
        self.done: list[ControlInterval] = []

    def signature(self) -> tuple[str | None, PlaceState, tuple[str, ...]] | None:
        if self.controller is None and not self.pressure:
            return None
        strongest = max(
            (p.state for p in self.pressure.values()), key=_RANK.__getitem__, default=None
        )
        if self.controller is None:
            assert strongest is not None
            state = strongest
        elif strongest is None:
            state = PlaceState.CONTROLLED
        elif strongest is PlaceState.PRESENCE:
            state = PlaceState.CONTESTED  # someone else is inside a held place
        else:
            state = strongest
        return (self.controller, state, tuple(sorted(self.pressure)))

    def apply_day(self, day: date, effects: list[_Effect]) -> None:
        normal = [e for e in effects if not e.claim.blocked and not e.claim.historical]
        historical = [e for e in effects if e.claim.historical]
        blocked = [e for e in effects if e.claim.blocked]

        holders = {e.holder for e in normal if e.holder is not None}
        if self.controller is None and not holders:
            before = {e.held_before for e in normal if e.held_before is not None}
            before |= {e.holder for e in historical if e.holder is not None}
            if len(before) == 1:
                self.controller = before.pop()
        if len(holders) >= 2:
            for party in sorted(holders - {self.controller}):
                self._press(party, PlaceState.CONTESTED, day, set())
        elif len(holders) == 1:
            holder = next(iter(holders))
            if holder != self.controller:
                self.controller = holder
                self.pressure = {}
            else:
                self.pressure = {p: v for p, v in self.pressure.items() if v.since >= day}
        for e in normal:
            if e.loser is not None and e.loser == self.controller and not holders:
                self.controller = None
            if e.withdraws_pressure is not None:
                self.pressure.pop(e.withdraws_pressure, None)
        for e in normal:
            if e.presser is not None and e.pressure is not None and e.presser != self.controller:
                self._press(e.presser, e.pressure, day, {e.actor_id} if e.actor_id else set())

        self._roll(day)
        target = self.current
        if target is None:
            if not self.done:
                return
            target = self._reopen_last()
        for e in normal:
            self._attach(target, e)
        for e in historical:
            if e.holder is not None and e.holder != target.controller:
                target.contradicting[e.claim.claim_id] = e.claim
            elif e.holder is not None:
                target.supporting[e.claim.claim_id] = e.claim
                if e.actor_id:
                    target.controller_actor_ids.add(e.actor_id)
        for e in blocked:
            said = e.holder or e.presser
            if said is not None and (said == target.controller or said in target.challengers):
                target.contradicting[e.claim.claim_id] = e.claim
        if self.current is None:
            self.done.append(target.close(self.key, self.done.pop().valid_to))

    def _press(self, party: str, state: PlaceState, day: date, actors: set[str]) -> None:
        known = self.pressure.get(party)
        if known is None or known.since < day:
            self.pressure[party] = _Pressure(state, day, set(actors))
        else:
            if _RANK[state] > _RANK[known.state]:
                known.state = state
            known.actor_ids |= actors

    def _roll(self, day: date) -> None:
        signature = self.signature()
        current = self.current
        if current is not None and signature == (
            current.controller,
            current.state,
            current.challengers,
        ):
            return
        if current is not None:
            self.done.append(current.close(self.key, day))
        if signature is None:
            self.current = None
            return
        controller, state, challengers = signature
        self.current = _Open(day, controller, state, challengers)
        if current is not None and controller is not None and controller == current.controller:
            # Still the same holder: the actors known to hold it still do ("Raqqa, seized by
            # the Islamic State in 2013", now advanced on by the army, is still theirs).
            self.current.controller_actor_ids = set(current.controller_actor_ids)

    def _reopen_last(self) -> _Open:
        # A claim that ends an interval with nothing after it is evidence about the interval
        # it ended: attach it there (as contradicting) by reopening that interval briefly.
        last = self.done[-1]
        reopened = _Open(last.valid_from, last.controller, last.state, last.challengers)
        reopened.controller_actor_ids = set(last.controller_actor_ids)
        reopened.challenger_actor_ids = set(last.challenger_actor_ids)
        reopened.supporting = dict(self._claims_by_id(last.supporting_claim_ids))
        reopened.contradicting = dict(self._claims_by_id(last.contradicting_claim_ids))
        return reopened

    def _claims_by_id(self, ids: Iterable[str]) -> Iterable[tuple[str, ControlClaim]]:
        for claim_id in ids:
            yield claim_id, self.seen[claim_id]

    def _attach(self, target: _Open, e: _Effect) -> None:
        claim = e.claim
        if e.holder is not None:
            if e.holder == target.controller:
                target.supporting[claim.claim_id] = claim
                if e.actor_id:
                    target.controller_actor_ids.add(e.actor_id)
            else:
                if e.holder in target.challengers and e.actor_id:
                    target.challenger_actor_ids.add(e.actor_id)
                target.contradicting[claim.claim_id] = claim
            return
        if e.presser is not None:
            if e.presser in target.challengers:
                target.supporting[claim.claim_id] = claim
                if e.actor_id:
                    target.challenger_actor_ids.add(e.actor_id)
            elif e.presser == target.controller:
                target.supporting[claim.claim_id] = claim
                if e.actor_id:
                    target.controller_actor_ids.add(e.actor_id)
            return
        if e.loser is not None or e.withdraws_pressure is not None:
            # A withdrawal explains the interval it opens, and contradicts the one it ends.
            if self.current is target:
                target.supporting[claim.claim_id] = claim
            else:
                target.contradicting[claim.claim_id] = claim


def _effects_by_key(claims: Iterable[ControlClaim]) -> dict[TimelineKey, list[_Effect]]:
    unique: dict[str, ControlClaim] = {}
    for claim in claims:
        unique.setdefault(claim.claim_id, claim)
    by_key: dict[TimelineKey, list[_Effect]] = defaultdict(list)
    for claim in unique.values():
        if claim.modality in ("future", "hypothetical"):
            continue  # plans and conditionals are not evidence about any day
        part = normalize_part(claim.part)
        whole = _whole_place_effect(claim, names_a_part(claim.part))
        if whole is not None:
            by_key[(claim.place_id, None)].append(whole)
        if part is not None:
            effect = _part_effect(claim)
            if effect is not None:
                by_key[(claim.place_id, part)].append(effect)
    return by_key


def _replay(key: TimelineKey, effects: list[_Effect]) -> tuple[ControlInterval, ...]:
    timeline = _Timeline(key, {e.claim.claim_id: e.claim for e in effects})
    days: dict[date, list[_Effect]] = defaultdict(list)
    for effect in effects:
        days[effect.claim.day].append(effect)
    for day in sorted(days):
        timeline.apply_day(day, sorted(days[day], key=lambda e: e.claim.claim_id))
    if timeline.current is not None:
        timeline.done.append(timeline.current.close(key, None))
    return tuple(timeline.done)


def control_timelines(
    claims: Iterable[ControlClaim],
) -> dict[TimelineKey, tuple[ControlInterval, ...]]:
    """Every timeline the claims describe: one per place, and one per named part of a place."""
    timelines = {key: _replay(key, effects) for key, effects in _effects_by_key(claims).items()}
    ordered = sorted(timelines.items(), key=_key_order)
    return {key: intervals for key, intervals in ordered if intervals}


def _key_order(item: tuple[TimelineKey, object]) -> tuple[str, str]:
    place_id, part = item[0]
    return (place_id, part or "")


def known_claims(claims: Iterable[ControlClaim], known_at: datetime | None) -> list[ControlClaim]:
    """The claims the log had recorded by `known_at` (all of them when None)."""
    if known_at is None:
        return list(claims)
    return [c for c in claims if c.recorded_at <= known_at]


def interval_on(intervals: Iterable[ControlInterval], day: date) -> ControlInterval | None:
    for interval in intervals:
        if interval.holds_on(day):
            return interval
    return None


def control_as_of(
    claims: Iterable[ControlClaim], as_of: date, known_at: datetime | None = None
) -> dict[TimelineKey, ControlInterval]:
    """Bitemporal: the situation of each place on `as_of`, from what was known at `known_at`."""
    answer: dict[TimelineKey, ControlInterval] = {}
    for key, intervals in control_timelines(known_claims(claims, known_at)).items():
        interval = interval_on(intervals, as_of)
        if interval is not None:
            answer[key] = interval
    return answer
