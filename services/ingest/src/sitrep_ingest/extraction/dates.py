"""When a reported event happened, resolved against the article's date.

Precision follows ACLED: 1 the day is known, 2 the week, 3 the month or vaguer. Expressions
read: weekdays ("on Sunday", "Thursday"), month and day ("June 3", "3 June"), months ("in
February and March", "in May"), years ("in 2013"), and relative spans ("two weeks ago",
"in the past year", "yesterday", "last week", "earlier today").
"""

from __future__ import annotations

import re
from calendar import monthrange
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from typing import Any

from sitrep_schemas import EventTime, TimeGranularity

__all__ = ["MONTH_NAMES", "DateMention", "SentenceDates", "find_dates"]

_MONTHS = {
    name: i
    for i, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
MONTH_NAMES = frozenset(_MONTHS)  # lower case, abbreviations included
_WEEKDAYS = {
    d: i
    for i, d in enumerate(
        ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
    )
}
_SMALL = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "several": 3,
    "few": 3,
    "a few": 3,
}
_MONTH_RE = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
)
_WEEKDAY_RE = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_NUM_RE = r"(?:\d{1,2}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|a few)"
# The expressions, in the order the reading prefers them, each with the words one of which it
# cannot match without: a sentence's regular expression holds only the forms it may contain.
_MONTH_CUES = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_FORMS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        rf"(?P<md>\b{_MONTH_RE}\s+(?P<md_day>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<md_year>(?:19|20)\d\d)\b)?)",
        _MONTH_CUES,
    ),
    (
        rf"(?P<dm>\b(?P<dm_day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<dm_month>{_MONTH_RE})\b(?:,?\s+(?P<dm_year>(?:19|20)\d\d)\b)?)",
        _MONTH_CUES,
    ),
    (
        rf"(?P<range>\b(?:in|between|from)\s+(?P<m1>{_MONTH_RE})\s+(?:and|to|-|through|until)\s+(?P<m2>{_MONTH_RE})(?:\s+(?P<range_year>(?:19|20)\d\d))?\b)",
        _MONTH_CUES,
    ),
    (
        rf"(?P<my>\b(?:in|since|during|early|late|mid|until|last|this|by)[\s-]+(?P<my_month>{_MONTH_RE})(?:\s+(?P<my_year>(?:19|20)\d\d))?\b)",
        _MONTH_CUES,
    ),
    (
        rf"(?P<wd>\b(?:(?:on|last|this|late|early)\s+)?(?P<wd_name>{_WEEKDAY_RE})(?:\s+(?:night|morning|evening|afternoon))?\b(?!\s+(?:prayers?|sermons?|mass|service)))",
        ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
    ),
    (
        rf"(?P<ago>\b(?:about\s+|around\s+|some\s+|nearly\s+)?(?P<ago_n>{_NUM_RE})\s+(?P<ago_unit>day|week|month|year)s?\s+ago\b)",
        ("ago",),
    ),
    (
        rf"(?P<past>\b(?:in|over|during|within)\s+the\s+(?:past|last|previous)\s+(?:(?P<past_n>{_NUM_RE}|\d+)\s+)?(?P<past_unit>day|week|month|year|48 hours|24 hours)s?\b)",  # noqa: E501
        ("past", "last", "previous"),
    ),
    (
        r"(?P<rel>\b(?:yesterday|today|tonight|earlier today|last night|this morning|last week|this week|last month|this month|last year|this year)\b)",  # noqa: E501
        ("yesterday", "today", "tonight", "last", "this"),
    ),
    (
        r"(?P<year>\b(?:in|since|during|by|until|of|from)\s+(?P<year_n>(?:19|20)\d\d)\b)",
        ("19", "20"),
    ),
)


@cache
def _pattern(forms: tuple[bool, ...]) -> re.Pattern[str]:
    """The alternation of the forms a sentence may contain, in their usual order."""
    chosen = [form for (form, _), wanted in zip(_FORMS, forms, strict=True) if wanted]
    return re.compile("|".join(chosen), re.IGNORECASE)


