"""ACLED's codes, as data: regions, disorder types, actor categories and interactions.

Source: the ACLED Codebook (Armed Conflict Location & Event Data), sections "Region",
"Disorder type", "Actor type / inter codes" and "Interaction", and ACLED's export column
list. Pure values and functions: the CSV export (`api/exports/acled.py`) reads them.
"""

from __future__ import annotations

import uuid

from sitrep_schemas import ACLED_EVENT_TYPE_OF

__all__ = [
    "ACLED_COLUMNS",
    "ACLED_REGION_OF",
    "INTER_CIVILIANS",
    "INTER_CODE",
    "INTER_UNIDENTIFIED",
    "disorder_type",
    "event_id_cnty",
    "event_type_of",
    "interaction",
]

# ACLED's export, column for column and in this order.
ACLED_COLUMNS = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
)

# The actor dictionary's `actor_type` -> ACLED's numeric inter code.
INTER_CODE = {
    "state_forces": 1,
    "rebel_group": 2,
    "political_militia": 3,
    "identity_militia": 4,
    "rioters": 5,
    "protesters": 6,
    "civilians": 7,
    "external_forces": 8,
}
# ACLED codes an unnamed perpetrator as "Unidentified Armed Group (<country>)", a political
# militia; victims of violence against civilians as "Civilians (<country>)".
INTER_UNIDENTIFIED = 3
INTER_CIVILIANS = 7

_REGIONS = {
    "Western Africa": "BJ BF CV CI GM GH GN GW LR ML MR NE NG SN SL TG SH",
    "Middle Africa": "AO CM CF TD CG CD GQ GA ST",
    "Eastern Africa": "BI KM DJ ER ET KE MG MW MU YT MZ RE RW SC SO SS TZ UG ZM ZW",
    "Southern Africa": "BW SZ LS NA ZA",
    "Northern Africa": "DZ EG LY MA SD TN EH",
    "Middle East": "BH IR IQ IL JO KW LB OM PS QA SA SY TR AE YE",
    "South Asia": "AF BD BT IN MV NP PK LK",
    "Southeast Asia": "BN KH ID LA MY MM PH SG TH TL VN",
    "East Asia": "CN HK JP KP KR MO MN TW",
    "Caucasus and Central Asia": "AM AZ GE KZ KG TJ TM UZ",
    "Europe": "AL AD AT BY BE BA BG HR CY CZ DK EE FO FI FR DE GI GR GG HU IS IE IM IT JE "
    "XK LV LI LT LU MT MD MC ME NL MK NO PL PT RO RU SM RS SK SI ES SJ SE CH UA GB VA AX",
    "Central America": "BZ CR SV GT HN MX NI PA",
    "Caribbean": "AI AG AW BS BB BQ VG KY CU CW DM DO GD GP HT JM MQ MS PR BL KN LC MF VC "
    "SX TT TC VI",
    "South America": "AR BO BR CL CO EC FK GF GY PY PE SR UY VE GS",
    "North America": "CA US GL PM BM",
    "Oceania": "AS AU CK FJ PF GU KI MH FM NR NC NZ NU NF MP PW PG PN WS SB TK TO TV UM VU WF",
    "Antarctica": "AQ BV HM TF IO CX CC",
}
# ISO 3166-1 alpha-2 -> ACLED's region; used until `seeds/actors/countries.tsv` gives it.
ACLED_REGION_OF: dict[str, str] = {
    code: region for region, codes in _REGIONS.items() for code in codes.split()
}

_DISORDER_OF_EVENT_TYPE = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Riots": "Political violence",
    "Protests": "Demonstrations",
    "Strategic developments": "Strategic developments",
}
# Sub-event types ACLED files under both.
_BOTH = {"Excessive force against protesters", "Mob violence"}


def event_type_of(sub_event_type: str | None) -> str | None:
    return ACLED_EVENT_TYPE_OF.get(sub_event_type) if sub_event_type else None


def disorder_type(sub_event_type: str) -> str:
    if sub_event_type in _BOTH:
        return "Political violence; Demonstrations"
    return _DISORDER_OF_EVENT_TYPE[ACLED_EVENT_TYPE_OF[sub_event_type]]


def interaction(inter1: int, inter2: int) -> int:
    """ACLED's interaction code: the two inter codes, lower first (`17`); `10` etc. for an
    event with one actor (inter2 0)."""
    if inter2 == 0:
        return inter1 * 10
    low, high = sorted((inter1, inter2))
    return low * 10 + high


def event_id_cnty(iso3: str, incident_key: uuid.UUID) -> str:
    """ACLED's style (`IRQ12345`): the country's alpha-3 code and a number.

    The number comes from the incident key (a UUIDv5 over the incident's content), not from
    a sequence, so the same incident has the same id after any rebuild. Ten hex digits (up
    to 13 decimal ones): two incidents of one country share one by chance about once in
    10^12 pairs.
    """
    return f"{iso3}{int(incident_key.hex[:10], 16)}"
