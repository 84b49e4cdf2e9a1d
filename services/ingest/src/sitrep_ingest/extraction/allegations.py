"""Casualty and abuse allegations: one incident per method, plus the distinct acts named.

- A weapon or method in the sentence (airstrike, shelling, IED, suicide bomber, grenade,
  chemical) makes one incident, typed by ACLED precedence; the killings and destruction the
  sentence names are its consequences, not other events.
- Distinct acts (abduction, execution, arrest, looting, destruction, sexual violence, torture)
  are allegations of their own, so "kidnapped 73 men and executed 17 of them" is two.
- Otherwise killings and attacks are an Attack when the victims are civilians and an Armed clash
  when they are armed; fighting words ("clashes") are an Armed clash.
- Around protests, force is "Excessive force against protesters" when lethal or injuring, and
  arrests or tear gas are a protest intervention, not an allegation here; riots and mobs are
  not armed actors. Explosions with accident words and no perpetrator are disasters; a seized
  or defused bomb is a disrupted weapon, not an attack.
"""

from __future__ import annotations

from dataclasses import dataclass

from sitrep_schemas import AllegationType, Count, Modality, PlaceRole

from .casualties import CountMention, read_counts
from .context import SentenceContext
from .drafts import AllegationDraft
from .lexicon import ViolenceTrigger, lexicon
from .matching import Hit, Kind
from .mentions import ActorMention, PlaceMention
from .modality import Mode, mode_before
from .precedence import ACLED_OF, MEANS_ORDER

__all__ = ["allegation_claims"]

_ACTS = (
    AllegationType.ABDUCTION,
    AllegationType.SEXUAL_VIOLENCE,
    AllegationType.ARREST,
    AllegationType.LOOTING,
    AllegationType.PROPERTY_DESTRUCTION,
    AllegationType.EXECUTION,
    AllegationType.TORTURE,
)
_COUNT_OF = {
    AllegationType.ABDUCTION: "abducted",
    AllegationType.ARREST: "arrested",
    AllegationType.EXECUTION: "killed",
}
_SITE_PREPOSITIONS = frozenset(
    {
        "in",
        "at",
        "near",
        "on",
        "outside",
        "inside",
        "across",
        "around",
        "into",
        "of",
        "within",
        "throughout",
        "over",
        "targeting",
        "hit",
        "struck",
        "pounded",
        "shelled",
        "bombed",
    }
)
_AIRCRAFT = (
    "warplane",
    "jet",
    "drone",
    "helicopter",
    "aircraft",
    "air force",
    "bomber",
    "air strike",
    "airstrike",
)
_NON_ARMED = frozenset({"protesters", "rioters", "civilians"})
_REAL = (Mode.REAL,)


@dataclass(slots=True)
class _Found:
    hit: Hit
    trigger: ViolenceTrigger
    mode: Mode


def _classify(ctx: SentenceContext) -> list[_Found]:
    found: list[_Found] = []
    view = ctx.view
    for hit in ctx.hits(Kind.VIOLENCE):
        mode = mode_before(view, hit.start)
        for trigger in hit.payload:
            if trigger.role == "none":
                continue
            found.append(_Found(hit, trigger, mode))
    return found


def _phrase_in_sentence(ctx: SentenceContext, table_name: str) -> bool:
    table = getattr(lexicon(), table_name)
    toks = ctx.view.toks
    return any(table.at(toks, i) is not None for i in range(len(toks)))


def _perpetrator(ctx: SentenceContext, hit: Hit) -> ActorMention | None:
    view = ctx.view
    # "Russian air strikes", "US warplanes": an actor that ends right at the trigger.
    for actor in view.actors:
        if actor.start <= hit.start <= actor.end + 1 and actor.end <= hit.end + 1:
            return actor
    i = view.token_after(hit.end)
    if view.word(i) == "by" or view.word(i + 1) == "by":
        after = ctx.actor_after(hit.end, 25)
        if after is not None:
            return after
    return view.subject_before(hit.start, ctx.last_actor, ctx.speaker)


