"""Write `seeds/actors/state_forces.tsv`: the military and the police of every country.

Each row of `seeds/actors/countries.tsv` gives, by pattern, a military actor `mil:<iso2>`
("Military Forces of Sudan", ACLED's naming) and a police actor `police:<iso2>` ("Police
Forces of Sudan"), with aliases made from the country's adjectival forms ("Sudanese troops",
"Sudanese riot police") and its names ("the army of Sudan").

A country whose forces of that kind are curated in `seeds/actors/actors.tsv` gets no
generated row of that kind (`CURATED_MILITARY`, `CURATED_POLICE`), and a generated alias that
a curated actor already has is left to the curated actor. An adjectival form that two
countries share ("Congolese", "Dominican") goes to the one named in `SHARED_FORM_OWNER`; any
other shared alias stops the generator, so that the data is fixed rather than guessed.

Deterministic: the same inputs give the same bytes. `--check` exits 1 when the committed
file differs from what the inputs give.

    .venv/bin/python scripts/generate_state_forces.py [--check]
"""

from __future__ import annotations

import argparse
import csv
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ACTORS_DIR = ROOT / "seeds" / "actors"
COUNTRIES = ACTORS_DIR / "countries.tsv"
OUTPUT = ACTORS_DIR / "state_forces.tsv"
# Curated actor files: their aliases win over generated ones.
CURATED_FILES = ("actors.tsv", "armed_groups.tsv")
COLUMNS = (
    "id",
    "name",
    "actor_type",
    "side",
    "country",
    "valid_from",
    "valid_to",
    "aliases",
    "source",
)

# Countries whose military is a curated actor of actors.tsv (checked against its country).
CURATED_MILITARY: dict[str, str] = {
    "IQ": "isf",
    "SY": "saa",
    "UA": "ukraine_af",
    "IL": "israel_af",
    "TR": "turkey_af",
    "ER": "eritrean_df",
}
# Countries whose police is part of a curated actor.
CURATED_POLICE: dict[str, str] = {"IQ": "isf"}

# No forces of their own: uninhabited, or codes withdrawn before 2011.
NO_FORCES = frozenset(
    {"AQ", "BV", "HM", "TF", "GS", "UM", "IO", "AN", "CS", "CC", "CX", "NF", "PN", "TK", "SJ"}
)
# A police of their own and no military: dependent territories, and the states of
# Wikipedia's "List of countries without armed forces". Western Sahara's forces are the
# Polisario Front's, a curated group.
POLICE_ONLY = frozenset(
    {
        # dependent territories
        "AI", "AS", "AW", "AX", "BL", "BM", "BQ", "CK", "CW", "FK", "FO", "GF", "GG", "GI",
        "GL", "GP", "GU", "HK", "IM", "JE", "KY", "MF", "MO", "MP", "MQ", "MS", "NC", "NU",
        "PF", "PM", "PR", "RE", "SH", "SX", "TC", "VG", "VI", "WF", "YT", "EH",
        # states without armed forces
        "AD", "CR", "DM", "GD", "IS", "KI", "LI", "MH", "MU", "FM", "MC", "NR", "PW", "PA",
        "LC", "VC", "WS", "SB", "TV", "VA",
    }
)  # fmt: skip

# An adjectival form shared by two rows of countries.tsv belongs, in aliases, to the country
# that reporting means by it.
SHARED_FORM_OWNER: dict[str, str] = {"congolese": "CD", "dominican": "DO"}

