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
from collections.abc import Collection, Sequence

from sqlalchemy import delete, select, text
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

__all__ = ["mark_pending", "refresh_pending"]

_ANALYZE_AFTER = 5_000  # places and units refreshed at once
_ANALYZED = ("control_intervals", "incidents", "incident_members", "allegations", "places")


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


def mark_pending(session: Session, records: Sequence[ReadModelRecord]) -> None:
    """Mark what these just-written records touched (call after writing them)."""
    places: set[str] = set()
    units: set[IncidentUnit] = set()
    paragraphs: set[uuid.UUID] = set()
    claimed: set[tuple[uuid.UUID, str | None]] = set()  # (paragraph, version) of the claims
    disputed: set[uuid.UUID] = set()
    articles: set[uuid.UUID] = set()
    for record in records:
        if isinstance(record, ControlClaimRecord):
            if record.place_id:
                places.add(record.place_id)
            paragraphs.add(record.paragraph_id)
        elif isinstance(record, AllegationRecord):
            units.add((record.block_key, record.locality_key))
            paragraphs.add(record.paragraph_id)
        elif isinstance(record, ArticleRecord):
            articles.add(record.article_id)
        elif isinstance(record, DisputeTargetRecord):
            disputed.add(record.allegation_event_id)
        elif isinstance(record, DisputeRecord | InterpretationRecord):
            paragraphs.add(record.paragraph_id)
        if isinstance(record, ControlClaimRecord | AllegationRecord | DisputeRecord):
            claimed.add((record.paragraph_id, record.extractor_version))
    more_places, more_units = refresh_supersession(session, paragraphs, claimed)
    places |= more_places
    units |= more_units
    units |= allegation_units(session, disputed)
    if articles:
        # Normally an article precedes its claims (one partition, one key), and this finds
        # nothing; after a replay in another order the claims' publisher arrives now.
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
    refreshed = len(places) + len(units)
    if refreshed >= _ANALYZE_AFTER and is_postgres(session):
        # After a backlog or a rebuild most rows are new: give the planner their statistics
        # now rather than when autovacuum gets to them, or the first list queries may be
        # planned on an empty table's estimates.
        session.execute(text(f"ANALYZE {', '.join(_ANALYZED)}"))
    return refreshed
