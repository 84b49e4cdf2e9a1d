"""Territorial control claims: who captured, holds, encircles or advances on which place.

Rules, each general:
- active verbs need a territorial object: a place, or a territorial noun ("the town of X",
  "the city" meaning the last city named); people, weapons or fighters as the object make it
  no control claim ("captured 20 fighters");
- passive ("a city seized by the Islamic State"), "fell to" and "remains to be secured" frames
  take the place before the verb and the actor after it;
- an infinitive of intent after an offensive ("launched an offensive to liberate X") is an
  advance toward X; other intents are plans (modality future);
- lists continue the object ("recaptured Ramadi, Tikrit, and Baiji");
- unnamed territory ("freed several villages") is an unresolved place (`territory_phrases.py`);
  passives, participles, adjectives and expulsions are read in `voice.py`.
ACLED's sub-event type follows the actor: government forces and their affiliates regain
territory, others overtake it; with no taker named, the side it was taken from decides. A
hand-over, or a taking while the other side leaves, is a non-violent transfer (`transfers.py`).
"""

from __future__ import annotations

import re

from sitrep_schemas import Modality

from .context import SentenceContext
from .drafts import ControlDraft
from .lexicon import ActorEntry, ControlTrigger, lexicon
from .matching import Hit, Kind
from .mentions import ActorMention, PlaceMention, named_place, national_forces
from .modality import Mode, mode_after, mode_before
from .territory_phrases import territory_before, territory_phrase
from .transfers import mark_transfers
from .voice import (
    expelled_from,
    gives_away,
    modifies_noun,
    names_the_noun,
    participle,
    passive_use,
    past_participle,
)

__all__ = ["GOVERNMENT_SIDES", "control_claims", "is_government"]

GOVERNMENT_SIDES = frozenset({"iraqi_government", "syrian_government", "krg", "government"})
_TAKING = frozenset({"captured", "recaptured", "secured"})
_DETERMINERS = frozenset(
    {"the", "a", "an", "its", "their", "his", "her", "this", "these", "those", "our", "my"}
)
_LIST_GLUE = frozenset(
    {
        ",",
        "and",
        "including",
        "as",
        "well",
        "such",
        "the",
        "town",
        "towns",
        "village",
        "villages",
        "city",
        "cities",
        "of",
        "also",
        "area",
        "areas",
        "districts",
        "district",
        "neighbourhood",
        "neighborhood",
        "key",
        "strategic",
        "nearby",
        "then",
        "&",
        "or",
    }
)
_NO_ACTOR_OK = frozenset(
    {
        "captured",
        "recaptured",
        "secured",
        "encircled",
        "besieged",
        "advanced_toward",
        "contested",
        "entered",
    }
)


def is_government(entry: ActorEntry | None) -> bool | None:
    if entry is None or entry.side == "unknown":  # "gunmen", "fighters": either side
        return None
    if entry.actor_type.value == "state_forces":
        return True
    return entry.side in GOVERNMENT_SIDES


def _acled(
    action: str,
    actor: ActorMention | None,
    handed_over: bool,
    regaining: bool,
    loser: ActorMention | None = None,
) -> str | None:
    """ACLED's territorial sub-event type; `regaining` when the sentence speaks of retaking.
    Without a named taker, the side it was taken from says it: taken from rebels, regained by
    the government."""
    if handed_over:
        return "Non-violent transfer of territory"
    if action not in _TAKING:
        return None
    gov = is_government(actor.resolved_entry if actor else None)
    if gov is None and actor is None and loser is not None:
        lost_by_government = is_government(loser.resolved_entry)
        gov = None if lost_by_government is None else not lost_by_government
    if gov is None or (
        actor is not None
        and actor.entry is not None
        and actor.entry.generic
        and actor.entry.side == "rebels"
        and regaining
    ):
        gov = action == "recaptured" or regaining
    return "Government regains territory" if gov else "Non-state actor overtakes territory"


