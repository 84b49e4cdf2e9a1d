"""An article as scrapers submit it, its limits, and how it is cut into paragraphs.

The limits keep every event of an article well inside Kafka's default request size (1 MiB):
the largest event, a `ParagraphRecorded`, carries one paragraph, and a paragraph of
`MAX_PARAGRAPH_CHARS` characters is at most 4 bytes a character in UTF-8 (6 for a control
character escaped in JSON), 600 KB. `events.check_record_sizes` checks the encoded events
themselves before anything is published, so a limit missed here is still a 413, never a 503.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, date, datetime, time, timedelta
from typing import Annotated, Any, Literal, Self
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PlainValidator,
    PrivateAttr,
    WithJsonSchema,
    model_validator,
)

__all__ = [
    "EARLIEST_PUBLISHED",
    "MAX_ARTICLE_CHARS",
    "MAX_PARAGRAPHS",
    "MAX_PARAGRAPH_CHARS",
    "MAX_TEXT_CHARS",
    "ArticleBody",
    "ArticleSubmission",
    "SourceFormat",
    "split_paragraphs",
]

MAX_TEXT_CHARS = 2_000_000  # `text` as sent (HTML pages carry much markup)
MAX_PARAGRAPH_CHARS = 100_000
MAX_PARAGRAPHS = 1_000
MAX_ARTICLE_CHARS = 1_000_000  # all paragraphs together, after markup is removed
EARLIEST_PUBLISHED = date(1900, 1, 1)
FUTURE_TOLERANCE = timedelta(days=1)

SourceFormat = Literal["text/plain", "text/html"]

_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")
# C0 and C1 controls other than tab, line feed and carriage return: garbage from scrapers,
# and PostgreSQL cannot store NUL in text.
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_NON_BLANK = r"\S"
_URL = r"^[hH][tT][tT][pP][sS]?://[^\s/$.?#][^\s]*$"


def _clean(value: str) -> str:
    """Refuse unpaired surrogates (they cannot be written as UTF-8); drop control characters."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ValueError("contains an unpaired surrogate (not valid Unicode)") from exc
    return _CONTROLS.sub("", unicodedata.normalize("NFC", value))


def _parsable_url(value: str) -> str:
    """The pattern says http(s) and no spaces; this says the host and port can be read."""
    try:
        parts = urlsplit(value)
        port = parts.port
    except ValueError as exc:
        raise ValueError(f"not a URL ingest can read: {exc}") from None
    if not parts.hostname:
        raise ValueError("the URL names no host")
    if port == 0:
        raise ValueError("the URL's port is 0")
    return value


_CLEAN = AfterValidator(_clean)  # after the length and pattern checks, as JSON Schema states them


def _published(value: Any) -> datetime | date:
    """An ISO 8601 date or date-time, within `_plausible` bounds; one error for the field.

    A bare number would be read as Unix seconds: scrapers mean nothing of the kind.
    """
    if isinstance(value, (date, datetime)):
        return _plausible(value)
    if not isinstance(value, str):
        raise ValueError("give an ISO 8601 date or date-time string, e.g. 2016-06-05")
    text = value.strip()
    try:
        parsed: datetime | date = (
            date.fromisoformat(text) if len(text) == 10 else datetime.fromisoformat(text)
        )
    except ValueError:
        raise ValueError(
            f"not an ISO 8601 date or date-time (e.g. 2016-06-05 or 2016-06-05T09:30:00Z): "
            f"{text[:40]!r}"
        ) from None
    return _plausible(parsed)


def _plausible(value: datetime | date) -> datetime | date:
    day = value.date() if isinstance(value, datetime) else value
    if day < EARLIEST_PUBLISHED:
        raise ValueError(f"{day.isoformat()} is before {EARLIEST_PUBLISHED.isoformat()}")
    moment = value if isinstance(value, datetime) else datetime.combine(value, time(0))
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    if aware > datetime.now(UTC) + FUTURE_TOLERANCE:
        raise ValueError(f"{day.isoformat()} is more than a day in the future")
    return value


PublishedAt = Annotated[
    datetime | date,
    PlainValidator(_published),
    WithJsonSchema(
        {"anyOf": [{"type": "string", "format": "date"}, {"type": "string", "format": "date-time"}]}
    ),
]
ParagraphText = Annotated[str, Field(max_length=MAX_PARAGRAPH_CHARS, pattern=_NON_BLANK), _CLEAN]


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


