"""Who was harmed, and how many: counts attached to the words that say what they count.

"killing 6 civilians" -> killed 6 civilians; "73 men" after "kidnapped" -> abducted 73;
"17 of them" -> 17 of the people counted last in the paragraph.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, replace

from sitrep_schemas import Count

from .dates import MONTH_NAMES
from .grammar import SentenceView
from .lexicon import lexicon
from .numbers import read_number
from .text import Token

__all__ = ["CountMention", "read_counts"]

_WINDOW = 7


@dataclass(frozen=True, slots=True)
class CountMention:
    category: str | None  # killed, injured, abducted, arrested
    count: Count
    victims: str | None  # "73 men", "civilians"
    group: str | None
    combatant: bool
    token: int
    end: int = -1  # the last token of the count and its victims
    joins_previous: bool = False  # "12 soldiers and seven civilians": one toll, summed
    total: bool = False  # "raising the death toll to 48": the incident's toll so far


_JOINERS = (["and"], [",", "and"], ["and", "his"], ["and", "her"], ["and", "their"])
_AUXILIARIES = frozenset(
    {"were", "was", "have", "has", "had", "been", "are", "is", "reportedly", "also", "later"}
)
# Things a number before them counts that are not people: "two suicide attacks", "three blasts".
_EVENT_NOUNS = frozenset(
    {
        "explosions",
        "explosion",
        "blasts",
        "blast",
        "bombs",
        "bombings",
        "attacks",
        "attack",
        "strikes",
        "airstrikes",
        "raids",
        "rockets",
        "shells",
        "mortars",
        "missiles",
        "incidents",
        "clashes",
        "suicide",
        "car",
        "separate",
        "drones",
        "barrages",
        "waves",
        "times",
        "days",
        "weeks",
        "months",
        "years",
        "hours",
        "villages",
        "towns",
        "districts",
        "settlements",
        "localities",
        "cities",
        "neighbourhoods",
        "neighborhoods",
        "positions",
        "targets",
        "sites",
        "facilities",
        # places and things: "the bombing of two airports", "destroyed three tanks"
        "airports",
        "bases",
        "buildings",
        "houses",
        "homes",
        "vehicles",
        "trucks",
        "cars",
        "tanks",
        "schools",
        "hospitals",
        "bridges",
        "mosques",
        "churches",
        "shops",
        "markets",
        "checkpoints",
        "helicopters",
        "planes",
        "aircraft",
        "jets",
    }
)


def _category_near(
    view: SentenceView, first: int, last: int, near_only: bool = False
) -> str | None:
    """What the number counts: the casualty word right after it ("12 dead", "73 men were
    kidnapped"), else the nearest before it ("killed at least 124 people and wounded 180" are
    124 killed), else the nearest after. `near_only` (for "a soldier", "an army patrol"): only
    a word right after it or at most two words before it counts."""
    lex = lexicon().casualties
    words = lex.first_words
    toks = view.toks
    before: tuple[int, str] | None = None
    after: tuple[int, str] | None = None
    for j in range(max(0, first - _WINDOW), min(len(toks), last + _WINDOW + 1)):
        if (first <= j <= last) or toks[j].text not in words:
            continue
        found = lex.at(toks, j)
        if found is None:
            continue
        if j < first:
            before = (first - j, found[0])  # the last one before is the nearest
        elif after is None:
            after = (j - last, found[0])
            close = all(t.text in _AUXILIARIES for t in toks[last + 1 : j])
            if close:
                return found[0]
    if near_only:
        return before[1] if before is not None and before[0] <= 2 else None
    if before is not None:
        return before[1]
    return after[1] if after else None


def _past_initials(toks: list[Token], j: int) -> int:
    """The token after initials such as "U.S." or "U.N.", which the tokens split at the dots."""
    while j + 1 < len(toks) and len(toks[j].text) == 1 and toks[j].text.isalpha():
        if toks[j + 1].text != ".":
            break
        j += 2
    return j


def read_counts(view: SentenceView, text: str, previous: CountMention | None) -> list[CountMention]:
    """Counts of people in the sentence, in order."""
    lex = lexicon()
    out: list[CountMention] = []
    toks = view.toks
    i = 0
    number_words = lex.numbers.first_words
    person_words = lex.victims.first_words
    while i < len(toks):
        word = toks[i].text
        if not (word[0].isdigit() or word in number_words):
            i += 1  # most words are no number: skip the full reading
            continue
        ahead = _past_initials(toks, i + 1)
        if word in ("a", "an") and _group_of_number(toks, ahead, number_words):
            i = ahead + 2  # "a family of seven", "a group of 20 soldiers": the number counts
            continue
        if word in ("a", "an") and not any(t.text in person_words for t in toks[ahead : ahead + 3]):
            i += 1  # "a" counts only a person named right after it ("a man", "a young girl")
            continue
        number = read_number(toks, i, text)
        if number is None:
            i += 1
            continue
        if view.word(number.last + 1) in MONTH_NAMES or (
            word[0].isdigit() and view.word(i - 1) in MONTH_NAMES
        ):
            i = number.last + 1  # "on 12 March", "March 12": a date, no count of people
            continue
        j = _past_initials(toks, number.last + 1)  # "one U.S. soldier"
        if any(t.text in _EVENT_NOUNS for t in toks[j : j + 2]):
            i = j  # "two suicide attacks", "three separate blasts": events, not people
            continue
        victim = None
        victim_at = j
        for k in (j, j + 1, j + 2):
            if k < len(toks):
                victim = lex.victims.at(toks, k)
                if victim is not None:
                    victim_at = k
                    break
                if toks[k].text in (",", ".", ";"):
                    break
        if word in ("a", "an") and victim is not None:
            last = toks[victim_at + victim[1] - 1].text
            person = lex.victims.at(toks, victim_at + victim[1]) if last in _NO_PERSON else None
            if (
                person is not None
                and toks[victim_at + victim[1] + person[1] - 1].text in _NO_PERSON
            ):
                person = None  # "an Israeli military base": a site after all
            if person is not None:
                victim_at, victim = victim_at + victim[1], person  # "an Iraqi army officer"
            elif last in _NO_PERSON:
                i = victim_at + victim[1]  # "an Israeli military base", "a police patrol"
                continue
        nationals = victim is None and _nationals(view, text, j)
        referent = None
        if (
            victim is None
            and view.word(j) == "of"
            and view.word(j + 1) in ("them", "those", "whom")
        ):
            referent = next((c for c in reversed(out) if c.victims), previous)
            if referent is None:
                referent = _people_named_before(view, text, i)  # "peacekeepers ... three of them"
            victim_at = j + 1
        is_word_one = number.best == 1 and not toks[i].text.isdigit()
        if victim is None and view.word(j) == "of" and referent is None:
            victim_at = j + 1
            referent_missing = True
        else:
            referent_missing = False
        if (
            victim is None
            and not nationals
            and referent is None
            and (is_word_one or referent_missing)
        ):
            i = number.last + 1  # "a", "one" without a person noun; "two of the ..."
            continue
        if view.word(i - 1) in _RESCUE:
            i = number.last + 1  # "rescued 23 kidnapped victims": no toll of the incident
            continue
        # the victims' last word: "a police officer was shot dead" is close to its verb
        category = _category_near(
            view, i, victim_at + victim[1] - 1 if victim else number.last, near_only=is_word_one
        )
        if referent is not None and category is not None:
            _only_the_part(out, referent, category, view, i)
        total = victim is None and not is_word_one and _toll_before(view, i)
        if category is None and total:
            category = "killed"  # "the death toll from the bombing in X rose to 48"
        if victim is None and not nationals and referent is None and category is None:
            i = number.last + 1
            continue
        desc: str | None
        group: str | None
        if victim is not None:
            end_tok = victim_at + victim[1] - 1
            desc = text[toks[i].start : toks[end_tok].end]
            group, combatant = victim[0].group, victim[0].combatant
            if view.word(victim_at) == "others" and out and out[-1].group:
                # "one soldier died and two others were wounded": others of the same kind
                group, combatant = out[-1].group, out[-1].combatant
        elif nationals:
            end_tok = j  # "three Americans": people, armed or not unsaid
            desc, group, combatant = text[toks[i].start : toks[j].end], "people", False
        elif referent is not None:
            desc, group, combatant = referent.victims, referent.group, referent.combatant
            end_tok = victim_at
        else:
            desc, group, combatant = None, None, False
            end_tok = number.last
        count = number.count
        if referent is not None:
            count = count.model_copy(update={"expression": text[toks[i].start : toks[end_tok].end]})
        joins = (
            bool(out)
            and not is_word_one
            and [t.text for t in toks[out[-1].end + 1 : i]] in _JOINERS
        )
        out.append(CountMention(category, count, desc, group, combatant, i, end_tok, joins, total))
        i = end_tok + 1
    out = _with_relatives(view, text, out)
    if not out:
        out.extend(_named_person_killed(view, text) or _one_person_killed(view, text))
    # "12 soldiers and seven civilians were killed": the first of a joined toll is counted
    # by the word that counts the last
    for k in range(len(out) - 2, -1, -1):
        if out[k].category is None and out[k + 1].joins_previous and out[k + 1].category:
            out[k] = replace(out[k], category=out[k + 1].category)
    return out


def _only_the_part(
    out: list[CountMention], referent: CountMention, category: str, view: SentenceView, i: int
) -> None:
    """ "a group of 20 soldiers was ambushed, killing four of them": when the verb right before
    "N of them" is the one that also counted the group, only the part suffered it."""
    if referent not in out or referent.category != category:
        return
    before = lexicon().casualties.at(view.toks, i - 1) if i > 0 else None
    if before is None or before[0] != category:
        return
    out[out.index(referent)] = replace(referent, category=None)


def _with_relatives(
    view: SentenceView, text: str, counts: list[CountMention]
) -> list[CountMention]:
    """ "a village headman and his wife": the relative named after a count is one more."""
    out: list[CountMention] = []
    toks = view.toks
    for c in counts:
        out.append(c)
        k = c.end + 1
        if view.word(k) != "and" or view.word(k + 1) not in ("his", "her", "their"):
            continue
        victim = lexicon().victims.at(toks, k + 2)
        if victim is None or toks[k + 2].text.endswith("s"):
            continue  # "and his sons": how many, unsaid
        end = k + 1 + victim[1]
        one = Count(low=1, best=1, high=1, expression=text[toks[k + 1].start : toks[end].end])
        out.append(
            CountMention(c.category, one, one.expression, victim[0].group, False, k + 1, end, True)
        )
    return out


# Things the victims table lists as targets that "a" does not count as one person.
_NO_PERSON = frozenset(
    {"base", "outpost", "post", "checkpoint", "convoy", "patrol", "position", "barracks", "camp",
     "station", "vehicle", "military", "army", "police", "gendarmerie", "army post",
     "police station", "police post", "security post", "military post", "military camp",
     "army camp", "gendarmerie post", "military vehicle"}
)  # fmt: skip
_RESCUE = frozenset({"rescued", "freed", "released", "liberated", "evacuated", "treated"})
_GROUP_NOUNS = frozenset({"family", "group", "crowd", "busload", "gathering", "party", "team"})


def _group_of_number(toks: list[Token], j: int, number_words: Collection[str]) -> bool:
    """ "a family of seven": a group noun, "of", then a number that says how many."""
    if j + 2 >= len(toks) or toks[j].text.lower() not in _GROUP_NOUNS or toks[j + 1].text != "of":
        return False
    after = toks[j + 2].text
    return after[0].isdigit() or after in number_words


_TOLL_VERBS = frozenset(
    {"rose", "risen", "climbed", "reached", "stood", "stands", "hit", "jumped", "to", "at"}
)


def _toll_before(view: SentenceView, i: int) -> bool:
    """ "The death toll ... rose to 48", "raising the toll in the attack to at least 48": the
    toll is named earlier in the clause, and the number is what it came to."""
    if view.word(i - 1) not in _TOLL_VERBS and view.word(i - 2) not in _TOLL_VERBS:
        return False
    for k in range(i - 1, max(-1, i - 20), -1):
        word = view.word(k)
        if word in (";", ".") or word[:1].isdigit():
            return False
        if word == "toll":
            return view.word(k - 1).lower() not in ("injury", "injuries")
    return False


def _people_named_before(view: SentenceView, text: str, i: int) -> CountMention | None:
    """The people a sentence names, uncounted, before "three of them"."""
    victims = lexicon().victims
    for k in range(i - 1, -1, -1):
        found = victims.at(view.toks, k)
        if found is not None:
            victim, n = found
            end = view.toks[k + n - 1].end
            words = text[view.toks[k].start : end]
            count = Count(low=None, best=None, high=None, expression=words)
            return CountMention(None, count, words, victim.group, victim.combatant, k, k + n - 1)
    return None


def _nationals(view: SentenceView, text: str, k: int) -> bool:
    """ "three Americans", "two Iraqis": people named by their nationality."""
    if k >= len(view.toks):
        return False
    word = view.word(k)
    tok = view.toks[k]
    return (
        word.endswith("s")
        and text[tok.start : tok.start + 1].isupper()
        and word[:-1] in lexicon().demonyms
    )


_KILLED_PERSON = (
    "was killed",
    "has been killed",
    "had been killed",
    "was assassinated",
    "was shot dead",
    "has been assassinated",
    "had been assassinated",
)


def _named_person_killed(view: SentenceView, text: str) -> list[CountMention]:
    """ "Ali Abdullah Saleh has been killed": one person, named by the recogniser."""
    if view.parse is None:
        return []
    for entity in view.parse.entities:
        if entity.label != "PERSON":
            continue
        after = " ".join(text[entity.end : entity.end + 24].lower().split())
        if not after.startswith(_KILLED_PERSON):
            continue
        i = view.token_at(entity.start)
        expression = text[entity.start : entity.end]
        count = Count(low=1, best=1, high=1, expression=expression)
        return [CountMention("killed", count, expression, None, False, i, i)]  # side unknown
    return []


_THE_ONE = frozenset({"the", "a", "an", "one", "another"})


def _one_person_killed(view: SentenceView, text: str) -> list[CountMention]:
    """ "the editor of a newspaper was shot and killed": one person, named by a noun."""
    lex = lexicon()
    toks = view.toks
    for i in range(1, len(toks)):
        found = lex.victims.at(toks, i)
        if found is None or found[1] != 1 or toks[i - 1].text.lower() not in _THE_ONE:
            continue
        if toks[i].text.lower().endswith("s") and not toks[i].text.lower().endswith("ss"):
            continue  # a plural is counted by its number, if any
        rest = " ".join(text[toks[i].end : toks[i].end + 100].lower().split())
        rest = _OF_PHRASE.sub("", rest, count=1)
        if not rest.startswith((*_KILLED_PERSON, "was shot and killed", "was gunned down")):
            continue
        victim, combatant = found[0].group, found[0].combatant
        expression = text[toks[i - 1].start : toks[i].end]
        count = Count(low=1, best=1, high=1, expression=expression)
        category = "killed"
        return [CountMention(category, count, expression, victim, combatant, i - 1, i)]
    return []


# "the editor of a newspaper critical of the government was killed": the "of" phrase after
# the noun, up to the verb.
_OF_PHRASE = re.compile(r"^of\s+(?:[\w-]+\s+){1,8}?(?=was\s|has\s|had\s)")
