"""Who did it, to whom, and where: the perpetrator, the target and the site of a violent word.

The perpetrator is an actor right before the word ("Russian air strikes"), the agent after
"by", or the subject of the word's clause, never the speaker who reports it. The target says
the ACLED type of an attack: civilians and the places they gather at make an Attack, armed men
and their posts an Armed clash. The site is the place after "in", "at", "near"...; a place after
"from" with people counted is where the victims came from.
"""

from __future__ import annotations

import re

from sitrep_schemas import PlaceRole

from .casualties import CountMention
from .context import SentenceContext
from .grammar import SentenceView
from .lexicon import lexicon
from .matching import Hit
from .mentions import ActorMention, PlaceMention, national_forces, qualifies_another
from .place_nesting import lies_within

__all__ = [
    "between_civilians",
    "civilian_subject",
    "event_place",
    "keeps_from",
    "kept_out",
    "named_armed",
    "perpetrator",
    "target_of",
]

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


_ACROSS_A_BORDER = re.compile(r"\b(?:border|frontier)\s+(?:with|of)\s+(?:the\s+)?$")

# Words between a preposition and the name it introduces.
_BEFORE_NAME = frozenset(
    {
        "the",
        "central",
        "northern",
        "southern",
        "eastern",
        "western",
        "north",
        "south",
        "east",
        "west",
        "northeastern",
        "northwestern",
        "southeastern",
        "southwestern",
        "restive",
        "volatile",
        "troubled",
        "nearby",
        "neighbouring",
        "neighboring",
    }
)

# Words after "dead" that make it an adjective ("dead bodies", "dead fighters"), no killing.
_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "their", "its", "his", "her"})


_KEPT_FROM = frozenset({"access", "entry", "entering", "reaching", "returning", "leaving"})


def keeps_from(view: SentenceView, hit: Hit) -> bool:
    """ "prevented the cleric from entering Garma", "denied access to the camp"."""
    if " " in hit.text.strip():
        return True  # "denied entry", "refused access"
    i = view.token_after(hit.end)
    for j in range(i, min(len(view.toks), i + 8)):
        word = view.word(j)
        if word in _KEPT_FROM or (word == "from" and view.word(j + 1).endswith("ing")):
            return True
        if word in (".", ";", ","):
            return False
    return False


def kept_out(view: SentenceView, text: str, hit: Hit) -> str | None:
    """Who was kept out: the words between the verb and "from" ("the Sunni Waqf head")."""
    i = view.token_after(hit.end)
    for j in range(i, min(len(view.toks), i + 8)):
        if view.word(j) == "from" and j > i:
            return text[view.toks[i].start : view.toks[j - 1].end]
    return None


_DYING = frozenset({"died", "die", "dies", "perished", "succumbed", "lost their lives"})
_SUFFERED = frozenset({"killed", "wounded", "injured", "hurt", "slain"})
_BE = frozenset({"was", "were", "been", "being", "be", "is", "are"})


def _suffers(view: SentenceView, actor: ActorMention) -> bool:
    """Whether the actor's own verb says it suffered: "soldiers died", "a soldier was killed"."""
    i = view.token_after(actor.end)
    if view.word(i) in _DYING or view.word(i + 1) in _DYING:
        return True
    return view.word(i) in _BE and (view.word(i + 1) in _SUFFERED or view.word(i + 2) in _SUFFERED)


