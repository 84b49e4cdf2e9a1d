"""A place name used as a modifier names no place of an event: "a U.S. soldier", "Nigerian
officials", "the Kenyan border town", "Syria-based groups"."""

from __future__ import annotations

import re

from .mentions import PlaceMention
from .syntax import Parse

__all__ = ["QUALIFIED_NOUNS", "modifies_a_noun"]

# People and institutions a country's or a city's name qualifies.
_QUALIFIED = re.compile(
    r"[ \t]+(?:soldiers?|troops|forces|officials?|military|army|police|embassy|envoy|"
    r"ambassador|diplomats?|spokesm[ae]n|government|authorities|ministry|minister|president|"
    r"officers?|citizens?|nationals?|journalists?|reporters?|media|intelligence|navy|"
    r"warplanes?|jets?|drones?|aircraft|helicopters?|commanders?|leaders?|counterparts?|"
    r"side|officials|administration|department|state media|news agency|correspondents?)\b",
    re.IGNORECASE,
)

# A government named by its capital or country in the possessive: "Abuja's inability to quell
# the insurgency", "Moscow's decision", "Kenya's response".
_METONYM = re.compile(
    r"['’]s[ \t]+(?:inability|failure|failures|decision|decisions|refusal|efforts?|response|"
    r"policy|policies|handling|approach|strategy|demands?|position|stance|plans?|allies|ally|"
    r"offensive|invasion|war|campaign|support|backing|proxies|request|warning|threats?|"
    r"contingent|troops|forces|soldiers|army|military|navy|air force|government|officials|"
    r"president|leaders?|ambassador|embassy|envoy)\b",
    re.IGNORECASE,
)

# The start of an organisation's name: "Sudan People's Liberation Army", "Kenya Defence
# Forces", "Tigray Defense Force".
_ORGANISATION = re.compile(
    r"(?:[ \t]+(?:[A-Z][\w'’-]*|of|for|the|and)){0,4}?[ \t]+(?:Army|Front|Movement|Party|"
    r"Forces?|Council|Brigades?|Alliance|Organi[sz]ation|Corps|Guards?|Militias?|Battalion|"
    r"Regiment|Division)\b"
)

QUALIFIED_NOUNS = frozenset(
    {
        "soldier",
        "soldiers",
        "troops",
        "forces",
        "official",
        "officials",
        "military",
        "army",
        "police",
        "officer",
        "officers",
        "embassy",
        "envoy",
        "ambassador",
        "government",
        "authorities",
        "ministry",
        "minister",
        "president",
        "citizens",
        "journalist",
        "journalists",
        "media",
        "intelligence",
        "navy",
        "commander",
        "commanders",
        "leader",
        "leaders",
        "administration",
        "department",
        "spokesman",
        "court",
        "judge",
        "council",
    }
)


def modifies_a_noun(text: str, place: PlaceMention, parse: Parse | None = None) -> bool:
    if text[place.end : place.end + 1] == "-":
        return True  # "Syria-based", "Iran-backed"
    if (
        _QUALIFIED.match(text, place.end)
        or _ORGANISATION.match(text, place.end)
        or _METONYM.match(text, place.end)
    ):
        return True
    return parse is not None and parse.qualifies_a_noun(place.start, place.end, QUALIFIED_NOUNS)
