"""What the control read model keeps of a `ControlClaimed` event, and how a claim is read.

A `ControlClaim` is a plain value: the projection logic works on these, never on the wire
events or on table rows, so it can be tested and replayed without a broker or a database.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Literal, get_args

__all__ = [
    "FLIP_BLOCKING_MODALITIES",
    "PARTS",
    "ControlClaim",
    "PartName",
    "PlaceState",
    "names_a_part",
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
    reported_on: date | None = None  # the day its article speaks from
    time_precision: int = 3
    publisher: str | None = None
    confidence: float = 1.0

    @property
    def day(self) -> date:
        """The day the claim is placed at on the timeline.

        An undated claim is about "now" as of its article: it is placed on the article's
        date, or, when that is unknown, on the day the log learned it. (An article posted
        years after it was written still speaks of its own day.)
        """
        return self.date_start or self.date_end or self.reported_on or self.recorded_at.date()

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


# The parts of a place a timeline is kept for: a controlled vocabulary, so that "northern",
# "north" and "the north of" are one part, and free text never makes a timeline of its own.
PartName = Literal[
    "north",
    "south",
    "east",
    "west",
    "north-east",
    "north-west",
    "south-east",
    "south-west",
    "centre",
    "outskirts",
    "edge",
    "countryside",
]
PARTS: tuple[str, ...] = get_args(PartName)
_DIRECTIONS = {
    "north": "north",
    "northern": "north",
    "south": "south",
    "southern": "south",
    "east": "east",
    "eastern": "east",
    "west": "west",
    "western": "west",
    "northeast": "north-east",
    "northeastern": "north-east",
    "northwest": "north-west",
    "northwestern": "north-west",
    "southeast": "south-east",
    "southeastern": "south-east",
    "southwest": "south-west",
    "southwestern": "south-west",
}
_AREAS = {
    "centre": "centre",
    "center": "centre",
    "central": "centre",
    "downtown": "centre",
    "heart": "centre",
    "outskirts": "outskirts",
    "suburbs": "outskirts",
    "suburb": "outskirts",
    "periphery": "outskirts",
    "environs": "outskirts",
    "surroundings": "outskirts",
    "edge": "edge",
    "edges": "edge",
    "fringes": "edge",
    "countryside": "countryside",
    "rural": "countryside",
    "villages": "countryside",
}
# "At the gates of X", "on the approaches to X": said of the place itself, not of a part.
_APPROACHES = {"gate", "gates", "approach", "approaches", "doorstep", "entrance", "entrances"}
_WORD = re.compile(r"[a-z]+")


def normalize_part(part: str | None) -> str | None:
    """The part of the place a claim's part text names, in the vocabulary of `PARTS`, or
    None (the whole place, or text that names no part: "side", "the gates").

    A direction wins over an area ("southern edge" is the south); "north-eastern",
    "north east" and "northeastern" are one part.
    """
    if part is None:
        return None
    words = _WORD.findall(part.lower().replace("-", ""))
    joined = "".join(words)
    if joined in _DIRECTIONS:
        return _DIRECTIONS[joined]
    for first, second in itertools.pairwise(words):
        if first + second in _DIRECTIONS:
            return _DIRECTIONS[first + second]
    for word in words:
        if word in _DIRECTIONS:
            return _DIRECTIONS[word]
    for word in words:
        if word in _AREAS:
            return _AREAS[word]
    return None


def names_a_part(part: str | None) -> bool:
    """Whether the claim is about some part of the place rather than all of it, even when
    the part is not one of `PARTS` ("the only side that remains"): such a claim is a
    presence in the place, never control of all of it. Approaches ("at the gates of") are
    about the place itself."""
    if part is None or not part.strip():
        return False
    words = set(_WORD.findall(part.lower()))
    return normalize_part(part) is not None or not words <= _APPROACHES
