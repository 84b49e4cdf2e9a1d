"""Casualty and abuse allegations: one incident per method, plus the distinct acts named.

- A weapon or method in the sentence (airstrike, shelling, IED, suicide bomber, grenade,
  chemical) makes one incident, typed by ACLED precedence; the killings and destruction the
  sentence names are its consequences, not other events. What counts as a method is read in
  `violence_words.py`; an explosion of unstated cause is one only when an attacker, a victim
  or an attack word goes with it and no accident word does.
- Distinct acts (abduction, execution, arrest, looting, destruction, sexual violence, torture,
  threats, obstruction, people captured) are allegations of their own, so "kidnapped 73 men
  and executed 17 of them" is two. Who did them, to whom and where: `roles.py`.
- Otherwise attacks are an Attack when the victims are civilians and an Armed clash when they
  are armed or their posts; fighting words ("clashes") are an Armed clash. Deaths with neither
  an armed actor nor an attack word ("five people died") say nothing of who did it: no claim.
- Out of scope (the claim keeps the type null or is not made): force at protests other than
  ACLED's excessive force (`protests.py`), accidents and disasters, disrupted weapons, ordinary
  crime, statements about an incident reported on its own (`scope.py`).
- A later sentence of the paragraph that only gives the toll, or names the same method again,
  belongs to the incident already reported (`incidents.py`).
"""

from __future__ import annotations

import re

from sitrep_schemas import AllegationType, Count, Modality

from .casualties import CountMention, read_counts
from .context import SentenceContext
from .drafts import AllegationDraft
from .grammar import SentenceView
from .incidents import ParagraphIncidents
from .lexicon import ViolenceTrigger, lexicon
from .matching import Hit, Kind
from .mentions import ActorMention
from .modality import Mode, mode_before
from .precedence import ACLED_OF, MEANS_ORDER
from .protests import arrest_at_protest, force_on_protesters, is_grievance
from .roles import (
    between_civilians,
    civilian_subject,
    event_place,
    keeps_from,
    kept_out,
    named_armed,
    perpetrator,
    target_of,
)
from .scope import Scope, read_scope
from .violence_words import Found, classify, names_aircraft, people_taken_by

__all__ = ["allegation_claims"]

_COUNT_OF = {
    AllegationType.ABDUCTION: "abducted",
    AllegationType.ARREST: "arrested",
    AllegationType.EXECUTION: "killed",
}
_FIGHTS = frozenset({AllegationType.ARMED_CLASH, AllegationType.KILLING})
_THINGS_TAKEN = frozenset({AllegationType.LOOTING, AllegationType.PROPERTY_DESTRUCTION})
_NON_ARMED = frozenset({"protesters", "rioters", "civilians"})
_REAL = (Mode.REAL,)
_NOT_REAL = (Modality.FUTURE, Modality.HYPOTHETICAL, Modality.NEGATED)
_ACT_ROLES = frozenset({"act", "damage", "capture", "threat", "obstruction"})


def _apply_counts(draft: AllegationDraft, counts: list[CountMention], default: str | None) -> None:
    previous: CountMention | None = None
    explicit = {c.category for c in counts if c.category}
    counted: dict[str, CountMention] = {}  # the latest mention in each category's toll
    for c in counts:
        if c.category is None and default in explicit:
            continue  # "an army patrol ..., killing two soldiers": the two were killed
        category = c.category or default
        last, previous = previous, c
        if category is None:
            continue
        if category in draft.counts:
            # "12 soldiers and seven civilians": summed; "four people, among them two soldiers
            # and two civilians": the parts are not added to the whole
            if c.joins_previous and last is not None and counted.get(category) is last:
                draft.counts[category] = _sum(draft.counts[category], c.count)
                counted[category] = c
            continue
        draft.counts[category] = c.count
        counted[category] = c
        if draft.victims is None and c.victims:
            draft.victims, draft.victim_group = c.victims, c.group


