"""Territorial control claims: who captured, holds, encircles or advances on which place.

Rules, each general:
- active verbs need a territorial object: a place, or a territorial noun ("the town of X",
  "the city" meaning the last city named); people, weapons or fighters as the object make it
  no control claim ("captured 20 fighters");
- passive ("a city seized by the Islamic State"), "fell to" and "remains to be secured" frames
  take the place before the verb and the actor after it;
- an infinitive of intent after an offensive ("launched an offensive to liberate X") is an
  advance toward X; other intents are plans (modality future);
- lists continue the object ("recaptured Ramadi, Tikrit, and Baiji").
ACLED's sub-event type follows the actor: government forces and their affiliates regain
territory, others overtake it; a hand-over is a non-violent transfer.
"""

from __future__ import annotations

from sitrep_schemas import Modality

from .context import SentenceContext
from .drafts import ControlDraft
from .lexicon import ActorEntry, ControlTrigger, lexicon
from .matching import Hit, Kind
from .mentions import ActorMention, PlaceMention
from .modality import Mode, mode_before

__all__ = ["GOVERNMENT_SIDES", "control_claims", "is_government"]

GOVERNMENT_SIDES = frozenset({"iraqi_government", "syrian_government", "krg", "government"})
_TAKING = frozenset({"captured", "recaptured", "secured"})
_DETERMINERS = frozenset({"the", "a", "an", "its", "their", "his", "her", "this", "these",
                          "those", "our", "my"})
_LIST_GLUE = frozenset({",", "and", "including", "as", "well", "such", "the", "town", "towns",
                        "village", "villages", "city", "cities", "of", "also", "area", "areas",
                        "districts", "district", "neighbourhood", "neighborhood", "key",
                        "strategic", "nearby", "then", "in", "&", "or"})
_NO_ACTOR_OK = frozenset({"captured", "recaptured", "secured", "encircled", "besieged",
                          "advanced_toward", "contested", "entered"})


def is_government(entry: ActorEntry | None) -> bool | None:
    if entry is None:
        return None
    if entry.actor_type.value == "state_forces":
        return True
    return entry.side in GOVERNMENT_SIDES


def _acled(action: str, actor: ActorMention | None, handed_over: bool) -> str | None:
    if handed_over:
        return "Non-violent transfer of territory"
    if action not in _TAKING:
        return None
    gov = is_government(actor.resolved_entry if actor else None)
    if gov is None:
        gov = action == "recaptured"
    return "Government regains territory" if gov else "Non-state actor overtakes territory"


def _anaphor(ctx: SentenceContext, feature: str) -> PlaceMention | None:
    """The place "the city" / "the province" / "it" points back to."""
    key = {"city": "city", "town": "town", "area": "province"}.get(feature, "any")
    found = ctx.memory.last_place.get(key)
    if found is None and key == "town":
        found = ctx.memory.last_place.get("city")
    return found or (ctx.memory.last_place.get("any") if feature in ("any", "site") else None)


def _object_places(ctx: SentenceContext, hit: Hit, needs_territory: bool) -> list[PlaceMention]:
    view = ctx.view
    kind, i = view.target_after(hit.end)
    if kind == "place":
        first = next(p for p in view.places if p.start == view.toks[i].start)
    elif kind == "territory":
        found = lexicon().territory.at(view.toks, i)
        after = view.toks[i + found[1]].start if found and i + found[1] < len(view.toks) else hit.end
        near = [p for p in view.places if after <= p.start <= after + 25]
        if near:
            first = near[0]
        else:
            feature = found[0] if found else "any"
            anaphor = _anaphor(ctx, feature)
            return [anaphor] if anaphor is not None else []
    elif kind == "place_pronoun":
        anaphor = ctx.memory.last_place.get("any")
        return [anaphor] if anaphor is not None else []
    elif needs_territory:
        return []
    else:
        near = [p for p in view.places if hit.end <= p.start <= hit.end + 40]
        if not near:
            return []
        first = near[0]
    places = [first]
    # "Ramadi, Tikrit, and Baiji": continue over list glue to further places.
    cursor = first.end
    for place in view.places:
        if place.start < cursor:
            continue
        between = view.toks[view.token_after(cursor) : view.token_after(place.start)]
        if between and all(t.text in _LIST_GLUE for t in between):
            places.append(place)
            cursor = place.end
        else:
            break
    return places


