"""The change feed: what was created, changed or retracted since a cursor."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, Field

__all__ = ["ChangeFeed", "ChangeItem"]


class ChangeItem(BaseModel):
    seq: int = Field(description="Position in the feed (increasing).")
    resource: Literal["incident", "control"]
    change: Literal["created", "changed", "retracted"]
    incident_id: uuid.UUID | None = Field(description="For an incident: fetch /v1/incidents/{id}.")
    place_id: str | None = Field(description="For a control interval: its place ...")
    part: str | None = Field(description="... its part (null: the whole place) ...")
    valid_from: date | None = Field(description="... and its first day.")
    recorded_at: datetime = Field(description="When the change was committed.")


class ChangeFeed(BaseModel):
    items: list[ChangeItem]
    next_cursor: str = Field(
        description="Pass as `after` to get what follows; given even when nothing does, so "
        "a client keeps polling with it."
    )
    more: bool = Field(description="True when more changes follow right away.")

    model_config = {
        "json_schema_extra": {
            "examples": [
                {
                    "items": [
                        {
                            "seq": 41,
                            "resource": "incident",
                            "change": "changed",
                            "incident_id": "6f1c1e0e-8a55-5c1d-9f57-1f0b7d7c4b21",
                            "place_id": None,
                            "part": None,
                            "valid_from": None,
                            "recorded_at": "2016-06-06T09:00:12Z",
                        }
                    ],
                    "next_cursor": "NDE",
                    "more": False,
                }
            ]
        }
    }