def _state_armed(perp: ActorMention | None) -> bool:
    entry = perp.resolved_entry if perp is not None else None
    return entry is not None and entry.actor_type.value in ("state_forces", "external_forces")


def _joined(first: CountMention, counts: list[CountMention]) -> Count:
    """ "the arrests of a Pakistani man and two Malaysians": a count and those joined to it."""
    total = first.count
    at = counts.index(first)
    for c in counts[at + 1 :]:
        if not c.joins_previous:
            break
        total = _sum(total, c.count)
    return total


def _sum(a: Count, b: Count) -> Count:
    """Two tolls of one event added ("12 soldiers and seven civilians were killed")."""

    def add(x: int | None, y: int | None) -> int | None:
        return x + y if x is not None and y is not None else None

    return Count(low=add(a.low, b.low), best=add(a.best, b.best), high=add(a.high, b.high))


class _Sentence:
    """The allegations of one sentence, built against its scope and the paragraph's memory."""

    def __init__(
        self,
        ctx: SentenceContext,
        scope: Scope,
        counts: list[CountMention],
        incidents: ParagraphIncidents,
    ) -> None:
        self.ctx = ctx
        self.scope = scope
        self.counts = counts
        self.incidents = incidents
        self.drafts: list[AllegationDraft] = []

    def new(
        self, f: Found, kind: AllegationType, perp: ActorMention | None, in_scope: bool = True
    ) -> AllegationDraft:
        ctx = self.ctx
        when = ctx.when_at(f.hit.start, f.hit.end)
        modality = ctx.modality(f.mode, when)
        typed = in_scope and modality not in _NOT_REAL and not self.scope.refers_back(ctx, f.hit)
        place, role = event_place(ctx, self.counts, f.hit, perp)
        return AllegationDraft(
            trigger=ctx.trigger(f.hit.start, f.hit.end),
            allegation_type=kind,
            acled=ACLED_OF[kind] if typed else None,
            perpetrator=perp,
            modality=modality,
            attribution=ctx.attribution,
            when=when,
            place=place,
            place_role=role,
        )


def _means_incident(
    s: _Sentence, found: list[Found], harm: list[Found]
) -> tuple[AllegationDraft | None, bool]:
    """The incident a named method makes, and whether the sentence named one at all."""
    ctx, scope, view = s.ctx, s.scope, s.ctx.view
    means = [f for f in found if f.role == "means"]
    blasts = [f for f in found if f.role == "blast"]
    attacks = [f for f in found if f.role == "attack"]
    aerial = names_aircraft(view)
    if not means and blasts:
        perp = perpetrator(ctx, blasts[0].hit)
        armed = perp is not None and perp.entry is not None
        if not scope.accident and (armed or attacks or harm):
            means = blasts
        elif not attacks:
            s.incidents.note(None, out_of_scope=True)  # an accident or a blast of no account
            return None, True
    if aerial and not attacks:
        # "jets destroyed the depot": an air strike
        attacks = [f for f in found if f.kind is AllegationType.PROPERTY_DESTRUCTION]
    if not means and not (aerial and attacks):
        return None, False
    kinds = {f.kind for f in means}
    if aerial and (kinds & {AllegationType.BOMBING, AllegationType.SHELLING} or not kinds):
        kinds.add(AllegationType.AIRSTRIKE)
    kind = next(k for k in MEANS_ORDER if k in kinds)
    lead = next((f for f in means if f.kind is kind), None)
    lead = lead or next((f for f in means + attacks), found[0])
    if s.incidents.same_method(kinds, [p.text for p in view.places], _refers_back(view)):
        s.incidents.add_toll(s.counts)
        return None, True
    perp = perpetrator(ctx, lead.hit)
    if kind is AllegationType.BOMBING and _state_armed(perp):
        # "the coalition bombing", "the bombing of two airports by Ethiopian forces": armies
        # bomb from the air; the bombs planted on the ground have words of their own
        kind = AllegationType.AIRSTRIKE
    if scope.disrupted and not harm:
        s.incidents.note(None, out_of_scope=True)
        return None, True
    state = (
        perp is not None
        and perp.entry is not None
        and perp.entry.actor_type.value == "state_forces"
    )
    if scope.protest and state and not harm:
        return None, True  # grenades and rockets of crowd control
    if scope.accident and perp is None and all(f.thing for f in means):
        s.incidents.note(None, out_of_scope=True)  # "chlorine gas leaked from a reservoir"
        return None, True
    referred = any(scope.refers_back(ctx, f.hit) for f in [lead, *means]) or (
        # "allegations that aircraft were responsible for an attack": the only sign of use is
        # inside the statement
        all(f.thing for f in means)
        and bool(attacks)
        and all(scope.refers_back(ctx, f.hit) for f in attacks)
    )
    in_scope = (not scope.crime or named_armed(perp)) and not referred
    incident = s.new(lead, kind, perp, in_scope=in_scope)
    others = _other_sides(s, means, perp)
    mine = s.counts
    if others:
        # "Hamas fired rockets into Israel, and Israeli aircraft struck Gaza": two incidents,
        # each with the counts told in its own part of the sentence
        theirs_at, mine_at = view.token_at(others[0].hit.start), view.token_at(lead.hit.start)
        split = max(theirs_at, mine_at)  # the later incident's counts come after its method
        mine = [c for c in s.counts if (c.token < split) == (mine_at < theirs_at)]
    _apply_counts(incident, mine, "killed" if harm else None)
    s.incidents.supersede_summary(incident)
    s.incidents.note(incident, out_of_scope=incident.acled is None)
    s.drafts.append(incident)
    if others:
        other = others[0]
        theirs = [c for c in s.counts if c not in mine]
        response = s.new(other, other.kind, perpetrator(ctx, other.hit), in_scope=in_scope)
        _apply_counts(response, theirs, "killed" if harm else None)
        s.drafts.append(response)
    return incident, True


