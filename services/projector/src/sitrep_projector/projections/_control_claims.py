"""What the control read model keeps of a `ControlClaimed` event, and how a claim is read.

A `ControlClaim` is a plain value: the projection logic works on these, never on the wire
events or on table rows, so it can be tested and replayed without a broker or a database.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

__all__ = [
    "FLIP_BLOCKING_MODALITIES",
    "ControlClaim",
    "PlaceState",
    "normalize_part",
    "party_key",
]


class PlaceState(StrEnum):
    """The situation of a place over an interval, strongest pressure last."""

    CONTROLLED = "controlled"  # one side holds it, nobody is reported pressing it
    PRESENCE = "presence"  # an actor is there without holding the whole place
    ADVANCING_ON = "advancing_on"  # the holder (if known) is being advanced on
    ENCIRCLED = "encircled"  # encircled or besieged: the holder is still the holder
    CONTESTED = "contested"  # fighting inside, or control changing hands within a day


# Claims in these modes describe something that is not (or not yet, or no longer) the
# situation: they can be shown beside a timeline but never change who holds a place.
FLIP_BLOCKING_MODALITIES = frozenset({"future", "hypothetical", "negated", "denied"})


@dataclass(frozen=True, slots=True)
class ControlClaim:
    """One territorial control claim, as the control read model stores it.

    `actor_*` is who the claim is about (captured, holds, encircles, advances); the
    `from_*`/`to_*` fields are who held the place before and after, when the text says.
    `date_start`/`date_end` are when it happened (the claim's time); `recorded_at` is when
    the log learned it (the envelope `time`).
    """

    claim_id: str
    place_id: str
    action: str
    resulting_state: str
    recorded_at: datetime
    article_id: str
    modality: str = "asserted"
    part: str | None = None
    actor_id: str | None = None
    actor_side: str | None = None
    from_actor_id: str | None = None
    from_side: str | None = None
    to_actor_id: str | None = None
    to_side: str | None = None
    date_start: date | None = None
    date_end: date | None = None
    time_precision: int = 3
    publisher: str | None = None
    confidence: float = 1.0

    @property
    def day(self) -> date:
        """The day the claim is placed at on the timeline.

        An undated claim is placed when the log learned it: the extractor resolves relative
        dates against the article, so an undated claim is about "now" as of its article.
        """
        return self.date_start or self.date_end or self.recorded_at.date()

    @property
    def party(self) -> str | None:
        return party_key(self.actor_side, self.actor_id)

    @property
    def from_party(self) -> str | None:
        return party_key(self.from_side, self.from_actor_id)

    @property
    def to_party(self) -> str | None:
        return party_key(self.to_side, self.to_actor_id)

    @property
    def blocked(self) -> bool:
        return self.modality in FLIP_BLOCKING_MODALITIES

    @property
    def historical(self) -> bool:
        return self.modality == "historical"


def party_key(side: str | None, actor_id: str | None) -> str | None:
    """Who holds a place is decided per side: the army and an allied militia holding the same
    town are one holder, not a contest. An actor without a known side stands for itself."""
    return side or actor_id or None


def normalize_part(part: str | None) -> str | None:
    """`Northern ` and `northern` name the same part of a place."""
    if part is None:
        return None
    folded = " ".join(part.lower().split())
    return folded or None