# The country's name as it reads after "Military Forces of" (ACLED's usage), when it is not
# the name of countries.tsv.
DISPLAY_NAME: dict[str, str] = {
    "AE": "the United Arab Emirates",
    "BS": "the Bahamas",
    "CD": "the Democratic Republic of Congo",
    "CF": "the Central African Republic",
    "CG": "the Republic of Congo",
    "CZ": "the Czech Republic",
    "DO": "the Dominican Republic",
    "GB": "the United Kingdom",
    "GM": "Gambia",
    "KM": "Comoros",
    "MV": "Maldives",
    "NL": "the Netherlands",
    "PH": "the Philippines",
    "PS": "Palestine",
    "SC": "Seychelles",
    "TL": "East Timor",
    "US": "the United States",
    "BQ": "Bonaire, Saint Eustatius and Saba",
    "FO": "the Faroe Islands",
    "KY": "the Cayman Islands",
    "FK": "the Falkland Islands",
    "AX": "the Aland Islands",
    "MP": "the Northern Mariana Islands",
    "TC": "the Turks and Caicos Islands",
    "VG": "the British Virgin Islands",
    "VI": "the US Virgin Islands",
    "CK": "the Cook Islands",
    "MH": "the Marshall Islands",
    "SB": "the Solomon Islands",
    "VA": "Vatican City",
}

# Proper names of forces the patterns cannot make (Wikipedia articles of each force; ACLED
# actor names). Each must be unique to its country.
EXTRA_MILITARY: dict[str, tuple[str, ...]] = {
    "AF": (
        "Afghan National Army",
        "Afghan National Defense and Security Forces",
        "Afghan National Defence and Security Forces",
        "ANDSF",
        "Afghan National Security Forces",
        "ANSF",
    ),
    "AM": ("Armed Forces of Armenia", "Armenian Armed Forces"),
    "AZ": ("Azerbaijani Armed Forces", "Azerbaijan Armed Forces"),
    "BF": ("Burkinabe Armed Forces", "Burkina Faso army"),
    "CD": (
        "FARDC",
        "Armed Forces of the Democratic Republic of the Congo",
        "Forces Armées de la République Démocratique du Congo",
        "Congolese army",
        "DR Congo army",
        "DRC army",
        "Congolese soldiers",
    ),
    "CF": ("FACA", "Central African Armed Forces"),
    "CM": ("Cameroonian Armed Forces", "Rapid Intervention Battalion"),
    "CN": ("People's Liberation Army", "PLA", "Chinese PLA", "PLA Navy", "PLA troops"),
    "CO": ("Colombian Armed Forces", "Colombian National Army"),
    "EG": ("Egyptian Armed Forces",),
    "ET": (
        "ENDF",
        "Ethiopian National Defense Force",
        "Ethiopian National Defence Force",
        "Ethiopian federal forces",
    ),
    "IN": ("Indian Army", "Indian Armed Forces"),
    "IR": ("Artesh", "Islamic Republic of Iran Army", "Iranian Army"),
    "KE": ("Kenya Defence Forces", "KDF", "Kenyan Defence Forces"),
    "LY": (
        "GNA forces",
        "Government of National Accord forces",
        "forces of the Government of National Accord",
        "GNU forces",
        "Government of National Unity forces",
        "Tripoli-based government forces",
        "forces loyal to the Tripoli government",
        # the Gadhafi government's forces of 2011 (Wikipedia "Libyan civil war (2011)")
        "Gadhafi forces",
        "pro-Gadhafi forces",
        "Gadhafi's forces",
        "Gadhafi loyalists",
        "forces loyal to Gadhafi",
        "Gaddafi forces",
        "pro-Gaddafi forces",
        "Gaddafi's forces",
        "Gaddafi loyalists",
        "forces loyal to Gaddafi",
        "Qaddafi forces",
        "pro-Qaddafi forces",
    ),
    "ML": ("FAMa", "Malian Armed Forces", "Mali army", "Malian army", "Forces Armées Maliennes"),
    "MM": (
        "Tatmadaw",
        "Sit-Tat",
        "Myanmar junta forces",
        "Myanmar military junta",
        "junta troops in Myanmar",
        "Myanmar Armed Forces",
    ),
    "MZ": ("FADM", "Mozambique Defence Armed Forces", "Mozambique army"),
    "NE": ("Nigerien Armed Forces", "Niger army"),
    "NG": ("Nigerian Army", "Nigerian Armed Forces", "Nigerian Air Force", "Nigerian Navy"),
    "PK": ("Pakistan Army", "Pakistan Armed Forces", "Pakistani army", "Pakistan army"),
    "RU": (
        "Moscow's forces",
        "Moscow's troops",
        "Russian Armed Forces",
        "Armed Forces of the Russian Federation",
        "Russian Ground Forces",
        "Russian occupation forces",
        "Russian occupiers",
        "Russian invaders",
        "Russian paratroopers",
    ),
    "SA": ("Royal Saudi Air Force", "Saudi Arabian Armed Forces"),
    "SD": (
        "Sudanese Armed Forces",
        "SAF",
        "Sudan Armed Forces",
        "Sudanese army",
        "Sudan army",
        "SAF soldiers",
        "SAF troops",
        "forces loyal to Burhan",
        "forces loyal to General Abdel Fattah al-Burhan",
        "Burhan's forces",
    ),
    "SO": ("Somali National Army", "Somali army", "Somali government forces", "Danab"),
    "SS": (
        # The army's name from independence (2011) until it became the SSPDF in 2018.
        "Sudan People's Liberation Army",
        "SPLA",
        "SPLA soldiers",
        "SPLA troops",
        "South Sudan People's Defence Forces",
        "South Sudan People's Defense Forces",
        "SSPDF",
        "South Sudanese army",
        "South Sudan army",
    ),
    "TD": ("Chadian Armed Forces", "Chad army"),
    "UG": ("Uganda People's Defence Force", "UPDF", "Ugandan army", "Uganda army"),
    "US": (
        "United States Armed Forces",
        "US Armed Forces",
        "U.S. Armed Forces",
        "Pentagon forces",
        "US Army",
        "U.S. Army",
        "US Marines",
        "U.S. Marines",
        "US Navy",
        "U.S. Navy",
        "US Air Force",
        "U.S. Air Force",
        "US special forces",
        "U.S. special forces",
        "AFRICOM",
        "US Africa Command",
        "U.S. Africa Command",
        "CENTCOM",
        "US Central Command",
        "U.S. Central Command",
    ),
    "YE": (
        "Yemeni government forces",
        "forces loyal to the Yemeni government",
        "pro-Hadi forces",
        "forces loyal to President Hadi",
        "Hadi loyalists",
    ),
}
EXTRA_POLICE: dict[str, tuple[str, ...]] = {
    "AF": ("Afghan National Police", "Afghan Local Police"),
    "BR": ("Military Police of Rio de Janeiro",),
    "HK": ("Hong Kong Police Force",),
    "IN": ("Indian police",),
    "NG": ("Nigeria Police Force", "Nigerian Police Force", "Nigeria Police"),
    "PK": ("Pakistan police", "Punjab police", "Sindh police", "Khyber Pakhtunkhwa police"),
    "PS": ("Palestinian Authority police", "PA police", "Palestinian Authority security forces"),
    "RU": ("Rosgvardia", "Russian National Guard"),
    "SD": ("Sudanese Central Reserve Police", "Abu Tira"),
}

