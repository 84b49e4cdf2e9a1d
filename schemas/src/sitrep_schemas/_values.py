"""Value objects shared by the claim events: places, actors, time, counts, attribution.

Field conventions follow the field's references: ACLED's geo and time precision codes (1 is
the most precise, 3 the least), UCDP GED's low/best/high counts, GDELT's sentence-level
provenance with character offsets.
"""

from __future__ import annotations

import uuid
from datetime import date
from enum import StrEnum

from pydantic import Field

from ._envelope import Payload

__all__ = [
    "ActorRef",
    "ActorType",
    "Attribution",
    "Count",
    "Counts",
    "EventTime",
    "Modality",
    "PlaceRef",
    "PlaceRole",
    "Provenance",
    "SourceKind",
    "Span",
    "TimeGranularity",
    "Victims",
]


class Modality(StrEnum):
    """How the text presents a claim (PLOVER modes plus attribution strength)."""

    ASSERTED = "asserted"  # the publisher states it in its own voice
    REPORTED = "reported"  # attributed to a named reporter (agency, think tank, outlet)
    ALLEGED = "alleged"  # attributed to unnamed or local sources, or explicitly "alleged"
    CLAIMED_BY_PARTY = "claimed_by_party"  # asserted by a party to the conflict
    DENIED = "denied"  # the text reports a denial of it
    NEGATED = "negated"  # the text says it did not happen
    FUTURE = "future"  # planned, aimed at, expected, an objective
    HYPOTHETICAL = "hypothetical"  # could, would, if
    HISTORICAL = "historical"  # background, well before the reporting period


class SourceKind(StrEnum):
    PUBLISHER = "publisher"  # no explicit attribution: the article's own voice
    MEDIA = "media"  # a news outlet or agency (Aljazeera, Sputnik, al-Mayadin, BBC)
    THINK_TANK = "think_tank"  # analysts and monitors (ISW, SOHR)
    OFFICIAL = "official"  # a government or international official speaking as such
    PARTY_TO_CONFLICT = "party_to_conflict"  # a commander, spokesman or outlet of a belligerent
    LOCAL_SOURCES = "local_sources"  # "local sources", residents, tribal figures
    WITNESS = "witness"
    UNNAMED = "unnamed"  # "sources", "reports", "it was reported"


class ActorType(StrEnum):
    """ACLED's actor categories ("inter" codes 1-8)."""

    STATE_FORCES = "state_forces"
    REBEL_GROUP = "rebel_group"
    POLITICAL_MILITIA = "political_militia"
    IDENTITY_MILITIA = "identity_militia"
    RIOTERS = "rioters"
    PROTESTERS = "protesters"
    CIVILIANS = "civilians"
    EXTERNAL_FORCES = "external_forces"


