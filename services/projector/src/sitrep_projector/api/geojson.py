"""GeoJSON (RFC 7946) points with properties, as dashboards' map layers read them."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel

__all__ = ["Feature", "FeatureCollection", "Point", "point_feature"]


class Point(BaseModel):
    type: Literal["Point"] = "Point"
    coordinates: tuple[float, float]  # longitude, latitude: RFC 7946 order


class Feature(BaseModel):
    type: Literal["Feature"] = "Feature"
    id: str
    geometry: Point
    properties: dict[str, Any]


class FeatureCollection(BaseModel):
    type: Literal["FeatureCollection"] = "FeatureCollection"
    features: list[Feature]


def point_feature(lon: float, lat: float, feature_id: str, properties: dict[str, Any]) -> Feature:
    return Feature(id=feature_id, geometry=Point(coordinates=(lon, lat)), properties=properties)
