"""How a control verb is used, beyond its dictionary frame.

- passive: "was captured", "were found and cleared" (an active verb whose subject is what was
  taken), and participles after a territorial noun ("the hill posts seized from the rebels");
- adjectives: "the Western Sahara occupied city" describes the city, it reports no taking;
- expulsions: "drove the militants back from a village" takes the place after "from", and
  only armed men are driven out of territory ("expels diplomats from Germany" is no capture);
- locators: "several villages south of Mosul" takes the villages, not Mosul;
- hand-overs: "handed over by X to Y" names the giver after the verb.
"""

from __future__ import annotations

from .context import SentenceContext
from .grammar import SentenceView
from .lexicon import lexicon
from .matching import Hit
from .mentions import PlaceMention
from .territory_phrases import territory_phrase

__all__ = [
    "expelled_from",
    "gives_away",
    "modifies_noun",
    "names_the_noun",
    "participle",
    "passive_use",
    "past_participle",
]

_LOCATORS = frozenset(
    {
        "south",
        "north",
        "east",
        "west",
        "southeast",
        "southwest",
        "northeast",
        "northwest",
        "near",
        "outside",
        "around",
        "close",
        "between",
        "beyond",
        "from",
    }
)


def names_the_noun(view: SentenceView, after_noun: int, place: PlaceMention) -> bool:
    """Whether a place after a territorial noun names it ("the town of Zakia", "the Hawija
    district") rather than locating it ("several villages south of Mosul", "a hill near
    Sinjar"): the taking is of the villages, not of Mosul."""
    gap = view.toks[after_noun : view.token_at(place.start)]
    return not any(t.text in _LOCATORS for t in gap)


def participle(ctx: SentenceContext, hit: Hit) -> bool:
    """ "the hill posts seized from the rebels": an active verb read as a passive participle,
    after a territorial noun and before "from" or "by"."""
    view = ctx.view
    i = view.token_after(hit.start)
    after = view.word(view.token_after(hit.end))
    if after not in ("from", "by") or not hit.text.lower().endswith(("ed", "en", "ken")):
        return False
    return lexicon().territory.ending_at(view.toks, i - 1) is not None


_AUXILIARIES = frozenset({"was", "were", "been", "being", "is", "are", "be"})


_ADVERBS = frozenset(
    {
        "reportedly",
        "recently",
        "later",
        "also",
        "finally",
        "fully",
        "completely",
        "then",
        "successfully",
        "already",
        "now",
        "partially",
        "partly",
        "eventually",
        "largely",
        "allegedly",
    }
)


def passive_use(view: SentenceView, i: int) -> bool:
    """ "was captured", "were found and cleared": an active verb in the passive voice, whose
    subject is what was taken."""
    j = i - 1
    while view.word(j) in _ADVERBS:
        j -= 1
    if view.word(j) == "and" and (
        view.word(j - 1).endswith(("ed", "en")) or view.word(j - 1) in _IRREGULAR_PARTICIPLES
    ):
        j -= 2  # "were found and cleared"
    return view.word(j) in _AUXILIARIES


_IRREGULAR_PARTICIPLES = frozenset(
    {
        "held",
        "overrun",
        "won",
        "lost",
        "freed",
        "retook",
        "took",
        "found",
        "seen",
        "made",
        "hit",
        "shot",
    }
)


_PARTICLES = frozenset({"back", "out", "over", "up", "off"})


def past_participle(hit: Hit) -> bool:
    """A one-word verb that can be a passive participle ("captured", "taken"); phrases with
    their own preposition ("deployed to") keep their reading."""
    words = hit.text.lower().split()
    if len(words) > 1 and words[-1] not in _PARTICLES:
        return False
    return words[0].endswith(("ed", "en")) or words[0] in _IRREGULAR_PARTICIPLES


def modifies_noun(ctx: SentenceContext, hit: Hit) -> bool:
    """ "the Western Sahara occupied city", "Kurdish-held areas": a participle between a name
    and a territorial noun describes the noun; it reports no taking."""
    view = ctx.view
    i = view.token_after(hit.start)
    before = view.toks[i - 1].start if i > 0 else -1
    if not any(p.start <= before < p.end for p in view.places):
        return False
    found = lexicon().territory.at(view.toks, view.token_after(hit.end))
    return found is not None and found[0] not in ("part", "facility", "civilian_site")


def gives_away(ctx: SentenceContext, hit: Hit) -> bool:
    """ "handed over by X": the actor after the verb gives the place away."""
    return hit.text.lower().endswith(" by") or ctx.view.word(ctx.view.token_after(hit.end)) == "by"


def expelled_from(ctx: SentenceContext, hit: Hit) -> list[PlaceMention]:
    """ "drove the militants back from a key village", "expelled IS from Manbij": the place
    after "from" or "out of". Only armed men are driven out of territory ("expels diplomats
    from Germany" is no capture)."""
    view = ctx.view
    i = view.token_after(hit.end)
    kind, at = view.target_after(hit.end, 4)
    if kind in ("place", "territory") and all(
        view.word(j) in ("the", "a", "an", "its", "their") for j in range(i, at)
    ):
        # "purged the area of terrorists", "cleansed Palmyra of IS": the object is the place
        if kind == "place":
            return [p for p in view.places if p.start == view.toks[at].start][:1]
        held = lexicon().territory.at(view.toks, at)
        phrase = territory_phrase(view, ctx.text, at, held[1] if held else 1, i)
        return [phrase] if phrase is not None else []
    armed = past_participle(hit) and passive_use(view, view.token_after(hit.start))
    victims = lexicon().victims
    if armed and hit.text.lower().endswith(" out") and view.word(i) == "of":
        # "was driven out of Sana'a": the trigger holds the "out"
        near = ctx.places_after(view.toks[i].end, 40)
        if len(near) > 1 and ctx.text.startswith(("'s", "’s"), near[0].end):
            return near[1:2]  # "out of Yemen's capital Sana'a": the capital
        return near[:1]
    for j in range(i, min(len(view.toks), i + 9)):
        word = view.word(j)
        if word in (".", ";"):
            break
        if any(a.start == view.toks[j].start for a in view.actors):
            armed = True
        found = victims.at(view.toks, j)
        if found is not None and found[0].combatant:
            armed = True
        if word in ("from", "out") and not armed:
            return []
        if word == "from" or (word == "out" and view.word(j + 1) == "of"):
            k = j + (2 if word == "out" else 1)
            offset = view.toks[k].start if k < len(view.toks) else hit.end
            near = ctx.places_after(offset, 40)
            if near:
                return near[:1]
            kind, at = view.target_after(view.toks[j].end, 5)
            if kind == "territory":
                held = lexicon().territory.at(view.toks, at)
                phrase = territory_phrase(view, ctx.text, at, held[1] if held else 1, k)
                return [phrase] if phrase is not None else []
            return []
    return []