_SETTLEMENTS = frozenset({"city", "town", "village"})
_ANAPHORIC = {"city": "city", "town": "town", "area": "province", "part": "any"}
_DEFINITE = frozenset({"the", "its", "this", "that", "whole", "entire"})
_TOWARD = frozenset({"toward", "towards", "on", "into", "to"})


def _anaphor(ctx: SentenceContext, feature: str, at: int | None = None) -> PlaceMention | None:
    """The place "the city" / "the province" / "its edge" points back to: for a city or town,
    the latest settlement named before it in the sentence (resolved or not), else the
    article's latest."""
    key = _ANAPHORIC.get(feature)
    if key is None:
        return None
    if key in ("city", "town"):
        key = "settlement"
        earlier = [
            p
            for p in ctx.view.places
            if at is not None
            and p.end <= at
            and p.text[:1].isupper()
            and (p.chosen.feature_type in _SETTLEMENTS if p.chosen else bool(p.candidates))
        ]
        if earlier:
            return earlier[-1]
    found = ctx.memory.last_place.get(key)
    if found is None and key == "any":
        found = ctx.memory.last_place.get("any")
    return found


def _list_from(ctx: SentenceContext, first: PlaceMention) -> list[PlaceMention]:
    """The first place and those that continue its list ("Ramadi, Tikrit, and Baiji")."""
    view = ctx.view
    places = [first]
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


def _passive_agent(ctx: SentenceContext, hit: Hit) -> ActorMention | None:
    """ "was driven out of Kidal by Tuareg rebels": the actor after "by", past the place and
    within the clause."""
    view = ctx.view
    i = view.token_after(hit.end)
    for j in range(i, min(len(view.toks), i + _AGENT_REACH)):
        word = view.word(j)
        if word in (",", ";", ".", "and", "but", "while"):
            return None
        if word == "by":
            return ctx.actor_after(view.toks[j].end, 25)
    return None


_AGENT_REACH = 12  # "driven out of Yemen's capital Sana'a in 2014 by ..."


def _object_places(
    ctx: SentenceContext, hit: Hit, trigger: ControlTrigger
) -> tuple[list[PlaceMention], str | None]:
    """The places a verb's object names, and the part of the place it names, if any."""
    view = ctx.view
    if trigger.object == "toward":
        for place in ctx.places_after(hit.end, 70):
            k = view.token_at(place.start) - 1
            while view.word(k) in (
                "the",
                "city",
                "town",
                "village",
                "of",
                "capital",
                "outskirts",
                "province",
                "area",
            ):
                k -= 1
            if view.word(k) in _TOWARD:
                return _list_from(ctx, place), None
        return [], None
    kind, i = view.target_after(hit.end)
    if kind == "place":
        first = next(p for p in view.places if p.start == view.toks[i].start)
        return _list_from(ctx, first), None
    if kind == "territory":
        found = lexicon().territory.at(view.toks, i)
        n = found[1] if found else 1
        after = view.toks[i + n].start if i + n < len(view.toks) else hit.end
        near = [
            p
            for p in view.places
            if after <= p.start <= after + 25 and names_the_noun(view, i + n, p)
        ]
        noun = view.word(i + n - 1)
        if not near and noun.endswith("s") and found and found[0] != "part":
            # "several key cities in the past year, including Ramadi, Tikrit, and Baiji"
            for j in range(i + n, min(len(view.toks), i + n + 14)):
                if view.word(j) in ("including", "namely", "like", ":") or (
                    view.word(j) == "such" and view.word(j + 1) == "as"
                ):
                    near = [p for p in view.places if p.start >= view.toks[j].end][:1]
                    break
        if near:
            part = None
            if found and found[0] == "part":
                part = ctx.text[view.toks[i].start : view.toks[i + n - 1].end].lower()
            return _list_from(ctx, near[0]), part
        feature = found[0] if found else "any"
        floor = view.token_after(hit.end)
        # Only a definite, singular noun points back: "the city", "its southern edge".
        k = i - 1
        while k > floor and view.word(k) not in _DEFINITE:
            k -= 1
        anaphor = None
        if view.word(k) in _DEFINITE and (feature == "part" or not noun.endswith("s")):
            anaphor = _anaphor(ctx, feature, view.toks[k].start)
        if anaphor is None:
            # "freed several villages", "captured a key neighbourhood": unnamed territory.
            phrase = territory_phrase(view, ctx.text, i, n, floor)
            return ([phrase] if phrase is not None else []), None
        part = None
        if feature == "part":
            start = view.toks[k + 1].start if view.word(k) == "its" else view.toks[i].start
            part = ctx.text[start : view.toks[i + n - 1].end].lower()
        return [anaphor], part
    if kind == "place_pronoun":
        anaphor = ctx.memory.last_place.get("any")
        return ([anaphor] if anaphor is not None else []), None
    if kind in ("facility", "civilian_site"):
        # "capturing the rebel headquarters, Kilinochchi": a name in apposition is the place
        found = lexicon().territory.at(view.toks, i)
        k = i + (found[1] if found else 1)
        if view.word(k) == "," and k + 1 < len(view.toks):
            named = [p for p in view.places if p.start == view.toks[k + 1].start]
            if named and named[0].text[:1].isupper():
                return [named[0]], None
    if trigger.needs_territory:
        return [], None
    near = [p for p in view.places if hit.end <= p.start <= hit.end + 40]
    return (_list_from(ctx, near[0]) if near else []), None


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


