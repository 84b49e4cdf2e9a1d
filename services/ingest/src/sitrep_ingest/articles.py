"""An article as scrapers submit it, and how it is cut into paragraphs."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time
from typing import Annotated, Self

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator, model_validator

__all__ = [
    "MAX_PARAGRAPHS",
    "MAX_TEXT_CHARS",
    "ArticleBody",
    "ArticleSubmission",
    "split_paragraphs",
]

MAX_TEXT_CHARS = 2_000_000
MAX_PARAGRAPHS = 5_000

_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")

ParagraphText = Annotated[str, Field(max_length=MAX_TEXT_CHARS)]


def split_paragraphs(text: str) -> list[str]:
    """Cut text into paragraphs.

    Text with blank lines is split on them and hard-wrapped lines inside a paragraph are
    joined; text without any blank line is one paragraph per line, as scrapers that strip
    markup usually emit it.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _BLANK_LINE.search(text):
        blocks = [" ".join(block.split("\n")) for block in _BLANK_LINE.split(text)]
    else:
        blocks = text.split("\n")
    return [block.strip() for block in blocks if block.strip()]


class ArticleBody(BaseModel):
    """An article's text and metadata; `text` alone is enough for a dry run."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        json_schema_extra={
            "examples": [
                {
                    "url": "https://example.org/2016/06/05/fallujah-raqqa",
                    "title": "Syrian Army enters Raqqa province",
                    "publisher": "Zero Hedge",
                    "published_at": "2016-06-05",
                    "language": "en",
                    "text": "Syrian troops have crossed into Raqqa province.\n"
                    "The troops captured the strategic town of Zakia.",
                }
            ]
        },
    )

    url: str | None = Field(
        default=None, max_length=2048, description="Where the article was published."
    )
    title: str | None = Field(default=None, max_length=1000)
    publisher: str | None = Field(default=None, max_length=200, description="e.g. `Reuters`.")
    published_at: datetime | date | None = Field(
        default=None,
        description="Publication date or time (ISO 8601). Relative dates in the text "
        "(`on Sunday`) are resolved against it. A time without a zone is taken as UTC.",
    )
    language: str = Field(default="en", pattern=r"^[a-z]{2}$", description="ISO 639-1 code.")
    text: str | None = Field(
        default=None,
        max_length=MAX_TEXT_CHARS,
        description="The article text; paragraphs are separated by blank lines, or by line "
        "breaks when there is no blank line. Give either `text` or `paragraphs`.",
    )
    paragraphs: list[ParagraphText] | None = Field(
        default=None,
        max_length=MAX_PARAGRAPHS,
        description="The article already cut into paragraphs.",
    )

    _paragraph_texts: list[str] = PrivateAttr(default_factory=list)

    @field_validator("url")
    @classmethod
    def _url_is_http(cls, value: str | None) -> str | None:
        if value is not None and not re.match(r"^https?://[^\s/$.?#].[^\s]*$", value, re.I):
            raise ValueError("must be an absolute http(s) URL")
        return value

    @model_validator(mode="after")
    def _has_exactly_one_text(self) -> Self:
        if (self.text is None) == (self.paragraphs is None):
            raise ValueError("give exactly one of `text` or `paragraphs`")
        if self.paragraphs is not None:
            self._paragraph_texts = [p.strip() for p in self.paragraphs if p.strip()]
        else:
            self._paragraph_texts = split_paragraphs(self.text or "")
        if not self._paragraph_texts:
            raise ValueError("the article has no non-blank text")
        return self

    def paragraph_texts(self) -> list[str]:
        """The non-blank paragraphs, stripped, in order."""
        return list(self._paragraph_texts)

    def published_datetime(self) -> datetime | None:
        value = self.published_at
        if value is None:
            return None
        if not isinstance(value, datetime):
            return datetime.combine(value, time(0), tzinfo=UTC)
        return value if value.tzinfo else value.replace(tzinfo=UTC)


class ArticleSubmission(ArticleBody):
    """What `POST /v1/articles` takes: the URL is required, since it identifies the article."""

    url: str = Field(max_length=2048, description="Where the article was published.")
