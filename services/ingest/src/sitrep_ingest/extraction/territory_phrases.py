"""Territory named by a common noun: "several villages", "a key neighbourhood", "8 villages".

"Government forces freed several villages" is a change of control even though no place is
named; ACLED codes it at the nearest known location. Such a phrase becomes an unresolved place
mention whose text is the noun phrase, so the claim (actor, action, ACLED type, date) is kept.
Buildings and roads are no territory ("facility" in territory.tsv), and a part of a place
("its southern edge") refers back to a place instead.
"""

from __future__ import annotations

from .grammar import SentenceView
from .lexicon import lexicon
from .mentions import PlaceMention

__all__ = ["TERRITORIAL", "territory_before", "territory_phrase"]

TERRITORIAL = frozenset({"town", "city", "area", "site"})
_SUBJECTS = TERRITORIAL | {"ground"}
_NP_WORDS = 4  # modifiers kept before the head noun: "three more hill posts"
# Words that end a noun phrase when read backwards from its head.
_OUTSIDE = frozenset(
    {
        "on",
        "in",
        "at",
        "of",
        "from",
        "to",
        "by",
        "with",
        "and",
        "or",
        "after",
        "before",
        "since",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "yesterday",
        "today",
        "overnight",
        "was",
        "were",
        "is",
        "are",
        "had",
        "has",
        "have",
        "been",
    }
)


_NP_OPENERS = frozenset({"the", "a", "an", "this", "that", "its", "their", "his", "her"})


def territory_phrase(
    view: SentenceView,
    text: str,
    head: int,
    size: int,
    floor: int,
    features: frozenset[str] = TERRITORIAL,
) -> PlaceMention | None:
    """The noun phrase ending with the territorial noun at token `head` (`size` tokens long),
    starting no earlier than token `floor`, as an unresolved place."""
    found = lexicon().territory.at(view.toks, head)
    if found is None or found[0] not in features:
        return None
    first = head
    while first - 1 >= floor and head - (first - 1) <= _NP_WORDS:
        word = view.word(first - 1)
        if word in _OUTSIDE or not word.replace("'", "").isalnum():
            break
        first -= 1
        if word in _NP_OPENERS:
            break  # a determiner opens the phrase: "recaptured the town" is "the town"
    start = view.toks[first].start
    end = view.toks[head + size - 1].end
    return PlaceMention(start, end, text[start:end], (), None)


def territory_before(view: SentenceView, text: str, offset: int) -> PlaceMention | None:
    """The territory a passive verb at `offset` is said of: "a swathe of territory was handed
    over", "the hill posts seized from the rebels", "significant ground was regained" (ground
    taken is territory when it is what the verb is said of)."""
    i = view.token_after(offset)
    table = lexicon().territory
    for j in range(i - 1, max(-1, i - 5), -1):
        found = table.ending_at(view.toks, j)
        if found is not None and found[0] in _SUBJECTS:
            head = j - found[1] + 1
            floor = view.clause_start(head)
            return territory_phrase(view, text, head, found[1], floor, _SUBJECTS)
        if view.word(j) in (";", "."):
            break  # "the town, which was later occupied by the army" reads on
    return None
