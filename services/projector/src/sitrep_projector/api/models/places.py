"""Places and actors the claims name."""

from __future__ import annotations

from pydantic import BaseModel, Field

__all__ = ["Actor", "Place"]


class Place(BaseModel):
    place_id: str = Field(examples=["geonames:99454"])
    name: str = Field(examples=["Fallujah"])
    feature_type: str | None
    country: str | None
    admin1: str | None
    admin2: str | None
    lat: float | None
    lon: float | None


class Actor(BaseModel):
    actor_id: str = Field(examples=["pmf"])
    actor_name: str = Field(examples=["Popular Mobilization Forces"])
    side: str | None = Field(examples=["iraqi_government"])
    actor_type: str | None = Field(examples=["political_militia"])
    country: str | None