_PASSIVE_GAP = frozenset(
    {
        "was",
        "were",
        "is",
        "are",
        "been",
        "being",
        "has",
        "have",
        "had",
        "reportedly",
        "allegedly",
        "recently",
        "finally",
        "eventually",
        "completely",
        "fully",
        "largely",
        "partly",
        "partially",
        "now",
        "later",
        "then",
        "quickly",
        "once",
        "first",
        "again",
        "also",
        "itself",
        "already",
        ",",
        "a",
        "an",
        "the",
        "which",
        "that",
        "who",
        "whole",
        "entire",
        "key",
        "strategic",
        # "Palma remained under the control of", "the town is still held by"
        "remained",
        "remains",
        "remain",
        "stayed",
        "stays",
        "still",
        "firmly",
        "effectively",
    }
)
_PASSIVE_REACH = 9


def _subject_place(ctx: SentenceContext, hit: Hit) -> PlaceMention | None:
    """The place a passive verb is said of ("Raqqa, a city seized by", "the town was handed
    over"): the place just before it with nothing between but auxiliaries, adverbs and
    territorial nouns ("in the face of an advance by federal forces was taken" is no passive of
    Kirkuk). Unnamed territory ("a swathe of territory was handed over") when no place is."""
    view = ctx.view
    subject = view.parse.subject(hit.start) if view.parse is not None else None
    if subject is not None and subject.passive:
        # "Kidal, which was under the control of Tuareg rebels, was retaken by the army"
        for start, end in subject.spans:
            named = [p for p in view.places if start <= p.start and p.end <= end]
            if named:
                return named[-1]
    place = ctx.place_before(hit.start)
    i = view.token_after(hit.start)
    if place is not None:
        j = view.token_after(place.end)
        gap = view.toks[j:i]
        table = lexicon().territory
        if len(gap) <= _PASSIVE_REACH and all(
            t.text in _PASSIVE_GAP
            or table.at(view.toks, j + k) is not None
            or any(a.start <= t.start < a.end for a in view.actors)
            for k, t in enumerate(gap)
        ):
            return place
    phrase = territory_before(view, ctx.text, hit.start)
    if phrase is None:
        return None
    words = phrase.text.lower().split()
    if words[0] in _DEFINITE and not words[-1].endswith("s"):
        # "the town has not been captured": the town named before
        feature = lexicon().territory.values.get(words[-1], "any")
        return _anaphor(ctx, feature) or phrase
    return phrase


_KEPT_FROM = re.compile(r"\bfrom\s+$", re.IGNORECASE)


_DEFINITE_NOMINAL = frozenset({"the", "its", "their", "his", "her"})


