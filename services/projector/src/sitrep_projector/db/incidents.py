"""The incidents read model's rows: allegations of some clustering units in, incidents out.

The unit a refresh recomputes is a block (type family, perpetrator, country, province) or,
when no allegation of the block is known only to its province, one locality of the block:
allegations located more precisely than a province only ever cluster with others of their
own locality (see `cluster_incidents`), so reclustering that locality alone gives the rows a
reclustering of the whole block would. A province-level allegation may join any locality of
its block, so a block holding one is always recomputed whole.
"""

from __future__ import annotations

import hashlib
import uuid
from collections import defaultdict
from collections.abc import Collection, Iterable
from typing import Any

import orjson
from sqlalchemy import and_, delete, or_, select
from sqlmodel import Session

from ..projections import (
    CASUALTY_KINDS,
    AllegationClaim,
    CountRange,
    Incident,
    cluster_incidents,
    publisher_of,
)
from .actor_lists import actors_text
from .articles import ArticleRow
from .bulk import any_of, delete_keys, insert_rows, table_of
from .changes import Change, Resource, diff, record_changes
from .claims import AllegationRow, DisputeRow, DisputeTargetRow
from .derived import IncidentMemberRow, IncidentRow

__all__ = ["IncidentUnit", "incident_row", "refresh_incidents"]

# (block key, locality key); a None locality stands for the whole block.
IncidentUnit = tuple[str, str | None]


def _range(row: Any, kind: str) -> CountRange:
    return CountRange(row[f"{kind}_low"], row[f"{kind}_best"], row[f"{kind}_high"])


def _blocks_with_province_level_claims(session: Session, blocks: Collection[str]) -> set[str]:
    if not blocks:
        return set()
    allegations = table_of(AllegationRow)
    return set(
        session.execute(
            select(allegations.c.block_key)
            .where(
                any_of(session, allegations.c.block_key, blocks),
                allegations.c.locality_key.is_(None),
                allegations.c.superseded.is_(False),
            )
            .distinct()
        ).scalars()
    )


def _selection(
    session: Session, table: Any, whole: Collection[str], blocks: Collection[str], places: Any
) -> Any:
    """Rows of whole blocks, and rows of the partial blocks' touched localities.

    The partial part is the product of its blocks and localities: reading and deleting by
    the same predicate keeps the two exact even where it covers an untouched pair.
    """
    parts = []
    if whole:
        parts.append(any_of(session, table.c.block_key, whole))
    if blocks:
        parts.append(
            and_(
                any_of(session, table.c.block_key, blocks),
                any_of(session, table.c.locality_key, places),
            )
        )
    return or_(*parts)