def _place(
    ctx: SentenceContext, counts: list[CountMention], hit: Hit
) -> tuple[PlaceMention | None, PlaceRole]:
    """Where it happened (or, for "kidnapped 73 men from Garma", where the victims came from).
    Places inside the speaker's words ("a sheikh in Garma claimed") are not the site."""
    view = ctx.view
    attribution = ctx.own_attribution
    a_start = attribution.start if attribution and attribution.start is not None else -1
    a_end = attribution.end if attribution and attribution.end is not None else -1
    candidates = [p for p in view.places if not (a_start <= p.start < a_end)]
    after = [p for p in candidates if hit.end <= p.start <= hit.end + 70]
    before = [p for p in candidates if p.end <= hit.start]
    for place in after + before[::-1]:
        k = view.token_at(place.start)
        prev = view.word(k - 1)
        if prev == "the":
            prev = view.word(k - 2)
        if prev == "from" and counts and place.start > hit.end:
            return place, PlaceRole.VICTIMS_ORIGIN
        if prev in _SITE_PREPOSITIONS:
            return place, PlaceRole.EVENT_SITE
    if candidates:
        return candidates[0], PlaceRole.UNKNOWN
    return None, PlaceRole.UNKNOWN


def _apply_counts(draft: AllegationDraft, counts: list[CountMention], default: str | None) -> None:
    for c in counts:
        category = c.category or default
        if category is None or category in draft.counts:
            continue
        draft.counts[category] = c.count
        if draft.victims is None and c.victims:
            draft.victims, draft.victim_group = c.victims, c.group


def _victims_after(ctx: SentenceContext, hit: Hit) -> tuple[str, int]:
    kind, _ = ctx.view.target_after(hit.end, limit=6)
    return kind, _


