"""The provenance of any claim event: where it was read, in which words, by whose account."""

from __future__ import annotations

import uuid
from typing import Any

from fastapi import APIRouter, HTTPException, status
from sqlalchemy import select
from sqlmodel import Session

from ...db.articles import ArticleRow, ParagraphRow
from ...db.bulk import table_of
from ...db.claims import AllegationRow, ControlClaimRow, DisputeRow
from ..deps import SessionDep
from ..models import Provenance

__all__ = ["router"]

router = APIRouter(prefix="/v1/events", tags=["provenance"])


def _find(session: Session, event_id: uuid.UUID) -> tuple[str, dict[str, Any]] | None:
    for kind, model in (
        ("control_claim", ControlClaimRow),
        ("allegation", AllegationRow),
        ("dispute", DisputeRow),
    ):
        t = table_of(model)
        row = session.execute(select(t).where(t.c.event_id == event_id)).mappings().first()
        if row is not None:
            return kind, dict(row)
    return None


def _summary(kind: str, row: dict[str, Any]) -> str:
    if kind == "control_claim":
        who = row["actor_name"] or "someone"
        where = row["place_mention"] + (f" ({row['part']})" if row["part"] else "")
        return f"{who} {row['action']} {where}: {row['resulting_state']}"
    if kind == "allegation":
        who = row["perpetrator_name"] or "unknown perpetrator"
        return f"{row['allegation_type']} by {who} at {row['place_mention'] or 'unknown place'}"
    return f"{row['disputed_by_name'] or 'someone'} disputes ({row['manner']})"


@router.get(
    "/{event_id}",
    response_model=Provenance,
    summary="Where a claim was read: sentence, paragraph, article and attribution",
    responses={404: {"description": "No claim event with this id has been projected."}},
)
def get_event(event_id: uuid.UUID, session: SessionDep) -> Provenance:
    found = _find(session, event_id)
    if found is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"event {event_id} not found")
    kind, row = found
    article = session.get(ArticleRow, row["article_id"])
    paragraph = session.get(ParagraphRow, row["paragraph_id"])
    return Provenance(
        event_id=event_id,
        kind=kind,
        summary=_summary(kind, row),
        modality=row["modality"],
        attribution_source=row["attribution_source"],
        extractor_version=row["extractor_version"],
        superseded=row["superseded"],
        sentence=row["sentence"],
        trigger=row["trigger"],
        paragraph_index=paragraph.index if paragraph else row.get("paragraph_index"),
        paragraph_text=paragraph.text if paragraph else None,
        recorded_at=row["recorded_at"],
        article_id=row["article_id"],
        article_url=article.url if article else None,
        article_title=article.title if article else None,
        publisher=article.publisher if article else None,
        published_at=article.published_at if article else None,
    )
