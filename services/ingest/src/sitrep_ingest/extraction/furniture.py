"""The furniture of a news article: datelines, bylines, captions and credit lines.

None of it carries a claim. A dateline ("KHARTOUM, March 3 —", "BEIRUT (Reuters) -") still says
where the reporting is from, so its place informs the article's context but is never the place
of a claim; bylines, photo captions and reporting credits are skipped whole.
"""

from __future__ import annotations

import re

__all__ = ["dateline_end", "is_furniture"]

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
# A place in capitals (or Title Case with a country after a comma), then optionally a date and
# an agency in brackets, then a dash or colon: the dateline of wire copy.
_DATELINE = re.compile(
    rf"^\s*(?:[A-Z][A-Z'’.\-]+(?:\s+[A-Z][A-Z'’.\-]+){{0,3}}"
    rf"|[A-Z][a-z]+(?:\s+[A-Z][a-z]+){{0,2}}(?=,\s*(?:[A-Z][a-z]+|{_MONTH})))"
    rf"(?:,\s*[A-Z][A-Za-z.]+(?:\s+[A-Z][A-Za-z.]+){{0,2}})?"
    rf"(?:,?\s*{_MONTH}\s+\d{{1,2}}(?:,\s*\d{{4}})?)?"
    r"(?:\s*\((?:[A-Z][\w.&’' -]{1,30})\))?"
    r"\s*(?:[—–-]{1,2}|:)\s+(?=[A-Z\"“‘'])"
)
_BYLINE = re.compile(r"^\s*(?:By|BY)\s+[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3}\s*(?:[,|].*)?$")
_CAPTION = re.compile(
    r"^\s*(?:Photo|Image|Picture|Pictured|Caption|Credit|File photo|Video|Photograph|Graphic)"
    r"s?\b\s*[:|—–-]",
    re.IGNORECASE,
)
_CREDIT = re.compile(
    r"^\s*\(?(?:Additional\s+)?(?:Reporting|Writing|Editing|Compiled|Translated|Produced)"
    r"\s+by\b",
    re.IGNORECASE,
)
_TRAILING_CREDIT = re.compile(r"\((?:Photo|Image|Picture)[^)]*\)\s*$", re.IGNORECASE)


def is_furniture(paragraph: str) -> bool:
    """A byline, caption or credit line: no claim is read from it."""
    if _BYLINE.match(paragraph) or _CAPTION.match(paragraph) or _CREDIT.match(paragraph):
        return True
    # A short line that is only a photo credit in brackets
    return bool(_TRAILING_CREDIT.search(paragraph)) and len(paragraph.split()) <= 25


def dateline_end(paragraph: str) -> int:
    """Where the text after a leading dateline begins (0 without one)."""
    found = _DATELINE.match(paragraph)
    if found is None:
        return 0
    if found.group().rstrip().endswith(":") and not any(c.isdigit() for c in found.group()):
        return 0  # "ISIS: The group said": a heading or a speaker, not a dateline
    return found.end()
