"""The control read model's rows: the claims of some places in, their timelines out.

A place's intervals are a function of all its stored claims (`control_timelines`), so a
refresh reads every claim of the places a batch touched, in one query, recomputes their
timelines and replaces their intervals: two more statements, whatever the number of places.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Collection
from datetime import date
from typing import Any

import orjson
from sqlalchemy import select
from sqlmodel import Session

from ..projections import ControlClaim, ControlInterval, control_timelines, publisher_of
from .actor_lists import actors_text
from .articles import ArticleRow
from .bulk import any_of, delete_keys, insert_rows, table_of
from .changes import Change, Resource, diff, record_changes
from .claims import ControlClaimRow
from .derived import ControlIntervalRow
from .places import PlaceRow

__all__ = [
    "control_claims_of",
    "interval_row",
    "places_by_id",
    "refresh_control",
]


def control_claims_of(session: Session, place_ids: Collection[str]) -> list[ControlClaim]:
    """Every current (not superseded) control claim about these places."""
    if not place_ids:
        return []
    claims = table_of(ControlClaimRow)
    articles = table_of(ArticleRow)
    rows = session.execute(
        # In the order of `ControlClaim`'s fields: positional arguments are the cheapest.
        select(
            claims.c.event_id,
            claims.c.place_id,
            claims.c.action,
            claims.c.resulting_state,
            claims.c.recorded_at,
            claims.c.article_id,
            claims.c.modality,
            claims.c.part,
            claims.c.actor_id,
            claims.c.actor_side,
            claims.c.from_actor_id,
            claims.c.from_side,
            claims.c.to_actor_id,
            claims.c.to_side,
            claims.c.date_start,
            claims.c.date_end,
            claims.c.reported_on,
            claims.c.time_precision,
            articles.c.publisher,
            articles.c.url,
            claims.c.confidence,
        )
        .outerjoin(articles, articles.c.article_id == claims.c.article_id)
        .where(any_of(session, claims.c.place_id, place_ids), claims.c.superseded.is_(False))
    ).all()  # one fetchall: row by row costs a driver call per row
    # An article has many claims: its id's text and its publisher are worked out once.
    of_article: dict[Any, tuple[str, str | None]] = {}
    found: list[ControlClaim] = []
    for row in rows:
        v: tuple[Any, ...] = tuple(row)
        article = of_article.get(v[5])
        if article is None:
            article = of_article[v[5]] = (str(v[5]), publisher_of(v[18], v[19]))
        # The selected columns as they are, but for the article's id and its publisher.
        found.append(ControlClaim(*(str(v[0]), *v[1:5], article[0], *v[6:18], article[1], v[20])))
    return found


def interval_row(interval: ControlInterval, place: dict[str, Any] | None) -> dict[str, Any]:
    place = place or {}
    return {
        "place_id": interval.place_id,
        "part_key": interval.part or "",
        "valid_from": interval.valid_from,
        "valid_to": interval.valid_to,
        "is_current": interval.valid_to is None,
        "place_name": place.get("name"),
        "country": place.get("country"),
        "admin1": place.get("admin1"),
        "lat": place.get("lat"),
        "lon": place.get("lon"),
        "controller": interval.controller,
        "controller_actors": actors_text(interval.controller_actor_ids),
        "state": interval.state.value,
        "challengers": actors_text(interval.challengers),
        "challenger_actors": actors_text(interval.challenger_actor_ids),
        "supporting_claim_ids": list(interval.supporting_claim_ids),
        "contradicting_claim_ids": list(interval.contradicting_claim_ids),
        "publishers": list(interval.publishers),
        "publisher_count": interval.publisher_count,
        "latest_claim_id": uuid.UUID(interval.latest_claim_id),
    }


def places_by_id(session: Session, place_ids: Collection[str]) -> dict[str, dict[str, Any]]:
    if not place_ids:
        return {}
    places = table_of(PlaceRow)
    rows = (
        session.execute(select(places).where(any_of(session, places.c.place_id, place_ids)))
        .mappings()
        .all()
    )
    return {r["place_id"]: dict(r) for r in rows}


def _fingerprint(row: dict[str, Any]) -> str:
    return hashlib.blake2b(orjson.dumps(row, default=str), digest_size=12).hexdigest()


def refresh_control(session: Session, place_ids: Collection[str]) -> None:
    """Make the intervals of these places the ones their claims give now.

    Only intervals that differ are rewritten: a new claim usually changes one or two
    intervals of its place's timeline and leaves the others as they were.
    """
    if not place_ids:
        return
    intervals = table_of(ControlIntervalRow)
    timelines = control_timelines(control_claims_of(session, place_ids))
    places = places_by_id(session, place_ids)
    wanted: dict[tuple[str, str, date], dict[str, Any]] = {}
    for (place_id, _part), timeline in timelines.items():
        for interval in timeline:
            row = interval_row(interval, places.get(place_id))
            row["fingerprint"] = _fingerprint(row)
            wanted[(row["place_id"], row["part_key"], row["valid_from"])] = row
    stored = {
        (place_id, part_key, valid_from): fingerprint
        for place_id, part_key, valid_from, fingerprint in session.execute(
            select(
                intervals.c.place_id,
                intervals.c.part_key,
                intervals.c.valid_from,
                intervals.c.fingerprint,
            ).where(any_of(session, intervals.c.place_id, place_ids))
        ).all()
    }
    changes = diff(stored, {key: row["fingerprint"] for key, row in wanted.items()})
    record_changes(session, Resource.CONTROL, changes)
    stale = [key for key, change in changes if change is not Change.CREATED]
    delete_keys(session, ControlIntervalRow, stale)
    insert_rows(
        session,
        ControlIntervalRow,
        [row for key, row in wanted.items() if stored.get(key) != row["fingerprint"]],
    )