def _possessor(ctx: SentenceContext, i: int, hit: Hit, place: PlaceMention) -> ActorMention | None:
    """Whose capture or withdrawal it is: "Russian forces completed their withdrawal from
    X" (the clause's subject, else the actor named before), "the Russian withdrawal from X"
    (that state's forces), "the capture of X by Y" (Y)."""
    view = ctx.view
    if view.word(i - 1) in ("its", "their"):
        before = [a for a in view.actors if a.end <= hit.start]
        subject = view.subject_before(hit.start, ctx.last_actor, ctx.speaker)
        return subject or (before[-1] if before else ctx.last_actor)
    if view.word(i - 1) == "the" or view.word(i - 2) == "the":
        national = national_forces(ctx.text, hit.start)
        if national is not None:
            return national
    if view.word(view.token_after(place.end)) == "by":
        return ctx.actor_after(place.end, 25)
    return None


_INTRANSITIVE_NEXT = frozenset(
    {
        "",
        ".",
        ",",
        ";",
        "and",
        "but",
        "after",
        "later",
        "overnight",
        "on",
        "under",
        "as",
        "without",
        "when",
        "yesterday",
        "today",
        "last",
        "early",
        "late",
        "in",
    }
)
_FRONT = re.compile(r"\s*from\s+(?:the|their|its)\s+front(?:[- ]?lines?)?\b", re.IGNORECASE)


def _front_line(ctx: SentenceContext, hit: Hit) -> str | None:
    """ "retreated from the front line": the words after the verb (its "from" included)."""
    at = hit.end - len("from") if hit.text.lower().endswith(" from") else hit.end
    found = _FRONT.match(ctx.text, at)
    return found.group(0).strip() if found else None


def _withdrawn_from(ctx: SentenceContext, hit: Hit) -> str | None:
    """What a withdrawal verb used without a place left: "" for nothing ("the forces later
    withdrew", "pulled out after heavy losses"), the words for the front line; None when it
    left something else ("withdrew from the talks")."""
    front = _front_line(ctx, hit)
    if front is not None:
        return front
    if hit.text.lower().endswith((" from", " of")):
        return None
    nxt = ctx.view.word(ctx.view.token_after(hit.end))
    return "" if nxt in _INTRANSITIVE_NEXT else None