def allegation_claims(
    ctx: SentenceContext, has_control: bool, previous: CountMention | None
) -> tuple[list[AllegationDraft], list[CountMention]]:
    found = _classify(ctx)
    if not found:
        return [], []
    view = ctx.view
    text = ctx.text
    counts = read_counts(view, text, previous)
    protest = bool(ctx.hits(Kind.PROTEST))
    accident = bool(ctx.hits(Kind.ACCIDENT))
    disrupted = _phrase_in_sentence(ctx, "disruption_table")
    harm = [f for f in found if f.trigger.role == "harm" and f.mode in _REAL]
    drafts: list[AllegationDraft] = []

    def new(f: _Found, kind: AllegationType, perp: ActorMention | None) -> AllegationDraft:
        when = ctx.when_at(f.hit.start, f.hit.end)
        modality = ctx.modality(f.mode, when)
        real = modality not in (Modality.FUTURE, Modality.HYPOTHETICAL, Modality.NEGATED)
        place, role = _place(ctx, counts, f.hit)
        return AllegationDraft(
            trigger=ctx.trigger(f.hit.start, f.hit.end),
            allegation_type=kind,
            acled=ACLED_OF[kind] if real else None,
            perpetrator=perp,
            modality=modality,
            attribution=ctx.attribution,
            when=when,
            place=place,
            place_role=role,
        )

    # 1. One incident for the weapon or method, typed by precedence.
    means = [f for f in found if f.trigger.role == "means"]
    actor_texts = " ".join(a.text.lower() for a in view.actors)
    aerial_actor = any(word in actor_texts for word in _AIRCRAFT)
    means_incident: AllegationDraft | None = None
    if means or (aerial_actor and any(f.trigger.role == "attack" for f in found)):
        kinds = {f.trigger.allegation_type for f in means}
        if aerial_actor and (
            kinds & {AllegationType.BOMBING, AllegationType.SHELLING} or not kinds
        ):
            kinds.add(AllegationType.AIRSTRIKE)
        kind = next(k for k in MEANS_ORDER if k in kinds)
        lead = next((f for f in means if f.trigger.allegation_type is kind), None)
        lead = lead or next((f for f in found if f.trigger.role in ("means", "attack")), found[0])
        generic_only = kinds <= {AllegationType.BOMBING}
        perp = _perpetrator(ctx, lead.hit)
        skip = (disrupted and not harm) or (generic_only and accident and perp is None)
        if not skip:
            means_incident = new(lead, kind, perp)
            _apply_counts(means_incident, counts, None)
            drafts.append(means_incident)

    # 2. Distinct acts, one allegation per type.
    acts_seen: set[AllegationType] = set()
    for f in found:
        kind = f.trigger.allegation_type
        if f.trigger.role != "act" or kind in acts_seen:
            continue
        if kind is AllegationType.PROPERTY_DESTRUCTION:
            if means_incident is not None or protest or has_control:
                continue
            target, at = ctx.view.target_after(f.hit.end, limit=6)
            if target in ("people", "combatants", "weapons", "actor"):
                continue
            religious = any(
                lexicon().religious.at(view.toks, k) is not None
                for k in range(at - 4 if at >= 4 else 0, min(at + 3, len(view.toks)))
            )
            if religious:
                kind = AllegationType.RELIGIOUS_SITE_DESTRUCTION
        if kind is AllegationType.LOOTING and protest:
            continue
        if kind is AllegationType.ARREST and protest:
            continue  # arrests at a protest: a protest with intervention
        if kind is AllegationType.ABDUCTION and disrupted and not harm and means_incident is None:
            pass
        acts_seen.add(f.trigger.allegation_type)
        perp = _perpetrator(ctx, f.hit)
        draft = new(f, kind, perp)
        mine = [c for c in counts if c.token >= view.token_after(f.hit.end)][:1]
        if mine:
            c = mine[0]
            category = _COUNT_OF.get(kind, c.category)
            if category:
                draft.counts[category] = c.count
            draft.victims, draft.victim_group = c.victims, c.group
        else:
            target, at = view.target_after(f.hit.end, limit=5)
            victim = lexicon().victims.at(view.toks, at) if target == "people" else None
            if victim is not None:
                end = view.toks[at + victim[1] - 1].end
                draft.victims = text[view.toks[at].start : end]
                draft.victim_group = victim[0].group
        drafts.append(draft)

    # 3. Killings, attacks and fighting without a named method.
    detained = acts_seen & {AllegationType.ARREST, AllegationType.ABDUCTION}
    if means_incident is None and not (
        detained and not harm and not [f for f in found if f.trigger.role == "clash"]
    ):
        clashes = [f for f in found if f.trigger.role == "clash" and f.mode in _REAL]
        attacks = [f for f in found if f.trigger.role == "attack"]
        harms = harm
        lead_f = next(iter(clashes or attacks or harms), None)
        if lead_f is not None:
            perp = _perpetrator(ctx, lead_f.hit)
            perp_type = perp.entry.actor_type.value if perp and perp.entry else None
            if protest:
                severe = [h for h in ctx.hits(Kind.PROTEST_FORCE) if h.payload == "excessive"]
                if severe and perp_type not in ("protesters", "rioters"):
                    draft = new(lead_f, AllegationType.FORCE_AGAINST_PROTESTERS, perp)
                    _apply_counts(draft, counts, None)
                    drafts.append(draft)
            elif (
                perp_type in _NON_ARMED
                or (accident and perp is None)
                or (AllegationType.SEXUAL_VIOLENCE in acts_seen and not clashes)
            ):
                pass
            else:
                victims_people = any(not c.combatant and c.group for c in counts)
                victims_armed = any(c.combatant for c in counts)
                target_kind = "other"
                if attacks or harms:
                    target_kind, _ = ctx.view.target_after((attacks or harms)[0].hit.end, 6)
                vkind: AllegationType | None = None
                if clashes and not has_control:
                    vkind = AllegationType.ARMED_CLASH
                elif target_kind in ("combatants", "actor") or (
                    victims_armed and not victims_people
                ):
                    vkind = None if has_control else AllegationType.ARMED_CLASH
                elif target_kind == "people" or victims_people or (harms and perp is not None):
                    vkind = AllegationType.KILLING
                executions = AllegationType.EXECUTION in acts_seen
                if vkind is not None and not (vkind is AllegationType.KILLING and executions):
                    draft = new(lead_f, vkind, perp)
                    if vkind is AllegationType.ARMED_CLASH:
                        clash_target = next(
                            (
                                a
                                for a in view.actors
                                if a is not perp and a.start > lead_f.hit.start
                            ),
                            None,
                        )
                        draft.target = clash_target
                    _apply_counts(draft, counts, "killed" if harms else None)
                    drafts.append(draft)
    elif means_incident is not None:
        _apply_counts(means_incident, counts, "killed" if harm else None)

    _ = Count
    return drafts, counts