# Forms that share their cue words are asked for together: at most 2**4 expressions to build.
_RELATIVE_CUES = ("ago", "past", "last", "previous", "yesterday", "today", "tonight", "this")
_FAMILIES: tuple[tuple[tuple[int, ...], tuple[str, ...]], ...] = (
    ((0, 1, 2, 3), _MONTH_CUES),
    ((4,), ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")),
    ((5, 6, 7), _RELATIVE_CUES),
    ((8,), ("19", "20")),
)


def _forms_in(lowered: str) -> tuple[bool, ...]:
    found = [False] * len(_FORMS)
    for forms, cues in _FAMILIES:
        for cue in cues:  # substring tests: far cheaper than one case-blind regex scan
            if cue in lowered:
                for form in forms:
                    found[form] = True
                break
    return tuple(found)


@dataclass(frozen=True, slots=True)
class DateMention:
    start: int
    end: int
    time: EventTime
    # The relative clause holding the date ("the offensive, which was started in May, ..."):
    # the date belongs to that clause's event, not to the sentence or the paragraph.
    relative_clause: tuple[int, int] | None = None

    def dates_offset(self, offset: int) -> bool:
        """Whether the date may date an event whose words begin at `offset`."""
        if self.relative_clause is None:
            return True
        start, end = self.relative_clause
        return start <= offset < end


def _n(word: str) -> int:
    word = word.lower()
    return int(word) if word.isdigit() else _SMALL.get(word, 1)


def _month_span(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, monthrange(year, month)[1])


def _year_for(month: int, anchor: date) -> int:
    """A month without a year is the latest such month not after the article."""
    return anchor.year if month <= anchor.month else anchor.year - 1


def _resolve(m: re.Match[str], anchor: date) -> EventTime | None:
    expression = m.group(0)

    def at(start: date, end: date, precision: int, granularity: TimeGranularity) -> EventTime:
        return EventTime(
            start=start,
            end=end,
            precision=precision,
            granularity=granularity,
            expression=expression,
            anchor=anchor,
        )

    g: dict[str, Any] = defaultdict(lambda: None, m.groupdict())
    try:
        if g["md"] or g["dm"]:
            month = _MONTHS[
                ((g["md"] and m.group(0).split()[0]) or g["dm_month"]).lower().rstrip(".")
            ]
            day = int(g["md_day"] or g["dm_day"])
            year_text = g["md_year"] or g["dm_year"]
            year = int(year_text) if year_text else anchor.year
            when = date(year, month, day)
            if not year_text and when > anchor + timedelta(days=7):
                when = date(year - 1, month, day)
            return at(when, when, 1, TimeGranularity.DAY)
        if g["range"]:
            m1 = _MONTHS[g["m1"].lower().rstrip(".")]
            m2 = _MONTHS[g["m2"].lower().rstrip(".")]
            y = int(g["range_year"]) if g["range_year"] else _year_for(m2, anchor)
            y1 = y if m1 <= m2 else y - 1
            return at(_month_span(y1, m1)[0], _month_span(y, m2)[1], 3, TimeGranularity.RANGE)
        if g["my"]:
            month = _MONTHS[g["my_month"].lower().rstrip(".")]
            y = int(g["my_year"]) if g["my_year"] else _year_for(month, anchor)
            start, end = _month_span(y, month)
            return at(start, end, 3, TimeGranularity.MONTH)
        if g["wd"]:
            target = _WEEKDAYS[g["wd_name"].lower()]
            back = (anchor.weekday() - target) % 7
            if expression.lower().startswith("last") and back == 0:
                back = 7
            when = anchor - timedelta(days=back)
            return at(when, when, 1, TimeGranularity.DAY)
        if g["ago"]:
            n = _n(g["ago_n"])
            unit = g["ago_unit"].lower()
            days = {"day": 1, "week": 7, "month": 30, "year": 365}[unit] * n
            when = anchor - timedelta(days=days)
            precision = 1 if unit == "day" else 2 if unit == "week" else 3
            gran = TimeGranularity(unit)
            return at(when, when, precision, gran)
        if g["past"]:
            unit = g["past_unit"].lower()
            n = _n(g["past_n"]) if g["past_n"] else 1
            days = {"day": 1, "week": 7, "month": 30, "year": 365, "48 hours": 2, "24 hours": 1}[
                unit
            ] * n
            gran = {
                "day": TimeGranularity.DAY,
                "48 hours": TimeGranularity.DAY,
                "24 hours": TimeGranularity.DAY,
                "week": TimeGranularity.WEEK,
                "month": TimeGranularity.MONTH,
                "year": TimeGranularity.YEAR,
            }[unit]
            precision = 2 if days <= 7 else 3
            return at(anchor - timedelta(days=days), anchor, precision, gran)
        if g["rel"]:
            word = expression.lower()
            if word in ("yesterday", "last night"):
                when = anchor - timedelta(days=1)
                return at(when, when, 1, TimeGranularity.DAY)
            if word in ("today", "tonight", "earlier today", "this morning"):
                return at(anchor, anchor, 1, TimeGranularity.DAY)
            if word in ("last week", "this week"):
                shift = 7 if word == "last week" else 0
                start = anchor - timedelta(days=anchor.weekday() + shift)
                return at(start, min(anchor, start + timedelta(days=6)), 2, TimeGranularity.WEEK)
            if word in ("last month", "this month"):
                y, mo = anchor.year, anchor.month
                if word == "last month":
                    y, mo = (y, mo - 1) if mo > 1 else (y - 1, 12)
                start, end = _month_span(y, mo)
                return at(start, min(end, anchor), 3, TimeGranularity.MONTH)
            y = anchor.year - (1 if word == "last year" else 0)
            return at(date(y, 1, 1), min(date(y, 12, 31), anchor), 3, TimeGranularity.YEAR)
        if g["year"]:
            y = int(g["year_n"])
            return at(date(y, 1, 1), date(y, 12, 31), 3, TimeGranularity.YEAR)
    except (ValueError, KeyError, OverflowError):
        return None
    return None


_RELATIVE_PRONOUN = re.compile(r"\b(?:which|who|whom|whose)\b", re.IGNORECASE)
_CLAUSE_BREAK = ",;:()"


def _relative_clause(text: str, start: int, end: int, date: DateMention) -> tuple[int, int] | None:
    """From the relative pronoun opening the clause the date sits in to that clause's end.

    Only which/who/whom/whose: "that" also opens reported speech ("reported that the army
    launched an offensive on June 3"), whose date is the main event's.
    """
    clause_start = start
    for i in range(date.start - 1, start - 1, -1):
        if text[i] in _CLAUSE_BREAK:
            clause_start = i + 1
            break
    pronoun = None
    for m in _RELATIVE_PRONOUN.finditer(text, clause_start, date.start):
        pronoun = m.start()
    if pronoun is None:
        return None
    clause_end = end
    for i in range(date.end, end):
        if text[i] in _CLAUSE_BREAK:
            clause_end = i
            break
    return pronoun, clause_end


def find_dates(text: str, start: int, end: int, anchor: date | None) -> list[DateMention]:
    """Time expressions in text[start:end]; unresolved (no anchor) ones keep only the words."""
    found = _find_dates(text, start, end, anchor)
    return [
        DateMention(d.start, d.end, d.time, _relative_clause(text, start, end, d)) for d in found
    ]


def _find_dates(text: str, start: int, end: int, anchor: date | None) -> list[DateMention]:
    out: list[DateMention] = []
    forms = _forms_in(text[start:end].lower())
    if not any(forms):
        return out
    for m in _pattern(forms).finditer(text, start, end):
        if anchor is None:
            g: dict[str, Any] = defaultdict(lambda: None, m.groupdict())
            if g["year"] or g["md_year"] or g["dm_year"]:
                resolved = _resolve(m, date(2100, 1, 1))
                if resolved is not None:
                    out.append(
                        DateMention(
                            m.start(), m.end(), resolved.model_copy(update={"anchor": None})
                        )
                    )
                    continue
            out.append(DateMention(m.start(), m.end(), EventTime(expression=m.group(0))))
            continue
        time = _resolve(m, anchor)
        if time is not None:
            out.append(DateMention(m.start(), m.end(), time))
    return out


class SentenceDates:
    """The date expressions of one sentence, read on first use, and the running date: the first
    date of this sentence or, failing that, of the nearest earlier sentence of the paragraph
    that has one. Most sentences yield no claim, so most are never read."""

    __slots__ = ("_anchor", "_end", "_found", "_previous", "_running", "_start", "_text")

    def __init__(
        self,
        text: str,
        start: int,
        end: int,
        anchor: date | None,
        previous: SentenceDates | None,
        readable: bool = True,
    ) -> None:
        self._text = text
        self._start = start
        self._end = end
        self._anchor = anchor
        self._previous = previous
        self._found: tuple[DateMention, ...] | None = None if readable else ()
        self._running: tuple[EventTime | None] | None = None

    @property
    def found(self) -> tuple[DateMention, ...]:
        if self._found is None:
            self._found = tuple(find_dates(self._text, self._start, self._end, self._anchor))
        return self._found

    @property
    def running(self) -> EventTime | None:
        # Iterative, not recursive: a megabyte paragraph has thousands of sentences.
        chain: list[SentenceDates] = []
        node: SentenceDates | None = self
        value: EventTime | None = None
        while node is not None:
            if node._running is not None:
                value = node._running[0]
                break
            chain.append(node)
            main_clause = [d for d in node.found if d.relative_clause is None]
            if main_clause:
                value = main_clause[0].time
                break
            node = node._previous
        for visited in chain:
            visited._running = (value,)
            visited._previous = None  # the answer is kept; the chain can go
        return value
