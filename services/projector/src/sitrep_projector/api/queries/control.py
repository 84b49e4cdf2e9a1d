"""The control read model's SQL: intervals by place, as of a day, as known at a time, and
the state of a place with its parts nested."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Select, or_, select
from sqlmodel import Session

from ...db.actor_lists import actor_ids, lists_actor
from ...db.bulk import any_of, table_of
from ...db.derived import ControlIntervalRow
from ...db.places import PlaceRow
from ...db.timelines import control_claims_of, interval_row, places_by_id
from ...projections import PARTS, PlaceState, Reference, control_as_of
from .common import actor_names, equal_to, is_place
from .keyset import decode_cursor, page_of, where_after

__all__ = [
    "ControlFilter",
    "control_changes_page",
    "control_page",
    "current_places_page",
    "entry_json",
    "place_history",
    "place_state",
]


def entry_json(row: Mapping[Any, Any], reference: Reference) -> dict[str, Any]:
    """An interval row as `ControlEntry`'s JSON object."""
    controllers = actor_ids(row["controller_actors"])
    challengers = actor_ids(row["challenger_actors"])
    return {
        "place_id": row["place_id"],
        "place_name": row["place_name"],
        "part": row["part_key"] or None,
        "country": row["country"],
        "admin1": row["admin1"],
        "lat": row["lat"],
        "lon": row["lon"],
        "valid_from": row["valid_from"],
        "valid_to": row["valid_to"],
        "controller_side": row["controller"],
        "controller_actor_ids": controllers,
        "controller_actor_names": actor_names(reference, controllers),
        "state": row["state"],
        "challenger_sides": actor_ids(row["challengers"]),
        "challenger_actor_ids": challengers,
        "challenger_actor_names": actor_names(reference, challengers),
        "supporting_claim_ids": list(row["supporting_claim_ids"]),
        "contradicting_claim_ids": list(row["contradicting_claim_ids"]),
        "publishers": list(row["publishers"]),
        "publisher_count": row["publisher_count"],
        "latest_claim_id": row["latest_claim_id"],
    }


@dataclass(frozen=True)
class ControlFilter:
    """What `/v1/control` and its exports narrow the places to (None: not filtered)."""

    country: str | None = None
    admin1: str | None = None
    place: str | None = None
    controller: str | None = None
    state: PlaceState | None = None

    def intervals(self, query: Select[Any], reference: Reference) -> Select[Any]:
        """`query` over the stored intervals, narrowed."""
        t = table_of(ControlIntervalRow)
        query = query.where(*equal_to(t, country=self.country, admin1=self.admin1))
        if self.place is not None:
            query = query.where(is_place(reference, t.c.place_id, self.place, t.c.place_name))
        if self.controller is not None:
            query = query.where(
                or_(
                    t.c.controller == self.controller,
                    lists_actor(t.c.controller_actors, self.controller),
                )
            )
        if self.state is not None:
            query = query.where(t.c.state == self.state.value)
        return query

    def places(self, reference: Reference) -> Select[Any]:
        """The ids of the places whose timelines may pass (by country, province and place)."""
        p = table_of(PlaceRow)
        query = select(p.c.place_id).where(*equal_to(p, country=self.country, admin1=self.admin1))
        if self.place is not None:
            query = query.where(is_place(reference, p.c.place_id, self.place, p.c.name))
        return query

    def keeps(self, entry: Mapping[str, Any]) -> bool:
        """Whether an interval computed in memory passes the controller and state filters."""
        if self.controller is not None and not (
            entry["controller_side"] == self.controller
            or self.controller in entry["controller_actor_ids"]
        ):
            return False
        return self.state is None or entry["state"] == self.state.value


def _part_order(entry: Mapping[str, Any]) -> tuple[str, int]:
    part = entry["part"]
    if part is None:
        return (entry["place_id"], -1)
    return (entry["place_id"], PARTS.index(part) if part in PARTS else len(PARTS))


def control_page(
    session: Session,
    reference: Reference,
    wanted: ControlFilter,
    as_of: date | None,
    known_at: datetime | None,
    limit: int,
    cursor: str | None,
) -> dict[str, Any]:
    """A `Page[ControlEntry]` as a JSON object: stored intervals, or (with `known_at`) the
    timelines recomputed from the claims recorded by then."""
    if known_at is not None:
        return _known_at_page(session, reference, wanted, as_of, known_at, limit, cursor)
    t = table_of(ControlIntervalRow)
    query = wanted.intervals(select(t), reference)
    if as_of is None:
        query = query.where(t.c.is_current.is_(True))
    else:
        query = query.where(
            t.c.valid_from <= as_of, or_(t.c.valid_to.is_(None), t.c.valid_to > as_of)
        )
    query = where_after(query, [t.c.place_id, t.c.part_key], False, cursor, [str, str])
    entries = [
        entry_json(r, reference) for r in session.execute(query.limit(limit + 1)).mappings().all()
    ]
    items, next_cursor = page_of(entries, limit, lambda e: [e["place_id"], e["part"] or ""])
    return {"items": items, "next_cursor": next_cursor}


def _known_at_entries(
    session: Session,
    reference: Reference,
    place_ids: Sequence[str],
    as_of: date,
    known_at: datetime,
) -> list[dict[str, Any]]:
    claims = control_claims_of(session, place_ids)
    answer = control_as_of(claims, as_of, known_at)
    info = places_by_id(session, place_ids)
    return [
        entry_json(interval_row(interval, info.get(key[0])), reference)
        for key, interval in sorted(answer.items(), key=lambda kv: (kv[0][0], kv[0][1] or ""))
    ]


