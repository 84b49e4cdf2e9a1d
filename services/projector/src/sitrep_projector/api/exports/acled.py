"""Incidents as rows of ACLED's export, for code written for ACLED data.

Column for column as ACLED exports them (`projections.acled.ACLED_COLUMNS`), with ACLED's
codes: numeric ISO 3166-1 country codes, ACLED's region names, disorder types, numeric
actor categories (`inter1`, `inter2`) and interaction codes, and an `event_id_cnty` in
ACLED's style (`IRQ` and a number) that is the same after every rebuild.

Rules where sitrep and ACLED differ (also in docs/projector.md):

- Incidents of types ACLED does not code (threats, obstruction: no ACLED sub-event type)
  are left out, as are incidents with no position at all (not even a province) or no known
  country; the response's `X-Omitted-Rows` header counts them.
- `fatalities` is the best estimate of killed; ACLED records 0 when no fatality is
  reported, and so does this export (the JSON's `killed.best` says null: unknown).
- `actor1` is the first perpetrator named (`assoc_actor_1` the others); an unnamed one is
  ACLED's "Unidentified Armed Group (<country>)", inter code 3. Violence against civilians,
  arrests and looting have `actor2` "Civilians (<country>)", inter code 7; other events no
  `actor2` (inter2 0).
- A place without coordinates of its own is put at its district's or province's centroid,
  `geo_precision` 3, as ACLED does for events known only to a larger area.
- `timestamp` is when the log last recorded a claim of the incident (ACLED: when the row
  was last changed).
"""

from __future__ import annotations

import csv
import io
import uuid
from collections.abc import Iterable
from typing import Any

from ...projections import Reference
from ...projections.acled import (
    ACLED_COLUMNS,
    INTER_CIVILIANS,
    INTER_CODE,
    INTER_UNIDENTIFIED,
    disorder_type,
    event_id_cnty,
    event_type_of,
    interaction,
)

__all__ = ["acled_csv", "acled_row"]

_CIVILIAN_SUB_EVENTS = {"Arrests", "Looting/property destruction"}


def acled_row(item: dict[str, Any], reference: Reference) -> dict[str, Any] | None:
    """One `IncidentSummary` JSON object as one ACLED row; None when it cannot be one."""
    sub_event = item["acled_sub_event_type"]
    event_type = event_type_of(sub_event)
    country = reference.countries.get(item["country"] or "")
    if sub_event is None or event_type is None or country is None:
        return None
    position = reference.position_of(
        item["place_id"], item["lat"], item["lon"], item["country"], item["admin1"]
    )
    if position is None:
        return None
    actors = reference.actors
    names: list[str] = item["perpetrator_actor_names"]
    known = [actors.get(a) for a in item["perpetrator_actor_ids"]]
    inter1 = next(
        (INTER_CODE[k.actor_type] for k in known if k is not None and k.actor_type in INTER_CODE),
        INTER_UNIDENTIFIED,
    )
    actor1 = names[0] if names else f"Unidentified Armed Group ({country.name})"
    civilians = event_type == "Violence against civilians" or sub_event in _CIVILIAN_SUB_EVENTS
    inter2 = INTER_CIVILIANS if civilians else 0
    place = reference.places.get(item["place_id"] or "")
    counts = [
        f"{kind} {item[kind]['best']}"
        for kind in ("killed", "injured", "abducted", "arrested")
        if item[kind]["best"] is not None
    ]
    notes = f"Alleged {', '.join(item['allegation_types'])} by {actor1}"
    if counts:
        notes += f" ({'; '.join(counts)})"
    if item["disputed"]:
        notes += "; disputed"
    return {
        "event_id_cnty": event_id_cnty(country.iso3, uuid.UUID(str(item["incident_id"]))),
        "event_date": item["date_start"].isoformat(),
        "year": item["date_start"].year,
        "time_precision": item["time_precision"],
        "disorder_type": disorder_type(sub_event),
        "event_type": event_type,
        "sub_event_type": sub_event,
        "actor1": actor1,
        "assoc_actor_1": "; ".join(names[1:]),
        "inter1": inter1,
        "actor2": f"Civilians ({country.name})" if civilians else "",
        "assoc_actor_2": "",
        "inter2": inter2,
        "interaction": interaction(inter1, inter2),
        "civilian_targeting": "Civilian targeting"
        if event_type == "Violence against civilians"
        else "",
        "iso": country.iso_numeric,
        "region": country.acled_region or "",
        "country": country.name,
        "admin1": item["admin1"] or (place.admin1 if place else None) or "",
        "admin2": (place.admin2 if place else None) or "",
        "admin3": "",
        "location": item["place_name"] or item["admin1"] or country.name,
        "latitude": round(position.lat, 4),
        "longitude": round(position.lon, 4),
        "geo_precision": item["geo_precision"] or 1 if position.source == "place" else 3,
        "source": "; ".join(item["publishers"]),
        "source_scale": "",
        "notes": notes,
        "fatalities": item["killed"]["best"] or 0,
        "tags": "",
        "timestamp": int(item["last_recorded"].timestamp()),
    }


def acled_csv(items: Iterable[dict[str, Any]], reference: Reference) -> tuple[str, int]:
    """The CSV text, and how many incidents were left out (see the rules above)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=ACLED_COLUMNS, lineterminator="\n")
    writer.writeheader()
    omitted = 0
    for item in items:
        row = acled_row(item, reference)
        if row is None:
            omitted += 1
        else:
            writer.writerow(row)
    return out.getvalue(), omitted
