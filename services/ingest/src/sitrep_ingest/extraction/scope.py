"""The contexts that put a sentence's violent words inside or outside ACLED's political violence.

- protest: a demonstration is being described; force on it is judged by `protests.py`;
- accident: words of accidents and disasters (gas explosions, fires, earthquakes);
- disrupted: a weapon stopped, found, seized or only tested ("Disrupted weapons use");
- crime: ordinary crime anywhere in the paragraph (robbery, smuggling, gangs): ACLED leaves out
  violence with purely criminal motives and arrests of ordinary criminals;
- reference: a statement about an incident (a claim of responsibility, blame, sanctions): the
  violent words after it, or named as a noun ("the clashes"), refer to an incident reported on
  its own;
- protester_violence: demonstrators who throw stones or clash with the police (ACLED's riots);
- non_violent: a change of hands without fighting ("without a fight").
"""

from __future__ import annotations

from dataclasses import dataclass

from .context import SentenceContext
from .lexicon import lexicon
from .matching import Hit, Kind

__all__ = ["Scope", "read_scope"]

_NOMINAL = frozenset({"the", "its", "their", "his", "her", "this", "that", "these"})


@dataclass(frozen=True, slots=True)
class Scope:
    protest: bool
    protest_before: bool  # a protest named earlier in the paragraph
    accident: bool
    disrupted_at: int | None  # where the first word of a disrupted weapon starts

    @property
    def disrupted(self) -> bool:
        return self.disrupted_at is not None

    crime: bool
    reference_at: int | None  # where the first reference cue of the sentence starts
    protester_violence: bool
    non_violent: bool

    def refers_back(self, ctx: SentenceContext, hit: Hit) -> bool:
        """Whether a violent word is the object of a statement about an incident."""
        if self.reference_at is None:
            return False
        if hit.start >= self.reference_at:
            return True
        view = ctx.view
        return view.word(view.token_after(hit.start) - 1) in _NOMINAL


def _first_phrase(ctx: SentenceContext, table_name: str) -> int | None:
    """Where the first phrase of a word table starts in the sentence, if any."""
    table = getattr(lexicon(), table_name)
    toks = ctx.view.toks
    first = table.first_words
    for i, t in enumerate(toks):
        if t.text in first and table.at(toks, i) is not None:
            return t.start
    return None


def read_scope(ctx: SentenceContext) -> Scope:
    contexts: dict[str, int] = {}
    for hit in ctx.hits(Kind.SCOPE):
        contexts.setdefault(hit.payload, hit.start)
    crime = "crime" in contexts or any(
        h.payload == "crime" for h in ctx.matches.of(Kind.SCOPE, 0, len(ctx.text))
    )
    return Scope(
        protest=bool(ctx.hits(Kind.PROTEST)),
        protest_before=bool(ctx.matches.of(Kind.PROTEST, 0, ctx.view.start)),
        accident=bool(ctx.hits(Kind.ACCIDENT)),
        disrupted_at=_first_phrase(ctx, "disruption_table"),
        crime=crime,
        reference_at=contexts.get("reference"),
        protester_violence="protester_violence" in contexts,
        non_violent="non_violent" in contexts,
    )
