"""The provenance of any claim event: where it was read, in which words, by whose account."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, HTTPException, status
from fastapi.responses import Response

from ..deps import SessionDep
from ..errors import not_found
from ..models import Provenance
from ..queries.events import provenance
from ..responses import json_response

__all__ = ["router"]

router = APIRouter(prefix="/v1/events", tags=["provenance"])


@router.get(
    "/{event_id}",
    response_model=Provenance,
    summary="Where a claim was read: sentence, paragraph, article and attribution",
    responses=not_found("No claim event with this id has been projected."),
)
def get_event(event_id: uuid.UUID, session: SessionDep) -> Response:
    found = provenance(session, event_id)
    if found is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"event {event_id} not found")
    return json_response(found)
