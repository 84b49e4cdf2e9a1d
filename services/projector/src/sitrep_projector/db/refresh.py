"""Refreshing the derived read models for what one batch touched.

After a batch's claim rows are written (same transaction), the control timelines of every
place the batch named and the incidents of every clustering unit it named are recomputed
from all their stored claims with the pure projection functions, and replaced. The result is
a function of the stored claims only, so replaying the log in any order, or rebuilding it,
gives the same rows.
"""

from __future__ import annotations

import uuid
from collections.abc import Collection, Sequence

from sqlalchemy import select
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
from .bulk import any_of, table_of
from .claims import AllegationRow, ControlClaimRow
from .incidents import IncidentUnit, refresh_incidents
from .supersession import allegation_units, refresh_supersession
from .timelines import refresh_control

__all__ = ["refresh_derived"]


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


def refresh_derived(session: Session, records: Sequence[ReadModelRecord]) -> None:
    """The refresher `write_records` calls after a batch's rows are written."""
    places: set[str] = set()
    units: set[IncidentUnit] = set()
    paragraphs: set[uuid.UUID] = set()
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
    more_places, more_units = refresh_supersession(session, paragraphs)
    places |= more_places
    units |= more_units
    units |= allegation_units(session, disputed)
    if articles:
        # Normally an article precedes its claims (one partition, one key), and this finds
        # nothing; after a replay in another order the claims' publisher arrives now.
        more_places, more_units = _claims_of_articles(session, articles)
        places |= more_places
        units |= more_units
    refresh_control(session, places)
    refresh_incidents(session, units)