MILITARY_PATTERNS = (
    "{d} army",
    "{d} troops",
    "{d} soldiers",
    "{d} forces",
    "{d} military",
    "{d} armed forces",
    "{d} military forces",
    "{d} government forces",
    "{d} government troops",
    "{d} army troops",
    "{d} defence forces",
    "{d} defense forces",
    "{d} security forces",
    "{d} special forces",
    "{d} air force",
    "{d} navy",
    "{d} warplanes",
    "{d} fighter jets",
    "{d} drones",
    "{d} air strikes",
    "{d} airstrikes",
    "{d} artillery",
    "{d} border guards",
    "{d} missiles",
    "{d} missile strikes",
    "{d} rockets",
    "{d} shelling",
    "{d} strikes",
    "{d} bombardment",
    "{d} tanks",
    "{d} war planes",
    "{d} helicopters",
    "{d} helicopter gunships",
)
# {n}: the name without its article ("Philippines"); {t}: with it ("the Philippines");
# {p}: its possessive ("Philippines'", "Sudan's").
MILITARY_NAME_PATTERNS = (
    "the army of {t}",
    "army of {t}",
    "armed forces of {t}",
    "{p} army",
    "{p} military",
    "{p} armed forces",
)
POLICE_PATTERNS = (
    "{d} police",
    "{d} policemen",
    "{d} police officers",
    "{d} police forces",
    "{d} riot police",
    "{d} anti-riot police",
    "{d} federal police",
    "{d} national police",
    "{d} gendarmes",
    "{d} gendarmerie",
    "{d} border police",
)
POLICE_NAME_PATTERNS = (
    "the {n} police",
    "police of {t}",
    "{p} police",
    "{n} police force",
)


