"""The violent words of a sentence and the part each plays (see violence.tsv for the roles).

A weapon or an aircraft named as a thing becomes a method only when the sentence says it was
used, by another violent word or by a use word in its own clause ("Turkish drones struck a
car"); "dead" before a noun ("dead fighters") reports no killing; "captured a commander" takes
a person, read later as an arrest or an abduction.
"""

from __future__ import annotations

from dataclasses import dataclass

from sitrep_schemas import AllegationType

from .context import SentenceContext
from .grammar import CLAUSE_OPENERS, SentenceView
from .lexicon import ControlTrigger, ViolenceTrigger, lexicon
from .matching import Hit, Kind
from .modality import Mode, mode_before

__all__ = ["Found", "classify", "names_aircraft", "people_taken_by", "use_verbs"]

# Aircraft: an attack by one is an air strike ("raids by army helicopters").
_AIRCRAFT = frozenset(
    {
        "warplane",
        "warplanes",
        "jet",
        "jets",
        "drone",
        "drones",
        "helicopter",
        "helicopters",
        "chopper",
        "choppers",
        "aircraft",
        "bomber",
        "bombers",
        "planes",
        "airstrike",
        "airstrikes",
        "uav",
        "uavs",
        "unmanned",
    }
)


_DEAD_NOUNS = frozenset({"body", "bodies", "man", "woman", "people", "animals", "cattle"})


@dataclass(slots=True)
class Found:
    hit: Hit
    trigger: ViolenceTrigger
    mode: Mode
    role: str
    thing: bool = False  # a weapon or aircraft named as a thing, read as a method by its use

    @property
    def kind(self) -> AllegationType:
        return self.trigger.allegation_type


def _adjectival(view: SentenceView, hit: Hit) -> bool:
    """ "dead fighters", "the dead bodies": an adjective, no report of a killing."""
    if hit.text.lower() != "dead":
        return False
    i = view.token_after(hit.end)
    return view.word(i) in _DEAD_NOUNS or lexicon().victims.at(view.toks, i) is not None


_PEOPLE_TARGETS = frozenset({"people", "combatants", "actor"})
_RESCUE = frozenset({"rescued", "freed", "released", "liberated", "reunited", "treated"})


def _rescued(view: SentenceView, hit: Hit) -> bool:
    """ "rescued 23 kidnapped victims", "freed abducted girls": a participle describing the
    people a rescue is about."""
    i = view.token_at(hit.start)
    if not hit.text.lower().endswith("ed") or i < 1:
        return False
    k = i - 1
    while k > 0 and (view.word(k)[:1].isdigit() or view.word(k) in ("the", "all", "some")):
        k -= 1
    return view.word(i - 1) in _RESCUE or (view.word(k) in _RESCUE and k < i - 1)


_USE_REACH = 60  # characters between a weapon and the word that says it was used


def _same_clause(view: SentenceView, a: Hit, b: Hit) -> bool:
    """Whether two words are close and no clause opens between them ("fighter jets arrived as
    the army launched an offensive": the jets launched nothing)."""
    if abs(a.start - b.start) > _USE_REACH:
        return False
    first, last = sorted((view.token_after(a.start), view.token_after(b.start)))
    return not any(view.word(j) in CLAUSE_OPENERS for j in range(first + 1, last))


def use_verbs(ctx: SentenceContext) -> list[Hit]:
    """Words that say a weapon was used ("fired", "struck", "landed"), as hits."""
    table = lexicon().weapon_use
    view = ctx.view
    toks = view.toks
    out: list[Hit] = []
    for i, tok in enumerate(toks):
        if tok.text not in table.first_words:
            continue
        found = table.at(toks, i)
        if found is not None:
            end = toks[i + found[1] - 1].end
            out.append(Hit(Kind.VIOLENCE, tok.start, end, ctx.text[tok.start : end], ()))
    return out


_DOWNED = frozenset({"hit", "shot", "struck", "downed", "crashed", "fired", "targeted"})
_PASSIVE = frozenset({"was", "were", "been", "being", "getting", "got"})


def _aircraft_hit(view: SentenceView, i: int) -> bool:
    """ "two helicopters were hit by small arms fire", "the jet crashed": the aircraft is
    what was hit, not what struck."""
    after = [view.word(k) for k in range(i + 1, i + 4)]
    if "crashed" in after or "downed" in after:
        return True
    return any(w in _DOWNED for w in after) and any(w in _PASSIVE for w in after)


