"""What the read models know about places and actors beyond what a claim says.

Plain values (read from the gazetteer and the actor dictionary by `sitrep_projector.reference`):
the projections take names, provinces and sides from here where they know an id.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

__all__ = ["KnownActor", "KnownPlace", "Reference"]

_GENERIC_GOVERNMENT = "government"  # the side of unnamed state forces ("the army", "troops")


@dataclass(frozen=True, slots=True)
class KnownPlace:
    place_id: str
    name: str
    feature_type: str | None
    country: str | None
    admin1: str | None
    admin2: str | None
    lat: float | None
    lon: float | None


@dataclass(frozen=True, slots=True)
class KnownActor:
    actor_id: str
    name: str
    actor_type: str | None
    side: str | None
    country: str | None


@dataclass(frozen=True)
class Reference:
    """The gazetteer's places and the dictionary's actors by id (empty: know nothing)."""

    places: Mapping[str, KnownPlace] = field(default_factory=dict)
    actors: Mapping[str, KnownActor] = field(default_factory=dict)
    fingerprint: str = "none"
    # Every spelling the gazetteer knows (name and aliases), casefolded, to the places so named.
    place_names: Mapping[str, frozenset[str]] = field(default_factory=dict)
    _districts: dict[tuple[str | None, str | None, str], str] = field(
        init=False, repr=False, compare=False
    )
    _governments: dict[str, str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        districts: dict[tuple[str | None, str | None, str], str] = {}
        for place in self.places.values():
            if place.feature_type == "district":
                districts[(place.country, place.admin1, place.name.casefold())] = place.place_id
        governments: dict[str, set[str]] = {}
        for actor in self.actors.values():
            if actor.actor_type == "state_forces" and actor.country and actor.side:
                governments.setdefault(actor.country, set()).add(actor.side)
        object.__setattr__(self, "_districts", districts)
        object.__setattr__(
            self,
            "_governments",
            {
                country: next(iter(national))
                for country, sides in governments.items()
                if len(national := {s for s in sides if s.endswith(f"_{_GENERIC_GOVERNMENT}")}) == 1
            },
        )

    def places_named(self, name: str) -> frozenset[str]:
        """The ids of the places the gazetteer spells `name` (any case), several if ambiguous."""
        return self.place_names.get(name.strip().casefold(), frozenset())

    def district_of(self, place_id: str) -> str | None:
        """The district a place lies in (itself, for a district), when the gazetteer says."""
        place = self.places.get(place_id)
        if place is None:
            return None
        if place.feature_type == "district":
            return place.place_id
        if not place.admin2:
            return None
        return self._districts.get((place.country, place.admin1, place.admin2.casefold()))

    def side_of(self, actor_id: str | None, side: str | None, country: str | None) -> str | None:
        """The side an actor fights for, where the claim's place is in `country`.

        Unnamed state forces ("the army", "troops") carry the dictionary's generic side
        `government`: in a country whose national forces the dictionary knows, they are
        those forces' side (`syrian_government` in Syria), as ACLED codes unnamed state
        forces by the country they act in. Elsewhere the generic side stays.
        """
        known = self.actors.get(actor_id) if actor_id else None
        side = side or (known.side if known else None)
        if side == _GENERIC_GOVERNMENT and country:
            return self._governments.get(country, side)
        return side