@dataclass(frozen=True)
class Country:
    iso2: str
    name: str
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]


def fold(text: str) -> str:
    """The key two aliases share when a case- and accent-blind matcher reads them alike."""
    decomposed = unicodedata.normalize("NFKD", text.replace("’", "'"))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.casefold().split())


def _phrases(cell: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in cell.split("|") if p.strip())


def read_rows(path: Path) -> list[dict[str, str]]:
    """Rows of a seed TSV (header first, `#` lines are comments)."""
    with path.open(encoding="utf-8", newline="") as f:
        lines = [line for line in f if line.strip() and not line.startswith("#")]
    reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    return [{k: (v or "").strip() for k, v in row.items() if k is not None} for row in reader]


def read_countries(path: Path = COUNTRIES) -> list[Country]:
    return [
        Country(
            iso2=row["iso2"],
            name=row["name"],
            aliases=_phrases(row["aliases"]),
            demonyms=_phrases(row["demonyms"]),
        )
        for row in read_rows(path)
    ]


def curated_rows(actors_dir: Path = ACTORS_DIR) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    for name in CURATED_FILES:
        path = actors_dir / name
        if path.is_file():
            rows.extend(read_rows(path))
    return rows


def _names(country: Country) -> list[tuple[str, str]]:
    """The names that read after "army of", without and with their article: the display
    name and countries.tsv's name (the aliases' adjectival forms already cover the rest)."""
    names = [DISPLAY_NAME.get(country.iso2, country.name), country.name]
    out: list[tuple[str, str]] = []
    for name in names:
        bare = name[4:] if name.lower().startswith("the ") else name
        if all(bare != b for b, _ in out):
            out.append((bare, name))
    return out


def _owns_form(country: Country, form: str, sharers: dict[str, set[str]]) -> bool:
    key = fold(form)
    if len(sharers[key]) < 2:
        return True
    return SHARED_FORM_OWNER.get(key) == country.iso2


def _aliases(
    country: Country,
    forms: Iterable[str],
    patterns: tuple[str, ...],
    name_patterns: tuple[str, ...],
    extra: tuple[str, ...],
) -> list[str]:
    out = [p.format(d=form) for form in forms for p in patterns]
    for bare, full in _names(country):
        possessive = bare + ("'" if bare.endswith("s") else "'s")
        out += [p.format(n=bare, t=full, p=possessive) for p in name_patterns]
    out += list(extra)
    return out


def _unique(aliases: Iterable[str], taken: set[str]) -> list[str]:
    seen: set[str] = set()
    kept: list[str] = []
    for alias in aliases:
        key = fold(alias)
        if key in seen or key in taken:
            continue
        seen.add(key)
        kept.append(alias)
    return kept


def _check_curated(curated: list[dict[str, str]]) -> None:
    by_id = {row["id"]: row for row in curated}
    for table in (CURATED_MILITARY, CURATED_POLICE):
        for iso2, actor_id in table.items():
            row = by_id.get(actor_id)
            if row is None or row["country"] != iso2:
                raise SystemExit(f"curated actor {actor_id!r} of {iso2} missing from actors.tsv")


