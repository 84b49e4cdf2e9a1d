"""Incidents in ACLED's export layout, so that tooling built for ACLED data can read ours.

Column names and the actor categories ("inter" codes) follow the ACLED codebook; actor and
country names come from the actor dictionary and the gazetteer. Columns sitrep does not know
(disorder type, associated actors, admin3, source scale, tags) stay empty.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

from sitrep_schemas import ACLED_EVENT_TYPE_OF

from ..reference import default_reference

if TYPE_CHECKING:
    from .routes.incidents import IncidentSummary

__all__ = ["ACLED_COLUMNS", "acled_row"]

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

# ACLED's actor categories: the "inter" codes of its codebook.
_INTER = {
    "state_forces": 1,
    "rebel_group": 2,
    "political_militia": 3,
    "identity_militia": 4,
    "rioters": 5,
    "protesters": 6,
    "civilians": 7,
    "external_forces": 8,
}


@cache
def _country_names() -> dict[str, str]:
    return {
        place.country: place.name
        for place in default_reference().places.values()
        if place.feature_type == "country" and place.country
    }


def _actor1(incident: IncidentSummary) -> tuple[str, int | str]:
    """The perpetrators' names, and their inter code when they share one."""
    actors = default_reference().actors
    names: list[str] = []
    inters: set[int] = set()
    for actor_id in incident.perpetrator_actor_ids:
        known = actors.get(actor_id)
        names.append(known.name if known else actor_id)
        if known is not None and known.actor_type in _INTER:
            inters.add(_INTER[known.actor_type])
    name = "; ".join(names) or incident.perpetrator or ""
    return name, inters.pop() if len(inters) == 1 else ""


def acled_row(incident: IncidentSummary) -> dict[str, Any]:
    """One incident as one ACLED row; fatalities is the best estimate of killed."""
    sub_event = incident.acled_sub_event_type or ""
    event_type = ACLED_EVENT_TYPE_OF.get(sub_event, "")
    actor1, inter1 = _actor1(incident)
    counts = [
        f"{kind} {estimate.best}"
        for kind, estimate in (
            ("killed", incident.killed),
            ("injured", incident.injured),
            ("abducted", incident.abducted),
            ("arrested", incident.arrested),
        )
        if estimate.best is not None
    ]
    notes = f"Alleged {', '.join(incident.allegation_types)} by {actor1 or 'unknown'}"
    if counts:
        notes += f" ({'; '.join(counts)})"
    if incident.disputed:
        notes += "; disputed"
    country = incident.country or ""
    return {
        "event_id_cnty": str(incident.incident_id),
        "event_date": incident.date_start.isoformat(),
        "year": incident.date_start.year,
        "time_precision": incident.time_precision,
        "event_type": event_type,
        "sub_event_type": sub_event,
        "actor1": actor1,
        "inter1": inter1,
        "civilian_targeting": "Civilian targeting"
        if event_type == "Violence against civilians"
        else "",
        "iso": country,
        "country": _country_names().get(country, country),
        "admin1": incident.admin1 or "",
        "location": incident.place_name or "",
        "latitude": "" if incident.lat is None else incident.lat,
        "longitude": "" if incident.lon is None else incident.lon,
        "geo_precision": "" if incident.geo_precision is None else incident.geo_precision,
        "source": "; ".join(incident.publishers),
        "notes": notes,
        "fatalities": incident.killed.best or 0,
        "timestamp": int(incident.last_reported.timestamp()),
    }
