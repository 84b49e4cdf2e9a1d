"""Who asserts a claim, and how strongly the text commits to it.

Attribution is read per sentence: "according to X", "X reported/said/claimed/told a news
conference", unnamed cues ("it was reported", "reportedly"). A sentence without its own
attribution inherits the previous sentence's within the paragraph (reporters attribute once,
then continue). The speaker's kind sets the modality: outlets and monitors report, local or
unnamed sources allege, parties to the conflict claim; the publisher's own voice asserts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sitrep_schemas import Modality, SourceKind

from .grammar import SentenceView
from .lexicon import ActorEntry, lexicon
from .matching import Hit
from .mentions import ActorMention, SourceMention

__all__ = ["PUBLISHER", "AttributionDraft", "attribute_sentence", "modality_of_kind"]

_SPEAKER_STOP = re.compile(
    r"(?:^|[;:\"“”(]|\bthat\b|\bas\b|\bwhere\b|\bwhile\b|,\s*(?:and|but)\b)", re.IGNORECASE
)
_MAX_SPEAKER_WORDS = 12
_PRONOUN_SPEAKER = {"he", "she", "they", "it", "the official", "the source"}


@dataclass(frozen=True, slots=True)
class AttributionDraft:
    source: str | None
    kind: SourceKind
    actor: ActorEntry | None
    actor_mention: ActorMention | None
    verb: str | None
    start: int | None
    end: int | None
    pronoun: bool = False  # "he said": the speaker is someone named before

    @property
    def modality(self) -> Modality:
        return modality_of_kind(self.kind)


PUBLISHER = AttributionDraft(None, SourceKind.PUBLISHER, None, None, None, None, None)


def modality_of_kind(kind: SourceKind) -> Modality:
    if kind is SourceKind.PUBLISHER:
        return Modality.ASSERTED
    if kind in (SourceKind.MEDIA, SourceKind.THINK_TANK, SourceKind.OFFICIAL):
        return Modality.REPORTED
    if kind is SourceKind.PARTY_TO_CONFLICT:
        return Modality.CLAIMED_BY_PARTY
    return Modality.ALLEGED


def _speaker(
    text: str,
    start: int,
    end: int,
    view: SentenceView,
    sources: list[SourceMention],
    verb: str,
    verb_span: tuple[int, int],
) -> AttributionDraft | None:
    """Attribution to whoever is named in text[start:end]."""
    phrase = text[start:end].strip(" ,\"“”'")
    words = phrase.split()
    if len(words) > _MAX_SPEAKER_WORDS:
        phrase = " ".join(words[-_MAX_SPEAKER_WORDS:])
    if not phrase:
        return None
    s = start + text[start:end].find(phrase)
    e = s + len(phrase)
    for source in sources:
        if source.start >= start and source.end <= end:
            return AttributionDraft(source.entry.name, source.entry.kind, None, None, verb, s, e)
    actors = [a for a in view.actors if a.start >= start and a.end <= end]
    lex = lexicon()
    speaker_kind: SourceKind | None = None
    party = False
    first, last = view.token_after(start), view.token_after(end)
    toks = [t for t in view.toks[first:last] if t.end <= end]
    for i in range(len(toks)):
        found = lex.speakers.at(toks, i)
        if found is not None:
            speaker_kind, party = found[0].kind, found[0].party
            break
    if actors:
        actor = actors[-1]
        entry = actor.resolved_entry
        if entry is not None and entry.actor_type.value not in ("protesters", "civilians"):
            return AttributionDraft(phrase, SourceKind.PARTY_TO_CONFLICT, entry, actor, verb, s, e)
    if speaker_kind is not None:
        kind = speaker_kind
        if kind is SourceKind.OFFICIAL and party and _STATE_VOICE.search(phrase):
            # "the defence minister of Peru", "A spokesman for the Iraqi Interior Ministry",
            # "Libya's government": a warring state speaks for itself (police and bare
            # "officials" only report)
            kind = SourceKind.PARTY_TO_CONFLICT
        return AttributionDraft(phrase, kind, None, None, verb, s, e)
    if phrase.lower() in _PRONOUN_SPEAKER:
        return AttributionDraft(phrase, SourceKind.UNNAMED, None, None, verb, s, e, pronoun=True)
    states = [
        p
        for p in view.places
        if p.start >= start
        and p.end <= end
        and p.chosen is not None
        and p.chosen.feature_type == "country"
    ]
    if states and phrase.lower().removeprefix("the ").strip() == states[0].text.lower():
        # "Azerbaijan said", "Russia claimed": a state at war speaks for itself
        return AttributionDraft(phrase, SourceKind.PARTY_TO_CONFLICT, None, None, verb, s, e)
    if phrase[:1].isupper() and len(phrase) <= 80:
        # A named person or body the dictionaries do not know: a reporter of the claim.
        return AttributionDraft(phrase, SourceKind.OFFICIAL, None, None, verb, s, e)
    _ = verb_span
    return None


_STATE_VOICE = re.compile(
    r"\b(?:government|ministry|minister|president|military|army|armed forces|defen[cs]e|"
    r"colonel|general|brigadier|commander|lieutenant)\b",  # an officer speaks for his side
    re.IGNORECASE,
)


def attribute_sentence(
    view: SentenceView,
    text: str,
    reporting: list[Hit],
    sources: list[SourceMention],
) -> AttributionDraft | None:
    """The sentence's own attribution, or None when it has none."""
    best: AttributionDraft | None = None
    for hit in reporting:
        if hit.start < view.start or hit.end > view.end:
            continue
        position = hit.payload
        if position == "before":
            stop = text.find(",", hit.end, view.end)
            stop = view.end if stop < 0 else stop
            found = _speaker(text, hit.end, stop, view, sources, hit.text, (hit.start, hit.end))
        elif position == "after":
            before = text[view.start : hit.start]
            cut = [m.end() for m in _SPEAKER_STOP.finditer(before)]
            commas = [i + 1 for i, c in enumerate(before) if c == ","]
            if commas and before[commas[-1] :].strip():
                cut.append(commas[-1])
            elif len(commas) >= 2:
                cut.append(commas[-2])
            cut.sort()
            start = view.start + (cut[-1] if cut else 0)
            if hit.start - start > 90:
                start = hit.start - 90
            found = _speaker(text, start, hit.start, view, sources, hit.text, (hit.start, hit.end))
            if found is None:
                # "..., said the spokesman": the speaker follows the verb.
                stop = min(view.end, hit.end + 60)
                comma = text.find(",", hit.end, stop)
                found = _speaker(
                    text,
                    hit.end,
                    comma if comma > 0 else stop,
                    view,
                    sources,
                    hit.text,
                    (hit.start, hit.end),
                )
        else:
            found = AttributionDraft(
                None, SourceKind.UNNAMED, None, None, hit.text, hit.start, hit.end
            )
        if found is None:
            continue
        if best is None or _rank(found) > _rank(best):
            best = found
    return best


def _rank(a: AttributionDraft) -> int:
    return {
        SourceKind.MEDIA: 5,
        SourceKind.THINK_TANK: 5,
        SourceKind.PARTY_TO_CONFLICT: 4,
        SourceKind.OFFICIAL: 3,
        SourceKind.LOCAL_SOURCES: 3,
        SourceKind.WITNESS: 3,
        SourceKind.UNNAMED: 1,
        SourceKind.PUBLISHER: 0,
    }[a.kind]