class TimeGranularity(StrEnum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"
    RANGE = "range"  # an explicit span such as "in February and March"


class PlaceRole(StrEnum):
    EVENT_SITE = "event_site"
    VICTIMS_ORIGIN = "victims_origin"  # "kidnapped 73 men from Garma": not necessarily the site
    TARGET = "target"  # the objective of an advance or an attack
    UNKNOWN = "unknown"


class Span(Payload):
    """Character offsets [start, end) into the paragraph text."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)


class PlaceRef(Payload):
    """A place as mentioned, resolved against the gazetteer when possible."""

    mention: str = Field(description="The place as written in the text.")
    place_id: str | None = Field(
        default=None, description="Gazetteer id (e.g. `geonames:98182`); null when unresolved."
    )
    name: str | None = Field(default=None, description="Canonical gazetteer name.")
    feature_type: str | None = Field(
        default=None,
        description="city, town, village, district, province, country, crossroads, airbase, "
        "site, region, river",
    )
    country: str | None = Field(default=None, description="ISO 3166-1 alpha-2 code.")
    admin1: str | None = Field(default=None, description="Province / governorate name.")
    admin2: str | None = Field(default=None, description="District name.")
    lat: float | None = Field(default=None, ge=-90, le=90)
    lon: float | None = Field(default=None, ge=-180, le=180)
    geo_precision: int | None = Field(
        default=None,
        ge=1,
        le=3,
        description="ACLED geo precision: 1 the named town, 2 near it or part of a region, "
        "3 only the province.",
    )
    part: str | None = Field(
        default=None,
        description="A part of the place the claim is about: `northern`, `southern edge`, "
        "`western bank`.",
    )
    resolved: bool = Field(description="False when the gazetteer has no (single) match.")
    candidates: tuple[str, ...] = Field(
        default=(), description="Gazetteer ids left when a name is ambiguous."
    )
    span: Span | None = None


class ActorRef(Payload):
    """An actor as mentioned, resolved against the actor dictionary when possible."""

    mention: str = Field(description="The actor as written in the text.")
    actor_id: str | None = Field(default=None, description="Actor dictionary id, e.g. `isis`.")
    name: str | None = Field(default=None, description="Canonical actor name.")
    actor_type: ActorType | None = None
    side: str | None = Field(
        default=None,
        description="The coalition the actor fought with at that date, e.g. "
        "`iraqi_government`, `syrian_government`, `isis`, `sdf`.",
    )
    country: str | None = Field(default=None, description="ISO 3166-1 alpha-2 code.")
    resolved: bool
    span: Span | None = None


class EventTime(Payload):
    """When the reported event happened, resolved against the article's date."""

    start: date | None = None
    end: date | None = None
    precision: int = Field(
        default=3,
        ge=1,
        le=3,
        description="ACLED time precision: 1 the day is known, 2 the week, 3 the month or less.",
    )
    granularity: TimeGranularity | None = None
    expression: str | None = Field(
        default=None, description="The words the date was read from, e.g. `on Sunday`."
    )
    anchor: date | None = Field(
        default=None, description="The date relative expressions were resolved against."
    )


class Count(Payload):
    """A number of people, UCDP-style: a low, a best and a high estimate."""

    low: int | None = Field(default=None, ge=0)
    best: int | None = Field(default=None, ge=0)
    high: int | None = Field(default=None, ge=0)
    expression: str | None = Field(default=None, description="e.g. `73`, `dozens`, `17 of them`.")


class Counts(Payload):
    killed: Count | None = None
    injured: Count | None = None
    abducted: Count | None = None
    arrested: Count | None = None


class Victims(Payload):
    description: str | None = Field(default=None, description="e.g. `73 men`, `civilians`.")
    group: str | None = Field(
        default=None,
        description="civilians, men, women, children, combatants, journalists, protesters, "
        "detainees, residents",
    )


class Attribution(Payload):
    """Who asserts a claim, and with what verb."""

    source: str | None = Field(
        default=None, description="Who says so, e.g. `Aljazeera`, `local sources`, `ISW`."
    )
    source_kind: SourceKind = SourceKind.PUBLISHER
    actor: ActorRef | None = Field(
        default=None, description="The speaker as an actor, when a party to the conflict speaks."
    )
    verb: str | None = Field(default=None, description="e.g. `reported`, `told a news conference`.")
    span: Span | None = None


class Provenance(Payload):
    """Where exactly a claim was read: down to the sentence and its character offsets."""

    article_id: uuid.UUID
    paragraph_id: uuid.UUID
    paragraph_index: int = Field(ge=0)
    sentence_index: int = Field(ge=0)
    sentence_start: int = Field(ge=0, description="Offset of the sentence in the paragraph.")
    sentence_end: int = Field(ge=0)
    char_start: int = Field(ge=0, description="Offset of the claim's trigger in the paragraph.")
    char_end: int = Field(ge=0)
    sentence: str = Field(description="The sentence text.")
    trigger: str = Field(description="The words that triggered the claim, e.g. `kidnapped`.")
