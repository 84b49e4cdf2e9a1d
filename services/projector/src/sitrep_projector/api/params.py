"""Query parameters the routes share, each with its bounds and an example.

Dates are strict ISO 8601 (`2016-06-05`) and date-times need a zone (`2016-06-15T12:00:00Z`):
pydantic alone would take `0` or `0.5` as a Unix time. Integers are bounded, so no value a
client sends overflows a database integer; text parameters are bounded and refuse NUL.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from typing import Annotated

from fastapi import Query
from pydantic import AfterValidator, BeforeValidator

__all__ = [
    "TEXT_PATTERN",
    "Admin1Query",
    "AsOfQuery",
    "CountryQuery",
    "CursorQuery",
    "DisputedQuery",
    "FromQuery",
    "IsoDate",
    "IsoDateTime",
    "KnownAtQuery",
    "LimitQuery",
    "MinSourcesQuery",
    "PerpetratorQuery",
    "PlaceQuery",
    "ToQuery",
    "TypeQuery",
]

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DATE_TIME = re.compile(
    r"\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?([Zz]|[+-]\d{2}:\d{2})"
)
# Printable text: no NUL or other control characters (PostgreSQL refuses NUL in text).
TEXT_PATTERN = r"^[^\x00-\x1f\x7f]*$"
_TEXT_MAX = 200


def _iso_date(value: object) -> object:
    if isinstance(value, str) and not _DATE.fullmatch(value):
        raise ValueError("expected an ISO 8601 date, YYYY-MM-DD")
    return value


def _iso_date_time(value: object) -> object:
    if isinstance(value, str) and not _DATE_TIME.fullmatch(value):
        raise ValueError("expected an ISO 8601 date-time with a zone, e.g. 2016-06-15T12:00:00Z")
    return value


def _in_utc(value: datetime) -> datetime:
    try:
        return value.astimezone(UTC)
    except OverflowError as exc:  # 0001-01-01T00:00+01:00 is before the first UTC instant
        raise ValueError("date-time out of range") from exc


IsoDate = Annotated[date, BeforeValidator(_iso_date)]
IsoDateTime = Annotated[datetime, BeforeValidator(_iso_date_time), AfterValidator(_in_utc)]


def _text(description: str, example: str) -> object:
    return Query(
        description=description, max_length=_TEXT_MAX, pattern=TEXT_PATTERN, examples=[example]
    )


LimitQuery = Annotated[int, Query(ge=1, le=500, description="Items per page.", examples=[50])]
CursorQuery = Annotated[
    str | None,
    Query(
        description="`next_cursor` of the previous page; omit for the first page. A cursor "
        "this API did not give is a 400.",
        max_length=1000,
        pattern=r"^[A-Za-z0-9_-]+$",
    ),
]
TypeQuery = Annotated[
    str | None,
    _text("An allegation type (`execution`) or a family (`killing`).", "abduction"),
]
PerpetratorQuery = Annotated[
    str | None,
    _text(
        "A side (`perpetrator_side`, e.g. `iraqi_government`) or an actor id "
        "(`perpetrator_actor_id`, e.g. `pmf`).",
        "pmf",
    ),
]
PlaceQuery = Annotated[
    str | None,
    _text(
        "A place id (`geonames:99454`) or a name in any of the gazetteer's spellings, any "
        "case (`Fallujah`, `Al Fallujah`, `Falluja`).",
        "Fallujah",
    ),
]
Admin1Query = Annotated[str | None, _text("Province / governorate.", "Anbar")]
CountryQuery = Annotated[str | None, _text("ISO 3166-1 alpha-2.", "IQ")]
FromQuery = Annotated[
    IsoDate | None, Query(description="Ending on or after this day.", examples=["2016-06-01"])
]
ToQuery = Annotated[
    IsoDate | None, Query(description="Starting on or before this day.", examples=["2016-06-30"])
]
MinSourcesQuery = Annotated[
    int | None, Query(ge=1, le=1_000_000, description="At least this many sources.")
]
DisputedQuery = Annotated[bool | None, Query(description="Only disputed (or undisputed) ones.")]
AsOfQuery = Annotated[
    IsoDate | None,
    Query(
        description="The situation on this day (default: the latest known).",
        examples=["2016-06-10"],
    ),
]
KnownAtQuery = Annotated[
    IsoDateTime | None,
    Query(
        description="Only what the log had recorded by this time (ISO 8601 with a zone).",
        examples=["2016-06-15T00:00:00Z"],
    ),
]