def control_claims(ctx: SentenceContext) -> list[ControlDraft]:
    drafts: list[ControlDraft] = []
    view = ctx.view
    seen: set[tuple[str, str]] = set()
    control_hits = ctx.hits(Kind.CONTROL)
    regaining = any(h.payload.action == "recaptured" for h in control_hits)
    for hit in control_hits:
        trigger: ControlTrigger = hit.payload
        if trigger.frame == "none":
            continue
        action = trigger.action
        i = view.token_after(hit.start)
        if trigger.frame == "active" and view.word(i - 1) in _DETERMINERS:
            continue  # "the surrounding villages", "a secured area": adjectives
        if hit.start > 0 and ctx.text[hit.start - 1] == "-":
            continue  # "rebel-held", "ISIS-controlled": a compound adjective
        if (
            hit.text.lower() in ("patrol", "patrols")
            and view.parse is not None
            and view.parse.is_noun(hit.start)
        ):
            continue  # "ambushed an army patrol": the patrol attacked, nobody holding a place
        if _KEPT_FROM.search(ctx.text, max(0, hit.start - 6), hit.start):
            # "prevented the cleric from entering Garma": the one kept out is the object of
            # "prevented", not the sentence's subject; the obstruction is its own allegation.
            continue
        mode = mode_before(view, hit.start)
        actor: ActorMention | None
        places: list[PlaceMention]
        from_controller = to_controller = None
        handed_over = action == "handed_over"
        part: str | None = None
        if trigger.frame == "active" and modifies_noun(ctx, hit):
            continue  # "the Western Sahara occupied city": an adjective
        if trigger.frame == "active" and (
            participle(ctx, hit) or (past_participle(hit) and passive_use(view, i))
        ):
            trigger = ControlTrigger(trigger.action, "passive", "any")
        if trigger.object == "toward" and expelled_from(ctx, hit):
            trigger = ControlTrigger("captured", "expel", "any")  # "pushed the rebels out of X"
            action = trigger.action
        if trigger.frame == "expel":
            places = expelled_from(ctx, hit)
            if past_participle(hit) and passive_use(view, i):
                # "the terrorists were pushed back from their strongholds": the subject lost
                from_controller = view.subject_before(
                    hit.start, ctx.last_actor, ctx.speaker, surface=True
                )
                actor = _passive_agent(ctx, hit)
            else:
                actor = view.subject_before(hit.start, ctx.last_actor, ctx.speaker)
                from_controller = ctx.actor_after(hit.end, 30)
        elif trigger.frame in ("active", "victory"):
            if trigger.frame == "victory":
                near = ctx.places_after(hit.end, 90)
                places = near[:1]
            else:
                places, part = _object_places(ctx, hit, trigger)
            # "troops were deployed to X": those deployed are the ones present
            actor = view.subject_before(
                hit.start, ctx.last_actor, ctx.speaker, surface=action == "present"
            )
            if mode is Mode.PURPOSE:
                if not _offensive_before(ctx, hit.start):
                    continue  # "fighters battling to retake" is handled by the offensive rule
                action, mode, handed_over = "advanced_toward", Mode.REAL, False
            left = _withdrawn_from(ctx, hit) if action == "withdrew" and not places else None
            if left is not None and not handed_over:
                # "the government forces later withdrew", "retreated from the front line": a
                # withdrawal told with no place
                places = [PlaceMention(hit.end, hit.end, left, (), None, ctx.text)]
            if places:
                from_controller = _from_controller(ctx, places[-1].end)
            if handed_over:
                to_controller = ctx.actor_after(places[-1].end if places else hit.end)
                action = "withdrew"
        elif trigger.frame in ("passive", "fell"):
            place = _subject_place(ctx, hit)
            if place is None:
                continue
            places = [place]
            actor = ctx.actor_after(hit.end, 25)
            from_controller = _from_controller(ctx, hit.end)
            if handed_over and gives_away(ctx, hit):
                # "handed over by X to Y": X gives, Y receives
                from_controller, to_controller = actor, ctx.actor_after(hit.end + 1, 80)
                if to_controller is from_controller:
                    to_controller = None
                actor, action = to_controller, "captured"
            elif handed_over:
                to_controller, action = actor, "captured"
        elif trigger.frame == "pending":
            place = _subject_place(ctx, hit)
            if place is None:
                continue
            places = [place]
            actor = ctx.actor_after(hit.end, 25) or view.subject_before(
                hit.start, ctx.last_actor, ctx.speaker
            )
        else:  # nominal: "the battle for X", "the capture of X"
            places = ctx.places_after(hit.end, 12)[:1]
            if not places:
                continue
            told = view.word(i - 1) in _DEFINITE_NOMINAL or (
                view.word(i - 2) == "the" and national_forces(ctx.text, hit.start) is not None
            )  # "the capture of X", "their withdrawal", "the Russian withdrawal"
            definite = action != "contested" and told
            if mode_after(view, places[0].end) is not Mode.REAL and not definite:
                continue  # "the capture of X will allow ...": what follows from a capture
            if action != "contested" and not told:
                continue  # "a capture of X" may be a plan; "the capture of X" tells of one
            if action != "contested" and mode is not Mode.REAL:
                continue  # "plans for the capture of X"
            if action == "contested":
                # "government and rebel forces have battled for control of X": the fighters
                actor = view.subject_before(hit.start, None, ctx.speaker) if i > 0 else None
            else:
                actor = _possessor(ctx, i, hit, places[0])
        if not places and drafts and view.word(i - 1) == "and" and trigger.frame == "active":
            # "advanced on Al-Asaba and entered": the second verb takes the first one's place
            places = [drafts[-1].place]
        if not places:
            continue
        if actor is None and action not in _NO_ACTOR_OK and to_controller is None:
            continue  # a hand-over may name only who receives the place
        if (
            actor is not None
            and actor.entry is not None
            and actor.entry.actor_type.value in ("protesters", "rioters", "civilians")
        ):
            continue
        when = ctx.when_at(hit.start, hit.end)
        modality = ctx.modality(mode, when)
        if trigger.frame == "victory" and modality is Modality.ASSERTED:
            modality = Modality.CLAIMED_BY_PARTY
        real = modality not in (Modality.FUTURE, Modality.HYPOTHETICAL, Modality.NEGATED)
        acled = _acled(action, actor, handed_over, regaining, from_controller) if real else None
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
                    part=part or place.part,
                    acled=acled,
                    modality=modality,
                    attribution=ctx.attribution,
                    when=when,
                    from_controller=from_controller,
                    to_controller=to_controller,
                )
            )
    mark_transfers(ctx, drafts, any(h.payload == "non_violent" for h in ctx.hits(Kind.SCOPE)))
    drafts.extend(_offensives(ctx, seen))
    # "took control of Rastan after the rebels left": the withdrawal is from the place taken
    # (not one "from the front line")
    located = [d.place for d in drafts if named_place(d.place)]
    for d in drafts:
        if not d.place.text and located:
            d.place = located[0]
    return [d for d in drafts if not _held_before(ctx, d, drafts)]