def _other_sides(s: _Sentence, means: list[Found], perp: ActorMention | None) -> list[Found]:
    """The methods another named side used in the same sentence, in a clause of its own."""
    mine = perp.resolved_entry if perp is not None else None
    if mine is None or perp is None:
        return []
    view = s.ctx.view
    if view.parse is None:
        return []
    out = []
    for f in means:
        theirs = perpetrator(s.ctx, f.hit)
        entry = theirs.resolved_entry if theirs is not None else None
        if theirs is None or entry is None or entry.id == mine.id or entry.side == mine.side:
            continue
        # each side the active subject of its own verb: one clause tells one incident
        subject = view.parse.subject(f.hit.start)
        if subject is None or subject.passive:
            continue
        if not any(a <= theirs.start < b for a, b in subject.spans):
            continue
        if any(a <= perp.start < b for a, b in subject.spans):
            continue
        out.append(f)
    return out


_BACK_REFERENCES = frozenset(
    {"bomber", "bombers", "attacker", "attackers", "blast", "explosion", "attack", "bombing"}
)


def _refers_back(view: SentenceView) -> bool:
    """ "the bomber", "the blast": the sentence speaks of an incident already named."""
    return any(
        t.text in _BACK_REFERENCES and view.word(i - 1) == "the" for i, t in enumerate(view.toks)
    )


