"""Roles from the dependency parse: who is the subject of a verb, who the agent of a passive.

spaCy's English pipeline parses the sentences that can carry a claim (a trigger word found by
the dictionary pass); the rules then ask this module, by character offset in the paragraph,
for the syntactic subject of the trigger's clause. The parse follows what word order cannot:
open clauses and conjoined verbs inherit their subject ("troops entered and captured",
"forces managed to seize"), a participle or relative clause takes the noun it modifies
("fighters battling to retake X", "the forces that captured X"), subordinate clauses keep
their own subject ("Rebels lost ground as government troops took the town"), conjoined
subjects are all kept ("Chadian and Nigerien troops").
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import spacy

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

__all__ = ["Entity", "Parse", "SentenceParser", "SubjectSpan"]

_SUBJECTS = frozenset({"nsubj", "csubj", "expl"})
_PASSIVE_SUBJECTS = frozenset({"nsubjpass", "csubjpass"})
# Clauses that share the subject of the verb they hang from.
_INHERITING = frozenset({"xcomp", "conj", "pcomp"})
# Clauses whose subject is the noun they modify.
_MODIFYING = frozenset({"acl", "relcl"})
_RELATIVE = frozenset({"who", "that", "which", "whom", "whose"})
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_ACTOR_LABELS = frozenset({"ORG", "NORP"})
_BATCH = 64
_BLAME_PATH = frozenset({"pobj", "pcomp", "compound", "amod", "nmod", "conj", "dobj", "prep"})
_ACCUSING = frozenset({"accused", "suspected", "convicted", "charged", "wanted", "jailed"})
_BLAME = frozenset(
    {
        "blamed",
        "blame",
        "blames",
        "blaming",
        "accused",
        "accuse",
        "accuses",
        "accusing",
        "responsible",
        "held",
        "suspected",
        "charged",
    }
)
_LOCATIVE = frozenset(
    {
        "in",
        "at",
        "near",
        "toward",
        "towards",
        "into",
        "from",
        "outside",
        "inside",
        "around",
        "to",
        "of",
        "on",
        "across",
        "through",
        "within",
        "between",
        "onto",
    }
)
# Verbs whose object can only be a place (people are "captured", never "retaken").
_RETAKING = frozenset(
    {
        "recaptured",
        "recapture",
        "recapturing",
        "retook",
        "retake",
        "retaken",
        "retaking",
        "overran",
        "overrun",
        "overrunning",
        "regained",
    }
)
_USING = frozenset(
    {"fired", "launched", "dropped", "used", "carried", "conducted", "detonated", "planted",
     "deployed", "sent", "unleashed"}
)  # fmt: skip
_BOMBARDING = frozenset(
    {"bombed", "shelled", "pounded", "bombarded", "besieged", "blockaded", "encircled"}
)
_PLACE_HEADS = frozenset(
    {
        "control",
        "town",
        "village",
        "city",
        "district",
        "area",
        "region",
        "province",
        "outskirts",
        "suburb",
        "neighbourhood",
        "neighborhood",
        "county",
        "state",
        "hamlet",
    }
)
_NOT_PLACES = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT"})
_CALENDAR = frozenset(
    {
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "ramadan",
        "eid",
    }
)
_PRONOUN_TAGS = frozenset({"PRP", "PRP$", "WP", "WDT"})

# Prepositions whose -ing clause shares the main clause's subject ("after entering X, ...").
_TIME_PREPOSITIONS = frozenset({"after", "before", "while", "since", "upon", "on", "when"})
# An act named as a noun in "killed 43 troops in the attack" is the verb's act: its doer is
# the verb's subject.
_DURING = frozenset({"in", "during"})
# Verbs whose object is the attack and whose subject is its doer (surface forms: the pipeline
# runs without its lemmatizer).
_LAUNCHING = frozenset(
    f"{stem}{ending}"
    for stem in ("launch", "conduct", "mount", "unleash", "claim")
    for ending in ("", "es", "s", "ed", "ing")
) | frozenset(
    {
        "fire",
        "fires",
        "fired",
        "firing",
        "carry",
        "carries",
        "carried",
        "carrying",
        "stage",
        "stages",
        "staged",
        "staging",
        "drop",
        "drops",
        "dropped",
        "dropping",
        "lob",
        "lobbed",
        "lobbing",
        "rained",
        "raining",
    }
)
_QUANTITY = frozenset(
    {
        "round",
        "rounds",
        "barrage",
        "barrages",
        "wave",
        "waves",
        "series",
        "salvo",
        "salvos",
        "volley",
        "volleys",
        "hail",
        "string",
    }
)


# Conjunctions of a clause that tells the same event: "killed when their vehicle struck a mine".
_SAME_EVENT = frozenset(
    {"when", "as", "after", "while", "before", "until", "once", "since", "because", "where"}
)
# Verbs whose subject is often a place: "Kidal fell to", "Palma remained under the control of".
_PLACE_SUBJECT_VERBS = frozenset(
    {
        "fell",
        "falls",
        "fallen",
        "remained",
        "remains",
        "remain",
        "stayed",
        "was",
        "is",
        "were",
        "are",
        "came",
        "comes",
    }
)


def _place_subject(token: Token) -> bool:
    """A proper name that is the subject of a passive or of a verb a place is the subject of;
    the gazetteer then decides."""
    if token.dep_ == "nsubjpass":
        return True
    return token.dep_ == "nsubj" and token.head.lower_ in _PLACE_SUBJECT_VERBS


def _launched_by(token: Token) -> Token | None:
    """The verb that launched the attack noun at token: "fired missiles", "carried out
    airstrikes", "launched a second round of missiles"."""
    if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.lower_ in _QUANTITY:
        token = token.head.head
    if (
        token.dep_ == "dobj"
        and token.head.tag_.startswith("VB")
        and token.head.lower_ in _LAUNCHING
    ):
        return token.head
    return None