def _offensive_before(ctx: SentenceContext, offset: int) -> bool:
    lex = lexicon()
    view = ctx.view
    i = view.token_after(offset)
    for j in range(max(0, i - 9), i):
        w = view.word(j)
        if w in lex.offensive_nouns or w in lex.offensive_verbs:
            return True
    return False


def _from_controller(ctx: SentenceContext, after: int) -> ActorMention | None:
    view = ctx.view
    for actor in view.actors:
        if after <= actor.start <= after + 30:
            k = view.token_at(actor.start)
            if view.word(k - 1) == "from" or view.word(k - 2) == "from":
                return actor
    return None


def control_claims(ctx: SentenceContext) -> list[ControlDraft]:  # noqa: C901
    drafts: list[ControlDraft] = []
    view = ctx.view
    seen: set[tuple[str, str]] = set()
    for hit in ctx.hits(Kind.CONTROL):
        trigger: ControlTrigger = hit.payload
        action = trigger.action
        i = view.token_after(hit.start)
        if trigger.frame == "active" and view.word(i - 1) in _DETERMINERS:
            continue  # "the surrounding villages", "a secured area": adjectives
        mode = mode_before(view, hit.start)
        actor: ActorMention | None
        places: list[PlaceMention]
        from_controller = to_controller = None
        handed_over = action == "handed_over"
        if trigger.frame in ("active", "victory"):
            if trigger.frame == "victory":
                near = ctx.places_after(hit.end, 90)
                places = near[:1]
            else:
                places = _object_places(ctx, hit, trigger.needs_territory)
            actor = view.subject_before(hit.start, ctx.last_actor)
            if mode is Mode.PURPOSE:
                if not _offensive_before(ctx, hit.start):
                    continue  # "fighters battling to retake" is handled by the offensive rule
                action, mode, handed_over = "advanced_toward", Mode.REAL, False
            if places:
                from_controller = _from_controller(ctx, places[-1].end)
            if handed_over:
                to_controller = ctx.actor_after(places[-1].end if places else hit.end)
                action = "withdrew"
        elif trigger.frame in ("passive", "fell"):
            place = ctx.place_before(hit.start)
            if place is None:
                continue
            places = [place]
            actor = ctx.actor_after(hit.end, 25)
            from_controller = _from_controller(ctx, hit.end)
            if handed_over:
                to_controller, actor, action = actor, actor, "captured"
        elif trigger.frame == "pending":
            place = ctx.place_before(hit.start)
            if place is None:
                continue
            places = [place]
            actor = ctx.actor_after(hit.end, 25) or view.subject_before(hit.start, ctx.last_actor)
        else:  # nominal: "the battle for X", "the capture of X"
            places = ctx.places_after(hit.end, 12)[:1]
            if not places:
                continue
            if action != "contested":
                continue  # "the capture of X" alone does not say it happened, or when
            actor = None
        if not places:
            continue
        if actor is None and action not in _NO_ACTOR_OK:
            continue
        if actor is not None and actor.entry is not None and actor.entry.actor_type.value in (
            "protesters", "rioters", "civilians"
        ):
            continue
        modality = ctx.modality(mode)
        if trigger.frame == "victory" and modality is Modality.ASSERTED:
            modality = Modality.CLAIMED_BY_PARTY
        real = modality not in (Modality.FUTURE, Modality.HYPOTHETICAL, Modality.NEGATED)
        acled = _acled(action, actor, handed_over) if real else None
        for place in places:
            key = (action, place.text.lower())
            if key in seen:
                continue
            seen.add(key)
            drafts.append(
                ControlDraft(
                    trigger=ctx.trigger(hit.start, hit.end),
                    action=action,
                    actor=actor,
                    place=place,
                    part=place.part,
                    acled=acled,
                    modality=modality,
                    attribution=ctx.attribution,
                    when=ctx.when,
                    from_controller=from_controller,
                    to_controller=to_controller,
                )
            )
    return drafts