def perpetrator(ctx: SentenceContext, hit: Hit) -> ActorMention | None:
    """Who did it: an actor right before the trigger ("Russian air strikes"), the agent after
    "by", or the subject of the trigger's clause. Never the speaker who reports it."""
    view = ctx.view
    for actor in view.actors:
        if actor.start <= hit.start <= actor.end + 1 and actor.end <= hit.end + 1:
            if _last_conjunct(view, actor):
                break  # "TPLF fighters and Eritrean troops clashed": the subject, read whole
            # "Russian air strikes" did it; "Twelve soldiers died" suffered it
            return None if _suffers(view, actor) else actor
    national = _national_weapon(ctx, hit)
    if national is not None:
        return national
    blamed = view.parse.blamed(hit.start) if view.parse is not None else None
    if blamed is not None:
        # an actor that begins in the phrase: "al-Qaida in Iraq" runs past "al-Qaida"
        named = [(a, s, e) for s, e in blamed for a in view.actors if s <= a.start < e]
        # "the al-Qaida-linked group JNIM claimed": not the patron
        named = [n for n in named if not qualifies_another(ctx.text, n[0])] or named
        if named:
            # "officials blamed rebels led by X for killing 100 people"
            return view.named_by_phrase(*named[0])
    i = view.token_after(hit.end)
    if view.word(i) == "by" or view.word(i + 1) == "by" or hit.text.lower().endswith(" by"):
        after = ctx.actor_after(hit.end, 25)
        if after is not None:
            return after
    at = view.token_at(hit.start)
    if view.word(i) == "of" and "against" not in (view.word(at - 1), view.word(at - 2)):
        # "the killing of 60 civilians by Wagner Group personnel": the noun's agent (not the
        # grievance of a rally "against the killing of ...", which the rally is about)
        for j in range(i + 1, min(len(view.toks), i + _OF_VICTIMS_REACH)):
            if view.word(j) in (",", ";", ".", "and", "who", "which"):
                break
            if view.word(j) == "by":
                after = ctx.actor_after(view.toks[j].end, 25)
                if after is not None:
                    return after
                break
    if " under " in hit.text.lower():
        return None  # "the post came under attack": the subject is the target
    owner = _owner_of_weapon(ctx, hit)
    if owner is not None:
        return owner  # even when the owner is the one who says so
    first_side = _first_side(ctx, hit)
    if first_side is not None:
        return first_side
    found = view.subject_before(hit.start, ctx.last_actor, ctx.speaker)
    if found is not None and _suffers(view, found):
        return None  # "30 soldiers died in the assault": the subject is the victim
    attribution = ctx.own_attribution
    if (
        found is not None
        and attribution is not None
        and attribution.start is not None
        and attribution.end is not None
        and attribution.start <= found.start < attribution.end
        and not _speaks_of_itself(view, hit)
    ):
        return None  # "police sources said": the speaker, not the perpetrator
    return found


_BETWEEN_PRONOUN_AND_VERB = frozenset(
    {"had", "has", "have", "was", "were", "also", "already", "successfully", "then", "just"}
)


def _last_conjunct(view: SentenceView, actor: ActorMention) -> bool:
    """Whether the actor ends a list of subjects ("X and (allied) Y clashed")."""
    k = view.token_at(actor.start)
    return "and" in (view.word(k - 1), view.word(k - 2)) and k >= 2


def _national_weapon(ctx: SentenceContext, hit: Hit) -> ActorMention | None:
    """ "a Russian missile strike", "Israeli shelling": a nationality right before the weapon
    names the state whose forces used it."""
    if not hit.text[:1].islower():
        return None
    return national_forces(ctx.text, hit.start)


def _speaks_of_itself(view: SentenceView, hit: Hit) -> bool:
    """ "The army said it had shelled ...", "Rebels said they attacked ...": the speaker's own
    pronoun is the verb's subject, so the speaker did it (a party's claim, by attribution)."""
    if view.parse is not None and view.parse.claimed(hit.start):
        return True  # "the PKK claimed an attack on an army outpost": who claims it did it
    if view.parse is not None and view.parse.means_of_pronoun(hit.start) in ("it", "they", "we"):
        return True  # "said it had killed 35 militants in air strikes"
    k = view.token_at(hit.start) - 1
    if view.word(k) in ("a", "an", "the") and view.word(k - 1) in ("in", "during"):
        # "said it had killed a commander in an airstrike": the noun's doer is the verb's
        subject = view.parse.subject(hit.start) if view.parse is not None else None
        return (
            subject is not None and subject.pronoun in ("it", "they", "we") and not subject.passive
        )
    while k >= 0 and view.word(k) in _BETWEEN_PRONOUN_AND_VERB:
        k -= 1
    return view.word(k) in ("it", "they", "we")


def _first_side(ctx: SentenceContext, hit: Hit) -> ActorMention | None:
    """ "heavy fighting in Sanaa between Houthi rebels and forces loyal to Saleh": the first
    side named after "between" (a few words after the trigger), not the clause's subject."""
    view = ctx.view
    i = view.token_after(hit.end)
    for j in range(i, min(len(view.toks), i + _BETWEEN_REACH)):
        if view.word(j) == "between":
            return ctx.actor_after(view.toks[j].end, 12)
    return None


_OF_VICTIMS_REACH = 10  # "the abduction of 276 schoolgirls from their school by ..."
_BETWEEN_REACH = 5  # "fighting in the western town of X between ...": at most a short place


