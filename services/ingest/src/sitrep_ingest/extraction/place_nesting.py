"""A place named just before the country or province it lies in: "Misrata in western Libya",
"the village of Robotyne in the Zaporizhzhia region"."""

from __future__ import annotations

import dataclasses
import itertools
import re

from .mentions import PlaceMention

__all__ = ["inside_named_provinces", "lies_within"]

_POPULATED = frozenset({"city", "town", "village"})

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


def inside_named_provinces(text: str, places: list[PlaceMention]) -> list[PlaceMention]:
    """A town said to lie in a province ("Robotyne in the Zaporizhzhia region") is one of that
    province's towns: a namesake elsewhere, or a near spelling in another province, is no
    answer, and the mention stays unresolved with its text when the province has none. Of
    a name many villages share ("Novoselivka"), the one in that province."""
    out = list(places)
    for i, (inner, outer) in enumerate(itertools.pairwise(places)):
        town, province = inner.chosen, outer.chosen
        if province is None or province.feature_type != "province" or province.admin1 is None:
            continue
        if town is None and not inner.candidates:
            continue
        if town is not None and town.feature_type not in _POPULATED:
            continue
        if not _LIES_IN.fullmatch(text[inner.end : outer.start]):
            continue
        if town is not None and (town.country, town.admin1) == (province.country, province.admin1):
            continue
        inside = [
            c
            for c in inner.candidates
            if (c.country, c.admin1) == (province.country, province.admin1)
            and c.feature_type in _POPULATED
        ]
        out[i] = dataclasses.replace(inner, chosen=inside[0] if len(inside) == 1 else None)
    return out