def names_aircraft(view: SentenceView) -> bool:
    for i, tok in enumerate(view.toks):
        if tok.text in _AIRCRAFT and view.word(i - 1) != "anti" and not _aircraft_hit(view, i):
            return True
        if tok.text == "air" and view.word(i + 1) == "force":
            return True
        if tok.text == "air" and view.word(i - 1) == "the" and view.word(i - 2) == "from":
            return True  # "bombed rebel positions from the air"
    return False


def classify(ctx: SentenceContext) -> list[Found]:
    found: list[Found] = []
    view = ctx.view
    for hit in ctx.hits(Kind.VIOLENCE):
        if view.parse is not None and view.parse.in_accusation_of_a_noun(hit.start):
            continue  # "the homes of two men accused of carrying out an attack"
        mode = mode_before(view, hit.start)
        for trigger in hit.payload:
            role = trigger.role
            if role == "none" or (role == "harm" and _adjectival(view, hit)):
                continue
            if (
                role == "harm"
                and hit.text.lower().startswith("neutrali")
                and view.target_after(hit.end, limit=4)[0] not in _PEOPLE_TARGETS
            ):
                continue  # "neutralised an explosive device": a weapon disarmed
            if role == "act" and _rescued(view, hit):
                continue  # "rescued 23 kidnapped victims": the rescue, not a kidnapping
            if role == "downing":
                role = "clash"  # the aircraft shot down is the target (`allegation_claims`)
            if role == "offensive":
                if view.word(view.token_after(hit.end)) == "to":
                    continue  # "launched an offensive to free X": what it is for
                role = "clash"
            found.append(Found(hit, trigger, mode, role))
    found.extend(_captures_of_people(ctx))
    if any(f.role in ("weapon", "aircraft") for f in found):
        uses = use_verbs(ctx)
        violent = any(f.role in ("means", "attack", "clash", "blast") for f in found)
        harmed = any(f.role == "harm" for f in found)
        for f in found:
            near = any(_same_clause(view, u, f.hit) for u in uses)
            if f.role == "weapon":
                f.role = "means" if violent or harmed or near else "none"
                f.thing = True
            elif f.role == "aircraft":
                hit_itself = _aircraft_hit(view, view.token_after(f.hit.end) - 1)
                f.role = "means" if (violent or near) and not hit_itself else "none"
                f.thing = True
        found = [f for f in found if f.role != "none"]
    return found


_TAKING_PEOPLE = ("captur", "seiz", "took", "tak", "grab", "nab")
_CAPTURE = ViolenceTrigger(AllegationType.ARREST, "capture")


def _captures_of_people(ctx: SentenceContext) -> list[Found]:
    """ "captured a senior commander", "seized two journalists": taking people, not places.
    Read in `_acts` as an arrest by state forces or an abduction by others."""
    out: list[Found] = []
    view = ctx.view
    for hit in ctx.hits(Kind.CONTROL):
        trigger: ControlTrigger = hit.payload
        if trigger.action != "captured" or trigger.frame not in ("active", "passive"):
            continue
        if not hit.text.lower().startswith(_TAKING_PEOPLE):
            continue  # "stormed the community", "overran the village": places, not people
        if trigger.frame == "passive" or view.word(view.token_after(hit.end)) == "by":
            if people_taken_by(view, hit) is not None:
                out.append(Found(hit, _CAPTURE, mode_before(view, hit.start), "capture"))
            continue
        kind, _ = view.target_after(hit.end, 5)
        if kind in ("people", "combatants"):
            out.append(Found(hit, _CAPTURE, mode_before(view, hit.start), "capture"))
    return out


def people_taken_by(view: SentenceView, hit: Hit) -> str | None:
    """ "several dozen mercenaries, captured by the rebels": the people before a passive
    capture, as "people" or "combatants"; None when no people come before it."""
    i = view.token_at(hit.start) - 1
    while i > 0 and view.word(i) in (",", "were", "was", "been", "had", "have", "being"):
        i -= 1
    victims = lexicon().victims
    for j in (i, i - 1):
        found = victims.at(view.toks, j) if j >= 0 else None
        if found is not None:
            return "combatants" if found[0].combatant else "people"
    return None