def build_rows(countries: list[Country], curated: list[dict[str, str]]) -> list[dict[str, str]]:
    """The generated rows, in countries.tsv order, military before police."""
    _check_curated(curated)
    by_id = {row["id"]: row for row in curated}
    # A country whose military is curated keeps that military's side for its police too, so
    # that one country's state forces fight for one government.
    curated_side = {iso2: by_id[actor_id]["side"] for iso2, actor_id in CURATED_MILITARY.items()}
    taken = {fold(row["name"]) for row in curated}
    for row in curated:
        taken.update(fold(a) for a in _phrases(row["aliases"]))
    sharers: dict[str, set[str]] = {}
    for country in countries:
        for form in country.demonyms:
            sharers.setdefault(fold(form), set()).add(country.iso2)

    rows: list[dict[str, str]] = []
    for country in countries:
        if country.iso2 in NO_FORCES:
            continue
        forms = [f for f in country.demonyms if _owns_form(country, f, sharers)]
        display = DISPLAY_NAME.get(country.iso2, country.name)
        source = (
            f"generated: scripts/generate_state_forces.py from countries.tsv row {country.iso2} "
            f"({country.name}); name after ACLED's "
        )
        kinds: list[tuple[str, str, list[str]]] = []
        if country.iso2 not in POLICE_ONLY and country.iso2 not in CURATED_MILITARY:
            aliases = _aliases(
                country,
                forms,
                MILITARY_PATTERNS,
                MILITARY_NAME_PATTERNS,
                EXTRA_MILITARY.get(country.iso2, ()),
            )
            kinds.append(("mil", f"Military Forces of {display}", aliases))
        if country.iso2 not in CURATED_POLICE:
            aliases = _aliases(
                country,
                forms,
                POLICE_PATTERNS,
                POLICE_NAME_PATTERNS,
                EXTRA_POLICE.get(country.iso2, ()),
            )
            kinds.append(("police", f"Police Forces of {display}", aliases))
        for prefix, name, aliases in kinds:
            pattern = "Military Forces of" if prefix == "mil" else "Police Forces of"
            rows.append(
                {
                    "id": f"{prefix}:{country.iso2.lower()}",
                    "name": name,
                    "actor_type": "state_forces",
                    "side": curated_side.get(country.iso2, f"{country.iso2.lower()}_government"),
                    "country": country.iso2,
                    "valid_from": "",
                    "valid_to": "",
                    "aliases": "|".join(_unique(aliases, taken | {fold(name)})),
                    "source": source + f'"{pattern} <country>"',
                }
            )
    _check_no_shared_alias(rows)
    return rows


def _check_no_shared_alias(rows: list[dict[str, str]]) -> None:
    owner: dict[str, str] = {}
    for row in rows:
        for alias in (row["name"], *_phrases(row["aliases"])):
            key = fold(alias)
            other = owner.setdefault(key, row["id"])
            if other != row["id"]:
                raise SystemExit(f"alias {alias!r} generated for both {other} and {row['id']}")


def _lines(rows: list[dict[str, str]]) -> Iterator[str]:
    yield "\t".join(COLUMNS)
    for row in rows:
        yield "\t".join(row[c] for c in COLUMNS)


def render(actors_dir: Path = ACTORS_DIR) -> str:
    """The text state_forces.tsv should have for the seed files under `actors_dir`."""
    rows = build_rows(read_countries(actors_dir / "countries.tsv"), curated_rows(actors_dir))
    return "\n".join(_lines(rows)) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the file is stale")
    args = parser.parse_args(argv)
    text = render()
    if args.check:
        current = OUTPUT.read_text(encoding="utf-8") if OUTPUT.is_file() else ""
        if current != text:
            print(f"{OUTPUT.relative_to(ROOT)} is out of date: run {sys.argv[0]}")
            return 1
        return 0
    OUTPUT.write_text(text, encoding="utf-8")
    print(f"wrote {text.count(chr(10)) - 1} rows to {OUTPUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