def _allegation_claims(
    session: Session, where: Any
) -> tuple[list[AllegationClaim], dict[str, Any]]:
    allegations = table_of(AllegationRow)
    articles = table_of(ArticleRow)
    rows = (
        session.execute(
            select(
                allegations,
                articles.c.publisher,
                articles.c.content_hash,
                articles.c.published_at,
                articles.c.url,
            )
            .outerjoin(articles, articles.c.article_id == allegations.c.article_id)
            .where(where, allegations.c.superseded.is_(False))
        )
        .mappings()
        .all()
    )
    claims: list[AllegationClaim] = []
    unit_of: dict[str, IncidentUnit] = {}
    # An article has many claims: its id's text and its publisher are worked out once.
    of_article: dict[Any, tuple[str, str | None]] = {}
    for r in rows:
        claim_id = str(r["event_id"])
        unit_of[claim_id] = (r["block_key"], r["locality_key"])
        published = r["published_at"]
        article = of_article.get(r["article_id"])
        if article is None:
            article = of_article[r["article_id"]] = (
                str(r["article_id"]),
                publisher_of(r["publisher"], r["url"]),
            )
        claims.append(
            AllegationClaim(
                claim_id=claim_id,
                allegation_type=r["allegation_type"],
                recorded_at=r["recorded_at"],
                article_id=article[0],
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
                locality=r["locality_key"],
                date_start=r["date_start"],
                date_end=r["date_end"],
                time_precision=r["time_precision"],
                reported_on=published.date() if published else r["reported_on"],
                publisher=article[1],
                published_at=published,
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
    return claims, unit_of


def _disputes_of(session: Session, claim_ids: Iterable[str]) -> dict[str, list[str]]:
    ids = [uuid.UUID(c) for c in claim_ids]
    if not ids:
        return {}
    targets = table_of(DisputeTargetRow)
    disputes = table_of(DisputeRow)
    rows = session.execute(
        select(targets.c.allegation_event_id, targets.c.dispute_event_id)
        .join(disputes, disputes.c.event_id == targets.c.dispute_event_id)
        .where(
            any_of(session, targets.c.allegation_event_id, ids),
            disputes.c.superseded.is_(False),
        )
    )
    found: dict[str, list[str]] = defaultdict(list)
    for allegation_id, dispute_id in rows:
        found[str(allegation_id)].append(str(dispute_id))
    return found


def incident_row(incident: Incident, block: str, locality: str | None) -> dict[str, Any]:
    row: dict[str, Any] = {
        "incident_key": uuid.UUID(incident.incident_key),
        "block_key": block,
        "locality_key": locality,
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
        "first_recorded": incident.first_recorded,
        "last_recorded": incident.last_recorded,
        "publishers": list(incident.publishers),
        "publisher_count": incident.publisher_count,
        "source_count": incident.source_count,
        "disputed": incident.disputed,
        "member_count": len(incident.member_claim_ids),
        "dispute_ids": list(incident.dispute_claim_ids),
    }
    for kind in CASUALTY_KINDS:
        value: CountRange = getattr(incident, kind)
        row[f"{kind}_low"], row[f"{kind}_best"], row[f"{kind}_high"] = (
            value.low,
            value.best,
            value.high,
        )
    row["fingerprint"] = hashlib.blake2b(
        orjson.dumps([row, incident.member_claim_ids], default=str), digest_size=12
    ).hexdigest()
    return row


def refresh_incidents(session: Session, units: Collection[IncidentUnit]) -> None:
    """Replace the incidents of these units with the ones their allegations give now."""
    if not units:
        return
    whole = {block for block, locality in units if locality is None}
    whole |= _blocks_with_province_level_claims(
        session, {block for block, _ in units if block not in whole}
    )
    partial = {(b, locality) for b, locality in units if b not in whole and locality is not None}
    blocks = {b for b, _ in partial}
    places = {locality for _, locality in partial}

    allegations = table_of(AllegationRow)
    claims, unit_of = _allegation_claims(
        session, _selection(session, allegations, whole, blocks, places)
    )
    clustered = cluster_incidents(claims, _disputes_of(session, unit_of))
    incidents = table_of(IncidentRow)
    selected = _selection(session, incidents, whole, blocks, places)
    stored: dict[uuid.UUID, str] = {
        key: fingerprint
        for key, fingerprint in session.execute(
            select(incidents.c.incident_key, incidents.c.fingerprint).where(selected)
        ).all()
    }
    member_table = table_of(IncidentMemberRow)
    session.execute(
        delete(member_table).where(_selection(session, member_table, whole, blocks, places))
    )
    incident_rows: list[dict[str, Any]] = []
    member_rows: list[dict[str, Any]] = []
    for incident in clustered:
        members = [unit_of[m] for m in incident.member_claim_ids]
        block = members[0][0]
        localities = {locality for _, locality in members}
        # One locality unless a province-level claim joined: then the block is refreshed whole.
        locality = localities.pop() if len(localities) == 1 else None
        incident_rows.append(incident_row(incident, block, locality))
        member_rows.extend(
            {
                "incident_key": uuid.UUID(incident.incident_key),
                "allegation_event_id": uuid.UUID(member),
                "block_key": block,
                "locality_key": locality,
            }
            for member in incident.member_claim_ids
        )
    changes = diff(stored, {row["incident_key"]: row["fingerprint"] for row in incident_rows})
    record_changes(session, Resource.INCIDENT, changes)
    delete_keys(
        session,
        IncidentRow,
        [(key,) for key, change in changes if change is not Change.CREATED],
    )
    rewritten = {key for key, change in changes if change is not Change.RETRACTED}
    insert_rows(session, IncidentRow, [r for r in incident_rows if r["incident_key"] in rewritten])
    insert_rows(session, IncidentMemberRow, member_rows)
