"""Force at a protest: "Excessive force against protesters", or no ACLED type of sitrep's.

ACLED's definitions: excessive force is lethal or seriously injuring force (or lethal weapons)
used by authorities on demonstrators who are protesting peacefully. Dispersal with tear gas,
water cannon or arrests is a "Protest with intervention"; demonstrators who throw stones or
clash with the police make a riot; a crowd attacked by other civilians is mob violence. A
killing the demonstrators protest against ("justice for a man shot by police") is the protest's
cause, not force on it. All of those are outside the ACLED types sitrep assigns.
"""

from __future__ import annotations

from .context import SentenceContext
from .lexicon import lexicon
from .matching import Hit, Kind
from .mentions import ActorMention
from .scope import Scope

__all__ = ["arrest_at_protest", "force_on_protesters", "is_grievance"]

_AUTHORITIES = frozenset({"state_forces", "external_forces"})
# Words between a protester noun and a harm word that keep "protesters were injured" passive.
_PASSIVE_GAP = frozenset(
    {
        "were",
        "was",
        "had",
        "have",
        "has",
        "been",
        "being",
        "reportedly",
        "allegedly",
        "also",
        "critically",
        "seriously",
        "badly",
        "fatally",
        "severely",
        "and",
        ",",
    }
)
_SETTING = frozenset({"during", "at", "amid", "after", "following", "in"})
_BOUNDARY = frozenset(
    {
        ";",
        "as",
        "after",
        "while",
        "when",
        "because",
        "since",
        "who",
        "which",
        "followed",
        "following",
        "amid",
        "preceded",
    }
)
_OBJECT_REACH = 10
_BEFALLS = frozenset({"died", "die", "dies", "dead"})  # harm said of its victims
# Words before a protest word that make it the reason for an arrest, not its setting.
_REASON = frozenset(
    {
        "for",
        "over",
        "charges",
        "charged",
        "organising",
        "organizing",
        "organised",
        "organized",
        "inciting",
        "incitement",
        "related",
        "calling",
        "planning",
        "plotting",
        "leading",
        "led",
        "since",
    }
)
# Words before a violent word that make it what a protest is about.
_GRIEVANCE = frozenset(
    {
        "against",
        "over",
        "decry",
        "decrying",
        "denounce",
        "denouncing",
        "condemn",
        "condemning",
        "protest",
        "protesting",
        "justice",
        "release",
        "following",
        "anniversary",
        "memory",
        "demanding",
        "mourn",
        "mourning",
        "commemorate",
        "commemorating",
        "honour",
        "honor",
    }
)


def _protester_victims(ctx: SentenceContext, forces: list[Hit]) -> bool:
    """Whether the force falls on the demonstrators: a protest word as the object of the force
    ("fired at protesters", "suppressed a protest"), or as the subject of a passive harm
    ("protesters were injured")."""
    view = ctx.view
    protest_starts = {view.token_at(p.start) for p in ctx.hits(Kind.PROTEST)}
    if not protest_starts:
        return False
    for force in forces:
        i = view.token_after(force.end)
        for j in range(i, min(len(view.toks), i + _OBJECT_REACH)):
            if j in protest_starts:
                return True
            if view.word(j) in _BOUNDARY:
                break
        k = view.token_after(force.start) - 1
        while k >= 0 and view.word(k) in _PASSIVE_GAP:
            k -= 1
        # "protesters were injured", "demonstrators died"; but "protesters attacked" is done by
        # the protesters
        adjacent_ok = force.text.lower() in _BEFALLS
        if k in protest_starts and (k < view.token_after(force.start) - 1 or adjacent_ok):
            return True
    return False


def _force_user(ctx: SentenceContext) -> tuple[ActorMention | None, bool]:
    """Who used the force, and whether the sentence allows excessive force at all. ACLED counts
    force by state forces or armed groups, named or not; a crowd or other civilians attacking a
    rally is mob violence."""
    attribution = ctx.own_attribution
    a_start = attribution.start if attribution and attribution.start is not None else -1
    a_end = attribution.end if attribution and attribution.end is not None else -1
    civilians = False
    for actor in ctx.view.actors:
        if a_start <= actor.start < a_end:
            continue
        entry = actor.resolved_entry
        if entry is None:
            continue
        if entry.actor_type.value in _AUTHORITIES or entry.actor_type.value.endswith("militia"):
            return actor, True
        if entry.actor_type.value == "rioters":
            civilians = True
    return None, not civilians and not _group_of_civilians(ctx)


def _group_of_civilians(ctx: SentenceContext) -> bool:
    """ "a group of Turks attacked a peaceful rally": people, not an armed force."""
    view = ctx.view
    return any(
        view.word(i) in ("group", "groups", "gang", "band") and view.word(i + 1) == "of"
        for i in range(len(view.toks))
    )


def force_on_protesters(
    ctx: SentenceContext, scope: Scope, violence: list[Hit]
) -> tuple[Hit, ActorMention | None] | None:
    """The force and the authority using it, when the sentence reports excessive force on
    peaceful demonstrators; None for interventions, riots, mob violence and grievances."""
    if scope.protester_violence or any(
        any(v.role == "clash" for v in h.payload) for h in ctx.hits(Kind.VIOLENCE)
    ):
        return None  # stones, clashes with the police: a riot
    severe = [
        h
        for h in ctx.hits(Kind.PROTEST_FORCE)
        if h.payload == "excessive" and not is_grievance(ctx, h)
    ]
    if not severe:
        return None
    authority, armed = _force_user(ctx)
    if not armed:
        return None
    forces = sorted([*severe, *violence], key=lambda h: h.start)
    if not _protester_victims(ctx, forces):
        return None
    return forces[0], authority


def arrest_at_protest(ctx: SentenceContext, scope: Scope, arrest: Hit) -> bool:
    """Whether an arrest is the police intervening at a protest rather than ACLED "Arrests":
    force or dispersal in the same sentence, demonstrators as those arrested, or a protest named
    as the setting ("detained during a protest", "while trying to hold demonstrations"). An
    activist arrested for organising a protest, or since protests began, is an arrest."""
    if not (scope.protest or scope.protest_before):
        return False
    others = [
        h
        for h in ctx.hits(Kind.PROTEST_FORCE)
        if not (h.start < arrest.end and arrest.start < h.end)
    ]
    if others:
        return True
    view = ctx.view
    for p in ctx.hits(Kind.PROTEST):
        k = view.token_at(p.start)
        if not any(view.word(j) in _REASON for j in range(max(0, k - 4), k)):
            return True
    i = view.token_after(arrest.end)
    for j in range(i, min(len(view.toks), i + 4)):
        victim = lexicon().victims.at(view.toks, j)
        if victim is not None:
            return victim[0].group == "protesters"
    return False


def is_grievance(ctx: SentenceContext, hit: Hit) -> bool:
    """ "rallies against the execution of X", "to decry the arrests", "justice for a man shot by
    police": violence a protest is about, not violence at it."""
    view = ctx.view
    i = view.token_after(hit.start)
    return any(view.word(j) in _GRIEVANCE for j in range(max(0, i - 4), i))