_TAKEN = frozenset({"captured", "recaptured", "entered"})
_FORMERLY = re.compile(r"\b(?:formerly|previously|once|long|until recently)\s+$", re.IGNORECASE)


def _held_before(ctx: SentenceContext, draft: ControlDraft, drafts: list[ControlDraft]) -> bool:
    """ "territory formerly held by the Tigers", "overran another town, Pallai, held by the
    Tigers": who held a place before it was taken, not who holds it."""
    if draft.action != "present":
        return False
    if _FORMERLY.search(ctx.text, max(0, draft.trigger.start - 20), draft.trigger.start):
        return True
    if any(
        d.action in _TAKEN and d.place is draft.place and d.actor is not draft.actor for d in drafts
    ):
        return True
    # "were driven out of the last neighbourhoods they held": what they held until then
    parse = ctx.view.parse
    if parse is None or not parse.in_relative_clause(draft.trigger.start):
        return False
    before = ctx.text[ctx.view.start : draft.trigger.start]
    return bool(_EXPELLED.search(before)) or any(
        d.action in _TAKEN and d.trigger.start < draft.trigger.start for d in drafts
    )


_EXPELLED = re.compile(
    r"\b(?:driven|pushed|forced|expelled|ousted|routed|cleared|chased|flushed)\s+out\b|"
    r"\b(?:lost|retreated from|withdrew from|fled)\b",
    re.IGNORECASE,
)


def _offensives(ctx: SentenceContext, seen: set[tuple[str, str]]) -> list[ControlDraft]:
    """ "began their offensive on Palmyra", "launched an assault toward X": advances."""
    lex = lexicon()
    view = ctx.view
    out: list[ControlDraft] = []
    for i, tok in enumerate(view.toks):
        if tok.text not in lex.offensive_nouns or tok.text == "attack":
            continue
        if not any(view.word(j) in lex.offensive_verbs for j in range(max(0, i - 5), i)):
            continue
        if view.word(i + 1) not in ("on", "toward", "towards", "against", "into", "to"):
            continue
        places = ctx.places_after(view.toks[i + 1].end, 25)[:1]
        if not places:
            continue
        place = places[0]
        key = ("advanced_toward", place.text.lower())
        if key in seen:
            continue
        seen.add(key)
        mode = mode_before(view, tok.start)
        when = ctx.when_at(tok.start, tok.end)
        modality = ctx.modality(mode, when)
        actor = view.subject_before(tok.start, ctx.last_actor, ctx.speaker)
        out.append(
            ControlDraft(
                trigger=ctx.trigger(tok.start, tok.end),
                action="advanced_toward",
                actor=actor,
                place=place,
                part=place.part,
                acled=None,
                modality=modality,
                attribution=ctx.attribution,
                when=when,
            )
        )
    return out
