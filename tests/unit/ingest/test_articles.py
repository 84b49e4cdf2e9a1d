"""What scrapers may send, and how it is cut into paragraphs."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from pydantic import ValidationError
from sitrep_testing.extractor import loaded_extractor

from sitrep_ingest.articles import ArticleBody, ArticleSubmission, split_paragraphs
from sitrep_ingest.events import article_events

SEED = Path(__file__).parents[3] / "seeds" / "articles" / "000_672c0df4b7590af4.txt"


def test_one_paragraph_per_line_when_there_is_no_blank_line() -> None:
    text = SEED.read_text(encoding="utf-8")
    assert len(split_paragraphs(text)) == 14


def test_blank_lines_separate_paragraphs_and_hard_wraps_are_joined() -> None:
    text = "First line\nstill first.\n\n  Second.  \n\n\n\nThird.\r\n"
    assert split_paragraphs(text) == ["First line still first.", "Second.", "Third."]


def test_text_or_paragraphs_but_not_both() -> None:
    with pytest.raises(ValidationError, match="exactly one"):
        ArticleBody(text="a", paragraphs=["a"])
    with pytest.raises(ValidationError, match="exactly one"):
        ArticleBody()


def test_blank_text_is_rejected() -> None:
    with pytest.raises(ValidationError, match="string_pattern_mismatch"):
        ArticleBody(text=" \n\n \t")


def test_submission_needs_an_http_url() -> None:
    with pytest.raises(ValidationError, match="url"):
        ArticleSubmission.model_validate({"text": "x"})
    with pytest.raises(ValidationError, match="http"):
        ArticleSubmission(url="javascript:alert(1)", text="x")


def test_a_date_without_time_is_midnight_utc() -> None:
    body = ArticleBody.model_validate({"text": "x", "published_at": "2016-06-05"})
    assert body.published_datetime() == datetime(2016, 6, 5, tzinfo=UTC)


def test_same_article_gives_the_same_ids_whenever_it_arrives() -> None:
    body = ArticleSubmission(url="https://example.org/a", text=SEED.read_text(encoding="utf-8"))
    first = article_events(body, datetime(2026, 1, 1, tzinfo=UTC), loaded_extractor())
    again = article_events(body, datetime(2026, 2, 1, tzinfo=UTC), loaded_extractor())
    assert [e.id for e in first.events] == [e.id for e in again.events]
    assert first.paragraph_count == 14


def test_an_edited_article_is_a_new_revision() -> None:
    a = article_events(
        ArticleSubmission(url="https://e.org/a", text="One."), datetime.now(UTC), loaded_extractor()
    )
    b = article_events(
        ArticleSubmission(url="https://e.org/a", text="One, edited."),
        datetime.now(UTC),
        loaded_extractor(),
    )
    assert a.article_id != b.article_id
