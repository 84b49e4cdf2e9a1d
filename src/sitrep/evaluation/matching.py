"""Matching predicted claims to gold claims, and the scores computed from the matches.

**Strict match** (what precision, recall and F1 per family count): same family, same
paragraph (when the gold claim gives one), the actor right and the place right.

- Actor: a gold null matches a predicted null. Otherwise the gold actor id equals the
  predicted one, or the gold actor text equals (case- and punctuation-insensitively) the
  predicted mention, the predicted canonical name or any alias of the predicted actor id in the
  actor dictionary, or one of these contains the other as whole words (the contained part must
  not be a bare generic word such as "troops" or "rebels").
- Place: a gold null matches a predicted null. Otherwise the gold place id equals the
  predicted one, or the gold place text matches the predicted mention or gazetteer name the
  same way as actors do.
- Regression gold (`legacy`): actor and place are checked only when the gold gives them; the
  actor as an id, the place as a substring of the predicted name and mention.

Matching is one-to-one and greedy in gold order, first among claims of the same type, then
among the rest; among the candidates for a gold claim the one whose sentence holds the gold
quote, then the first, wins.

Dates are the event's day (the labelling guide's rule): a predicted date read only to the
week, month or year counts as no date.

Gold claims whose modality is future, hypothetical, denied or negated are not to be asserted:
they are not counted in recall; a predicted claim that matches one of them counts as a false
positive unless the prediction too carries one of those modalities.

**Field scores** are computed over a second, looser alignment, so that a wrong actor or place
is scored as a wrong field and not only as a miss: same family, same paragraph and the
predicted sentence overlapping the gold quote (regression gold: same family and type). For
each field: accuracy over the aligned pairs where gold or prediction has a value (regression
gold: where the gold has one, since it leaves fields out rather than marking them null), and P/R/F1
(a right value is a true positive, a wrong predicted value a false positive, a missing or
wrong value for a gold value a false negative).

**Headline figures** over strict matches: victim counts exact (allegations whose gold gives
counts, predicted counts identical) and place resolved (gold place id given, predicted place
id identical).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sitrep.evaluation.claims import ActorDictionary, Claim

__all__ = [
    "FAMILIES",
    "FIELDS",
    "ArticleResult",
    "PartScore",
    "actor_matches",
    "match_article",
    "names_match",
    "place_matches",
    "score_part",
]

FAMILIES = ("control", "allegation", "dispute")
FIELDS = ("actor", "place", "type", "counts", "date", "attribution", "modality")
GENERIC = frozenset(
    {
        "army", "forces", "force", "troops", "soldiers", "militants", "rebels", "fighters",
        "insurgents", "police", "gunmen", "government", "military", "militia", "militias",
        "group", "they", "he", "she", "we", "it", "officials", "town", "city", "village",
        "province", "district", "region", "area", "base", "capital",
    }
)  # fmt: skip
_LEADING = re.compile(r"^(the|a|an|suspected|some)\s+")


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = re.sub(r"[\u2018\u2019'`´]", "", text)
    text = re.sub(r"[^\w]+", " ", text).strip()
    while _LEADING.match(text):
        text = _LEADING.sub("", text, count=1)
    return text


def _contains_words(longer: str, shorter: str) -> bool:
    if not shorter or shorter in GENERIC:
        return False
    return re.search(rf"(?<!\w){re.escape(shorter)}(?!\w)", longer) is not None


def names_match(gold: str, candidates: Iterable[str | None]) -> bool:
    """Whether a gold name equals or contains (or is contained in) one of the candidates."""
    g = _norm(gold)
    if not g:
        return False
    for candidate in candidates:
        if not candidate:
            continue
        c = _norm(candidate)
        if not c:
            continue
        if g == c or _contains_words(g, c) or _contains_words(c, g):
            return True
    return False


def actor_matches(gold: Claim, pred: Claim, actors: ActorDictionary) -> bool:
    if gold.legacy:
        return gold.actor_id is None or gold.actor_id == pred.actor_id
    if gold.actor is None and gold.actor_id is None:
        return pred.actor is None and pred.actor_id is None
    if pred.actor is None and pred.actor_id is None:
        return False
    if gold.actor_id is not None and gold.actor_id == pred.actor_id:
        return True
    if gold.actor is None:
        return False
    return names_match(gold.actor, [pred.actor, pred.actor_name, *actors.names(pred.actor_id)])


def place_matches(gold: Claim, pred: Claim) -> bool:
    if gold.legacy:
        if not gold.place:
            return True
        return gold.place.lower() in f"{pred.place_name or ''} {pred.place or ''}".lower()
    if gold.place is None and gold.place_id is None:
        return pred.place is None and pred.place_id is None
    if pred.place is None and pred.place_id is None:
        return False
    if gold.place_id is not None and gold.place_id == pred.place_id:
        return True
    if gold.place is None:
        return False
    return names_match(gold.place, [pred.place, pred.place_name])


def _strict(gold: Claim, pred: Claim, actors: ActorDictionary) -> bool:
    if gold.family != pred.family:
        return False
    if gold.paragraph is not None and gold.paragraph != pred.paragraph:
        return False
    return actor_matches(gold, pred, actors) and place_matches(gold, pred)


def _overlaps(gold: Claim, pred: Claim) -> bool:
    if gold.span is None or pred.span is None:
        return False
    return pred.span[0] < gold.span[1] and gold.span[0] < pred.span[1]


def _loose(gold: Claim, pred: Claim) -> bool:
    if gold.family != pred.family:
        return False
    if gold.legacy or gold.span is None:
        return gold.type == pred.type and (
            gold.paragraph is None or gold.paragraph == pred.paragraph
        )
    return gold.paragraph == pred.paragraph and _overlaps(gold, pred)


def _preference(gold: Claim, pred: Claim) -> tuple[int, int]:
    return (0 if gold.type == pred.type else 1, 0 if _overlaps(gold, pred) else 1)


def _greedy(
    golds: Sequence[Claim], preds: Sequence[Claim], fits: Any
) -> tuple[list[tuple[int, int]], set[int]]:
    """One-to-one pairs: first among claims of the same type, then among the rest."""
    taken: set[int] = set()
    done: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for same_type_only in (True, False):
        for gi, gold in enumerate(golds):
            if gi in done:
                continue
            options = [
                pi
                for pi, pred in enumerate(preds)
                if pi not in taken
                and (not same_type_only or pred.type == gold.type)
                and fits(gold, pred)
            ]
            if not options:
                continue
            best = min(options, key=lambda pi: (*_preference(gold, preds[pi]), pi))
            taken.add(best)
            done.add(gi)
            pairs.append((gi, best))
    pairs.sort()
    return pairs, taken


@dataclass
class ArticleResult:
    """What one article contributed: matched pairs and the errors, for listings."""

    article_id: str
    matched: list[tuple[Claim, Claim]] = field(default_factory=list)
    missed: list[Claim] = field(default_factory=list)
    false_alarms: list[tuple[Claim, str]] = field(default_factory=list)
    aligned: list[tuple[Claim, Claim]] = field(default_factory=list)
    restrained: int = 0


def match_article(
    article_id: str, golds: Sequence[Claim], preds: Sequence[Claim], actors: ActorDictionary
) -> ArticleResult:
    """Strict one-to-one matching, the not-to-be-asserted check, and the loose alignment."""
    positive = [g for g in golds if g.asserted]
    negative = [g for g in golds if not g.asserted]
    result = ArticleResult(article_id)
    pairs, used = _greedy(positive, preds, lambda g, p: _strict(g, p, actors))
    matched_gold = {gi for gi, _ in pairs}
    result.matched = [(positive[gi], preds[pi]) for gi, pi in pairs]
    result.missed = [g for gi, g in enumerate(positive) if gi not in matched_gold]
    for pi, pred in enumerate(preds):
        if pi in used:
            continue
        negatives = [g for g in negative if _strict(g, pred, actors)]
        if negatives and not pred.asserted:
            result.restrained += 1
        elif negatives:
            reason = f"asserted a claim the text gives as {negatives[0].modality}"
            result.false_alarms.append((pred, reason))
        else:
            result.false_alarms.append((pred, "not in the gold labels"))
    loose, _ = _greedy(positive, preds, _loose)
    result.aligned = [(positive[gi], preds[pi]) for gi, pi in loose]
    return result


def _prf(tp: int, fp: int, fn: int) -> dict[str, float | int]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "p": p, "r": r, "f1": f1}


def _attribution_ok(gold: str | None, pred: str | None) -> bool:
    if gold is None or pred is None:
        return gold is None and pred is None
    return names_match(gold, [pred])


def _field(name: str, gold: Claim, pred: Claim, actors: ActorDictionary) -> tuple[bool, bool, bool]:
    """(gold has a value, prediction has a value, the prediction is right)."""
    if name == "actor":
        g, p = gold.actor is not None or gold.actor_id is not None, pred.actor is not None
        return g, p, actor_matches(gold, pred, actors)
    if name == "place":
        g, p = gold.place is not None or gold.place_id is not None, pred.place is not None
        return g, p, place_matches(gold, pred)
    if name == "type":
        return gold.type is not None, pred.type is not None, gold.type == pred.type
    if name == "counts":
        return bool(gold.counts), bool(pred.counts), gold.counts == pred.counts
    if name == "date":
        return gold.date is not None, pred.date is not None, gold.date == pred.date
    if name == "attribution":
        g, p = gold.attribution is not None, pred.attribution is not None
        return g, p, _attribution_ok(gold.attribution, pred.attribution)
    if name == "modality":
        if gold.modality is None:
            return False, False, False
        return True, True, gold.modality == (pred.modality or "asserted")
    raise ValueError(name)


@dataclass
class PartScore:
    """Everything printed for one part, JSON-ready through `as_dict`."""

    part: str
    articles: int
    families: dict[str, dict[str, float | int]]
    micro: dict[str, float | int]
    fields: dict[str, dict[str, float | int]]
    counts_exact: dict[str, float | int]
    place_resolved: dict[str, float | int]
    asserted_not_to_assert: int
    restrained: int
    results: list[ArticleResult]

    def as_dict(self, errors: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {
            "part": self.part,
            "articles": self.articles,
            "families": self.families,
            "micro": self.micro,
            "fields": self.fields,
            "counts_exact": self.counts_exact,
            "place_resolved": self.place_resolved,
            "asserted_not_to_assert": self.asserted_not_to_assert,
            "restrained": self.restrained,
        }
        if errors:
            out["errors"] = [
                {
                    "article": r.article_id,
                    "missed": [g.brief() for g in r.missed],
                    "false_alarms": [f"{p.brief()} ({why})" for p, why in r.false_alarms],
                }
                for r in self.results
                if r.missed or r.false_alarms
            ]
        return out


def _share(correct: int, n: int) -> dict[str, float | int]:
    return {"n": n, "correct": correct, "share": correct / n if n else 0.0}


def score_part(part: str, results: Sequence[ArticleResult], actors: ActorDictionary) -> PartScore:
    """Aggregate per-article results into the part's scores."""
    tally = {f: [0, 0, 0] for f in FAMILIES}
    for r in results:
        for gold, _ in r.matched:
            tally[gold.family][0] += 1
        for pred, _ in r.false_alarms:
            tally.setdefault(pred.family, [0, 0, 0])[1] += 1
        for gold in r.missed:
            tally.setdefault(gold.family, [0, 0, 0])[2] += 1
    families = {f: _prf(*v) for f, v in tally.items()}
    micro = _prf(*(sum(v[k] for v in tally.values()) for k in range(3)))
    fields: dict[str, dict[str, float | int]] = {}
    for name in FIELDS:
        compared = correct = tp = fp = fn = 0
        for r in results:
            for gold, pred in r.aligned:
                g, p, ok = _field(name, gold, pred, actors)
                if not (g or p) or (gold.legacy and not g):
                    continue  # regression gold leaves unlabelled fields out
                compared += 1
                correct += ok
                tp += g and ok
                fp += p and not ok
                fn += g and not ok
        prf = _prf(tp, fp, fn)
        fields[name] = {
            "compared": compared,
            "correct": correct,
            "accuracy": correct / compared if compared else 0.0,
            "p": prf["p"],
            "r": prf["r"],
            "f1": prf["f1"],
        }
    counts = [(g, p) for r in results for g, p in r.matched if g.family == "allegation"]
    with_counts = [(g, p) for g, p in counts if g.counts]
    with_place_id = [(g, p) for r in results for g, p in r.matched if g.place_id]
    return PartScore(
        part=part,
        articles=len(results),
        families=families,
        micro=micro,
        fields=fields,
        counts_exact=_share(sum(g.counts == p.counts for g, p in with_counts), len(with_counts)),
        place_resolved=_share(
            sum(g.place_id == p.place_id for g, p in with_place_id), len(with_place_id)
        ),
        asserted_not_to_assert=sum(
            1 for r in results for _, why in r.false_alarms if why.startswith("asserted")
        ),
        restrained=sum(r.restrained for r in results),
        results=list(results),
    )
