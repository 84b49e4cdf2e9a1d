"""A place named just before the country it lies in: "Misrata in western Libya"."""

from __future__ import annotations

import re

from .mentions import PlaceMention

__all__ = ["lies_within"]

_LIES_IN = re.compile(r",?\s+in\s+(?:the\s+)?(?:[a-z-]+\s+){0,2}", re.IGNORECASE)


def lies_within(text: str, place: PlaceMention, places: list[PlaceMention]) -> PlaceMention:
    """For a country, the place named just before it as lying in it ("the town of Kauda in
    southern Sudan": Kauda); any other place as it is."""
    entry = place.chosen
    if entry is None or entry.feature_type != "country":
        return place
    inner = [p for p in places if p.end <= place.start]
    if not inner or not _LIES_IN.fullmatch(text[inner[-1].end : place.start]):
        return place
    found = inner[-1].chosen
    if found is not None and found.country not in (None, entry.country):
        return place
    return inner[-1]
