"""Casualty sums per group."""

from __future__ import annotations

from pydantic import BaseModel, Field

__all__ = ["CasualtyGroup"]


class CasualtyGroup(BaseModel):
    group: str = Field(
        description="The perpetrator side, place id, province or ISO week start; `unknown` "
        "for incidents that do not say.",
        examples=["iraqi_government"],
    )
    incidents: int
    killed: int
    injured: int
    abducted: int
    arrested: int
    killed_low: int
    killed_high: int