def _owner_of_weapon(ctx: SentenceContext, hit: Hit) -> ActorMention | None:
    """ "The army said its missiles struck ...": the weapons' owner is the organisation named
    last before them in the sentence."""
    view = ctx.view
    i = view.token_at(hit.start)
    if view.word(i - 1) not in ("its", "their"):
        return None
    start = view.toks[i - 1].start
    owners = [
        e
        for a in view.actors
        if a.end <= start and (e := a.resolved_entry) is not None and not e.generic
    ]
    if not owners:
        return None
    return ActorMention(start, hit.end, ctx.text[start : hit.end], owners[-1])


def event_place(
    ctx: SentenceContext,
    counts: list[CountMention],
    hit: Hit,
    perpetrator: ActorMention | None = None,
) -> tuple[PlaceMention | None, PlaceRole]:
    """Where it happened (or, for "kidnapped 73 men from Garma", where the victims came from).
    Places inside the speaker's words ("a sheikh in Garma claimed") or the doer's name
    ("Sudan's government launched attacks") are not the site."""
    view = ctx.view
    attribution = ctx.own_attribution
    a_start = attribution.start if attribution and attribution.start is not None else -1
    a_end = attribution.end if attribution and attribution.end is not None else -1
    p_start, p_end = (perpetrator.start, perpetrator.end) if perpetrator else (-1, -1)
    candidates = [
        p
        for p in view.places
        if not (a_start <= p.start < a_end)
        and not (p_start <= p.start < p_end)
        # "along the border with Chad": not in Chad
        and not _ACROSS_A_BORDER.search(ctx.text, max(0, p.start - 24), p.start)
    ]
    if view.parse is not None:
        parse = view.parse
        # "... the day it announced a cease-fire at talks in Libya": another clause's place
        candidates = [
            p
            for p in candidates
            if p.end <= hit.start or not parse.other_clause(hit.start, p.start)
        ]
    after = [p for p in candidates if hit.end <= p.start <= hit.end + 70]
    before = [p for p in candidates if p.end <= hit.start]
    ordered = after + before[::-1]
    for place in ordered:
        if place is not ordered[-1] and view.names_a_facility(place):
            continue  # "near the Abdul-Majid hospital in the Karradah neighborhood"
        k = view.token_at(place.start) - 1
        while view.word(k) in _BEFORE_NAME and k > 0:
            k -= 1  # "in the central Karradah neighborhood"
        prev = view.word(k)
        if prev == "from" and counts and place.start > hit.end:
            return place, PlaceRole.VICTIMS_ORIGIN
        if prev in _SITE_PREPOSITIONS:
            return _finer(
                ctx, lies_within(ctx.text, place, candidates), candidates
            ), PlaceRole.EVENT_SITE
    if candidates:
        named = [p for p in candidates if not view.names_a_facility(p)] or candidates
        return _finer(ctx, named[0], candidates), PlaceRole.UNKNOWN
    # "Kummabza resident Aji Khalil said the abductions took place...": the speaker lives
    # where it happened
    for place in view.places:
        if a_start <= place.start < a_end and (
            _RESIDENT_AFTER.match(ctx.text, place.end)
            or _RESIDENT_BEFORE.search(ctx.text, max(0, place.start - 24), place.start)
        ):
            return place, PlaceRole.UNKNOWN
    return None, PlaceRole.UNKNOWN


_RESIDENT_AFTER = re.compile(r"\s+(?:residents?|villagers?|inhabitants?|locals?)\b", re.I)
_RESIDENT_BEFORE = re.compile(
    r"\b(?:residents?|villagers?|inhabitants?|people|survivors?|witnesses?)\s+(?:of|in|from)\s+"
    r"(?:the\s+)?(?:\w+\s+)?$",
    re.IGNORECASE,
)


# What joins a country or region to a place inside it in one phrase: "Afghanistan's province
# of Ghazni", "Mali's central Mopti region".
_INSIDE = re.compile(
    r"\s*[’']s\s+(?:[a-z-]+\s+){0,2}(?:(?:province|region|state|district|county|city|town)"
    r"\s+of\s+)?"
    # "the Central African Republic town of Bria"
    r"|\s+(?:[a-z-]+\s+){0,2}(?:province|region|state|district|county|city|town|village)\s+of\s+",
    re.IGNORECASE,
)


