"""What the read models know about places and actors beyond what a claim says.

Plain values (read from the gazetteer and the actor dictionary by `sitrep_projector.reference`):
the projections take names, provinces and sides from here where they know an id.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

__all__ = ["KnownActor", "KnownCountry", "KnownPlace", "Position", "Reference"]

_GENERIC_GOVERNMENT = "government"  # the side of unnamed state forces ("the army", "troops")
_ADMIN1_TYPES = frozenset({"province", "governorate", "admin1", "state"})
# The generated per-country state actors (`mil:sd`, `police:sd`) and the generic entry each
# stands for in that country.
_GENERIC_OF_PREFIX = {"mil": "state_forces", "police": "police"}


def _is_generic(actor: KnownActor) -> bool:
    """An entry for unnamed forces of whatever state ("the army"): no country of its own."""
    return actor.side == _GENERIC_GOVERNMENT and actor.country is None


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


@dataclass(frozen=True, slots=True)
class KnownCountry:
    iso2: str
    iso3: str
    iso_numeric: int
    name: str
    acled_region: str | None


@dataclass(frozen=True, slots=True)
class Position:
    """Where to put a place on a map, and what the point stands for."""

    lat: float
    lon: float
    # `place`: the place's own coordinates; `admin2` / `admin1`: the centroid of the
    # district / province it lies in, because the gazetteer has none of its own.
    source: str


@dataclass(frozen=True)
class Reference:
    """The gazetteer's places and the dictionary's actors by id (empty: know nothing)."""

    places: Mapping[str, KnownPlace] = field(default_factory=dict)
    actors: Mapping[str, KnownActor] = field(default_factory=dict)
    fingerprint: str = "none"
    # Every spelling the gazetteer knows (name and aliases), casefolded, to the places so named.
    place_names: Mapping[str, frozenset[str]] = field(default_factory=dict)
    countries: Mapping[str, KnownCountry] = field(default_factory=dict)
    _districts: dict[tuple[str | None, str | None, str], str] = field(
        init=False, repr=False, compare=False
    )
    _governments: dict[str, str] = field(init=False, repr=False, compare=False)
    _admin_positions: dict[tuple[str, str | None, str | None], tuple[float, float]] = field(
        init=False, repr=False, compare=False
    )
    _state_actors: dict[tuple[str, str], str] = field(init=False, repr=False, compare=False)

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
        object.__setattr__(self, "_admin_positions", self._admin_centroids())
        # Country-specific state actors (`mil:sd`, `police:sd`) by (generic id, country).
        state_actors: dict[tuple[str, str], str] = {}
        for actor in self.actors.values():
            prefix, _, code = actor.actor_id.partition(":")
            if code and prefix in _GENERIC_OF_PREFIX and actor.country:
                state_actors[(_GENERIC_OF_PREFIX[prefix], actor.country)] = actor.actor_id
        object.__setattr__(self, "_state_actors", state_actors)
        object.__setattr__(
            self,
            "_governments",
            {
                country: next(iter(national))
                for country, sides in governments.items()
                if len(national := {s for s in sides if s.endswith(f"_{_GENERIC_GOVERNMENT}")}) == 1
            },
        )

    def _admin_centroids(self) -> dict[tuple[str, str | None, str | None], tuple[float, float]]:
        """(country, admin1, admin2) -> a position for the division: its own gazetteer
        coordinates when it has them, else the mean of the places in it that do."""
        own: dict[tuple[str, str | None, str | None], tuple[float, float]] = {}
        sums: dict[tuple[str, str | None, str | None], list[float]] = {}
        for place in self.places.values():
            if place.country is None or place.lat is None or place.lon is None:
                continue
            if place.feature_type in _ADMIN1_TYPES and place.admin1:
                own[(place.country, place.admin1, None)] = (place.lat, place.lon)
            elif place.feature_type == "district":
                own[(place.country, place.admin1, place.name)] = (place.lat, place.lon)
            if place.feature_type in _ADMIN1_TYPES or place.feature_type == "country":
                continue
            keys: list[tuple[str, str | None, str | None]] = (
                [(place.country, place.admin1, None)] if place.admin1 else []
            )
            if place.admin1 and place.admin2:
                keys.append((place.country, place.admin1, place.admin2))
            for key in keys:
                total = sums.setdefault(key, [0.0, 0.0, 0.0])
                total[0] += place.lat
                total[1] += place.lon
                total[2] += 1
        centroids = {key: (t[0] / t[2], t[1] / t[2]) for key, t in sums.items()}
        return centroids | own

    def position_of(
        self,
        place_id: str | None,
        lat: float | None,
        lon: float | None,
        country: str | None,
        admin1: str | None,
    ) -> Position | None:
        """The point for a row at `place_id`: its own coordinates, else its district's or
        its province's centroid; None when not even the province is known."""
        if lat is not None and lon is not None:
            return Position(lat, lon, "place")
        place = self.places.get(place_id) if place_id else None
        if place is not None:
            if place.lat is not None and place.lon is not None:
                return Position(place.lat, place.lon, "place")
            country = country or place.country
            admin1 = admin1 or place.admin1
            if place.feature_type == "district":
                district = self._admin_positions.get(
                    (place.country or "", place.admin1, place.name)
                )
                if district is not None:
                    return Position(*district, "admin2")
            elif place.admin2:
                district = self._admin_positions.get(
                    (place.country or "", place.admin1, place.admin2)
                )
                if district is not None:
                    return Position(*district, "admin2")
        if country and admin1:
            province = self._admin_positions.get((country, admin1, None))
            if province is not None:
                return Position(*province, "admin1")
        return None

    def actor_in(self, actor_id: str | None, country: str | None) -> str | None:
        """The actor id to report: a generic dictionary entry (`state_forces`: "the army",
        "troops") is not an actor but a type; in a country whose own state forces the
        dictionary lists (`mil:sd`) it is those, elsewhere no actor id at all."""
        if actor_id is None:
            return None
        known = self.actors.get(actor_id)
        if known is None or not _is_generic(known):
            return actor_id
        return self._state_actors.get((actor_id, country)) if country else None

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
