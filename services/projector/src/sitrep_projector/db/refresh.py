"""Refreshing the derived read models for what batches touched.

After a batch's claim rows are written, the batch marks (same transaction) every place it
named and every clustering unit of its allegations as pending. A refresh recomputes the
control timelines of the pending places and the incidents of the pending units from all
their stored claims with the pure projection functions, replaces their rows and clears the
marks. The result is a function of the stored claims only, so replaying the log in any
order, or rebuilding it, gives the same rows.

The projector refreshes in the batch's own transaction once it has caught up with the log;
while it works through a backlog it refreshes less often, so that a place named in many
batches is recomputed once rather than once per batch (see `ProjectorRunner`).
"""

from __future__ import annotations

import uuid
from collections.abc import Collection, Mapping, Sequence
from typing import TypeVar

from sqlalchemy import delete, select
from sqlmodel import Session

from ..projections import (
    AllegationRecord,
    ArticleRecord,
    ControlClaimRecord,
    DisputeRecord,
    DisputeTargetRecord,
    InterpretationRecord,
    ReadModelRecord,
)
from .bulk import any_of, insert_ignoring_duplicates, is_postgres, table_of
from .claims import AllegationRow, ControlClaimRow
from .incidents import IncidentUnit, refresh_incidents
from .pending import PendingIncidentUnit, PendingPlace
from .supersession import allegation_units, refresh_supersession
from .timelines import refresh_control

__all__ = ["RecordsByType", "mark_pending", "refresh_pending"]

RecordsByType = Mapping[type[ReadModelRecord], Sequence[ReadModelRecord]]
_R = TypeVar("_R", bound=ReadModelRecord)


def _claims_of_articles(
    session: Session, article_ids: Collection[uuid.UUID]
) -> tuple[set[str], set[IncidentUnit]]:
    claims = table_of(ControlClaimRow)
    allegations = table_of(AllegationRow)
    places = {
        p
        for p in session.execute(
            select(claims.c.place_id)
            .where(any_of(session, claims.c.article_id, article_ids))
            .distinct()
        ).scalars()
        if p
    }
    units = {
        (block, locality)
        for block, locality in session.execute(
            select(allegations.c.block_key, allegations.c.locality_key)
            .where(any_of(session, allegations.c.article_id, article_ids))
            .distinct()
        )
    }
    return places, units


def _of(records: RecordsByType, record_type: type[_R]) -> Sequence[_R]:
    return records.get(record_type, ())  # type: ignore[return-value]


def mark_pending(session: Session, records: RecordsByType) -> None:
    """Mark what these just-written records (grouped by type) touched; call after writing."""
    controls = _of(records, ControlClaimRecord)
    allegations = _of(records, AllegationRecord)
    disputes = _of(records, DisputeRecord)
    places = {r.place_id for r in controls if r.place_id}
    units: set[IncidentUnit] = {(r.block_key, r.locality_key) for r in allegations}
    claims: list[ControlClaimRecord | AllegationRecord | DisputeRecord] = [
        *controls,
        *allegations,
        *disputes,
    ]
    paragraphs = {r.paragraph_id for r in claims}
    paragraphs |= {r.paragraph_id for r in _of(records, InterpretationRecord)}
    claimed = {(r.paragraph_id, r.extractor_version) for r in claims}
    more_places, more_units = refresh_supersession(session, paragraphs, claimed)
    places |= more_places
    units |= more_units
    units |= allegation_units(
        session, {r.allegation_event_id for r in _of(records, DisputeTargetRecord)}
    )
    # Normally an article precedes its claims (one partition, one key), and its claims are
    # the batch's own; after a replay in another order the claims' publisher arrives now.
    articles = {r.article_id for r in _of(records, ArticleRecord)}
    if is_postgres(session):
        _mark_on_postgres(session, places, units, articles)
        return
    if articles:
        more_places, more_units = _claims_of_articles(session, articles)
        places |= more_places
        units |= more_units
    insert_ignoring_duplicates(session, PendingPlace, [{"place_id": p} for p in sorted(places)])
    insert_ignoring_duplicates(
        session,
        PendingIncidentUnit,
        [
            {"block_key": b, "locality_key": locality or ""}
            for b, locality in sorted(units, key=str)
        ],
    )


# One statement marks a batch's places and units, those of the claims of its articles
# included: a batch costs one round trip here, not a COPY and a move per table plus two
# lookups. DO NOTHING also skips a key the statement itself inserted a moment before.
_MARK = """
WITH marked_places AS (
    INSERT INTO pending_places (place_id)
    SELECT place_id FROM unnest(%(places)s::text[]) AS touched(place_id)
    UNION
    SELECT place_id FROM control_claims
    WHERE article_id = ANY(%(articles)s::uuid[]) AND place_id <> ''
    ON CONFLICT DO NOTHING
)
INSERT INTO pending_incident_units (block_key, locality_key)
SELECT block_key, locality_key
FROM unnest(%(blocks)s::text[], %(localities)s::text[]) AS touched(block_key, locality_key)
UNION
SELECT block_key, coalesce(locality_key, '') FROM allegations
WHERE article_id = ANY(%(articles)s::uuid[])
ON CONFLICT DO NOTHING
"""


def _mark_on_postgres(
    session: Session, places: set[str], units: set[IncidentUnit], articles: set[uuid.UUID]
) -> None:
    if not (places or units or articles):
        return
    session.connection().exec_driver_sql(
        _MARK,
        {
            "places": list(places),
            "articles": list(articles),
            "blocks": [block for block, _ in units],
            "localities": [locality or "" for _, locality in units],
        },
    )


def refresh_pending(session: Session) -> int:
    """Recompute every pending place and unit; return how many there were."""
    pending_places = table_of(PendingPlace)
    pending_units = table_of(PendingIncidentUnit)
    places = set(session.execute(select(pending_places.c.place_id)).scalars())
    units: set[IncidentUnit] = {
        (block, locality or None)
        for block, locality in session.execute(
            select(pending_units.c.block_key, pending_units.c.locality_key)
        )
    }
    if places:
        refresh_control(session, places)
        session.execute(delete(pending_places))
    if units:
        refresh_incidents(session, units)
        session.execute(delete(pending_units))
    return len(places) + len(units)
