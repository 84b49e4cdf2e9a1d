"""What a claim's own sentence leaves out, filled from the paragraph and the article.

News writing names a place once and then says "the town", or says "a key town" before naming
it; it names the attackers once and then tells what was done ("the village was burned", "four
villagers were killed"). A claim whose place is only such a noun phrase takes the named place
it points to: a definite one ("the town", "the area") the latest named before it, an indefinite
one ("a key Somali town") the next named in the same paragraph. An allegation with no place
takes the latest named place of its paragraph, one with no
perpetrator the perpetrator of the allegation before it in the same paragraph (across
paragraphs that guess was wrong more often than right on the development set). Plural
phrases ("several villages") stay as they are.
"""

from __future__ import annotations

from dataclasses import dataclass

from .drafts import AllegationDraft, ControlDraft, DisputeDraft
from .mentions import ActorMention, PlaceMention

__all__ = ["ArticleCarry", "fill_from_context"]

_DEFINITE = frozenset({"the", "this", "that", "its", "their", "his", "her"})
_INDEFINITE = frozenset({"a", "an", "one", "another"})


@dataclass(slots=True)
class ArticleCarry:
    """What the previous paragraphs' claims leave for the next."""

    place: PlaceMention | None = None


def _named(place: PlaceMention) -> bool:
    """A place named by its name (resolved or not), not by a common noun."""
    return bool(place.candidates) or place.chosen is not None or place.text[:1].isupper()


def _phrase_kind(place: PlaceMention) -> str | None:
    if _named(place):
        return None
    words = place.text.lower().split()
    if len(words) < 2 or words[-1].endswith("s"):
        return None  # "villages", "several towns": more than one place
    if words[0] in _DEFINITE:
        return "definite"
    if words[0] in _INDEFINITE:
        return "indefinite"
    return None


def fill_from_context(
    drafts: list[ControlDraft | AllegationDraft | DisputeDraft],
    places: list[PlaceMention],
    carry: ArticleCarry,
) -> None:
    """Fill, in place, the places and perpetrators the drafts' sentences leave out."""
    named = sorted((p for p in places if _named(p)), key=lambda p: p.start)
    before_paragraph = carry.place
    last_perpetrator: ActorMention | None = None  # within this paragraph only
    for draft in drafts:
        at = draft.trigger.start
        earlier = [p for p in named if p.end <= at]
        later = [p for p in named if p.start >= draft.trigger.end]
        previous = earlier[-1] if earlier else before_paragraph
        if isinstance(draft, ControlDraft):
            kind = _phrase_kind(draft.place)
            # "overran their base outside the town of X": the phrase's own sentence locates it
            located = [p for p in later if p.end <= draft.trigger.sentence_end]
            if kind == "definite" and located:
                draft.place = located[0]
            elif kind == "definite" and previous is not None:
                draft.place = previous
            elif kind == "indefinite" and later:
                draft.place = later[0]
            if _named(draft.place):
                carry.place = draft.place
        elif isinstance(draft, AllegationDraft):
            # Within the paragraph only: an allegation with no place of its own is more often
            # placeless in the reporting than set where the previous paragraph was.
            in_paragraph = earlier[-1] if earlier else None
            if draft.place is None or (
                _phrase_kind(draft.place) == "definite" and in_paragraph is not None
            ):
                draft.place = in_paragraph
            if draft.perpetrator is None and last_perpetrator is not None:
                draft.perpetrator = last_perpetrator
            if draft.perpetrator is not None:
                last_perpetrator = draft.perpetrator
            if draft.place is not None and _named(draft.place):
                carry.place = draft.place
