"""The event contract: committed JSON Schemas match the models, and changes stay compatible."""

from __future__ import annotations

import copy
import json
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from sitrep_testing.claim_events import ArticleBuilder, actor, place
from sitrep_testing.extractor import loaded_extractor

from sitrep_ingest.articles import ArticleSubmission
from sitrep_ingest.events import article_events
from sitrep_schemas import (
    CURRENT_SCHEMA_VERSION,
    UPCASTERS,
    ControlClaimed,
    EventContractError,
    parse_event,
    upcast,
)
from sitrep_schemas._jsonschema import (
    DEFAULT_SCHEMA_DIR,
    compatibility_problems,
    generated_schemas,
    schema_filename,
)

SEED = Path(__file__).parents[2] / "seeds" / "articles" / "000_672c0df4b7590af4.txt"


def committed(event_type: str) -> dict[str, Any]:
    path = DEFAULT_SCHEMA_DIR / schema_filename(event_type, CURRENT_SCHEMA_VERSION[event_type])
    schema: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return schema


def test_committed_schemas_are_up_to_date() -> None:
    for filename, schema in generated_schemas().items():
        path = DEFAULT_SCHEMA_DIR / filename
        assert path.exists(), (
            f"{filename} is not committed: run python -m sitrep_schemas._jsonschema"
        )
        assert json.loads(path.read_text(encoding="utf-8")) == schema, (
            f"{filename} is stale: run python -m sitrep_schemas._jsonschema"
        )


def test_ingested_events_validate_against_the_committed_schemas() -> None:
    article = ArticleSubmission(url="https://e.org/a", text=SEED.read_text(encoding="utf-8"))
    for event in article_events(article, datetime.now(UTC), loaded_extractor()).events:
        document = json.loads(event.model_dump_json())
        jsonschema.validate(document, committed(event.type))
        assert parse_event(event.model_dump_json()) == event


def test_a_new_optional_field_is_compatible_but_a_removed_or_required_one_is_not() -> None:
    old = committed("sitrep.article.ingested")
    data = old["$defs"]["ArticleIngestedData"]

    added_optional = copy.deepcopy(old)
    added_optional["$defs"]["ArticleIngestedData"]["properties"]["section"] = {"type": "string"}
    assert compatibility_problems(old, added_optional) == []

    removed = copy.deepcopy(old)
    del removed["$defs"]["ArticleIngestedData"]["properties"]["title"]
    assert any("title" in p for p in compatibility_problems(old, removed))

    required = copy.deepcopy(old)
    required["$defs"]["ArticleIngestedData"]["required"] = [*data["required"], "title"]
    assert any("newly required" in p for p in compatibility_problems(old, required))


def test_older_events_are_upcast_step_by_step(monkeypatch: pytest.MonkeyPatch) -> None:
    event_type = "sitrep.article.ingested"
    stored = {"type": event_type, "schema_version": 1, "data": {"source_name": "Reuters"}}

    def upcast_v1_v2(raw: dict[str, Any]) -> dict[str, Any]:
        raw["data"]["publisher"] = raw["data"].pop("source_name")
        return raw

    def upcast_v2_v3(raw: dict[str, Any]) -> dict[str, Any]:
        raw["data"]["language"] = raw["data"].get("language", "en")
        return raw

    monkeypatch.setitem(CURRENT_SCHEMA_VERSION, event_type, 3)
    monkeypatch.setitem(UPCASTERS, (event_type, 1), upcast_v1_v2)
    with pytest.raises(EventContractError, match="no upcaster from schema_version 2"):
        upcast(copy.deepcopy(stored))
    monkeypatch.setitem(UPCASTERS, (event_type, 2), upcast_v2_v3)
    lifted = upcast(copy.deepcopy(stored))
    assert lifted["schema_version"] == 3
    assert lifted["data"] == {"publisher": "Reuters", "language": "en"}


def test_events_from_a_newer_writer_are_refused_with_a_clear_error() -> None:
    article = ArticleSubmission(url="https://e.org/a", text="One.")
    raw = json.loads(
        article_events(article, datetime.now(UTC), loaded_extractor()).events[0].model_dump_json()
    )
    raw["schema_version"] = 99
    with pytest.raises(EventContractError, match="newer than this reader"):
        parse_event(json.dumps(raw))


def test_a_version_1_control_claim_reads_as_version_2() -> None:
    builder = ArticleBuilder("https://e.org/v1", "Wire", date(2016, 6, 5), ["Troops took it."])
    event = builder.control(
        0, "Troops took it.", "took", place("fallujah"), actor("isf"), "captured", "controlled"
    )
    stored = json.loads(event.model_dump_json())
    stored["schema_version"] = 1
    read = parse_event(json.dumps(stored))
    assert isinstance(read, ControlClaimed)
    assert read.schema_version == 2
    assert read.data.place is not None