# Nouns that make the names compounded with them a place, known to the gazetteer or not.
_DIVISIONS = frozenset(
    {
        "state",
        "province",
        "region",
        "district",
        "county",
        "governorate",
        "oblast",
        "prefecture",
        "neighborhood",
        "neighbourhood",
        "village",
        "town",
    }
)
_LEADERSHIP = frozenset({"led", "commanded", "headed"})


@dataclass(frozen=True, slots=True)
class SubjectSpan:
    """The subject of a clause as paragraph offsets: its head word, the whole phrase, and the
    phrases of conjoined subjects; `pronoun` when it is one ("they", "we")."""

    head_start: int
    head_end: int
    spans: tuple[tuple[int, int], ...]
    pronoun: str | None
    passive: bool  # the subject undergoes the verb: the agent, if any, is in `agent`
    agent: tuple[int, int] | None = None
    # For a pronoun: the subject of the clause that governs this one ("fighters ... say they
    # have secured", "the army said it had liberated"), the likeliest thing it points back to.
    outer: SubjectSpan | None = None
    full: tuple[int, int] | None = None  # the whole subtree, clauses included

    def covers(self, start: int, end: int) -> bool:
        return any(s <= start and end <= e for s, e in self.spans)


@dataclass(frozen=True, slots=True)
class Entity:
    start: int
    end: int
    label: str
    text: str

    @property
    def is_place(self) -> bool:
        return self.label in _PLACE_LABELS

    @property
    def is_actor(self) -> bool:
        return self.label in _ACTOR_LABELS


_TRAILING_TAGS = frozenset({"IN", "CC", "RB", "TO", "WDT", "WRB"})


def _entity(span: Span, base: int) -> Entity:
    """An entity without the sentence's closing punctuation or a trailing preposition, which
    the small model sometimes takes into a name ("..., Kilinochchi.", "the Sahel since")."""
    end = span.end
    while end > span.start + 1 and (
        span.doc[end - 1].is_punct or span.doc[end - 1].tag_ in _TRAILING_TAGS
    ):
        end -= 1  # also "the Sahel since 2012": the model takes the preposition into the name
    trimmed = span.doc[span.start : end]
    return Entity(base + trimmed.start_char, base + trimmed.end_char, span.label_, trimmed.text)


