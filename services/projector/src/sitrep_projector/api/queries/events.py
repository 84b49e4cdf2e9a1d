"""The provenance of one claim event: its row, paragraph and article."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from ...db.articles import ArticleRow, ParagraphRow
from ...db.bulk import table_of
from ...db.claims import AllegationRow, ControlClaimRow, DisputeRow

__all__ = ["provenance"]


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


def provenance(session: Session, event_id: uuid.UUID) -> dict[str, Any] | None:
    """A `Provenance` as a JSON object; None when no claim event has this id."""
    found = _find(session, event_id)
    if found is None:
        return None
    kind, row = found
    a, p = table_of(ArticleRow), table_of(ParagraphRow)
    article = (
        session.execute(select(a).where(a.c.article_id == row["article_id"])).mappings().first()
    )
    paragraph = (
        session.execute(select(p).where(p.c.paragraph_id == row["paragraph_id"])).mappings().first()
    )
    return {
        "event_id": event_id,
        "kind": kind,
        "summary": _summary(kind, row),
        "modality": row["modality"],
        "attribution_source": row["attribution_source"],
        "extractor_version": row["extractor_version"],
        "superseded": row["superseded"],
        "sentence": row["sentence"],
        "trigger": row["trigger"],
        "paragraph_index": paragraph["index"] if paragraph else row.get("paragraph_index"),
        "paragraph_text": paragraph["text"] if paragraph else None,
        "recorded_at": row["recorded_at"],
        "article_id": row["article_id"],
        "article_url": article["url"] if article else None,
        "article_title": article["title"] if article else None,
        "publisher": article["publisher"] if article else None,
        "published_at": article["published_at"] if article else None,
    }