def _acts(
    s: _Sentence, found: list[Found], means_incident: AllegationDraft | None, has_control: bool
) -> set[AllegationType]:
    """Distinct acts, one allegation per type."""
    ctx, scope, view, text = s.ctx, s.scope, s.ctx.view, s.ctx.text
    seen: set[AllegationType] = set()
    for f in found:
        kind = f.kind
        if f.role not in _ACT_ROLES or kind in seen:
            continue
        if f.role == "obstruction" and not keeps_from(view, f.hit):
            continue  # "blocked roads", "the fighting stopped": nobody kept from anything
        perp = perpetrator(ctx, f.hit)
        # sexual violence is reported as abuse whoever commits it; other acts among crime
        # words are ordinary crime
        in_scope = not scope.crime or named_armed(perp) or kind is AllegationType.SEXUAL_VIOLENCE
        if f.role == "capture":
            entry = perp.resolved_entry if perp is not None else None
            if entry is None or f.mode not in _REAL:
                continue
            if entry.actor_type.value == "state_forces":
                kind = AllegationType.ARREST
            elif (
                "people" in (target_of(view, f.hit), people_taken_by(view, f.hit))
                and entry.actor_type.value not in _NON_ARMED
            ):
                kind = AllegationType.ABDUCTION
            else:
                continue  # fighters captured in battle: part of the battle
            if kind in seen:
                continue
        if kind is AllegationType.PROPERTY_DESTRUCTION:
            lead = s.incidents.lead
            if means_incident is not None or scope.protest or has_control:
                continue
            if lead is not None and lead.allegation_type in MEANS_ORDER:
                continue  # the damage of the bombing or strike already reported
            if any(d.allegation_type in _FIGHTS for d in s.drafts):
                continue  # "an attack where a mast was destroyed": the attack's damage
            if scope.accident or (perp is None and f.role == "damage"):
                continue  # fires and collapses with no one who did it: not an act of violence
            target, at = view.target_after(f.hit.end, limit=6)
            passive = view.word(view.token_after(f.hit.end)) == "by"
            enemy = (
                target in ("combatants", "actor")
                and not passive
                and f.role == "damage"
                and (named_armed(perp) or _state_armed(perp))
            )
            if enemy:
                kind = AllegationType.ARMED_CLASH  # "its forces destroyed 12 rebel vehicles"
            elif target in ("people", "combatants", "weapons", "actor") and not passive:
                continue  # "houses were torched by armed men": the doer follows, not the target
            religious = any(
                lexicon().religious.at(view.toks, k) is not None
                for k in range(at - 4 if at >= 4 else 0, min(at + 3, len(view.toks)))
            )
            if religious:
                kind = AllegationType.RELIGIOUS_SITE_DESTRUCTION
        if kind is AllegationType.LOOTING and (scope.protest or scope.accident):
            continue
        if kind is AllegationType.ARREST:
            if arrest_at_protest(ctx, scope, f.hit):
                continue  # arrests at a protest: a protest with intervention
            # arrests among crime words are policing, whoever makes them ("border guards
            # detained 34 people ... linked to a smuggling gang")
            in_scope = in_scope and not scope.crime
            # arrests after a seizure of weapons are part of it (disrupted weapons use)
            in_scope = in_scope and not (
                scope.disrupted_at is not None and scope.disrupted_at < f.hit.start
            )
        seen.add(kind)
        draft = s.new(f, kind, perp, in_scope)
        mine = [c for c in s.counts if c.token >= view.token_after(f.hit.end)][:1]
        if (
            mine
            and mine[0].category in ("killed", "injured")
            and (kind in _THINGS_TAKEN or _COUNT_OF.get(kind, mine[0].category) != mine[0].category)
        ):
            # "looted the market and killed dozens", "the abductions took place in an attack
            # during which four villagers were killed": the dead are neither loot nor captives
            mine = []
        if mine:
            c = mine[0]
            category = _COUNT_OF.get(kind, c.category)
            if category:
                draft.counts[category] = _joined(c, s.counts)
            draft.victims, draft.victim_group = c.victims, c.group
        elif f.role == "obstruction":
            draft.victims = kept_out(view, text, f.hit)
        else:
            target, at = view.target_after(f.hit.end, limit=5)
            victim = lexicon().victims.at(view.toks, at) if target == "people" else None
            if victim is not None:
                end = view.toks[at + victim[1] - 1].end
                draft.victims = text[view.toks[at].start : end]
                draft.victim_group = victim[0].group
        s.drafts.append(draft)
    return seen