class Parse:
    """One parsed sentence, asked by paragraph offsets."""

    __slots__ = ("_doc", "_starts", "base", "end", "entities")

    def __init__(self, doc: Doc, base: int) -> None:
        self._doc = doc
        self.base = base
        self.end = base + len(doc.text)
        self._starts = [t.idx for t in doc]
        self.entities = tuple(_entity(e, base) for e in doc.ents)

    def _token(self, offset: int) -> Token | None:
        local = offset - self.base
        i = bisect.bisect_right(self._starts, local) - 1
        if i < 0 or i >= len(self._doc):
            return None
        token = self._doc[i]
        return token if token.idx <= local < token.idx + max(1, len(token)) else None

    def _span(self, token: Token) -> tuple[int, int]:
        left = token.left_edge.idx
        right = token.right_edge.idx + len(token.right_edge)
        return self.base + left, self.base + right

    def _phrase(self, token: Token) -> tuple[int, int]:
        """The noun phrase without its relative or participle clauses."""
        tokens = [token]
        for child in token.children:
            if child.dep_ == "acl" and child.lower_ in _LEADERSHIP:
                # "rebels led by David Yau Yau": the leader names the group
                tokens.append(child)
                for part in child.children:
                    if part.dep_ == "agent":
                        tokens.extend(part.subtree)
                continue
            if child.dep_ in ("relcl", "acl", "punct", "appos", "cc", "conj", "advcl"):
                continue
            if child.dep_ == "prep" and child.lower_ not in ("of", "from"):
                continue  # "units of the Syrian army", "fighters from the Arakan Army" keep
                # theirs; "troops in X" not
            if child.dep_ == "prep" and any(g.dep_ == "pcomp" for g in child.children):
                continue  # "accused the rebels of carrying out the attack": what they did
            tokens.extend(child.subtree)
        left = min(t.idx for t in tokens)
        right = max(t.idx + len(t) for t in tokens)
        return self.base + left, self.base + right

    def subject(self, offset: int) -> SubjectSpan | None:
        """The subject of the clause whose verb (or noun, for "the capture of") is at offset."""
        token = self._token(offset)
        if token is None:
            return None
        seen = 0
        gerund = False  # the last step came up from "entering" to its preposition
        while seen < 8:
            seen += 1
            found = self._own_subject(token)
            if found is not None:
                if found.pronoun is not None and token.dep_ in ("ccomp", "conj", "advcl"):
                    outer = self._governing(token.head)
                    if outer is not None:
                        return _with_outer(found, outer)
                return found
            if (
                token.dep_ == "pobj"
                and token.head.dep_ == "prep"
                and token.head.lower_ in _DURING
                and token.head.head.tag_.startswith("VB")
            ):
                token = token.head.head  # "the group killed 43 troops in the attack"
                doer = self._doer_of(token)
                if doer is not None:  # "blamed rebels ... in the deadliest raid"
                    return self._subject_of_noun(doer, passive=False)
                continue
            if token.dep_ == "prep" and token.lower_ in _TIME_PREPOSITIONS and gerund:
                token = token.head  # "after entering X, the fighters attacked"
                gerund = False
                continue
            gerund = token.dep_ == "pcomp" and token.tag_ == "VBG"
            launched = _launched_by(token)
            if launched is not None:
                token = launched  # "Russia launched (a barrage of) missiles": who launched
                continue
            if token.dep_ in _INHERITING and token.head is not token:
                token = token.head
                continue
            if (
                token.dep_ in ("acl", "relcl")
                and any(c.tag_ == "TO" for c in token.children)
                and token.head.dep_ == "dobj"
            ):
                token = token.head.head  # "launched an offensive to retake X": who launched
                continue
            if token.dep_ in _MODIFYING and token.head is not token:
                # "the town seized by X" is passive; "forces handed over the town" is not
                passive = token.tag_ == "VBN" and not any(c.dep_ == "dobj" for c in token.children)
                return self._subject_of_noun(token.head, passive=passive)
            if token.dep_ == "advcl" and token.tag_ in ("VBG", "VBN") and token.head is not token:
                token = token.head  # "..., killing 12": the main clause's subject
                continue
            return None
        return None

    def _governing(self, verb: Token) -> SubjectSpan | None:
        seen = 0
        while seen < 4:
            seen += 1
            found = self._own_subject(verb)
            if found is not None:
                return found if found.pronoun is None else None
            if verb.dep_ in _INHERITING and verb.head is not verb:
                verb = verb.head
                continue
            return None
        return None

    def _own_subject(self, verb: Token) -> SubjectSpan | None:
        subject = None
        passive = False
        for child in verb.children:
            if child.dep_ in _SUBJECTS:
                subject = child
            elif child.dep_ in _PASSIVE_SUBJECTS:
                subject, passive = child, True
        if subject is None:
            return None
        agent = None
        if passive:
            for child in verb.children:
                if child.dep_ == "agent":
                    objects = [c for c in child.children if c.dep_ == "pobj"]
                    if objects:
                        agent = self._span(objects[0])
        if subject.lower_ in _RELATIVE and verb.dep_ == "relcl":
            return self._subject_of_noun(verb.head, passive=passive, agent=agent)
        return self._subject_of_noun(subject, passive=passive, agent=agent)

    def _subject_of_noun(
        self, noun: Token, passive: bool, agent: tuple[int, int] | None = None
    ) -> SubjectSpan:
        heads = [noun, *noun.conjuncts]
        heads += [c for h in list(heads) for c in h.children if c.dep_ == "appos"]
        pronoun = noun.lower_ if noun.tag_ in _PRONOUN_TAGS else None
        return SubjectSpan(
            head_start=self.base + noun.idx,
            head_end=self.base + noun.idx + len(noun),
            spans=tuple(self._phrase(h) for h in heads),
            pronoun=pronoun,
            passive=passive,
            agent=agent,
            full=self._span(noun),
        )

    def blamed(self, offset: int) -> tuple[tuple[int, int], ...] | None:
        """Who a "blamed for", "accused of", "responsible for" names as the doer of the act at
        offset ("blamed rebels for killing 100", "the Abu Sayyaf is blamed for bombings", "X
        claimed responsibility for the attack"): the spans of that noun phrase."""
        for token, head in self._upward(offset):
            if token.dep_ == "prep" and token.lower_ in ("for", "of"):
                doer = self._doer_of(head)
                if doer is None and head.dep_ == "dobj" and head.head.lower_ in _BLAME:
                    doer = head  # "accused the coalition of bombing": "of" hangs on the noun
                if (
                    doer is None
                    and head.dep_ == "acl"
                    and head.head.dep_ == "dobj"
                    and head.head.head.lower_ in _BLAME
                ):
                    doer = head.head  # "blamed rebels led by X for killing": "for" hangs on "led"
                if doer is not None:
                    return tuple(self._phrase(h) for h in (doer, *doer.conjuncts))
            if token.dep_ not in _BLAME_PATH:
                return None
        return None

    def _upward(self, offset: int, hops: int = 6) -> Iterator[tuple[Token, Token]]:
        """The word at offset and its heads, each with its own head, up to the root."""
        token = self._token(offset)
        for _ in range(hops):
            if token is None or token.head is token:
                return
            yield token, token.head
            token = token.head

    def _doer_of(self, word: Token) -> Token | None:
        if word.lower_ in ("responsibility", "credit"):
            verb = word.head  # "X claimed responsibility for"
            return next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if word.lower_ not in _BLAME:
            return None
        children = list(word.children)
        if word.lower_ == "responsible":  # "X is responsible for", "X, responsible for"
            verb = word.head
            return next((c for c in verb.children if c.dep_ == "nsubj"), None)
        for dep in ("dobj", "nsubjpass"):
            found = next((c for c in children if c.dep_ == dep), None)
            if found is not None:
                return found
        return None

    def located_names(self) -> list[tuple[int, int, bool]]:
        """Proper names in a place's slot that the recogniser did not mark as places: the object
        of "in", "near", "toward", "from"... or of a verb ("recaptured Baga"). The small English
        model often takes an unfamiliar town for a person; the gazetteer decides, unless the
        slot names a place itself ("control of X", "the village of X"): the flag says so."""
        out = []
        for token in self._doc:
            if token.lower_ in _DIVISIONS and token.dep_ in ("pobj", "dobj"):
                division = self._named_division(token)
                if division is not None:
                    out.append(division)  # "in Jonglei state": the gazetteer knows it or not
                continue
            if token.tag_ not in ("NNP", "NNPS"):
                continue
            slot = token  # "the towns of Kidal and Gao": Gao is in Kidal's slot
            while (
                slot.dep_ == "conj" and slot.head is not slot and slot.head.tag_ in ("NNP", "NNPS")
            ):
                slot = slot.head
            if slot.dep_ not in ("pobj", "dobj", "appos") and not _place_subject(slot):
                continue
            # "control of X", "the town of X": the slot itself says X is a place
            head = slot.head.head if slot.dep_ == "pobj" else None
            named_by_slot = head is not None and head.lower_ in _PLACE_HEADS
            if slot.dep_ == "appos" and slot.head.lower_ in _PLACE_HEADS:
                named_by_slot = True  # "the next big town, Kidal"
            if slot.dep_ == "dobj" and slot.head.lower_ in _RETAKING | _BOMBARDING:
                # "recaptured Kafr al-Awamid", "warplanes bombed Kauda": only a place is
                # retaken or shelled
                named_by_slot = True
            if token.ent_type_ in _NOT_PLACES or token.lower_ in _CALENDAR:
                continue  # "on August 13", "in March": dates, not places
            if token.ent_type_ == "NORP" and not named_by_slot and slot.dep_ == "appos":
                continue  # "Kurdish", "Sunni": a people; an "organisation" may be a town the
                # small model does not know, and the gazetteer decides; so may a "people"
                # that is a verb's or a locative's object ("captured Kidal", "died in Kidal"),
                # the demonyms and religions left out later
            if slot.dep_ == "pobj" and slot.head.lower_ not in _LOCATIVE:
                continue
            left = token
            while left.i > 0 and (
                (left.nbor(-1).dep_ == "compound" and left.nbor(-1).tag_ in ("NNP", "NNPS"))
                # "Maarat al-Numan": the hyphen of an article glued to the name
                or (left.nbor(-1).text == "-" and left.i > 1 and left.nbor(-2).tag_ == "NNP")
            ):
                left = left.nbor(-1)
            out.append((self.base + left.idx, self.base + token.idx + len(token), named_by_slot))
        return out

    def _named_division(self, token: Token) -> tuple[int, int, bool] | None:
        names = [c for c in token.children if c.dep_ == "compound" and c.tag_ in ("NNP", "NNPS")]
        if not names or token.ent_type_ in _NOT_PLACES or token.tag_ != "NN":
            return None  # "the Islamic State" is a name, not a state
        left = min(c.left_edge.idx for c in names)
        return self.base + left, self.base + token.idx + len(token), True

    def other_clause(self, trigger: int, place: int) -> bool:
        """Whether the word at `place` sits in a reported clause or in a clause that describes
        a noun with a subject of its own ("launched attacks in the region ... the day it
        announced a cease-fire at talks in Libya": Libya is where the cease-fire was). A
        participle ("..., killing four soldiers in Kidal"), a clause of time ("when their
        vehicle struck a mine near Kidal") and one of the target ("a bus that was travelling
        to Gao") belong to the trigger's event."""
        top = self._token(trigger)
        token = self._token(place)
        if top is None or token is None:
            return False
        ancestors = {t.i for t in top.ancestors} | {top.i}
        hops = 0
        while token.i not in ancestors and token.head is not token and hops < 12:
            hops += 1
            own_subject = any(
                c.dep_ in _SUBJECTS and c.lower_ not in _RELATIVE for c in token.children
            )
            timed = any(
                c.dep_ in ("mark", "advmod") and c.lower_ in _SAME_EVENT for c in token.children
            )
            if token.tag_.startswith("VB") and (
                token.dep_ == "ccomp"
                or (token.dep_ in _MODIFYING and own_subject)
                or (token.dep_ == "advcl" and own_subject and not timed)
            ):
                return True  # "a bus that was travelling to Gao" still describes the target
            token = token.head
        return False

    def claimed(self, offset: int) -> bool:
        """Whether the attack noun at offset is what its clause's subject claims ("IS claimed
        the bombing", "the PKK claimed an attack")."""
        token = self._token(offset)
        return (
            token is not None
            and token.dep_ == "dobj"
            and token.head.lower_ in ("claimed", "claims", "claiming", "claim")
        )

    def in_relative_clause(self, offset: int) -> bool:
        """Whether the verb at offset heads a clause describing a noun ("the neighbourhoods
        they held")."""
        token = self._token(offset)
        return token is not None and token.dep_ in ("relcl", "acl")

    def is_noun(self, offset: int) -> bool:
        """Whether the word at offset is used as a noun ("an army patrol", not "they patrol")."""
        token = self._token(offset)
        return token is not None and token.tag_.startswith("NN")

    def means_of_pronoun(self, offset: int) -> str | None:
        """The pronoun subject of the verb whose means or object the noun at offset names ("it
        had killed 35 militants in air strikes", "it fired a barrage of rockets": "it"), lower
        case; None when there is none."""
        token = self._token(offset)
        while token is not None and token.dep_ == "compound" and token.head is not token:
            token = token.head
        if token is None:
            return None
        if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.dep_ == "dobj":
            token = token.head.head  # "it fired a barrage of rockets": the barrage
        if token.dep_ == "dobj" and token.head.lower_ in _USING:
            verb = token.head  # "it fired rockets"; not "they saw jets"
        elif token.dep_ == "pobj":
            prep = token.head
            verb = prep.head
            if verb.dep_ == "dobj" and verb.head is not verb:
                verb = verb.head  # "killed 35 militants in air strikes": "in" hangs on the object
            if prep.lower_ not in ("in", "during", "with", "through"):
                return None
        else:
            return None
        if not verb.tag_.startswith("VB"):
            return None
        while verb.dep_ == "conj" and verb.head is not verb:
            verb = verb.head  # "it shelled the town and killed ... in strikes"
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is None or subject.tag_ not in _PRONOUN_TAGS:
            return None
        return str(subject.lower_)

    def in_accusation_of_a_noun(self, offset: int) -> bool:
        """Whether the word at offset is what a participle describing a noun accuses its people
        of ("two Palestinians accused of carrying out an attack", "a man suspected of the
        bombing"): the reason for something else, not an incident the sentence reports."""
        return any(
            head.lower_ in _ACCUSING and token.dep_ == "prep" and head.dep_ == "acl"
            for token, head in self._upward(offset)
        )

    def complement_of(self, offset: int) -> str | None:
        """The verb whose clausal complement the word at offset heads ("denied that its
        soldiers had killed", "denied killing", "denied reports that they killed"), lower
        case; None when it heads no complement."""
        token = self._token(offset)
        hops = 0
        while token is not None and hops < 3:
            hops += 1
            if token.dep_ == "conj":
                token = token.head
                continue
            if token.dep_ in ("ccomp", "xcomp") and token.head.tag_.startswith("VB"):
                return str(token.head.lower_)
            if token.dep_ == "acl" and token.head.dep_ == "dobj":
                return str(token.head.head.lower_)  # "denied reports that ..."
            return None
        return None

    def qualifies_a_noun(self, start: int, end: int, nouns: frozenset[str]) -> bool:
        """Whether the name ending at `end` modifies one of `nouns` ("the St. Louis
        Metropolitan police officer", "the Kabul government")."""
        token = self._token(end - 1)
        hops = 0
        while token is not None and token.dep_ in ("compound", "amod", "nmod") and hops < 4:
            token = token.head
            hops += 1
            if token.lower_ in nouns:
                return True
        return False

    def entity_at(self, start: int, end: int) -> Entity | None:
        for entity in self.entities:
            if entity.start < end and start < entity.end:
                return entity
        return None


