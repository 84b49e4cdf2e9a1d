"""Which of a name's gazetteer entries the text means, given what the article has named.

By the provinces and countries the article names, then the countries its actors hint at, then
by population only when one candidate dwarfs the others (a city of a million against villages
of the same name); a real tie stays ambiguous, never guessed. A bare name that is both a town
and its division is the town ("Raqqa"); the division needs its noun ("Raqqa province").
"""

from __future__ import annotations

from .lexicon import PlaceEntry
from .text import fold_key

__all__ = ["pick_place"]

_POPULATED = frozenset({"city", "town", "village"})
_DOMINANT = 10  # how many times more populous the first candidate must be to win alone
_BESIDE_DEGREES = 0.1  # about 11 km


def pick_place(
    candidates: tuple[PlaceEntry, ...],
    suffixed: bool,
    countries: set[str],
    admin1s: set[str],
    hinted: set[str],
    name: str = "",
) -> PlaceEntry | None:
    """`countries`: the countries the article places things in; `hinted`: those its actors
    belong to (a preference only, since armies fight abroad); `name`: the name as written, given
    when only armed groups, which mostly fight at home, hint at where."""
    if not candidates:
        return None
    pool = list(candidates)
    if not suffixed and any(c.feature_type in _POPULATED for c in pool):
        # the town, not its division ("Raqqa"); a province with no town of its name in its
        # own country stays ("Borno" is the Nigerian state, not a village in Italy)
        towns = {c.country for c in pool if c.feature_type in _POPULATED}
        pool = [
            c
            for c in pool
            if c.feature_type in _POPULATED
            or c.feature_type == "country"
            or (c.feature_type == "province" and c.country not in towns)
        ]
    in_country = [c for c in pool if c.country in countries]
    if not in_country and countries:
        # The article's places lie in other countries: a namesake elsewhere is no answer (the
        # gazetteer may lack the village meant); leave it unresolved with its candidates.
        return None
    if not in_country:
        # none where the actors are: the doers may fight abroad ("a Russian strike on
        # Kremenchuk"), so population decides as if nothing were hinted
        in_country = [c for c in pool if c.country in hinted]
        if hinted and not in_country and name:
            # ... but a place far from every actor's country known only by another name
            # ("Baga", an old name of Bargarh in India, in a story of ISWAP) is no answer
            pool = [c for c in pool if fold_key(c.name) == fold_key(name)]
            if not pool:
                return None
    pool = in_country or pool
    in_admin = [c for c in pool if c.admin1 and c.admin1 in admin1s]
    pool = in_admin or pool
    if len(pool) == 1:
        return pool[0]
    pool.sort(key=lambda c: -c.population)
    # GeoNames lists some towns twice ("Al-Junaynah" and "El Geneina Fort", 3 km apart): a
    # namesake next to the largest is the same place, not a rival
    pool = [pool[0], *(c for c in pool[1:] if not _beside(c, pool[0]))]
    if len(pool) == 1 or pool[0].population >= _DOMINANT * max(1, pool[1].population):
        return pool[0]
    return None


def _beside(a: PlaceEntry, b: PlaceEntry) -> bool:
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return False
    return (
        a.country == b.country
        and abs(a.lat - b.lat) < _BESIDE_DEGREES
        and abs(a.lon - b.lon) < _BESIDE_DEGREES
    )
