"""Claims read by an older extractor version of a paragraph that a newer one has re-read.

Superseded claims stay (the log forgets nothing) but the derived read models ignore them, so
a change here is followed by a refresh of the places and incidents it touched.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Collection

from sqlalchemy import select, update
from sqlmodel import Session

from ..projections import newest_versions, superseded
from .bulk import any_of, table_of
from .claims import AllegationRow, ControlClaimRow, DisputeRow, DisputeTargetRow, InterpretationRow
from .incidents import IncidentUnit

__all__ = ["allegation_units", "refresh_supersession"]

_CLAIM_TABLES = (ControlClaimRow, AllegationRow, DisputeRow)


def allegation_units(session: Session, allegation_ids: Collection[uuid.UUID]) -> set[IncidentUnit]:
    """The clustering units of these allegations."""
    if not allegation_ids:
        return set()
    allegations = table_of(AllegationRow)
    rows = session.execute(
        select(allegations.c.block_key, allegations.c.locality_key).where(
            any_of(session, allegations.c.event_id, allegation_ids)
        )
    )
    return {(block, locality) for block, locality in rows}


def _units_disputed_by(session: Session, dispute_ids: Collection[uuid.UUID]) -> set[IncidentUnit]:
    targets = table_of(DisputeTargetRow)
    allegation_ids = set(
        session.execute(
            select(targets.c.allegation_event_id).where(
                any_of(session, targets.c.dispute_event_id, dispute_ids)
            )
        ).scalars()
    )
    return allegation_units(session, allegation_ids)


def refresh_supersession(
    session: Session,
    paragraph_ids: Collection[uuid.UUID],
    claimed: Collection[tuple[uuid.UUID, str | None]] = (),
) -> tuple[set[str], set[IncidentUnit]]:
    """Mark claims of older extractor versions superseded; return (places, units) changed.

    A version has read a paragraph when its marker is stored, or when one of its claims is
    in `claimed` (the batch's claims): a re-reading's claims come before its marker in the
    log, often in an earlier batch, and must supersede the older reading from that batch on.
    """
    if not paragraph_ids:
        return set(), set()
    interpretations = table_of(InterpretationRow)
    readings = [
        (str(paragraph), version)
        for paragraph, version in session.execute(
            select(interpretations.c.paragraph_id, interpretations.c.extractor_version)
            .where(any_of(session, interpretations.c.paragraph_id, paragraph_ids))
            .distinct()
        )
    ]
    readings += [(str(paragraph), version) for paragraph, version in claimed]
    versions: dict[str, set[str | None]] = defaultdict(set)
    for paragraph, version in readings:
        versions[paragraph].add(version)
    # Only a paragraph read by two versions can have a superseded claim: skip the rest cheaply.
    reread = {p for p, vs in versions.items() if len(vs) > 1}
    if not reread:
        return set(), set()
    newest = newest_versions(r for r in readings if r[0] in reread)
    places: set[str] = set()
    units: set[IncidentUnit] = set()
    disputes: set[uuid.UUID] = set()
    for model in _CLAIM_TABLES:
        table = table_of(model)
        claim_rows = session.execute(
            select(table).where(
                any_of(session, table.c.paragraph_id, [uuid.UUID(p) for p in reread])
            )
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
                # The whole block: a claim that leaves or returns may be a province-level one.
                units.add((row["block_key"], None))
            elif model is DisputeRow:
                disputes.add(row["event_id"])
    units |= _units_disputed_by(session, disputes) if disputes else set()
    return places, units
