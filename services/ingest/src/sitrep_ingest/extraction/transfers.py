"""Non-violent transfers of territory (ACLED: territory relinquished to another actor without
fighting).

A sentence reports one when a side takes, enters or holds a place while another side withdraws
("rebels entered the town after Kurdish forces pulled out"), or says the change happened
without a fight ("took control of several towns without any clashes"). A withdrawal alone,
without fighting, hands the place over too. Fighting words in the sentence make it a battle
instead, typed by who took the place. One incident: the taking claim carries the type and the
withdrawal that made way for it does not.
"""

from __future__ import annotations

from sitrep_schemas import Modality

from .context import SentenceContext
from .drafts import ControlDraft
from .matching import Kind
from .modality import Mode, mode_before

__all__ = ["NON_VIOLENT_TRANSFER", "mark_transfers"]

NON_VIOLENT_TRANSFER = "Non-violent transfer of territory"
_GIVING_UP = frozenset({"withdrew", "handed_over"})  # the other side leaves or hands over
_TAKING = frozenset({"captured", "recaptured", "secured", "entered", "present"})
_NOT_REAL = frozenset({Modality.FUTURE, Modality.HYPOTHETICAL, Modality.NEGATED})


def _fighting(ctx: SentenceContext) -> bool:
    view = ctx.view
    for hit in ctx.hits(Kind.VIOLENCE):
        if any(t.role in ("clash", "harm", "means", "attack") for t in hit.payload) and (
            mode_before(view, hit.start) is Mode.REAL
        ):
            return True
    return False


def mark_transfers(ctx: SentenceContext, drafts: list[ControlDraft], non_violent: bool) -> None:
    """Type the sentence's control claims as non-violent transfers where it says so."""
    real = [d for d in drafts if d.modality not in _NOT_REAL]
    if not real:
        return
    withdrawals = [
        h
        for h in ctx.hits(Kind.CONTROL)
        if h.payload.action in _GIVING_UP and mode_before(ctx.view, h.start) is Mode.REAL
    ]
    if not non_violent and (not withdrawals or _fighting(ctx)):
        return
    taking = [d for d in real if d.action in _TAKING]
    if taking:
        for d in taking:
            d.acled = NON_VIOLENT_TRANSFER
        for d in real:
            if d.action == "withdrew":
                d.acled = None
        return
    for d in real:
        # "withdrew from X", "pulled out of X": the verb names what was left.
        if d.action == "withdrew" and d.actor is not None and _leaves_place(ctx, d):
            d.acled = NON_VIOLENT_TRANSFER
            break


def _leaves_place(ctx: SentenceContext, d: ControlDraft) -> bool:
    words = ctx.text[d.trigger.start : d.trigger.end].lower().split()
    if words[-1] not in ("from", "of"):
        return False
    view = ctx.view
    before = view.word(view.token_after(d.trigger.start) - 1)
    return before not in ("on", "the", "a", "in")
