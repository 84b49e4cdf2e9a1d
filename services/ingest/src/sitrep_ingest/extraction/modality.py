"""How the words just before a trigger present it: negated, planned, hypothetical, or real.

Looks at the few tokens of the trigger's clause before it ("did not capture", "will take",
"could kill", "aim to retake"). An infinitive of intent ("to liberate") is a plan, unless a
verb of doing opens it ("began to", "managed to"); after an offensive noun ("an offensive to
liberate X") it is read by the caller as an advance toward X.
"""

from __future__ import annotations

from enum import StrEnum

from .grammar import SentenceView
from .lexicon import lexicon

__all__ = ["Mode", "mode_after", "mode_before"]

_DENIAL_WORDS = frozenset(
    {"denied", "deny", "denies", "denying", "refuted", "rejected", "dismissed"}
)
_WINDOW = 8


class Mode(StrEnum):
    REAL = "real"
    NEGATED = "negated"
    DENIED = "denied"
    FUTURE = "future"
    HYPOTHETICAL = "hypothetical"
    PURPOSE = "purpose"


_ADJECTIVAL = frozenset({"fear", "feared", "fears"})
_ARTICLES = frozenset({"a", "an", "the"})


def _not_a_cue(view: SentenceView, j: int, n: int) -> bool:
    """Words that only look like modal cues: the month "May", "a feared unit" (an adjective),
    "the target of" (a noun)."""
    first = j - n + 1
    word = view.toks[first].text
    if word == "may" and view.text[view.toks[first].start - view.start] == "M":
        return True
    end = view.toks[first].end - view.start
    if word == "would" and view.text[end : end + 1] == "-":
        return True  # "would-be suicide bombers"
    if word in _ADJECTIVAL and view.word(first - 1) in _ARTICLES:
        return True
    return word == "target" and view.word(j + 1) == "of"


def mode_before(view: SentenceView, offset: int) -> Mode:
    """The mode the clause gives a trigger starting at offset."""
    lex = lexicon()
    i = view.token_after(offset)
    first = view.clause_start(i) if i < len(view.toks) else 0
    j = i - 1
    stop = max(first, i - _WINDOW, 0)
    nearest = True
    while j >= stop:
        found = lex.modality.ending_at(view.toks, j)
        if found is not None and _not_a_cue(view, j, found[1]):
            found = None
        if found is not None:
            mode, n = found
            if mode == "realis":
                return Mode.REAL
            if mode == "purpose" and nearest:
                return Mode.PURPOSE
            if mode == "negated":
                words = " ".join(t.text for t in view.toks[j - n + 1 : j + 1])
                return Mode.DENIED if words in _DENIAL_WORDS else Mode.NEGATED
            if mode == "future":
                return Mode.FUTURE
            if mode == "hypothetical":
                return Mode.HYPOTHETICAL
            j -= n
        else:
            j -= 1
        nearest = False
    if view.parse is not None and view.parse.complement_of(offset) in _DENIAL_WORDS:
        return Mode.DENIED  # "the army denied that its soldiers had killed civilians"
    return Mode.REAL


def mode_after(view: SentenceView, offset: int) -> Mode:
    """Future or hypothetical words just after a nominal claim ("the battle for X will be")."""
    lex = lexicon()
    i = view.token_after(offset)
    for j in range(i, min(len(view.toks), i + 4)):
        found = lex.modality.at(view.toks, j)
        if found is not None and found[0] in ("future", "hypothetical"):
            return Mode.FUTURE if found[0] == "future" else Mode.HYPOTHETICAL
    return Mode.REAL
