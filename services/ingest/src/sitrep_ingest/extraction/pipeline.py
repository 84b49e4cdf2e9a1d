"""The extraction pipeline over one article, paragraph by paragraph, sentence by sentence:

    dictionary hits (one automaton pass) -> places, actors, outlets resolved
    -> sentences -> per sentence with a trigger: tokens, attribution, date
    -> control claims, allegations, disputes (drafts) -> events.

The article's memory (provinces named, last actors, last places) carries across paragraphs
so that "the province", "the troops" and ambiguous names resolve by context.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from .allegations import allegation_claims
from .attribution import PUBLISHER, AttributionDraft, attribute_sentence
from .casualties import CountMention
from .context import SentenceContext
from .context_fill import ArticleCarry, fill_from_context, note_countries
from .control import control_claims
from .dates import SentenceDates
from .disputes import dispute_claims
from .drafts import AllegationDraft, ControlDraft, DisputeDraft
from .furniture import dateline_end, is_furniture
from .grammar import SentenceView
from .incidents import ParagraphIncidents, one_battle
from .matching import Hit, Kind, Matches, find_hits
from .mentions import ActorMention, ArticleMemory, PlaceMention, SourceMention, resolve_mentions
from .place_modifiers import modifies_a_noun
from .place_nesting import inside_named_provinces
from .sentences import Sentence, split_sentences
from .syntax import Parse
from .text import tokens
from .world import WorldGazetteer
from .world_places import (
    before_division_noun,
    note_demonyms,
    parsed_places,
    reconsidered,
    resolve_unknown,
)

__all__ = ["ParagraphDrafts", "PreparedParagraph", "prepare_paragraph", "read_paragraph"]

_TRIGGER_KINDS = (Kind.CONTROL, Kind.VIOLENCE, Kind.DISPUTE, Kind.PROTEST_FORCE)


@dataclass(slots=True)
class ParagraphDrafts:
    control: list[ControlDraft] = field(default_factory=list)
    allegations: list[AllegationDraft] = field(default_factory=list)
    disputes: list[DisputeDraft] = field(default_factory=list)
    ordered: list[ControlDraft | AllegationDraft | DisputeDraft] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)  # every place found, text order


@dataclass(frozen=True, slots=True)
class PreparedParagraph:
    """A paragraph after the dictionary pass: its hits, its sentences, and the sentences that
    can carry a claim (a trigger word in them), which alone are parsed."""

    text: str
    matches: Matches
    sentences: tuple[Sentence, ...]
    to_parse: tuple[Sentence, ...]
    body_start: int = 0  # after the dateline: places before it are context, never claimed


def prepare_paragraph(text: str) -> PreparedParagraph:
    matches = find_hits(text)
    if (
        not text.strip()
        or is_furniture(text)
        or not any(matches.by_kind.get(kind) for kind in _TRIGGER_KINDS)
    ):
        return PreparedParagraph(text, matches, (), ())
    sentences = tuple(split_sentences(text))
    to_parse = tuple(
        sentence
        for sentence in sentences
        if any(matches.of(kind, sentence.start, sentence.end) for kind in _TRIGGER_KINDS)
    )
    return PreparedParagraph(text, matches, sentences, to_parse, dateline_end(text))


def read_paragraph(
    prepared: PreparedParagraph,
    memory: ArticleMemory,
    published: date | None,
    parses: Mapping[int, Parse] | None = None,
    world: WorldGazetteer | None = None,
    carry: ArticleCarry | None = None,
) -> ParagraphDrafts:
    """Every claim draft of one paragraph, in text order; `parses` holds the parse of each
    sentence in `prepared.to_parse`, by its start offset."""
    out = ParagraphDrafts()
    text = prepared.text
    if not text.strip():
        return out
    matches = prepared.matches
    places, actors, sources = resolve_mentions(matches, memory, published)
    if world is not None:
        places = [resolve_unknown(world, p, memory) for p in places]
    if prepared.body_start:
        places = [p for p in places if p.start >= prepared.body_start]
    places = [p for p in places if not modifies_a_noun(text, p)]
    taken = [(p.start, p.end) for p in places] + [(a.start, a.end) for a in actors]
    taken.append((0, prepared.body_start))
    recalled = memory.recalled_places(text, taken)
    if recalled:
        places = sorted([*places, *recalled], key=lambda p: p.start)
    out.places = places
    if not any(matches.by_kind.get(kind) for kind in _TRIGGER_KINDS):
        if carry is not None:
            note_countries(places, carry)
        return out
    all_places = list(places)
    folded = matches.folded
    previous_attribution: AttributionDraft | None = None
    previous_clock: SentenceDates | None = None
    previous_count: CountMention | None = None
    last_actor: ActorMention | None = None
    victim_spans: list[tuple[int, int]] = []  # people counted as harmed, by offsets
    incidents = ParagraphIncidents()
    pending: list[_Pending] = []
    p_i = a_i = 0
    for sentence in prepared.sentences:
        s, e = sentence.start, sentence.end
        while p_i < len(places) and places[p_i].start < s:
            p_i += 1
        while a_i < len(actors) and actors[a_i].start < s:
            # "killing three officers", "a police station": no antecedent of "they"
            harmed = any(vs <= actors[a_i].start < ve for vs, ve in victim_spans)
            if not harmed and not _QUALIFIES_A_SITE.match(text, actors[a_i].end):
                last_actor = actors[a_i]
            a_i += 1
        s_places = []
        k = p_i
        while k < len(places) and places[k].start < e:
            s_places.append(places[k])
            k += 1
        s_actors = []
        k = a_i
        while k < len(actors) and actors[k].start < e:
            s_actors.append(actors[k])
            k += 1
        triggers = [h for kind in _TRIGGER_KINDS for h in matches.of(kind, s, e)]
        has_trigger = bool(triggers)
        reporting = [
            r
            for r in matches.of(Kind.REPORTING, s, e)
            if not any(t.start < r.end and r.start < t.end for t in triggers)
            # "two men accused of spying": a participle of the accused, nobody speaking
            and not (
                _ACCUSED_OF.match(text, r.end)
                and not _AUXILIARY_BEFORE.search(text, max(0, r.start - 12), r.start)
            )
        ]
        if not has_trigger and not reporting:
            continue
        clock = SentenceDates(text, s, e, published, previous_clock, readable=has_trigger)
        previous_clock = clock
        if not has_trigger:
            # Read only if a later sentence needs it: most such sentences are never asked.
            pending.append((sentence, s_places, s_actors, reporting))
            continue
        parse = parses.get(s) if parses is not None else None
        if parse is not None and note_demonyms(parse, memory):
            # "the Georgian city of Gori": Georgia is in play, and Gori is Georgia's
            s_places = [reconsidered(p, memory) for p in s_places]
        if parse is not None and world is not None:
            # "the Kharkiv region" read as the city: the world gazetteer reads it again
            taken = [(m.start, m.end) for m in s_places if not before_division_noun(m)]
            taken += [(a.start, a.end) for a in s_actors]
            taken += [(h.start, h.end) for h in matches.of(Kind.SOURCE, s, e)]
            taken.append((0, prepared.body_start))
            found = parsed_places(world, parse, text, memory, taken)
            found = [p for p in found if not modifies_a_noun(text, p)]
            if found:
                # "Yemen's capital" is the capital, not Yemen: a name inside a found place goes
                inner = [p for p in s_places if any(_inside(p, f) for f in found)]
                s_places = sorted([*(p for p in s_places if p not in inner), *found], key=_at)
                all_places = [p for p in all_places if p not in inner] + found
                # "seized Gao and Timbuktu": the names resolved since settle a tie before them
                settled = [reconsidered(p, memory) for p in s_places]
                if any(a is not b for a, b in zip(settled, s_places, strict=True)):
                    swap = {id(a): b for a, b in zip(s_places, settled, strict=True)}
                    all_places = [swap.get(id(p), p) for p in all_places]
                    s_places = settled
            s_places = [p for p in s_places if not modifies_a_noun(text, p, parse)]
        nested = inside_named_provinces(text, s_places)
        if any(a is not b for a, b in zip(nested, s_places, strict=True)):
            swap = {id(a): b for a, b in zip(s_places, nested, strict=True)}
            all_places = [swap.get(id(p), p) for p in all_places]
            s_places = nested
        view = SentenceView.build(
            sentence.index, s, e, sentence.text, tokens(folded, s, e), s_places, s_actors, parse
        )
        own = None
        if reporting:
            own = attribute_sentence(
                view, text, reporting, [x for x in sources if x.start >= s and x.end <= e]
            )
        if own is not None and own.pronoun:
            # "he said": the speaker named before, in this paragraph or the one before
            own = (
                (_latest_attribution(pending, text, folded, sources) if pending else None)
                or previous_attribution
                or _carried_speaker(carry, memory.paragraph)
            )
        if own is None and pending:
            previous_attribution = _latest_attribution(pending, text, folded, sources) or (
                previous_attribution
            )
        pending.clear()
        attribution = own or previous_attribution or PUBLISHER
        if has_trigger:
            ctx = SentenceContext(
                view,
                text,
                matches,
                attribution,
                clock,
                published,
                memory,
                last_actor,
                attribution.actor_mention,
                own,
            )
            control = control_claims(ctx)
            allegations, counts = allegation_claims(
                ctx, any(c.acled for c in control), previous_count, incidents
            )
            disputes = dispute_claims(ctx)
            for c in counts:
                if c.victims:
                    previous_count = c
                if c.category is not None and 0 <= c.token <= c.end < len(view.toks):
                    victim_spans.append((view.toks[c.token].start, view.toks[c.end].end))
            out.control.extend(control)
            out.allegations.extend(allegations)
            out.disputes.extend(disputes)
            drafts: list[ControlDraft | AllegationDraft | DisputeDraft] = [
                *control,
                *allegations,
                *disputes,
            ]
            drafts.sort(key=lambda d: d.trigger.start)
            out.ordered.extend(drafts)
        previous_attribution = own or previous_attribution
        if own is not None and own.source is not None and carry is not None:
            carry.speaker, carry.speaker_paragraph = own, memory.paragraph
    one_battle(out.control, out.allegations)
    out.places = sorted(all_places, key=lambda p: p.start)
    if carry is not None:
        fill_from_context(out.ordered, all_places, carry, text)
    empty = [a for a in out.allegations if _only_recalled(a, text)]
    if empty:
        out.allegations = [a for a in out.allegations if a not in empty]
        out.ordered = [d for d in out.ordered if d not in empty]
    return out


_ACCUSED_OF = re.compile(r"\s+of\b")
_QUALIFIES_A_SITE = re.compile(
    r"\s+(?:station|post|base|headquarters|camp|barracks|checkpoint|outpost|convoy|patrol|"
    r"vehicle|position|compound|academy|chief|spokesman)s?\b",
    re.IGNORECASE,
)
_AUXILIARY_BEFORE = re.compile(r"\b(?:was|were|is|are|been|being)\s+$")
_RECALLED = re.compile(
    r"\b(?:(?:the|these|those)\s+(?:latest|recent|alleged|reported|earlier|previous)|these|"
    r"those|such)\s+$",
    re.IGNORECASE,
)


def _only_recalled(draft: AllegationDraft, text: str) -> bool:
    """ "The latest abductions are certain to fuel frustration": incidents told before, named
    again with nothing new (no doer, no count, no place)."""
    if draft.perpetrator is not None or draft.counts or draft.place is not None:
        return False
    before = text[max(0, draft.trigger.start - 24) : draft.trigger.start]
    return bool(_RECALLED.search(before))


def _inside(inner: PlaceMention, outer: PlaceMention) -> bool:
    return outer.start <= inner.start and inner.end <= outer.end and inner is not outer


def _at(mention: PlaceMention) -> int:
    return mention.start


_Pending = tuple[Sentence, list[PlaceMention], list[ActorMention], list[Hit]]


def _carried_speaker(carry: ArticleCarry | None, paragraph: int) -> AttributionDraft | None:
    if carry is None or carry.speaker is None or paragraph - carry.speaker_paragraph > 1:
        return None
    return carry.speaker


def _latest_attribution(
    pending: list[_Pending], text: str, folded: str, sources: list[SourceMention]
) -> AttributionDraft | None:
    """The attribution of the latest earlier sentence that has one ("X reported ..." then the
    claims, sentences later)."""
    for sentence, s_places, s_actors, reporting in reversed(pending):
        s, e = sentence.start, sentence.end
        view = SentenceView.build(
            sentence.index, s, e, sentence.text, tokens(folded, s, e), s_places, s_actors
        )
        found = attribute_sentence(
            view, text, reporting, [x for x in sources if x.start >= s and x.end <= e]
        )
        if found is not None:
            return found
    return None


def new_memory() -> ArticleMemory:
    return ArticleMemory()


_ = uuid
