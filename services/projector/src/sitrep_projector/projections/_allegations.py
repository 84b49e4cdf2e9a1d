"""What the allegations read model keeps of an `AllegationReported` event.

`TYPE_FAMILY` is the one place that says which allegation types describe the same kind of
act when two sources word it differently ("killed 17" and "executed 17"): add a new
allegation type there, with a test in `tests/unit/projections/test_incidents.py`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

__all__ = [
    "CASUALTY_KINDS",
    "NON_EVENT_MODALITIES",
    "TYPE_FAMILY",
    "AllegationClaim",
    "CountRange",
    "type_family",
]

TYPE_FAMILY: dict[str, str] = {
    "killing": "killing",
    "execution": "killing",
    "abduction": "abduction",
    "arrest": "arrest",
    "looting": "looting",
    "property_destruction": "destruction",
    "religious_site_destruction": "destruction",
    "torture": "torture",
    "sexual_violence": "sexual_violence",
    "displacement": "displacement",
    # Sources often confuse an air strike with shelling, and one bomb with another kind.
    "airstrike": "strike",
    "shelling": "strike",
    "bombing": "explosion",
    "suicide_bombing": "explosion",
    "explosive_device": "explosion",
    "grenade": "explosion",
    "chemical_attack": "chemical_attack",
    "armed_clash": "armed_clash",
    "force_against_protesters": "force_against_protesters",
    "threat": "threat",
    "obstruction": "obstruction",
    "other": "other",
}

CASUALTY_KINDS = ("killed", "injured", "abducted", "arrested")

# An allegation in these modes does not report that something happened: it is kept as a
# claim but never joins an incident.
NON_EVENT_MODALITIES = frozenset({"future", "hypothetical", "negated"})

# How long before its article an undated allegation may have happened.
UNDATED_LOOKBACK = timedelta(days=7)
# The span a date of coarse ACLED time precision stands for (2: a week, 3: a month).
_PRECISION_SPAN = {1: timedelta(0), 2: timedelta(days=6), 3: timedelta(days=30)}


def type_family(allegation_type: str) -> str:
    return TYPE_FAMILY.get(allegation_type, allegation_type)


@dataclass(frozen=True, slots=True)
class CountRange:
    """UCDP-style estimate of a number of people. Missing bounds are filled from the others."""

    low: int | None = None
    best: int | None = None
    high: int | None = None

    @property
    def known(self) -> bool:
        return self.low is not None or self.best is not None or self.high is not None

    def filled(self) -> CountRange:
        best = self.best
        if best is None:
            best = self.low if self.low is not None else self.high
        low = self.low if self.low is not None else best
        high = self.high if self.high is not None else best
        return CountRange(low, best, high)


@dataclass(frozen=True, slots=True)
class AllegationClaim:
    """One allegation as the read model stores it, with what clustering needs to know."""

    claim_id: str
    allegation_type: str
    recorded_at: datetime
    article_id: str
    modality: str = "asserted"
    perpetrator_actor_id: str | None = None
    perpetrator_side: str | None = None
    place_id: str | None = None
    place_name: str | None = None
    admin1: str | None = None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    geo_precision: int | None = None
    locality: str | None = None  # the place it clusters within; None: province level
    date_start: date | None = None
    date_end: date | None = None
    time_precision: int = 3
    reported_on: date | None = None  # the article's publication date
    publisher: str | None = None
    content_hash: str | None = None  # of the whole article: equal for a re-post or a copy
    sentence: str | None = None
    acled_sub_event_type: str | None = None
    killed: CountRange = CountRange()
    injured: CountRange = CountRange()
    abducted: CountRange = CountRange()
    arrested: CountRange = CountRange()
    confidence: float = 1.0
    published_at: datetime | None = None  # when its article was published, if it says

    @property
    def family(self) -> str:
        return type_family(self.allegation_type)

    @property
    def perpetrator(self) -> str | None:
        return self.perpetrator_side or self.perpetrator_actor_id or None

    @property
    def coarse_place(self) -> bool:
        """Known only to the province (or not at all): it may belong with any town in it."""
        return self.place_id is None or self.geo_precision == 3

    @property
    def span(self) -> tuple[date, date]:
        """The days the allegation may refer to, widened by its time precision."""
        reported = self.reported_on or self.recorded_at.date()
        start = self.date_start or self.date_end
        if start is None:
            return (reported - UNDATED_LOOKBACK, reported)
        end = self.date_end or start
        if self.date_end is None:
            end = start + _PRECISION_SPAN.get(self.time_precision, timedelta(0))
        return (min(start, end), max(start, end))

    def count(self, kind: str) -> CountRange:
        value: CountRange = getattr(self, kind)
        return value
