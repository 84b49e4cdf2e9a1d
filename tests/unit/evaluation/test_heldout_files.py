"""The held-out annotation files stay well formed: split rule, quotes, values."""

from __future__ import annotations

import hashlib
import json
import typing
from pathlib import Path

import pytest

from sitrep_schemas._claims import AllegationType, ControlAction, DisputeManner
from sitrep_schemas._values import Modality
from sitrep_schemas.acled import AcledSubEventType

HELDOUT = Path(__file__).resolve().parents[3] / "seeds" / "annotations" / "heldout"
TYPES = {
    "control": {e.value for e in ControlAction},
    "allegation": {e.value for e in AllegationType},
    "dispute": {e.value for e in DisputeManner},
}
ACLED = set(typing.get_args(AcledSubEventType))
MODALITIES = {m.value for m in Modality}


def rows(part: str) -> list[dict[str, typing.Any]]:
    lines = (HELDOUT / f"{part}.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


@pytest.mark.parametrize("part", ["dev", "test"])
def test_split_rule(part: str) -> None:
    for row in rows(part):
        first = hashlib.sha1(row["id"].encode()).digest()[0]
        assert ("dev" if first < 171 else "test") == part, row["id"]


@pytest.mark.parametrize("part", ["dev", "test"])
def test_claims_are_well_formed(part: str) -> None:
    for row in rows(part):
        paragraphs = row["text"].split("\n")
        assert row["license"] and row["url"] and row["title"], row["id"]
        for claim in row["claims"]:
            where = f"{row['id']}: {claim['quote']!r}"
            assert claim["type"] in TYPES[claim["family"]], where
            assert claim["modality"] in MODALITIES, where
            assert claim["acled"] is None or claim["acled"] in ACLED, where
            assert claim["quote"] in paragraphs[claim["paragraph"]], where
            assert set(claim["counts"]) <= {"killed", "injured", "abducted", "arrested"}, where
            pid = claim["place_id"]
            assert pid is None or pid.startswith(("geonames:", "country:")), where
