"""`sitrep evaluate`: score the extractor on hand-labelled articles.

Three parts, each run through the extractor's public entry point (as ingest runs it):

- regression: `seeds/annotations/annotations.jsonl`, the seed article and 45 paragraphs written
  for the rules (a regression check, not a measure of generalisation);
- dev: `seeds/annotations/heldout/dev.jsonl`, real reporting labelled before any rule was
  written for it; rules are written from its errors (`--errors`);
- test: `seeds/annotations/heldout/test.jsonl`, scored at milestones, never listed error by
  error.

Per part: precision, recall and F1 per claim family with actor and place required for a match
(and the same paragraph); accuracy and P/R/F1 per field (actor, place, type, counts, date,
attribution, modality) over loosely aligned claims; victim counts exact; place resolved to the
right gazetteer entry; and how many claims the text gives as planned, hypothetical, denied or
negated were asserted anyway. The matching rules are in `sitrep.evaluation.matching`.

`--legacy` prints the earlier scoring of the regression file (type and place substring match,
no actor requirement) as it was before the held-out parts existed.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sitrep.evaluation.claims import ActorDictionary, load_heldout, load_regression
from sitrep.evaluation.matching import PartScore, match_article, score_part
from sitrep.evaluation.predict import predict
from sitrep_ingest.articles import ArticleBody
from sitrep_ingest.events import article_events
from sitrep_ingest.extraction import Extractor

__all__ = ["evaluate_parts", "register", "score_annotations"]

ROOT = Path(__file__).resolve().parents[3]
DEFAULT = ROOT / "seeds" / "annotations" / "annotations.jsonl"
HELDOUT = ROOT / "seeds" / "annotations" / "heldout"
ACTORS = (ROOT / "seeds" / "actors" / "actors.tsv", ROOT / "seeds" / "actors" / "state_forces.tsv")
PARTS = ("regression", "dev", "test")
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
    parser.add_argument(
        "--part", choices=(*PARTS, "all"), default="all", help="which part to score (all)"
    )
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    parser.add_argument(
        "--errors",
        action="store_true",
        help="list missed and false claims per article (dev and regression only)",
    )
    parser.add_argument("--annotations", type=Path, default=DEFAULT, help="the regression file")
    parser.add_argument(
        "--heldout", type=Path, default=HELDOUT, help="directory with dev.jsonl and test.jsonl"
    )
    parser.add_argument(
        "--legacy", action="store_true", help="the earlier scoring of the regression file"
    )
    parser.add_argument(
        "--verbose", action="store_true", help="with --legacy: list misses and false alarms"
    )
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


def _legacy(args: argparse.Namespace) -> int:
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


def evaluate_parts(
    parts: Sequence[str],
    annotations: Path,
    heldout: Path,
    actors_paths: Sequence[Path] = ACTORS,
) -> list[PartScore]:
    """Run the extractor over each part and score it."""
    from sitrep_ingest.extraction import Extractor  # noqa: PLC0415 (keeps `sitrep` start fast)

    actors = ActorDictionary.load(*actors_paths)
    extractor = Extractor.load()
    scores = []
    for part in parts:
        if part == "regression":
            articles = load_regression(annotations)
        else:
            articles = load_heldout(heldout / f"{part}.jsonl")
        predicted = predict(articles, extractor)
        results = [
            match_article(a.id, a.claims, p, actors)
            for a, p in zip(articles, predicted, strict=True)
        ]
        scores.append(score_part(part, results, actors))
    return scores


def _print_part(score: PartScore, errors: bool) -> None:
    print(f"== {score.part} ({score.articles} articles)")
    print(f"  {'family':11} {'P':>5} {'R':>5} {'F1':>5} {'tp':>4} {'fp':>4} {'fn':>4}")
    rows = [*score.families.items(), ("all", score.micro)]
    for name, v in rows:
        print(
            f"  {name:11} {v['p']:5.2f} {v['r']:5.2f} {v['f1']:5.2f}"
            f" {v['tp']:4d} {v['fp']:4d} {v['fn']:4d}"
        )
    print(f"  {'field':11} {'acc':>5} {'P':>5} {'R':>5} {'F1':>5} {'n':>4}   (aligned claims)")
    for name, f in score.fields.items():
        print(
            f"  {name:11} {f['accuracy']:5.2f} {f['p']:5.2f} {f['r']:5.2f} {f['f1']:5.2f}"
            f" {f['compared']:4d}"
        )
    c, pr = score.counts_exact, score.place_resolved
    print(f"  victim counts exact: {c['correct']}/{c['n']} = {c['share']:.2f}")
    print(f"  place resolved:      {pr['correct']}/{pr['n']} = {pr['share']:.2f}")
    print(
        f"  not-to-assert claims asserted: {score.asserted_not_to_assert}"
        f" (held back correctly: {score.restrained})"
    )
    if errors:
        for r in score.results:
            if not (r.missed or r.false_alarms):
                continue
            print(f"  -- {r.article_id}")
            for gold in r.missed:
                print(f"     miss  {gold.brief()}")
            for pred, why in r.false_alarms:
                print(f"     extra {pred.brief()}  [{why}]")


def run(args: argparse.Namespace) -> int:
    if args.legacy:
        return _legacy(args)
    parts: tuple[str, ...] = PARTS if args.part == "all" else (args.part,)
    if args.errors and "test" in parts:
        if args.part == "test":
            print(
                "evaluate: --errors is refused on the test part: rules are written from dev "
                "errors only (use --part dev or --part regression)",
                file=sys.stderr,
            )
            return 2
        parts = tuple(p for p in parts if p != "test")
    scores = evaluate_parts(parts, args.annotations, args.heldout)
    if args.json:
        json.dump([s.as_dict(errors=args.errors) for s in scores], sys.stdout, indent=2)
        print()
        return 0
    for score in scores:
        _print_part(score, args.errors)
    print()
    print(
        f"{'part':11} {'articles':>8} {'control F1':>10} {'alleg. F1':>10} "
        f"{'counts exact':>12} {'place resolved':>14}"
    )
    for s in scores:
        print(
            f"{s.part:11} {s.articles:8d} {s.families['control']['f1']:10.2f}"
            f" {s.families['allegation']['f1']:10.2f} {s.counts_exact['share']:12.2f}"
            f" {s.place_resolved['share']:14.2f}"
        )
    return 0