def _protest(s: _Sentence, found: list[Found], violent: list[Found]) -> None:
    """Violence in a sentence about a protest: excessive force on it, or nothing."""
    force = force_on_protesters(s.ctx, s.scope, [f.hit for f in violent])
    if force is None:
        s.incidents.note(None, out_of_scope=True)
        return
    hit, authority = force
    f = next((x for x in found if x.hit is hit), None)
    if f is None:
        trigger = ViolenceTrigger(AllegationType.FORCE_AGAINST_PROTESTERS, "attack")
        f = Found(hit, trigger, mode_before(s.ctx.view, hit.start), "attack")
    draft = s.new(f, AllegationType.FORCE_AGAINST_PROTESTERS, authority)
    _apply_counts(draft, s.counts, None)
    s.drafts.append(draft)
    s.incidents.note(draft)


_CLAIMED = re.compile(
    r"(?:claim|claimed|claims|claiming|took|take|takes|taken|taking|accept|accepted|accepts|"
    r"admitted|admits)\s+(?:full\s+)?(?:responsibility|credit)",
    re.IGNORECASE,
)


def _names_the_doer(ctx: SentenceContext, attack: Found, perp: ActorMention | None) -> bool:
    """ "Al-Shabab claimed responsibility for the attack", "officials blamed rebels for the
    deadly attack": a statement of its own about an incident, its doer the one claimed or
    blamed and its type the incident's it refers to. ACLED codes the incident once, so the
    statement is not typed."""
    entry = perp.resolved_entry if perp is not None else None
    if perp is None or entry is None or entry.actor_type.value in _NON_ARMED:
        return False
    if attack.mode not in _REAL:
        return False
    parse = ctx.view.parse
    blamed = parse.blamed(attack.hit.start) if parse is not None else None
    if blamed is not None and any(s <= perp.start and perp.end <= e for s, e in blamed):
        return True
    return named_armed(perp) and any(
        h.payload == "reference" and h.start < attack.hit.start and _CLAIMED.match(h.text)
        for h in ctx.hits(Kind.SCOPE)
    )


_SEPARATE = re.compile(
    r"\b(?:separate|another|second|third|new|earlier|later|similar)\s+(?:[a-z-]+\s+)?"
    r"(?:attack|attacks|incident|incidents|bombing|blast|raid|ambush|strike|shooting|killing)\b",
    re.IGNORECASE,
)
_TOWNS = frozenset({"city", "town", "village"})


def _separate_incident(s: _Sentence, lead: Found, perp: ActorMention | None) -> bool:
    """Whether a sentence after the paragraph's first incident tells another one: it says so
    ("in a separate attack"), or its doers' violence is set in another town ("gunmen shot dead
    an official in Baidoa" after a bombing in Mogadishu)."""
    first = s.incidents.lead
    if first is None:
        return False
    ctx = s.ctx
    if _SEPARATE.search(ctx.view.text):
        return True
    if perp is None:
        return False  # a toll set somewhere else, with nobody doing it, is no new incident
    place, _ = event_place(ctx, s.counts, lead.hit, perp)
    if place is None or first.place is None or place.text.lower() in s.incidents.places:
        return False
    mine, theirs = place.chosen, first.place.chosen
    if mine is None or theirs is None or mine.feature_type not in _TOWNS:
        return False
    return mine.id != theirs.id and theirs.feature_type in _TOWNS


