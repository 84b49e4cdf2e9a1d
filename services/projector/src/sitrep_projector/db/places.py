"""Places and actors as the claims (and the gazetteer, when loaded) name them."""

from __future__ import annotations

from sqlmodel import Field, SQLModel

__all__ = ["ActorRow", "PlaceRow"]


class PlaceRow(SQLModel, table=True):
    __tablename__ = "places"

    place_id: str = Field(primary_key=True)
    name: str = Field(index=True)
    feature_type: str | None = None
    country: str | None = Field(default=None, index=True)
    admin1: str | None = Field(default=None, index=True)
    admin2: str | None = None
    lat: float | None = None
    lon: float | None = None


class ActorRow(SQLModel, table=True):
    __tablename__ = "actors"

    actor_id: str = Field(primary_key=True)
    name: str
    side: str | None = Field(default=None, index=True)
    actor_type: str | None = None
    country: str | None = None
