"""Denials and discrediting of reports: "the Prime Minister criticized media outlets for
distorting the truth", "the army denied the reports". Each is a claim of its own that answers
the allegations the article reported before it."""

from __future__ import annotations

import re

from .attribution import PUBLISHER
from .context import SentenceContext
from .drafts import DisputeDraft
from .matching import Kind
from .modality import Mode, mode_before

__all__ = ["dispute_claims"]

_SUBJECT_CUT = re.compile(
    r",\s*(?:however|meanwhile|though|for (?:his|her|its|their) part)\b.*$", re.IGNORECASE
)


def dispute_claims(ctx: SentenceContext) -> list[DisputeDraft]:
    hits = ctx.hits(Kind.DISPUTE)
    if not hits:
        return []
    hit = hits[0]
    view = ctx.view
    if mode_before(view, hit.start) in (Mode.NEGATED, Mode.DENIED):
        return []
    disputer = view.subject_before(hit.start, ctx.last_actor)
    start_tok = view.clause_start(view.token_after(hit.start))
    start = view.toks[start_tok].start if start_tok < len(view.toks) else view.start
    subject_text = _SUBJECT_CUT.sub("", ctx.text[start : hit.start]).strip(" ,")
    words = subject_text.split()
    if words and words[-1].lower() in (
        "criticized",
        "criticised",
        "accused",
        "has",
        "have",
        "had",
        "also",
        "strongly",
        "flatly",
    ):
        subject_text = " ".join(words[:-1])
    if disputer is None and not subject_text:
        return []
    scope_place = view.places[-1] if view.places else None
    return [
        DisputeDraft(
            trigger=ctx.trigger(hit.start, hit.end),
            disputed_by=disputer,
            disputed_by_text=subject_text[:120] or None,
            manner=hit.payload,
            scope=ctx.text[hit.start : view.end][:200],
            scope_place=scope_place,
            attribution=ctx.own_attribution or PUBLISHER,
            when=ctx.when_at(hit.start, hit.end),
        )
    ]