def _fighting(
    s: _Sentence,
    found: list[Found],
    harm: list[Found],
    acts: set[AllegationType],
    has_control: bool,
) -> None:
    """Killings, attacks and fighting without a named method."""
    ctx, scope, view = s.ctx, s.scope, s.ctx.view
    clashes = [f for f in found if f.role == "clash" and f.mode in _REAL]
    attacks = [f for f in found if f.role == "attack"]
    detained = acts & {AllegationType.ARREST, AllegationType.ABDUCTION}
    if detained and not harm and not clashes:
        return
    lead = next(iter(clashes or attacks or harm), None)
    perp = perpetrator(ctx, lead.hit) if lead is not None else None
    for other in clashes + attacks:
        if perp is not None:
            break
        # "In the attack, ... a group of assailants targeted ...": the verb names the doer
        perp = perpetrator(ctx, other.hit)
    if scope.protest or (scope.protest_before and perp is None):
        _protest(s, found, clashes + attacks + harm)
        return
    if lead is None:
        return
    claim = bool(attacks) and _names_the_doer(s.ctx, attacks[0], perp)
    if claim and s.incidents.any:
        # the claim of an incident the paragraph reported: a statement of its own, typed as it
        if s.incidents.lead is not None:
            draft = s.new(attacks[0], s.incidents.lead.allegation_type, perp, in_scope=False)
            s.drafts.append(draft)
        s.incidents.add_toll(s.counts)
        return
    separate = _separate_incident(s, lead, perp)
    if not clashes and not attacks and s.incidents.any and not separate:
        s.incidents.add_toll(s.counts)  # the toll of the incident already reported
        return
    if (
        not clashes
        and not separate
        and s.incidents.lead is not None
        and s.incidents.lead.acled
        not in (
            None,
            "Attack",
            "Armed clash",
        )
    ):
        s.incidents.add_toll(s.counts)  # "the militants attacked ..." after their bombing
        return
    perp_type = perp.entry.actor_type.value if perp and perp.entry else None
    if perp_type in _NON_ARMED or (scope.accident and perp is None):
        s.incidents.note(None, out_of_scope=True)
        return
    if AllegationType.SEXUAL_VIOLENCE in acts and not clashes:
        return
    if scope.crime and not named_armed(perp):
        s.incidents.note(None, out_of_scope=True)
        return
    if perp_type == "state_forces" and not harm and not clashes and scope.disrupted:
        return  # "police seized guns in a raid": an operation, not an attack
    victims_people = any(not c.combatant and c.group for c in s.counts)
    victims_armed = any(c.combatant for c in s.counts)
    # a toll of armed men alone, with no attack told: their deaths were in a fight, whatever
    # word ("others") the verb's target is
    armed_toll = victims_armed and not victims_people
    # "two policemen were shot dead and three others wounded in an ambush": with an armed
    # toll, what the harm word is done to ("others") does not make them civilians
    aimed = attacks if armed_toll and attacks else attacks + harm
    target_kind = next(
        (k for k in (target_of(view, f.hit) for f in aimed) if k != "other"), "other"
    )
    if target_kind == "other" and harm and any(_armed_site_after(view, f.hit) for f in attacks):
        target_kind = "combatants"  # "an attack has been launched on a Kenyan military base"
    kind: AllegationType | None = None
    if clashes:
        civilian = civilian_subject(view, clashes[0].hit)
        if not between_civilians(view, clashes[0].hit) and (perp is not None or not civilian):
            kind = AllegationType.ARMED_CLASH
    elif target_kind in ("combatants", "actor"):
        kind = AllegationType.ARMED_CLASH
    elif (target_kind == "people" and not (armed_toll and not attacks)) or (
        victims_people and (attacks or perp is not None)
    ):
        kind = AllegationType.KILLING
    elif armed_toll:
        kind = AllegationType.ARMED_CLASH
    elif (
        perp is not None
        and target_kind in ("territory", "place", "facility")
        and any(
            f.hit.text.lower().endswith(("ed", "ing")) and not f.hit.text.lower().startswith("raid")
            for f in attacks
        )
    ):
        # "the tanks are attacking the town of X": an armed assault on a held place is fought;
        # "gunmen attacked the village, killing 12": raiders of no side attack its people
        raiders = perp.entry is not None and perp.entry.side == "unknown"
        kind = AllegationType.KILLING if raiders and harm else AllegationType.ARMED_CLASH
    elif harm and _reporting_a_war(ctx):
        # "the ex-president was killed near Marib" in an article whose armed actors are named:
        # a death in the war, its perpetrator the one the paragraph blames (`context_fill`)
        kind = AllegationType.KILLING
    if kind is None and claim:
        kind = AllegationType.OTHER  # "X claimed the attack": an attack of what kind, unsaid
    if kind is None or (kind is AllegationType.KILLING and AllegationType.EXECUTION in acts):
        return
    if kind is AllegationType.ARMED_CLASH and has_control:
        return  # the fighting for the place taken: one battle, typed by the taking
    target = next((a for a in view.actors if a is not perp and a.start > lead.hit.start), None)
    if kind is AllegationType.ARMED_CLASH and s.incidents.answers(target):
        s.incidents.add_toll(s.counts)  # "forces shot the gunmen dead": the same incident
        return
    if not separate and s.incidents.told_again(kind, perp):
        s.incidents.add_toll(s.counts)  # the same attackers' attack, told a second time
        return
    # "denied killing civilians": what is denied is told, never coded as an event
    draft = s.new(lead, kind, perp, in_scope=lead.mode is not Mode.DENIED)
    if kind is AllegationType.ARMED_CLASH:
        draft.target = target
    _apply_counts(draft, s.counts, "killed" if harm else None)
    s.incidents.note(draft)
    s.drafts.append(draft)


