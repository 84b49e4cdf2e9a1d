"""Where the seed data is found, the lazily read dates, and the lines `sitrep extract` writes."""

from __future__ import annotations

import io
import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sitrep_testing.extractor import loaded_extractor

from sitrep.commands.extract import extract_lines
from sitrep_ingest.articles import ArticleBody
from sitrep_ingest.events import article_events
from sitrep_ingest.extraction import _seeds
from sitrep_ingest.extraction.dates import SentenceDates


def _fake_seeds(root: Path) -> Path:
    seeds = root / "seeds"
    (seeds / "lexicon").mkdir(parents=True)
    (seeds / "gazetteer").mkdir()
    return seeds


def test_seeds_dir_override_wins(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("SITREP_SEEDS_DIR", str(tmp_path))
    _seeds.seeds_dir.cache_clear()
    try:
        assert _seeds.seeds_dir() == tmp_path
    finally:
        _seeds.seeds_dir.cache_clear()


def test_seeds_found_above_an_installed_package(tmp_path: Path) -> None:
    seeds = _fake_seeds(tmp_path)
    package = tmp_path / ".venv" / "lib" / "python3.11" / "site-packages" / "sitrep_ingest"
    package.mkdir(parents=True)
    assert _seeds._seeds_above(package) == seeds


def test_no_seeds_above_an_unrelated_directory(tmp_path: Path) -> None:
    assert _seeds._seeds_above(tmp_path / "elsewhere") is None


def test_running_date_comes_from_the_nearest_earlier_sentence() -> None:
    text = "Troops entered the town on Sunday. Clashes continued. Two soldiers were killed."
    first = SentenceDates(text, 0, 33, date(2016, 6, 5), None)
    second = SentenceDates(text, 34, 52, date(2016, 6, 5), first)
    third = SentenceDates(text, 53, len(text), date(2016, 6, 5), second)
    when = third.running
    assert when is not None and when.start == date(2016, 6, 5)
    assert second.running == when and not second.found


def test_a_long_chain_of_sentences_without_dates() -> None:
    text = "x" * 10
    node = None
    for _ in range(20_000):  # no recursion limit on a megabyte paragraph
        node = SentenceDates(text, 0, 1, None, node, readable=False)
    assert node is not None and node.running is None


def test_extract_lines_are_the_events_as_json() -> None:
    received = datetime(2016, 6, 6, tzinfo=UTC)
    text = "Syrian troops captured the town of Zakia on Sunday, Sputnik reported."
    lines = io.StringIO(
        json.dumps({"id": "a", "text": text, "published_at": "2016-06-05"}) + "\nnot json\n"
    )
    good, bad = list(extract_lines(lines, received, loaded_extractor()))
    expected = article_events(
        ArticleBody(text=text, published_at=date(2016, 6, 5)), received, loaded_extractor()
    ).events
    assert good.ok and json.loads(good.json) == {
        "id": "a",
        "events": [e.model_dump(mode="json") for e in expected],
    }
    assert not bad.ok and json.loads(bad.json)["error"] == bad.error
