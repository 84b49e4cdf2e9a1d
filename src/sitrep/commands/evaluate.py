"""`sitrep evaluate`: score the extractor on hand-annotated paragraphs.

A predicted claim matches a gold claim of the same family and type (control action,
allegation type, dispute manner) whose place, when the gold names one, appears in the
prediction's place name or mention. Matching is one-to-one, in text order. Prints precision,
recall and F1 per claim family, and per field (actor, place, action/type, ACLED type, counts,
date, attribution) over the matched pairs: a field counts as correct when the gold gives it
and the prediction agrees.
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sitrep_ingest.articles import ArticleBody
from sitrep_ingest.events import article_events
from sitrep_ingest.extraction import Extractor

__all__ = ["register", "score_annotations"]

DEFAULT = Path(__file__).resolve().parents[3] / "seeds" / "annotations" / "annotations.jsonl"
_FAMILY = {
    "sitrep.control.claimed": "control",
    "sitrep.allegation.reported": "allegation",
    "sitrep.allegation.disputed": "dispute",
}
FIELDS = ("actor", "place", "acled", "counts", "date", "attribution")


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "evaluate",
        help="score the extractor on annotated paragraphs (P/R/F1 per family and field)",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--annotations", type=Path, default=DEFAULT)
    parser.add_argument("--verbose", action="store_true", help="list misses and false alarms")
    parser.set_defaults(run=run)


def _predicted(row: dict[str, Any], extractor: Extractor) -> list[dict[str, Any]]:
    body = ArticleBody(text=row["text"], published_at=row.get("published_at"))
    out = []
    for event in article_events(body, datetime.now(UTC), extractor).events:
        family = _FAMILY.get(event.type)
        if family is None:
            continue
        d = event.model_dump(mode="json")["data"]
        place = d.get("place") or d.get("scope_place") or {}
        actor = d.get("actor") or d.get("perpetrator") or d.get("disputed_by") or {}
        out.append(
            {
                "family": family,
                "type": d.get("action") or d.get("allegation_type") or d.get("manner"),
                "place": f"{place.get('name') or ''} {place.get('mention') or ''}".lower(),
                "actor": actor.get("actor_id"),
                "acled": d.get("acled_sub_event_type"),
                "counts": {k: v["best"] for k, v in (d.get("counts") or {}).items() if v},
                "date": (d.get("when") or {}).get("start"),
                "attribution": (d.get("attribution") or {}).get("source"),
            }
        )
    return out


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _field_ok(name: str, gold: dict[str, Any], pred: dict[str, Any]) -> bool:
    if name == "counts":
        return all(pred["counts"].get(k) == v for k, v in gold["counts"].items())
    if name == "place":
        return gold["place"] in pred["place"]
    return bool(gold[name] == pred[name])


def score_annotations(path: Path, verbose: bool = False) -> dict[str, Any]:
    tally: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    fields: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    lines = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
    extractor = Extractor.load()
    for row in lines:
        predicted = _predicted(row, extractor)
        used: set[int] = set()
        for gold in row["claims"]:
            match = None
            for i, pred in enumerate(predicted):
                if i in used or pred["family"] != gold["family"] or pred["type"] != gold["type"]:
                    continue
                if gold.get("place") and gold["place"] not in pred["place"]:
                    continue
                match = i
                break
            if match is None:
                tally[gold["family"]][2] += 1
                if verbose:
                    print(f"miss  {row['id']}: {gold}")
                continue
            used.add(match)
            tally[gold["family"]][0] += 1
            pred = predicted[match]
            fields["type"][0] += 1
            fields["type"][1] += 1
            for name in FIELDS:
                if name in gold:
                    fields[name][1] += 1
                    fields[name][0] += _field_ok(name, gold, pred)
        for i, pred in enumerate(predicted):
            if i not in used:
                tally[pred["family"]][1] += 1
                if verbose:
                    print(f"extra {row['id']}: {pred['family']} {pred['type']} {pred['place']}")
    total = [sum(v[k] for v in tally.values()) for k in range(3)]
    return {
        "families": {
            f: dict(zip(("p", "r", "f1"), _prf(*v), strict=True)) | {"tp": v[0]}
            for f, v in sorted(tally.items())
        },
        "micro": dict(zip(("p", "r", "f1"), _prf(*total), strict=True)),
        "fields": {f: {"correct": v[0], "labelled": v[1]} for f, v in fields.items()},
        "articles": len(lines),
    }


def run(args: argparse.Namespace) -> int:
    result = score_annotations(args.annotations, args.verbose)
    print(f"{'family':12} {'P':>6} {'R':>6} {'F1':>6}")
    for family, v in result["families"].items():
        print(f"{family:12} {v['p']:6.2f} {v['r']:6.2f} {v['f1']:6.2f}")
    m = result["micro"]
    print(f"{'all':12} {m['p']:6.2f} {m['r']:6.2f} {m['f1']:6.2f}")
    print("fields over matched claims (correct / labelled):")
    for name, v in result["fields"].items():
        share = v["correct"] / v["labelled"] if v["labelled"] else 0.0
        print(f"  {name:12} {v['correct']:3d} / {v['labelled']:3d}  {share:5.2f}")
    return 0