def _known_at_page(
    session: Session,
    reference: Reference,
    wanted: ControlFilter,
    as_of: date | None,
    known_at: datetime,
    limit: int,
    cursor: str | None,
) -> dict[str, Any]:
    place_ids = sorted(session.execute(wanted.places(reference)).scalars())
    entries = _known_at_entries(session, reference, place_ids, as_of or known_at.date(), known_at)
    entries = [e for e in entries if wanted.keeps(e)]
    if cursor is not None:
        last = tuple(decode_cursor(cursor, 2))
        entries = [e for e in entries if (e["place_id"], e["part"] or "") > last]
    items, next_cursor = page_of(entries, limit, lambda e: [e["place_id"], e["part"] or ""])
    return {"items": items, "next_cursor": next_cursor}


def place_history(session: Session, reference: Reference, place_id: str) -> list[dict[str, Any]]:
    """Every interval of a place and its parts, the whole place first, oldest first."""
    t = table_of(ControlIntervalRow)
    rows = session.execute(
        select(t).where(t.c.place_id == place_id).order_by(t.c.part_key, t.c.valid_from)
    ).mappings()
    return [entry_json(r, reference) for r in rows]


def control_changes_page(
    session: Session,
    reference: Reference,
    wanted: ControlFilter,
    since: date,
    until: date | None,
    limit: int,
    cursor: str | None,
) -> dict[str, Any]:
    t = table_of(ControlIntervalRow)
    query = wanted.intervals(select(t), reference).where(t.c.valid_from >= since)
    if until is not None:
        query = query.where(t.c.valid_from < until)
    query = where_after(
        query,
        [t.c.valid_from, t.c.place_id, t.c.part_key],
        False,
        cursor,
        [date.fromisoformat, str, str],
    ).limit(limit + 1)
    entries = [entry_json(r, reference) for r in session.execute(query).mappings().all()]
    items, next_cursor = page_of(
        entries, limit, lambda e: [e["valid_from"].isoformat(), e["place_id"], e["part"] or ""]
    )
    return {"items": items, "next_cursor": next_cursor}


def _part_state(entry: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "part": entry["part"],
        "state": entry["state"],
        "controller_side": entry["controller_side"],
        "controller_actor_ids": entry["controller_actor_ids"],
        "challenger_sides": entry["challenger_sides"],
        "challenger_actor_ids": entry["challenger_actor_ids"],
        "valid_from": entry["valid_from"],
        "valid_to": entry["valid_to"],
        "supporting_claim_ids": entry["supporting_claim_ids"],
    }


def _nested(
    place_id: str, entries: Sequence[Mapping[str, Any]], place: Mapping[str, Any] | None
) -> dict[str, Any]:
    """`PlaceControl`'s JSON object from the intervals of one place (whole and parts); the
    place's name and position from the places read model, else from its intervals."""
    entries = sorted(entries, key=_part_order)
    first: Mapping[str, Any] = entries[0] if entries else {}
    about = {
        "place_name": place["name"] if place else first.get("place_name"),
        "country": place["country"] if place else first.get("country"),
        "admin1": place["admin1"] if place else first.get("admin1"),
        "lat": place["lat"] if place else first.get("lat"),
        "lon": place["lon"] if place else first.get("lon"),
    }
    return {
        "place_id": place_id,
        **about,
        "whole": next((e for e in entries if e["part"] is None), None),
        "parts": [_part_state(e) for e in entries if e["part"] is not None],
    }


def place_state(
    session: Session,
    reference: Reference,
    place_id: str,
    as_of: date | None,
    known_at: datetime | None,
) -> dict[str, Any] | None:
    """A `PlaceStateView` as a JSON object; None when no control claim names the place."""
    t = table_of(ControlIntervalRow)
    if known_at is None:
        query = select(t).where(t.c.place_id == place_id)
        if as_of is None:
            query = query.where(t.c.is_current.is_(True))
        else:
            query = query.where(
                t.c.valid_from <= as_of, or_(t.c.valid_to.is_(None), t.c.valid_to > as_of)
            )
        entries = [entry_json(r, reference) for r in session.execute(query).mappings().all()]
        if not entries:
            exists = session.execute(
                select(t.c.place_id).where(t.c.place_id == place_id).limit(1)
            ).first()
            if exists is None:
                return None
    else:
        if not control_claims_of(session, [place_id]):
            return None
        entries = _known_at_entries(
            session, reference, [place_id], as_of or known_at.date(), known_at
        )
    place = places_by_id(session, [place_id]).get(place_id)
    day = as_of or (known_at.date() if known_at else date.today())
    return _nested(place_id, entries, place) | {"as_of": day, "known_at": known_at}


def current_places_page(
    session: Session, reference: Reference, wanted: ControlFilter, limit: int, cursor: str | None
) -> dict[str, Any]:
    """A `Page[PlaceControl]`: one item per place with a current interval that passes the
    filter, the whole place and every part nested, ordered by place id."""
    t = table_of(ControlIntervalRow)
    ids_query = wanted.intervals(select(t.c.place_id), reference).where(t.c.is_current.is_(True))
    ids_query = where_after(ids_query.distinct(), [t.c.place_id], False, cursor, [str])
    ids = list(session.execute(ids_query.limit(limit + 1)).scalars())
    page_ids, next_cursor = page_of(ids, limit, lambda place_id: [place_id])
    if not page_ids:
        return {"items": [], "next_cursor": None}
    rows = session.execute(
        select(t).where(any_of(session, t.c.place_id, page_ids), t.c.is_current.is_(True))
    ).mappings()
    by_place: dict[str, list[dict[str, Any]]] = {p: [] for p in page_ids}
    for row in rows:
        by_place[row["place_id"]].append(entry_json(row, reference))
    places = places_by_id(session, page_ids)
    items = [_nested(p, by_place[p], places.get(p)) for p in page_ids]
    return {"items": items, "next_cursor": next_cursor}
