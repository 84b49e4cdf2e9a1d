"""GeoJSON (RFC 7946) points with properties, as dashboards' map layers read them."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

__all__ = ["CollectionProperties", "Feature", "FeatureCollection", "Point"]


class Point(BaseModel):
    type: Literal["Point"] = "Point"
    coordinates: tuple[float, float]  # longitude, latitude: RFC 7946 order


class Feature(BaseModel):
    type: Literal["Feature"] = "Feature"
    id: str = Field(description="Unique within the collection.")
    geometry: Point
    properties: dict[str, Any] = Field(
        description="The row as the JSON route gives it, plus `position`: `place` (its own "
        "coordinates), `admin2` or `admin1` (the centroid of its district or province, the "
        "gazetteer having none of its own; `geo_precision` is then 3)."
    )


class CollectionProperties(BaseModel):
    features: int = Field(description="Features in the collection.")
    dropped: int = Field(
        description="Rows that matched but have no position at all, not even their "
        "province's: left out, and counted here."
    )
    dropped_ids: list[str] = Field(description="Their ids.")


class FeatureCollection(BaseModel):
    type: Literal["FeatureCollection"] = "FeatureCollection"
    features: list[Feature]
    # A foreign member (RFC 7946 section 6.1): readers that do not know it ignore it.
    properties: CollectionProperties
