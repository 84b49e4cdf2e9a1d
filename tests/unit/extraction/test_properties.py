"""Properties that hold for any input: no crash, offsets inside the paragraph, valid events."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, date, datetime
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sitrep_testing.extractor import loaded_extractor

from sitrep_ingest.extraction import ArticleContext, ParagraphInput

ROOT = Path(__file__).resolve().parents[3]
RECORDED_AT = datetime(2016, 6, 6, tzinfo=UTC)
WORDS = [
    "Syrian",
    "troops",
    "captured",
    "the",
    "town",
    "of",
    "Zakia",
    "ISIS",
    "killed",
    "73",
    "civilians",
    "in",
    "Raqqa",
    "province",
    "on",
    "Sunday",
    "airstrike",
    "kidnapped",
    "men",
    "from",
    "Garma",
    ",",
    ".",
    "according",
    "to",
    "Sputnik",
    "denied",
    "not",
    "17",
    "of",
    "them",
    "were",
    "executed",
    "Fallujah",
    "encircled",
    "will",
    "retake",
]


@cache
def _validators() -> dict[tuple[str, int], jsonschema.protocols.Validator]:
    """The committed JSON Schema of each event type and version."""
    out: dict[tuple[str, int], Any] = {}
    for path in (ROOT / "schemas" / "json").glob("*.schema.json"):
        schema = json.loads(path.read_text())
        kind, version = path.name.removesuffix(".schema.json").rsplit(".v", 1)
        out[(kind, int(version))] = jsonschema.Draft202012Validator(schema)
    return out


def _run(text: str, published: date | None = date(2016, 6, 5)) -> list[Any]:
    article = ArticleContext(
        article_id=uuid.UUID(int=1),
        published_at=datetime.combine(published, datetime.min.time(), UTC) if published else None,
        publisher=None,
        paragraphs=(ParagraphInput(0, uuid.UUID(int=2), uuid.UUID(int=3), text),),
    )
    return loaded_extractor().extract_claims(article, RECORDED_AT)


def _check(text: str, events: list[Any]) -> None:
    for event in events:
        prov = event.data.provenance
        assert 0 <= prov.sentence_start <= prov.char_start <= prov.char_end <= len(text)
        assert prov.sentence_end <= len(text)
        assert text[prov.char_start : prov.char_end] == prov.trigger
        doc = event.model_dump(mode="json")
        _validators()[(event.type, event.schema_version)].validate(doc)
        for ref in (getattr(event.data, "place", None), getattr(event.data, "actor", None)):
            if ref is not None and ref.span is not None:
                assert 0 <= ref.span.start <= ref.span.end <= len(text)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_any_unicode_text(text: str) -> None:
    _check(text, _run(text))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=60).map(" ".join))
def test_war_report_like_text(text: str) -> None:
    _check(text, _run(text))


@settings(max_examples=50, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=40).map(" ".join))
def test_without_a_publication_date(text: str) -> None:
    _check(text, _run(text, None))


def test_empty_text() -> None:
    assert _run("") == []
    assert _run("   \n ") == []


def test_one_megabyte_paragraph() -> None:
    seed = (ROOT / "seeds" / "articles" / "000_672c0df4b7590af4.txt").read_text()
    text = (seed.replace("\n", " ") + " ") * (1_000_000 // len(seed) + 1)
    events = _run(text[:1_000_000])
    assert events
    _check(text[:1_000_000], events[:200])


def test_same_input_same_ids() -> None:
    text = "Syrian troops captured the town of Zakia on Sunday, Sputnik reported."
    assert [e.id for e in _run(text)] == [e.id for e in _run(text)]