_REASON = re.compile(r"\b(?:in response to|in retaliation for|in revenge for|to avenge)\b", re.I)


def _before_a_reason(
    ctx: SentenceContext, scope: Scope, found: list[Found], counts: list[CountMention]
) -> list[CountMention]:
    """ "fired rockets at a base in response to the killing of one of its commanders": the
    toll after the reason is the earlier incident's, not this one's."""
    if scope.reference_at is None or not found:
        return counts
    reason = _REASON.search(ctx.text, scope.reference_at)
    if reason is None or reason.start() != scope.reference_at:
        return counts
    if min(f.hit.start for f in found) > reason.start():
        return counts
    view = ctx.view
    return [c for c in counts if view.toks[c.token].start < reason.start()]


_SITE_REACH = 8


def _armed_site_after(view: SentenceView, hit: Hit) -> bool:
    """Whether an armed site or unit ("a military base", "an army patrol") follows the attack
    word closely, past a passive's auxiliaries ("has been launched on")."""
    lex = lexicon()
    i = view.token_after(hit.end)
    for k in range(i, min(len(view.toks), i + _SITE_REACH)):
        if view.word(k) in (",", ";", "."):
            return False
        found = lex.victims.at(view.toks, k)
        if found is not None:
            return found[0].combatant
    return False


def _reporting_a_war(ctx: SentenceContext) -> bool:
    """The article names an armed organisation (not a generic "gunmen" or a protest)."""
    return any(
        not entry.generic and entry.actor_type.value not in _NON_ARMED
        for entry in ctx.memory.last_named_actor.values()
    )


def allegation_claims(
    ctx: SentenceContext,
    has_control: bool,
    previous: CountMention | None,
    incidents: ParagraphIncidents | None = None,
) -> tuple[list[AllegationDraft], list[CountMention]]:
    found = classify(ctx)
    if not found and not ctx.hits(Kind.PROTEST_FORCE):
        return [], []
    scope = read_scope(ctx)
    if scope.protest or scope.protest_before:
        found = [f for f in found if not is_grievance(ctx, f.hit)]
    if any(f.trigger.role == "downing" for f in found):
        # "French jets shot down a warplane": a fight in the air, not an air strike
        found = [f for f in found if f.kind is not AllegationType.AIRSTRIKE]
    counts = read_counts(ctx.view, ctx.text, previous)
    s = _Sentence(
        ctx, scope, _before_a_reason(ctx, scope, found, counts), incidents or ParagraphIncidents()
    )
    # a denied killing is told too ("the army denied killing civilians"), as denied
    harm = [f for f in found if f.role == "harm" and f.mode in (Mode.REAL, Mode.DENIED)]
    means_incident, named_method = _means_incident(s, found, harm)
    acts = _acts(s, found, means_incident, has_control)
    if not named_method:
        _fighting(s, found, harm, acts, has_control)
    return s.drafts, counts
