"""Gold and predicted claims in one comparable shape, and how gold files are read.

Two gold formats are read:

- the held-out set (`seeds/annotations/heldout/*.jsonl`): actors and places as the text names
  them (with dictionary and gazetteer ids when known), a `quote` and `paragraph` per claim, and
  a `modality`;
- the regression set (`seeds/annotations/annotations.jsonl`): `actor` is an actor dictionary
  id, `place` a lower-case substring of the predicted place's name or mention, no paragraph.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = [
    "NOT_ASSERTED",
    "ActorDictionary",
    "Article",
    "Claim",
    "load_heldout",
    "load_regression",
]

# Gold claims in these modalities must not come out as asserted facts.
NOT_ASSERTED = frozenset({"future", "hypothetical", "denied", "negated"})
COUNT_KEYS = ("killed", "injured", "abducted", "arrested")


@dataclass(frozen=True)
class Claim:
    """One claim, gold or predicted. Unknown fields are None."""

    family: str
    type: str | None
    paragraph: int | None = None
    actor: str | None = None  # text as written (gold) or the mention (predicted)
    actor_id: str | None = None
    actor_name: str | None = None  # canonical name (predicted only)
    place: str | None = None  # text as written (gold) or the mention (predicted)
    place_id: str | None = None
    place_name: str | None = None  # gazetteer name (predicted only)
    counts: dict[str, int] = field(default_factory=dict)
    date: str | None = None
    attribution: str | None = None
    modality: str | None = None
    span: tuple[int, int] | None = None  # gold: the quote; predicted: the sentence
    trigger: tuple[int, int] | None = None  # predicted only
    quote: str | None = None
    acled: str | None = None
    # Regression gold: `actor` is an actor id and `place` a substring to look for.
    legacy: bool = False

    @property
    def asserted(self) -> bool:
        return self.modality not in NOT_ASSERTED

    def brief(self) -> str:
        """One line for error listings."""
        bits = [self.family, self.type or "?"]
        bits.append(f"actor={self.actor or self.actor_id or '-'}")
        bits.append(f"place={self.place or self.place_name or '-'}")
        if self.counts:
            bits.append("counts=" + ",".join(f"{k}:{v}" for k, v in sorted(self.counts.items())))
        if self.modality and self.modality != "asserted":
            bits.append(self.modality)
        if self.paragraph is not None:
            bits.append(f"p{self.paragraph}")
        if self.quote:
            bits.append(repr(self.quote))
        return " ".join(bits)


@dataclass(frozen=True)
class Article:
    id: str
    paragraphs: tuple[str, ...]
    published_at: str | None
    claims: tuple[Claim, ...]


class ActorDictionary:
    """Names and aliases per actor id, read from `seeds/actors/actors.tsv` and the generated
    `state_forces.tsv`."""

    def __init__(self, names: dict[str, frozenset[str]]) -> None:
        self._names = names

    @classmethod
    def load(cls, *paths: Path) -> ActorDictionary:
        names: dict[str, frozenset[str]] = {}
        for path in paths:
            if not path.exists():
                continue
            with path.open(encoding="utf-8", newline="") as f:
                lines = (line for line in f if not line.startswith("#"))
                for row in csv.DictReader(lines, delimiter="\t"):
                    aliases = [row.get("name") or "", *(row.get("aliases") or "").split("|")]
                    names[row["id"]] = frozenset(a for a in aliases if a)
        return cls(names)

    def names(self, actor_id: str | None) -> frozenset[str]:
        if actor_id is None:
            return frozenset()
        return self._names.get(actor_id, frozenset())


def _counts(raw: Any) -> dict[str, int]:
    if not isinstance(raw, dict):
        return {}
    return {k: int(v) for k, v in raw.items() if k in COUNT_KEYS and v is not None}


def _quote_span(paragraphs: tuple[str, ...], index: int | None, quote: str | None) -> Any:
    if index is None or quote is None or not 0 <= index < len(paragraphs):
        return None
    start = paragraphs[index].find(quote)
    return None if start < 0 else (start, start + len(quote))


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def load_heldout(path: Path) -> list[Article]:
    """Articles of a held-out part (`dev.jsonl` or `test.jsonl`)."""
    articles = []
    for row in _read_jsonl(path):
        paragraphs = tuple(row["text"].split("\n"))
        claims = []
        for c in row["claims"]:
            paragraph = c.get("paragraph")
            claims.append(
                Claim(
                    family=c["family"],
                    type=c.get("type"),
                    paragraph=paragraph,
                    actor=c.get("actor"),
                    actor_id=c.get("actor_id"),
                    place=c.get("place"),
                    place_id=c.get("place_id"),
                    counts=_counts(c.get("counts")),
                    date=c.get("date"),
                    attribution=c.get("attribution"),
                    modality=c.get("modality") or "asserted",
                    span=_quote_span(paragraphs, paragraph, c.get("quote")),
                    quote=c.get("quote"),
                    acled=c.get("acled"),
                )
            )
        articles.append(Article(row["id"], paragraphs, row.get("published_at"), tuple(claims)))
    return articles


def load_regression(path: Path) -> list[Article]:
    """The regression set: whole-article claims with actor ids and place substrings."""
    articles = []
    for row in _read_jsonl(path):
        claims = [
            Claim(
                family=c["family"],
                type=c.get("type"),
                actor_id=c.get("actor"),
                place=c.get("place"),
                counts=_counts(c.get("counts")),
                date=c.get("date"),
                attribution=c.get("attribution"),
                modality=None,
                acled=c.get("acled"),
                legacy=True,
            )
            for c in row["claims"]
        ]
        paragraphs = tuple(row["text"].split("\n"))
        articles.append(Article(row["id"], paragraphs, row.get("published_at"), tuple(claims)))
    return articles
