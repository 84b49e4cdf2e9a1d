"""Refreshing the derived read models for what one batch touched.

After a batch's claim rows are written (same transaction), the control timelines of every
place the batch named and the incidents of every allegation block it named are recomputed
from all their stored claims with the pure projection functions, and replaced. The result is
a function of the stored claims only, so replaying the log in any order, or rebuilding it,
gives the same rows.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, TypeVar

from sqlalchemy import and_, delete, select, update
from sqlmodel import Session

from ..projections import (
    AllegationClaim,
    AllegationRecord,
    ArticleRecord,
    ControlClaim,
    ControlClaimRecord,
    ControlInterval,
    CountRange,
    DisputeRecord,
    DisputeTargetRecord,
    Incident,
    InterpretationRecord,
    ReadModelRecord,
    cluster_incidents,
    control_timelines,
    newest_versions,
    superseded,
)
from .articles import ArticleRow
from .bulk import table_of
from .claims import AllegationRow, ControlClaimRow, DisputeRow, DisputeTargetRow, InterpretationRow
from .derived import ControlIntervalRow, IncidentMemberRow, IncidentRow
from .places import PlaceRow

__all__ = [
    "control_claims_of",
    "interval_row",
    "places_by_id",
    "refresh_control",
    "refresh_derived",
    "refresh_incidents",
    "refresh_supersession",
]

T = TypeVar("T")
CHUNK = 500


def _chunks(items: Iterable[T]) -> Iterator[list[T]]:
    ordered = sorted(items, key=str)
    for start in range(0, len(ordered), CHUNK):
        yield ordered[start : start + CHUNK]


def actors_text(ids: Iterable[str]) -> str:
    """`|a|b|`: one actor id is matched with LIKE '%|id|%' on any database."""
    ids = sorted(ids)
    return f"|{'|'.join(ids)}|" if ids else ""


# --- superseded claims ---------------------------------------------------------------------


_CLAIM_TABLES = (ControlClaimRow, AllegationRow, DisputeRow)


def refresh_supersession(
    session: Session, paragraph_ids: set[uuid.UUID]
) -> tuple[set[str], set[str]]:
    """Mark claims of older extractor versions superseded; return (places, blocks) changed."""
    if not paragraph_ids:
        return set(), set()
    readings: list[tuple[str, str | None]] = []
    interpretations = table_of(InterpretationRow)
    for chunk in _chunks(paragraph_ids):
        rows = session.execute(
            select(interpretations.c.paragraph_id, interpretations.c.extractor_version)
            .where(interpretations.c.paragraph_id.in_(chunk))
            .distinct()
        )
        readings.extend((str(p), v) for p, v in rows)
    versions: dict[str, set[str | None]] = defaultdict(set)
    for paragraph, version in readings:
        versions[paragraph].add(version)
    # Only a paragraph read by two versions can have a superseded claim: skip the rest cheaply.
    reread = {p for p, vs in versions.items() if len(vs) > 1}
    if not reread:
        return set(), set()
    newest = newest_versions(r for r in readings if r[0] in reread)
    places: set[str] = set()
    blocks: set[str] = set()
    for model in _CLAIM_TABLES:
        table = table_of(model)
        for chunk in _chunks(uuid.UUID(p) for p in reread):
            claim_rows = session.execute(
                select(table).where(table.c.paragraph_id.in_(chunk))
            ).mappings()
            for row in claim_rows:
                now = superseded(str(row["paragraph_id"]), row["extractor_version"], newest)
                if now == row["superseded"]:
                    continue
                session.execute(
                    update(table).where(table.c.event_id == row["event_id"]).values(superseded=now)
                )
                if model is ControlClaimRow and row["place_id"]:
                    places.add(row["place_id"])
                elif model is AllegationRow:
                    blocks.add(row["block_key"])
                elif model is DisputeRow:
                    blocks |= _blocks_disputed_by(session, {row["event_id"]})
    return places, blocks


def _blocks_disputed_by(session: Session, dispute_ids: set[uuid.UUID]) -> set[str]:
    targets = table_of(DisputeTargetRow)
    allegations = table_of(AllegationRow)
    blocks: set[str] = set()
    for chunk in _chunks(dispute_ids):
        blocks.update(
            session.execute(
                select(allegations.c.block_key)
                .join(targets, targets.c.allegation_event_id == allegations.c.event_id)
                .where(targets.c.dispute_event_id.in_(chunk))
                .distinct()
            ).scalars()
        )
    return blocks


# --- control ---------------------------------------------------------------------------------


def control_claims_of(session: Session, place_ids: Sequence[str]) -> list[ControlClaim]:
    claims = table_of(ControlClaimRow)
    articles = table_of(ArticleRow)
    rows = session.execute(
        select(claims, articles.c.publisher)
        .outerjoin(articles, articles.c.article_id == claims.c.article_id)
        .where(claims.c.place_id.in_(place_ids), claims.c.superseded.is_(False))
    ).mappings()
    return [
        ControlClaim(
            claim_id=str(r["event_id"]),
            place_id=r["place_id"],
            part=r["part"],
            action=r["action"],
            resulting_state=r["resulting_state"],
            recorded_at=r["recorded_at"],
            article_id=str(r["article_id"]),
            modality=r["modality"],
            actor_id=r["actor_id"],
            actor_side=r["actor_side"],
            from_actor_id=r["from_actor_id"],
            from_side=r["from_side"],
            to_actor_id=r["to_actor_id"],
            to_side=r["to_side"],
            date_start=r["date_start"],
            date_end=r["date_end"],
            time_precision=r["time_precision"],
            publisher=r["publisher"],
            confidence=r["confidence"],
        )
        for r in rows
    ]


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


def places_by_id(session: Session, place_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    places = table_of(PlaceRow)
    rows = session.execute(select(places).where(places.c.place_id.in_(place_ids))).mappings()
    return {r["place_id"]: dict(r) for r in rows}


def refresh_control(session: Session, place_ids: set[str]) -> None:
    intervals = table_of(ControlIntervalRow)
    for chunk in _chunks(place_ids):
        timelines = control_timelines(control_claims_of(session, chunk))
        places = places_by_id(session, chunk)
        session.execute(delete(intervals).where(intervals.c.place_id.in_(chunk)))
        rows = [
            interval_row(interval, places.get(place_id))
            for (place_id, _part), timeline in timelines.items()
            for interval in timeline
        ]
        if rows:
            session.execute(intervals.insert(), rows)


# --- incidents -------------------------------------------------------------------------------


def _range(row: Any, kind: str) -> CountRange:
    return CountRange(row[f"{kind}_low"], row[f"{kind}_best"], row[f"{kind}_high"])


def _allegation_claims(
    session: Session, blocks: Sequence[str]
) -> tuple[list[AllegationClaim], dict[str, str]]:
    allegations = table_of(AllegationRow)
    articles = table_of(ArticleRow)
    rows = session.execute(
        select(
            allegations,
            articles.c.publisher,
            articles.c.content_hash,
            articles.c.published_at,
        )
        .outerjoin(articles, articles.c.article_id == allegations.c.article_id)
        .where(allegations.c.block_key.in_(blocks), allegations.c.superseded.is_(False))
    ).mappings()
    claims: list[AllegationClaim] = []
    block_of: dict[str, str] = {}
    for r in rows:
        claim_id = str(r["event_id"])
        block_of[claim_id] = r["block_key"]
        published = r["published_at"]
        claims.append(
            AllegationClaim(
                claim_id=claim_id,
                allegation_type=r["allegation_type"],
                recorded_at=r["recorded_at"],
                article_id=str(r["article_id"]),
                modality=r["modality"],
                perpetrator_actor_id=r["perpetrator_id"],
                perpetrator_side=r["perpetrator_side"],
                place_id=r["place_id"],
                place_name=r["place_name"],
                admin1=r["admin1"],
                country=r["country"],
                lat=r["lat"],
                lon=r["lon"],
                geo_precision=r["geo_precision"],
                date_start=r["date_start"],
                date_end=r["date_end"],
                time_precision=r["time_precision"],
                reported_on=published.date() if published else None,
                publisher=r["publisher"],
                content_hash=r["content_hash"],
                sentence=r["sentence"],
                acled_sub_event_type=r["acled_sub_event_type"],
                killed=_range(r, "killed"),
                injured=_range(r, "injured"),
                abducted=_range(r, "abducted"),
                arrested=_range(r, "arrested"),
                confidence=r["confidence"],
            )
        )
    return claims, block_of


def _disputes_of(session: Session, claim_ids: Iterable[str]) -> dict[str, list[str]]:
    targets = table_of(DisputeTargetRow)
    disputes = table_of(DisputeRow)
    found: dict[str, list[str]] = defaultdict(list)
    for chunk in _chunks(uuid.UUID(c) for c in claim_ids):
        rows = session.execute(
            select(targets.c.allegation_event_id, targets.c.dispute_event_id)
            .join(disputes, disputes.c.event_id == targets.c.dispute_event_id)
            .where(and_(targets.c.allegation_event_id.in_(chunk), disputes.c.superseded.is_(False)))
        )
        for allegation_id, dispute_id in rows:
            found[str(allegation_id)].append(str(dispute_id))
    return found


def incident_row(incident: Incident, block: str) -> dict[str, Any]:
    row: dict[str, Any] = {
        "incident_key": uuid.UUID(incident.incident_key),
        "block_key": block,
        "family": incident.family,
        "allegation_types": ",".join(incident.allegation_types),
        "acled_sub_event_type": incident.acled_sub_event_type,
        "perpetrator": incident.perpetrator,
        "perpetrator_actors": actors_text(incident.perpetrator_actor_ids),
        "place_id": incident.place_id,
        "place_name": incident.place_name,
        "admin1": incident.admin1,
        "country": incident.country,
        "lat": incident.lat,
        "lon": incident.lon,
        "geo_precision": incident.geo_precision,
        "date_start": incident.date_start,
        "date_end": incident.date_end,
        "time_precision": incident.time_precision,
        "first_reported": incident.first_reported,
        "last_reported": incident.last_reported,
        "publishers": list(incident.publishers),
        "publisher_count": incident.publisher_count,
        "source_count": incident.source_count,
        "disputed": incident.disputed,
        "member_count": len(incident.member_claim_ids),
        "dispute_ids": list(incident.dispute_claim_ids),
    }
    for kind in ("killed", "injured", "abducted", "arrested"):
        value: CountRange = getattr(incident, kind)
        row[f"{kind}_low"], row[f"{kind}_best"], row[f"{kind}_high"] = (
            value.low,
            value.best,
            value.high,
        )
    return row


def refresh_incidents(session: Session, blocks: set[str]) -> None:
    incidents = table_of(IncidentRow)
    members = table_of(IncidentMemberRow)
    for chunk in _chunks(blocks):
        claims, block_of = _allegation_claims(session, chunk)
        clustered = cluster_incidents(claims, _disputes_of(session, block_of))
        session.execute(delete(incidents).where(incidents.c.block_key.in_(chunk)))
        session.execute(delete(members).where(members.c.block_key.in_(chunk)))
        incident_rows: list[dict[str, Any]] = []
        member_rows: list[dict[str, Any]] = []
        for incident in clustered:
            block = block_of[incident.member_claim_ids[0]]
            incident_rows.append(incident_row(incident, block))
            member_rows.extend(
                {
                    "incident_key": uuid.UUID(incident.incident_key),
                    "allegation_event_id": uuid.UUID(member),
                    "block_key": block,
                }
                for member in incident.member_claim_ids
            )
        if incident_rows:
            session.execute(incidents.insert(), incident_rows)
            session.execute(members.insert(), member_rows)


def _claims_of_articles(session: Session, article_ids: set[uuid.UUID]) -> tuple[set[str], set[str]]:
    claims = table_of(ControlClaimRow)
    allegations = table_of(AllegationRow)
    places: set[str] = set()
    blocks: set[str] = set()
    for chunk in _chunks(article_ids):
        places.update(
            p
            for p in session.execute(
                select(claims.c.place_id).where(claims.c.article_id.in_(chunk)).distinct()
            ).scalars()
            if p
        )
        blocks.update(
            session.execute(
                select(allegations.c.block_key)
                .where(allegations.c.article_id.in_(chunk))
                .distinct()
            ).scalars()
        )
    return places, blocks


# --- the batch hook --------------------------------------------------------------------------


def refresh_derived(session: Session, records: Sequence[ReadModelRecord]) -> None:
    """The refresher `write_records` calls after a batch's rows are written."""
    places: set[str] = set()
    blocks: set[str] = set()
    paragraphs: set[uuid.UUID] = set()
    disputed: set[uuid.UUID] = set()
    articles: set[uuid.UUID] = set()
    for record in records:
        if isinstance(record, ArticleRecord):
            articles.add(record.article_id)
        elif isinstance(record, ControlClaimRecord):
            if record.place_id:
                places.add(record.place_id)
            paragraphs.add(record.paragraph_id)
        elif isinstance(record, AllegationRecord):
            blocks.add(record.block_key)
            paragraphs.add(record.paragraph_id)
        elif isinstance(record, DisputeTargetRecord):
            disputed.add(record.allegation_event_id)
        elif isinstance(record, DisputeRecord | InterpretationRecord):
            paragraphs.add(record.paragraph_id)
    more_places, more_blocks = refresh_supersession(session, paragraphs)
    places |= more_places
    blocks |= more_blocks
    if disputed:
        allegations = table_of(AllegationRow)
        for chunk in _chunks(disputed):
            blocks.update(
                session.execute(
                    select(allegations.c.block_key).where(allegations.c.event_id.in_(chunk))
                ).scalars()
            )
    if articles:
        # Normally an article precedes its claims (one partition, one key), and this finds
        # nothing; after a replay in another order the claims' publisher arrives now.
        more_places, more_blocks = _claims_of_articles(session, articles)
        places |= more_places
        blocks |= more_blocks
    if places:
        refresh_control(session, places)
    if blocks:
        refresh_incidents(session, blocks)
