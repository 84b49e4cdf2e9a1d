"""What a claim's own sentence leaves out, filled from the paragraph and the article.

News writing names a place once and then says "the town", or says "a key town" before naming
it; it names the attackers once and then tells what was done ("the village was burned", "four
villagers were killed"). A claim whose place is only such a noun phrase takes the named place
it points to: a definite one ("the town", "the area") the latest named before it, an indefinite
one ("a key Somali town") the next named in the same paragraph. An allegation with no place
takes the latest named place of its paragraph (a toll with none there, the place of the
latest claim before it in the article), one with no perpetrator the perpetrator of the
allegation before it in the same paragraph (across paragraphs both guesses were wrong more
often than right on the development set, except for tolls). Plural
phrases ("several villages") stay as they are. "In the country" is the latest country named,
in this paragraph or an earlier one.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from sitrep_schemas import AllegationType, Modality

from .attribution import AttributionDraft
from .drafts import AllegationDraft, ControlDraft, DisputeDraft
from .lexicon import lexicon
from .mentions import ActorMention, PlaceMention, named_place
from .place_nesting import lies_within

__all__ = [
    "ArticleCarry",
    "fill_ahead",
    "fill_ahead_allegations",
    "fill_from_context",
    "note_countries",
]

_DEFINITE = frozenset({"the", "this", "that", "its", "their", "his", "her"})
_INDEFINITE = frozenset({"a", "an", "one", "another"})


@dataclass(slots=True)
class ArticleCarry:
    """What the previous paragraphs' claims leave for the next."""

    place: PlaceMention | None = None
    country: PlaceMention | None = None  # the latest country named
    claimed: PlaceMention | None = None  # the latest place a claim was set at
    speaker: AttributionDraft | None = None  # the latest named speaker, for "he said"
    speaker_paragraph: int = -10


def _country(place: PlaceMention) -> bool:
    return place.chosen is not None and place.chosen.feature_type == "country"


_SETTLEMENTS = frozenset({"town", "city", "village", "hamlet", "settlement", "locality", "base"})
_WIDE = frozenset({"country", "province", "region", "district"})
_VAGUE = frozenset({"territory", "ground", "land", "areas", "positions"})


def _fitting(phrase: PlaceMention) -> Callable[[PlaceMention], bool]:
    """What a territorial noun can stand for: "the town" is no country, and no landmark named
    after "the border with"."""
    words = phrase.text.lower().split()
    settlement = bool(words) and words[-1] in _SETTLEMENTS
    country = bool(words) and words[-1] == "country"

    def fits(place: PlaceMention) -> bool:
        text = place.paragraph or ""
        before = text[max(0, place.start - 20) : place.start].lower()
        if "border with" in before or "border of" in before:
            return False
        entry = place.chosen
        if country:  # "left the country": a country, the latest named
            return entry is not None and entry.feature_type == "country"
        return not (settlement and entry is not None and entry.feature_type in _WIDE)

    return fits


def _names(phrase: PlaceMention, place: PlaceMention) -> bool:
    """ "a key town, X", "a town called X": the name follows the phrase closely; a place
    further on ("a town on the highway from X") locates it, and is not its name."""
    return 0 <= place.start - phrase.end <= 12


def _vague(place: PlaceMention) -> bool:
    """ "territory", "more territory", "lost ground": no place of its own."""
    words = place.text.lower().split()
    return not named_place(place) and bool(words) and words[-1] in _VAGUE


def _phrase_kind(place: PlaceMention) -> str | None:
    if named_place(place):
        return None
    words = place.text.lower().split()
    if len(words) < 2 or words[-1].endswith("s"):
        return None  # "villages", "several towns": more than one place
    if words[0] in _DEFINITE:
        return "definite"
    if words[0] in _INDEFINITE:
        return "indefinite"
    return None