_WIDE = frozenset({"country", "province", "region", "district"})


def _finer(
    ctx: SentenceContext, place: PlaceMention, candidates: list[PlaceMention]
) -> PlaceMention:
    """The finer place a country's or region's phrase introduces ("in Afghanistan's province
    of Ghazni", "the Darfur town of Kutum": Ghazni, Kutum)."""
    entry = place.chosen
    if entry is None or entry.feature_type not in _WIDE:
        return place  # "the West Bank village of Huwara" too: a region's place
    following = next((p for p in candidates if p.start >= place.end), None)
    if following is None or not _INSIDE.fullmatch(ctx.text[place.end : following.start]):
        return place
    inside = following.chosen
    if inside is not None and inside.country not in (None, entry.country):
        return place
    return following


def target_of(view: SentenceView, hit: Hit) -> str:
    """What an attack falls on; a military post ("attacked a checkpoint") counts as
    combatants, which makes the attack an Armed clash."""
    i = view.token_after(hit.start)
    if " under " in hit.text.lower():
        # "government positions came under attack": the target is the subject before it
        clause = view.clause_start(i)
        kind, at = view.target_after(view.toks[clause].start, max(1, i - clause))
        return "combatants" if kind == "territory" and _military(view, at) else kind
    if view.word(view.token_after(hit.end)) == "by":
        return "other"  # "killed by her husband": the agent follows, the victim went before
    if view.word(i - 1) in ("was", "were", "been", "being") and not hit.text.endswith("ing"):
        return "other"  # "two policemen were shot dead and three others ...": the victims
        # are the subject, before it
    noun = not hit.text.lower().endswith("ed")  # "stormed" is a verb, "attack" may be a noun
    if (
        noun
        and (view.word(i - 1) in _DETERMINERS or view.word(i - 2) in _DETERMINERS)
        and view.word(view.token_after(hit.end)) not in ("on", "against", "targeting")
    ):
        return "other"  # "the early morning attack": a noun, no object follows
    kind, at = view.target_after(hit.end, 6)
    if kind == "territory" and _military(view, at):
        return "combatants"  # "a checkpoint", "a police post" (the actor's name modifying it)
    if kind == "civilian_site":
        return "people"  # a market, a school, a hotel: where civilians are
    return kind


def _military(view: SentenceView, at: int) -> bool:
    """A post held by combatants: "a police post", "army positions"."""
    victims = lexicon().victims
    victim = victims.at(view.toks, at) or victims.at(view.toks, at - 1)
    return victim is not None and victim[0].combatant


_SAYING = frozenset({"say", "says", "said", "told", "tell", "report", "reported", "reports"})


_ARTICLES_IN = frozenset({"the", "a"})


def civilian_subject(view: SentenceView, hit: Hit) -> bool:
    """ "villagers clashed with sticks", "clashes between two communities": people who are not
    an armed group fighting (ACLED's mob or communal violence, not an Armed clash)."""
    i = view.token_after(hit.start)
    suffered = hit.text.lower().startswith(("killed ", "died "))
    if (
        suffered
        or view.word(i - 1) == "in"
        or (view.word(i - 1) in _ARTICLES_IN and view.word(i - 2) == "in")
    ):
        # "people caught in crossfire", "civilians killed in clashes": they suffered it
        return between_civilians(view, hit)
    start = view.clause_start(i)
    victims = lexicon().victims
    for j in range(start, i):
        found = victims.at(view.toks, j)
        if found is not None and not found[0].combatant:
            after = {view.word(k) for k in range(j + found[1], j + found[1] + 2)}
            if after & _SAYING:
                continue  # "local residents say fighting erupted": those who tell of it
            return True
    return between_civilians(view, hit)


def between_civilians(view: SentenceView, hit: Hit) -> bool:
    i = view.token_after(hit.end)
    if view.word(i) != "between":
        return False
    victims = lexicon().victims
    for j in range(i + 1, min(len(view.toks), i + 5)):
        if any(a.start == view.toks[j].start for a in view.actors):
            return False
        found = victims.at(view.toks, j)
        if found is not None:
            return not found[0].combatant
    return False


def named_armed(perp: ActorMention | None) -> bool:
    """A named armed organisation: its violence is political even among crime words."""
    entry = perp.resolved_entry if perp is not None else None
    return entry is not None and not entry.generic
