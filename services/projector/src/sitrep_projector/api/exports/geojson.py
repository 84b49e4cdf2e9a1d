"""Rows as GeoJSON (RFC 7946) points; nothing left out without saying so.

A row whose place has no coordinates of its own is put at its district's or province's
centroid (`geo_precision` 3, `position` says which); a row without even that is counted
in the collection's `properties.dropped` with its id.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from ...projections import Reference

__all__ = ["feature_collection"]


def feature_collection(
    items: Iterable[dict[str, Any]],
    reference: Reference,
    feature_id: Callable[[dict[str, Any]], str],
) -> dict[str, Any]:
    """A `FeatureCollection` JSON object of the items (JSON objects of a list route)."""
    features: list[dict[str, Any]] = []
    dropped: list[str] = []
    for item in items:
        position = reference.position_of(
            item.get("place_id"), item.get("lat"), item.get("lon"), item["country"], item["admin1"]
        )
        if position is None:
            dropped.append(feature_id(item))
            continue
        properties = dict(item, position=position.source)
        if position.source != "place":
            properties["geo_precision"] = 3
        features.append(
            {
                "type": "Feature",
                "id": feature_id(item),
                "geometry": {"type": "Point", "coordinates": [position.lon, position.lat]},
                "properties": properties,
            }
        )
    return {
        "type": "FeatureCollection",
        "features": features,
        "properties": {"features": len(features), "dropped": len(dropped), "dropped_ids": dropped},
    }