def _with_outer(found: SubjectSpan, outer: SubjectSpan) -> SubjectSpan:
    return SubjectSpan(
        found.head_start,
        found.head_end,
        found.spans,
        found.pronoun,
        found.passive,
        found.agent,
        outer,
        found.full,
    )


class SentenceParser:
    """spaCy's pipeline, loaded once per extractor, parsing one sentence at a time."""

    def __init__(self, nlp: Language) -> None:
        self._nlp = nlp

    @classmethod
    def load(cls, package: str) -> SentenceParser:
        # The rules read fine-grained tags, dependencies and entities: the lemmatizer and the
        # attribute ruler (coarse tags; a fifth of the pipeline's time) are not needed.
        nlp: Any = spacy.load(package, exclude=["lemmatizer", "attribute_ruler"])
        return cls(nlp)

    def parse(self, text: str, base: int) -> Parse:
        return Parse(self._nlp(text), base)

    def parse_many(self, items: list[tuple[str, int]]) -> list[Parse]:
        """Sentences (text, offset in their paragraph) parsed in batches: one call into the
        pipeline per batch costs far less than one per sentence."""
        docs = self._nlp.pipe((text for text, _ in items), batch_size=_BATCH)
        return [Parse(doc, base) for doc, (_, base) in zip(docs, items, strict=True)]