def note_countries(places: list[PlaceMention], carry: ArticleCarry) -> None:
    """The latest country a paragraph names, claims or not."""
    for p in sorted(places, key=lambda p: p.start):
        if p.chosen is not None and p.chosen.feature_type == "country":
            carry.country = p


# What comes before a place named only to locate another: "near Mosul", "40 kilometers from
# Aleppo", "north of Baghdad".
_REFERENCE_POINT = re.compile(
    r"(?:\bnear|\boutside|\b(?:km|kilometers|kilometres|miles)\s+(?:\w+\s+)?(?:from|of)|"
    r"\b(?:north|south|east|west)(?:-?(?:east|west))?\s+of)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_THE_COUNTRY = re.compile(r"\b(?:in|across|throughout)\s+the\s+country\b", re.IGNORECASE)


def fill_from_context(
    drafts: list[ControlDraft | AllegationDraft | DisputeDraft],
    places: list[PlaceMention],
    carry: ArticleCarry,
    text: str = "",
) -> None:
    """Fill, in place, the places and perpetrators the drafts' sentences leave out."""
    named = sorted((p for p in places if named_place(p)), key=lambda p: p.start)
    note_countries(named, carry)
    pointers: dict[int, bool] = {}

    def pointer(place: PlaceMention) -> bool:
        if place.start not in pointers:
            window = max(0, place.start - 40)
            pointers[place.start] = bool(_REFERENCE_POINT.search(text, window, place.start))
        return pointers[place.start]

    before_paragraph = carry.place
    claimed_before = carry.claimed
    # within this paragraph only
    last_perpetrator: tuple[ActorMention, AllegationType] | None = None
    for draft in drafts:
        at = draft.trigger.start
        earlier = [p for p in named if p.end <= at]
        later = [p for p in named if p.start >= draft.trigger.end]
        if isinstance(draft, ControlDraft):
            kind = _phrase_kind(draft.place)
            fits = _fitting(draft.place)
            # "the town of X in the province of Y ... the village": the latest that fits
            fitting = [p for p in earlier if fits(p)]
            previous = fitting[-1] if fitting else before_paragraph
            if previous is not None and not fits(previous):
                previous = carry.country
            # "overran their base outside the town of X": the phrase's own sentence locates it
            located = [p for p in later if p.end <= draft.trigger.sentence_end and fits(p)]
            target = _later_target(draft, drafts, fits) if kind == "indefinite" else None
            if kind == "definite" and located:
                draft.place = located[0]
            elif kind == "definite" and previous is not None and fits(previous):
                draft.place = previous
            elif kind == "indefinite" and [p for p in located if _names(draft.place, p)]:
                draft.place = next(p for p in located if _names(draft.place, p))
            elif target is not None:
                draft.place = target  # "rolled into a strategic city ... the city of Gori"
            elif _vague(draft.place) and carry.country is not None:
                draft.place = carry.country  # "captured more territory": in the war's country
            if named_place(draft.place):
                carry.place = carry.claimed = draft.place
        elif isinstance(draft, AllegationDraft):
            doer = draft.perpetrator
            if doer is not None:
                # "Russia launched missiles": the country that did it is not where
                earlier = [p for p in earlier if not doer.start <= p.start < doer.end]

            said = draft.attribution
            if said.start is not None and said.end is not None:
                # "The African Union force in Somalia said soldiers killed ...": a country in
                # the speaker's title is not where (a town there may be: "officials in Jonglei")
                a, b = said.start, said.end
                earlier = [p for p in earlier if not (a <= p.start < b and _country(p))]
            # Within the paragraph only: an allegation with no place of its own is more often
            # placeless in the reporting than set where the previous paragraph was.
            # "the village of Sinjar, near Mosul ... the same village": Mosul only locates it
            latest = next((p for p in reversed(earlier) if not pointer(p)), None)
            latest = latest or (earlier[-1] if earlier else None)
            in_paragraph = lies_within(text, latest, earlier) if latest is not None else None
            sentence = text[draft.trigger.sentence_start : draft.trigger.sentence_end]
            if draft.place is None:
                # "a bombing that shook a Turkish town ... The bodies were found in Reyhanli":
                # the town is named after, not before
                in_paragraph = _named_after(sentence, draft, named) or in_paragraph
            if draft.place is None or (
                _phrase_kind(draft.place) == "definite" and in_paragraph is not None
            ):
                draft.place = in_paragraph
            if draft.place is None and draft.counts and claimed_before is not None:
                # "at least 12 militants have been killed": a toll with no place counts the
                # dead of the incident told before it, where the latest claim was set
                draft.place = claimed_before
            if draft.place is None and carry.country is not None and _THE_COUNTRY.search(sentence):
                draft.place = carry.country  # "attacks in the country": the war's country
            if draft.perpetrator is None and last_perpetrator is not None:
                perpetrator, kind = last_perpetrator
                # "jets bombed X ... mercenaries were killed in the fighting": the jets did
                # not fight on the ground; those who arrested suspects did not do what the
                # suspects are held for
                if not (
                    draft.allegation_type is AllegationType.ARMED_CLASH
                    and kind is AllegationType.AIRSTRIKE
                ) and (kind is not AllegationType.ARREST or draft.allegation_type is kind):
                    draft.perpetrator = perpetrator
            if draft.perpetrator is not None:
                last_perpetrator = (draft.perpetrator, draft.allegation_type)
            if draft.place is not None and named_place(draft.place):
                carry.place = carry.claimed = draft.place
    _located_later(drafts, named, text)
    # "fighting erupted with fighters holed up inside the village": the fight is where the
    # control claim of its sentence is.
    for draft in drafts:
        if isinstance(draft, AllegationDraft) and draft.place is None:
            draft.place = next(
                (
                    d.place
                    for d in drafts
                    if isinstance(d, ControlDraft)
                    and d.trigger.sentence_start == draft.trigger.sentence_start
                    and named_place(d.place)
                ),
                None,
            )
    # A paragraph whose claims named no place still leaves its latest place for the next.
    settled = [p for p in named if p.chosen is None or p.chosen.feature_type != "country"]
    if settled and carry.place is before_paragraph:
        carry.place = settled[-1]


_A_SETTLEMENT = re.compile(
    r"\b(?:a|an|another)\s+((?:[\w'-]+\s+){0,2}?)(?:town|city|village|hamlet|locality)\b(?!-)",
    re.IGNORECASE,
)


def _named_after(
    sentence: str, draft: AllegationDraft, named: list[PlaceMention]
) -> PlaceMention | None:
    """The settlement named after an allegation whose sentence sets it in "a (Turkish) town":
    the first named place further on in the paragraph that is no country or province, and in
    the country the phrase's demonym names, if it names one."""
    found = _A_SETTLEMENT.search(sentence)
    if found is None:
        return None
    demonyms = lexicon().demonyms
    country = next((demonyms[w] for w in found.group(1).lower().split() if w in demonyms), None)
    for p in named:
        entry = p.chosen
        if (
            p.start < draft.trigger.sentence_end
            or entry is None
            or entry.feature_type
            in (
                *_WIDE,
                "country",
            )
        ):
            continue
        if country is None or entry.country == country:
            return p
    return None


# "Both attacks occurred ... in the Ayacucho region", "The air raid occurred at Leego": a
# sentence that says where the paragraph's attacks took place.
_OCCURRED = re.compile(
    r"\b(?:attacks?|assaults?|ambush(?:es)?|bombings?|blasts?|explosions?|raids?|strikes?|"
    r"killings?|fighting|clash(?:es)?)\b[^.;]{0,40}?\b(?:occurred|took place|happened|"
    r"unfolded)\b[^.;]*",
    re.IGNORECASE,
)


_AT = re.compile(r"\b(?:in|at|near|outside)\s+(?:the\s+)?(?:[a-z-]+\s+)?$", re.IGNORECASE)


def _located_later(
    drafts: list[ControlDraft | AllegationDraft | DisputeDraft],
    named: list[PlaceMention],
    text: str,
) -> None:
    for m in _OCCURRED.finditer(text):
        place = next(
            (
                p
                for p in named
                if m.start() <= p.start < m.end() and _AT.search(text, m.start(), p.start)
            ),
            None,
        )
        if place is None:
            continue
        for draft in drafts:
            if (
                isinstance(draft, AllegationDraft)
                and draft.place is None
                and draft.trigger.start < m.end()
            ):
                draft.place = place


def _later_target(
    draft: ControlDraft,
    drafts: list[ControlDraft | AllegationDraft | DisputeDraft],
    fits: Callable[[PlaceMention], bool],
) -> PlaceMention | None:
    """The named place of a later control claim in the same paragraph."""
    for other in drafts:
        if (
            isinstance(other, ControlDraft)
            and other.trigger.start > draft.trigger.end
            and named_place(other.place)
            and fits(other.place)
        ):
            return other.place
    return None


def fill_ahead(
    controls: list[ControlDraft], following: list[PlaceMention], targets: list[ControlDraft]
) -> None:
    """A lede's "have seized a key town" is named in the next paragraph: an indefinite place
    left unnamed takes the place of the next paragraph's first control claim, or else the
    first place there that can be one."""
    for draft in controls:
        if _phrase_kind(draft.place) != "indefinite":
            continue
        fits = _fitting(draft.place)
        claimed = [t.place for t in targets if named_place(t.place)]
        found = next((p for p in [*claimed, *following] if named_place(p) and fits(p)), None)
        if found is not None:
            draft.place = found


_TOLD_AGAIN = re.compile(
    r"\b(?:the|that|this)\s+(?:\w+\s+)?(?:assault|attack|ambush|raid|bombing|blast|explosion|"
    r"strike|airstrike|air strike|massacre|killings?)$",
    re.IGNORECASE,
)


_SITE = re.compile(
    r"\b(?:a|an)\s+(?:[a-z-]+\s+){0,2}(?:post|outpost|base|village|town|camp|checkpoint|market|"
    r"convoy|patrol|mosque|church|school|hospital|station|barracks|settlement|district)\b"
)
_REAL = frozenset(
    {Modality.ASSERTED, Modality.REPORTED, Modality.ALLEGED, Modality.CLAIMED_BY_PARTY}
)


def fill_ahead_allegations(
    allegations: list[AllegationDraft],
    own_text: str,
    following: list[AllegationDraft],
    text: str,
) -> None:
    """A lede's "attacked an army post in central Mali" is placed by the next paragraph's
    "the assault on the post near the town of X": an allegation at a site its sentence leaves
    unnamed ("an army post"), placed only in a country or nowhere, takes the place of the next
    paragraph's first telling of an incident again, when that lies in the same country.
    `own_text`: the allegations' paragraph; `text`: the next one."""
    again = next(
        (
            f
            for f in following
            if f.place is not None
            and named_place(f.place)
            and not _country(f.place)
            and _TOLD_AGAIN.search(text, max(0, f.trigger.start - 30), f.trigger.end)
        ),
        None,
    )
    if again is None or again.place is None:
        return
    there = again.place.chosen
    for draft in allegations:
        where = draft.place
        if where is not None and not _country(where):
            continue
        if draft.modality not in _REAL:
            continue
        sentence = own_text[draft.trigger.sentence_start : draft.trigger.sentence_end]
        if not _SITE.search(sentence):
            continue  # "died in an airstrike in northwestern Yemen": Yemen is what it says
        country = where.chosen.country if where is not None and where.chosen else None
        if country is not None and there is not None and there.country != country:
            continue
        draft.place = again.place
