"""Casualty counts as the API shows them: a low, best and high estimate per kind."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel

from ..projections import CASUALTY_KINDS

__all__ = ["Estimate", "estimate_json", "given_counts_json"]


class Estimate(BaseModel):
    """UCDP-style: low = least of the sources' lows, high = greatest high, best = median."""

    low: int | None
    best: int | None
    high: int | None


def estimate_json(row: Mapping[Any, Any], kind: str) -> dict[str, int | None]:
    """A row's `<kind>_low`, `<kind>_best` and `<kind>_high` columns as an `Estimate`."""
    return {"low": row[f"{kind}_low"], "best": row[f"{kind}_best"], "high": row[f"{kind}_high"]}


def given_counts_json(row: Mapping[Any, Any]) -> dict[str, dict[str, int | None]]:
    """The kinds a claim row gives a number for (a best estimate), each as an `Estimate`."""
    return {
        kind: estimate_json(row, kind) for kind in CASUALTY_KINDS if row[f"{kind}_best"] is not None
    }