def check_paragraphs(paragraphs: list[str], field: str) -> None:
    if len(paragraphs) > MAX_PARAGRAPHS:
        raise ValueError(
            f"`{field}` has {len(paragraphs)} paragraphs; at most {MAX_PARAGRAPHS} allowed"
        )
    for n, paragraph in enumerate(paragraphs):
        if len(paragraph) > MAX_PARAGRAPH_CHARS:
            raise ValueError(
                f"paragraph {n} of `{field}` has {len(paragraph)} characters; at most "
                f"{MAX_PARAGRAPH_CHARS} allowed"
            )
    total = sum(len(p) for p in paragraphs)
    if total > MAX_ARTICLE_CHARS:
        raise ValueError(
            f"the article has {total} characters of text; at most {MAX_ARTICLE_CHARS} allowed"
        )


class ArticleBody(BaseModel):
    """An article's text and metadata; `text` alone is enough for a dry run."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        regex_engine="python-re",
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
            ],
        },
    )

    url: (
        Annotated[str, Field(max_length=2048, pattern=_URL), _CLEAN, AfterValidator(_parsable_url)]
        | None
    ) = Field(
        default=None,
        description="Where the article was published (absolute http(s) URL). With "
        "`content_type` text/html, the page's canonical link is used when this is absent.",
    )
    title: Annotated[str, Field(max_length=1000), _CLEAN] | None = Field(
        default=None, description="Taken from the HTML when absent."
    )
    publisher: Annotated[str, Field(max_length=200), _CLEAN] | None = Field(
        default=None, description="e.g. `Reuters`; taken from the HTML when absent."
    )
    published_at: PublishedAt | None = Field(
        default=None,
        description="Publication date or time (ISO 8601), from 1900-01-01 to a day from now; "
        "taken from the HTML when absent. Relative dates in the text (`on Sunday`) are "
        "resolved against it. A time without a zone is taken as UTC.",
    )
    language: Annotated[str, Field(pattern=r"^[a-z]{2}$")] | None = Field(
        default=None,
        description="ISO 639-1 code. Detected from the text when absent. Claims are extracted "
        "from English only; other articles are recorded and flagged as not extracted.",
    )
    content_type: SourceFormat = Field(
        default="text/plain",
        description="What `text` holds: plain text, or an HTML page whose boilerplate, "
        "scripts and navigation are removed and whose paragraphs come from the markup.",
    )
    text: Annotated[str, Field(max_length=MAX_TEXT_CHARS, pattern=_NON_BLANK), _CLEAN] = Field(
        default=None,  # type: ignore[assignment]  # absent: `paragraphs` is given instead
        description="The article text; paragraphs are separated by blank lines, or by line "
        "breaks when there is no blank line. Give either `text` or `paragraphs`.",
    )
    paragraphs: list[ParagraphText] = Field(
        default=None,  # type: ignore[arg-type]  # absent: `text` is given instead
        min_length=1,
        max_length=MAX_PARAGRAPHS,
        description=f"The article already cut into paragraphs (at most {MAX_PARAGRAPHS}, each "
        f"at most {MAX_PARAGRAPH_CHARS} characters).",
    )

    _paragraph_texts: list[str] = PrivateAttr(default_factory=list)

    @model_validator(mode="before")
    @classmethod
    def _no_nulls_for_text(cls, data: Any) -> Any:
        if isinstance(data, dict):
            for name in ("text", "paragraphs"):
                if name in data and data[name] is None:
                    raise ValueError(f"`{name}` may be absent but not null")
        return data

    @model_validator(mode="after")
    def _has_exactly_one_text(self) -> Self:
        if (self.text is None) == (self.paragraphs is None):
            raise ValueError("give exactly one of `text` or `paragraphs`")
        if self.paragraphs is not None:
            if self.content_type != "text/plain":
                raise ValueError("`content_type` applies to `text`, not to `paragraphs`")
            self._paragraph_texts = [p.strip() for p in self.paragraphs if p.strip()]
            check_paragraphs(self._paragraph_texts, "paragraphs")
        elif self.content_type == "text/plain":
            self._paragraph_texts = split_paragraphs(self.text or "")
            check_paragraphs(self._paragraph_texts, "text")
        return self

    @property
    def source_format(self) -> str:
        return "paragraphs" if self.paragraphs is not None else self.content_type

    def paragraph_texts(self) -> list[str]:
        """The non-blank paragraphs, stripped, in order (none yet for HTML: see `pages`)."""
        return list(self._paragraph_texts)

    def published_datetime(self) -> datetime | None:
        value = self.published_at
        if value is None:
            return None
        if not isinstance(value, datetime):
            return datetime.combine(value, time(0), tzinfo=UTC)
        return value if value.tzinfo else value.replace(tzinfo=UTC)


class ArticleSubmission(ArticleBody):
    """What `POST /v1/articles` takes: the URL identifies the article (for HTML, the page's
    canonical link may stand in for it)."""

    @model_validator(mode="after")
    def _has_url(self) -> Self:
        if self.url is None and self.content_type != "text/html":
            raise ValueError("`url` is required (it identifies the article)")
        return self
