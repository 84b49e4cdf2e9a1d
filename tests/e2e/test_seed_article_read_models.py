"""Issue 5's first demonstration: the real seed article through the real extractor, Kafka,
the projector and PostgreSQL, answered by the projector's REST API.

The article is POSTed to ingest (which runs the extractor); nothing here builds a claim by
hand. Places are looked up by the gazetteer ids the extractor emits, actors by the actor
dictionary's ids.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import httpx
import pandas  # type: ignore[import-untyped]  # no stubs installed: only the test reads it
import pytest
from sitrep_testing.stack import Stack, running_stack

from sitrep.devstack import create_database, drop_database

pytestmark = [pytest.mark.kafka, pytest.mark.postgres, pytest.mark.slow]

ROOT = Path(__file__).parents[2]
SEED = ROOT / "seeds" / "articles" / "000_672c0df4b7590af4.txt"
SEED_URL = "https://www.zerohedge.com/news/2016-06-05/fallujah-raqqa"
SECOND = Path(__file__).parent / "articles" / "garma_second_source.txt"
SECOND_URL = "https://www.middleeasteye.net/news/iraq-garma-tribal-leaders-accuse-militias"

FALLUJAH = "geonames:99454"
ZAKIA = "curated:sy-zakiyah-crossroads"
TABQA = "geonames:172374"
RAQQA_CITY = "geonames:172955"
GARMA = {"curated:iq-garma", "curated:iq-garma-district"}
PRO_GOVERNMENT_IRAQ = {"isf", "pmf"}
GARMA_FAMILIES = {"abduction", "killing", "destruction", "looting", "arrest"}


def seed_body() -> dict[str, Any]:
    return {
        "url": SEED_URL,
        "title": "Syrian Army enters Raqqa province as Kurds, rebels advance",
        "publisher": "Zero Hedge",
        "published_at": "2016-06-05",
        "text": SEED.read_text(encoding="utf-8"),
    }


def second_body() -> dict[str, Any]:
    return {
        "url": SECOND_URL,
        "title": "Tribal leaders accuse Shia militias of abuses near Fallujah",
        "publisher": "Middle East Eye",
        "published_at": "2016-06-06",
        "text": SECOND.read_text(encoding="utf-8"),
    }


def post(stack: Stack, body: dict[str, Any]) -> dict[str, Any]:
    response = httpx.post(
        f"{stack.ingest.url}/v1/articles", json=body, headers=stack.write_headers, timeout=60
    )
    assert response.status_code in (200, 202), response.text  # 200: recorded before
    accepted: dict[str, Any] = response.json()
    return accepted


def get(stack: Stack, path: str, **params: Any) -> Any:
    response = httpx.get(f"{stack.projector.url}{path}", params=params, timeout=10)
    assert response.status_code == 200, response.text
    return response.json()


def control_of(stack: Stack, place_id: str) -> dict[str | None, dict[str, Any]]:
    """The current interval of a place and of each named part of it, by part."""
    items = get(stack, "/v1/control", place=place_id, limit=100)["items"]
    return {item["part"]: item for item in items}


def garma_incidents(stack: Stack) -> dict[str, dict[str, Any]]:
    items = get(stack, "/v1/incidents", country="IQ", admin1="Anbar", limit=100)["items"]
    return {i["family"]: i for i in items if i["place_id"] in GARMA}


@pytest.fixture(scope="module")
def seeded(
    kafka_bootstrap: str, postgres_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Stack]:
    """Both services on their own topic and database, the seed article posted and projected."""
    database = create_database(postgres_url)
    try:
        logs = tmp_path_factory.mktemp("seed-article-logs")
        with running_stack(kafka_bootstrap, database, logs) as stack:
            post(stack, seed_body())
            stack.wait_until_caught_up()
            yield stack
    finally:
        drop_database(database)


def test_fallujah_is_encircled_or_contested_with_pro_government_forces_advancing(
    seeded: Stack,
) -> None:
    fallujah = control_of(seeded, FALLUJAH)[None]
    assert fallujah["state"] in ("encircled", "contested")
    assert "iraqi_government" in fallujah["challenger_sides"]
    assert PRO_GOVERNMENT_IRAQ & set(fallujah["challenger_actor_ids"])
    advances = [
        get(seeded, f"/v1/events/{claim_id}") for claim_id in fallujah["supporting_claim_ids"]
    ]
    assert any(
        "advanced_toward" in claim["summary"] and "Iraqi Security Forces" in claim["summary"]
        for claim in advances
    ), [claim["summary"] for claim in advances]


def test_northern_fallujah_has_a_militia_presence(seeded: Stack) -> None:
    northern = control_of(seeded, FALLUJAH)["north"]
    assert northern["state"] == "presence"
    assert northern["challenger_actor_ids"] == ["pmf"]
    militias = get(seeded, "/v1/actors", side="iraqi_government", limit=100)["items"]
    assert {a["actor_id"]: a["actor_type"] for a in militias}["pmf"] == "political_militia"


def test_zakia_is_held_by_the_syrian_arab_army(seeded: Stack) -> None:
    zakia = control_of(seeded, ZAKIA)[None]
    assert (zakia["controller_side"], zakia["state"]) == ("syrian_government", "controlled")
    assert "saa" in zakia["controller_actor_ids"]
    assert (zakia["country"], zakia["admin1"]) == ("SY", "Raqqa")
    history = get(seeded, f"/v1/places/{ZAKIA}/control")
    assert {i["controller_side"] for i in history} == {"syrian_government"}


def test_zakia_is_held_since_early_june_2016(seeded: Stack) -> None:
    zakia = control_of(seeded, ZAKIA)[None]
    assert date(2016, 6, 1) <= date.fromisoformat(zakia["valid_from"]) <= date(2016, 6, 5)


def test_the_syrian_arab_army_advances_toward_tabqa_and_raqqa(seeded: Stack) -> None:
    for place_id in (TABQA, RAQQA_CITY):
        place = control_of(seeded, place_id)[None]
        assert place["state"] == "advancing_on", place_id
        assert place["challenger_sides"] == ["syrian_government"], place_id
        assert "saa" in place["challenger_actor_ids"], place_id


def test_raqqa_is_held_by_the_islamic_state(seeded: Stack) -> None:
    raqqa = control_of(seeded, RAQQA_CITY)[None]
    assert raqqa["controller_side"] == "isis"
    assert raqqa["controller_actor_ids"] == ["isis"]
    # Not since the article: since the seizure it reports, in 2013 (a historical claim).
    history = get(seeded, f"/v1/places/{RAQQA_CITY}/control")
    assert history[0]["valid_from"].startswith("2013")
    assert all(i["controller_side"] == "isis" for i in history)


def test_the_garma_allegations_are_listed_disputed_and_traceable_to_their_sentences(
    seeded: Stack,
) -> None:
    incidents = garma_incidents(seeded)
    # The five; the extractor may read more in the paragraph (threats, obstruction).
    assert set(incidents) >= GARMA_FAMILIES
    incidents = {family: incidents[family] for family in GARMA_FAMILIES}
    assert incidents["abduction"]["abducted"]["best"] == 73
    assert incidents["killing"]["killed"]["best"] == 17
    assert incidents["killing"]["allegation_types"] == ["execution"]
    assert incidents["destruction"]["allegation_types"] == ["religious_site_destruction"]
    for family in ("abduction", "killing", "destruction"):
        assert incidents[family]["perpetrator_actor_ids"] == ["pmf"], family
    seed_text = SEED.read_text(encoding="utf-8")
    for family, incident in incidents.items():
        assert incident["disputed"], family
        detail = get(seeded, f"/v1/incidents/{incident['incident_id']}")
        assert detail["disputes"], family
        assert "al-Abadi" in detail["disputes"][0]["sentence"]
        for claim in detail["claims"]:
            assert claim["sentence"] in seed_text, family
            assert claim["article_url"] == SEED_URL
            provenance = get(seeded, f"/v1/events/{claim['claim_id']}")
            assert claim["sentence"] in provenance["paragraph_text"]
            assert provenance["publisher"] == "Zero Hedge"


def test_the_garma_looting_and_arrests_are_alleged_against_the_pmf(seeded: Stack) -> None:
    incidents = garma_incidents(seeded)
    for family in ("looting", "arrest"):
        assert incidents[family]["perpetrator_actor_ids"] == ["pmf"], family


def test_the_acled_csv_names_actors_categories_and_countries(seeded: Stack) -> None:
    response = httpx.get(f"{seeded.projector.url}/v1/incidents.csv", timeout=10)
    rows = list(csv.DictReader(io.StringIO(response.text)))
    abduction = next(r for r in rows if r["sub_event_type"] == "Abduction/forced disappearance")
    assert abduction["actor1"] == "Popular Mobilization Forces"
    assert abduction["inter1"] == "3"  # ACLED: political militia
    assert abduction["country"] == "Iraq"
    assert "abducted 73" in abduction["notes"]


def test_places_are_found_by_any_spelling_the_gazetteer_knows(seeded: Stack) -> None:
    by_id = get(seeded, "/v1/control", place=FALLUJAH, limit=100)["items"]
    for spelling in ("Fallujah", "falluja", "Al Fallujah"):
        assert get(seeded, "/v1/control", place=spelling, limit=100)["items"] == by_id
    garma = get(seeded, "/v1/incidents", place="Al-Karmah", limit=100)["items"]
    assert {i["place_id"] for i in garma} <= GARMA and garma


def test_a_second_publisher_raises_the_source_count_and_a_repost_changes_nothing(
    kafka_bootstrap: str, postgres_url: str, tmp_path: Path
) -> None:
    database = create_database(postgres_url)
    try:
        with running_stack(kafka_bootstrap, database, tmp_path / "logs") as stack:
            post(stack, seed_body())
            stack.wait_until_caught_up()
            before = garma_incidents(stack)
            assert before["abduction"]["source_count"] == 1

            post(stack, second_body())
            stack.wait_until_caught_up()
            after = garma_incidents(stack)
            for family in ("abduction", "killing", "destruction"):
                incident = after[family]
                assert incident["source_count"] == 2, family
                assert incident["publishers"] == ["Middle East Eye", "Zero Hedge"], family
            assert after["abduction"]["abducted"] == {"low": 73, "best": 73, "high": 73}
            assert after["killing"]["killed"] == {"low": 17, "best": 17, "high": 17}

            status = stack.readiness()["consumer"]
            first = post(stack, second_body())
            again = post(stack, second_body())
            # Ingest knows it: answered with the original ids, nothing published again.
            assert again["status"] == "duplicate"
            assert again["event_ids"] == first["event_ids"]
            stack.wait_until_caught_up()
            assert stack.readiness()["consumer"]["events_applied"] == status["events_applied"]
            assert garma_incidents(stack) == after
    finally:
        drop_database(database)


def test_every_incident_and_control_row_is_on_the_map_once(seeded: Stack) -> None:
    incidents = get(seeded, "/v1/incidents", limit=500)["items"]
    collection = get(seeded, "/v1/incidents.geojson")
    ids = [f["id"] for f in collection["features"]]
    dropped = collection["properties"]["dropped_ids"]
    assert len(ids) == len(set(ids)) == collection["properties"]["features"]
    # Every incident is a feature, or is counted as dropped: only those located nowhere
    # (no place, province or country: the seed article's unplaced air strike).
    assert sorted([*ids, *dropped]) == sorted(i["incident_id"] for i in incidents)
    assert collection["properties"]["dropped"] == len(dropped)
    for incident in incidents:
        if incident["incident_id"] in dropped:
            assert incident["place_id"] is None and incident["admin1"] is None, incident
    by_id = {f["id"]: f for f in collection["features"]}
    garma = garma_incidents(seeded)
    for family in ("abduction", "killing"):  # the abduction of 73 and execution of 17
        feature = by_id[garma[family]["incident_id"]]
        lon, lat = feature["geometry"]["coordinates"]
        assert 33 < lat < 34 and 43 < lon < 44.5, feature  # in Anbar, near Fallujah
        if garma[family]["lat"] is None:  # placed at its district's or province's centroid
            assert feature["properties"]["position"] in ("admin2", "admin1")
            assert feature["properties"]["geo_precision"] == 3

    rows = get(seeded, "/v1/control", limit=500)["items"]
    control = get(seeded, "/v1/control.geojson")
    assert control["properties"]["dropped"] == 0, control["properties"]
    control_ids = [f["id"] for f in control["features"]]
    assert len(control_ids) == len(set(control_ids)) == len(rows)
    assert set(control_ids) == {f"{r['place_id']}#{r['part'] or 'whole'}" for r in rows}


# ACLED's export columns, in ACLED's order (ACLED export / codebook column list).
ACLED_EXPORT_COLUMNS = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
]


def test_the_csv_loads_like_an_acled_export(seeded: Stack) -> None:
    """Code written for an ACLED export (numeric inter codes) reads ours unchanged."""
    response = httpx.get(f"{seeded.projector.url}/v1/incidents.csv", timeout=10)
    frame = pandas.read_csv(io.StringIO(response.text), parse_dates=["event_date"])
    assert list(frame.columns) == ACLED_EXPORT_COLUMNS
    assert len(frame) >= len(GARMA_FAMILIES)
    types = pandas.api.types
    # The types ACLED's own export loads as: dates, integers, floats, text.
    assert types.is_datetime64_any_dtype(frame["event_date"])
    for column in (
        "year",
        "time_precision",
        "inter1",
        "inter2",
        "interaction",
        "iso",
        "geo_precision",
        "fatalities",
        "timestamp",
    ):
        assert types.is_integer_dtype(frame[column]), (column, frame[column].dtype)
    for column in ("latitude", "longitude"):
        assert types.is_float_dtype(frame[column]), column
    for column in (
        "event_id_cnty",
        "disorder_type",
        "event_type",
        "sub_event_type",
        "actor1",
        "region",
        "country",
        "admin1",
        "location",
        "source",
        "notes",
    ):
        assert types.is_string_dtype(frame[column]) and frame[column].notna().all(), column
    iraq = frame[frame["country"] == "Iraq"]
    assert set(iraq["iso"]) == {368} and set(iraq["region"]) == {"Middle East"}
    assert iraq["event_id_cnty"].str.fullmatch(r"IRQ\d+").all()
    assert frame["event_id_cnty"].is_unique
    assert set(frame["disorder_type"]) <= {
        "Political violence",
        "Demonstrations",
        "Strategic developments",
        "Political violence; Demonstrations",
    }
    abduction = frame[frame["sub_event_type"] == "Abduction/forced disappearance"].iloc[0]
    assert (abduction["event_type"], abduction["disorder_type"]) == (
        "Violence against civilians",
        "Political violence",
    )
    assert (abduction["inter1"], abduction["inter2"], abduction["interaction"]) == (3, 7, 37)
    assert abduction["civilian_targeting"] == "Civilian targeting"
    assert abduction["event_date"].year == 2016 and abduction["year"] == 2016
    # Types ACLED does not code (threats, obstruction) are not rows: the header counts them.
    json_incidents = get(seeded, "/v1/incidents", limit=500)["items"]
    omitted = int(response.headers["x-omitted-rows"])
    assert len(frame) + omitted == len(json_incidents)
    assert not set(frame["sub_event_type"]) - {
        i["acled_sub_event_type"] for i in json_incidents if i["acled_sub_event_type"]
    }


GARMA_ABDUCTION_ONLY = (
    "A tribal elder from the town told Middle East Eye that members of the Popular "
    "Mobilisation Forces abducted 73 men from the Garma district."
)


def read_feed(stack: Stack, after: str | None) -> tuple[list[dict[str, Any]], str]:
    """Every change after the cursor (following `more`), and the cursor to go on from."""
    items: list[dict[str, Any]] = []
    while True:
        page = get(stack, "/v1/changes", **({"after": after} if after else {}))
        items.extend(page["items"])
        after = page["next_cursor"]
        if not page["more"]:
            assert after is not None
            return items, after


def test_the_change_feed_names_exactly_what_a_second_source_changed(
    kafka_bootstrap: str, postgres_url: str, tmp_path: Path
) -> None:
    database = create_database(postgres_url)
    try:
        with running_stack(kafka_bootstrap, database, tmp_path / "logs") as stack:
            post(stack, seed_body())
            stack.wait_until_caught_up()
            first, cursor = read_feed(stack, None)
            incidents = get(stack, "/v1/incidents", limit=500)["items"]
            control = get(stack, "/v1/control", limit=500)["items"]
            created = {c["incident_id"] for c in first if c["resource"] == "incident"}
            assert created == {i["incident_id"] for i in incidents}
            assert all(c["change"] == "created" for c in first)
            assert len([c for c in first if c["resource"] == "control"]) >= len(control)
            abduction = garma_incidents(stack)["abduction"]
            assert abduction["source_count"] == 1

            post(
                stack,
                {
                    "url": "https://www.middleeasteye.net/news/garma-abductions",
                    "publisher": "Middle East Eye",
                    "published_at": "2016-06-06",
                    "text": GARMA_ABDUCTION_ONLY,
                },
            )
            stack.wait_until_caught_up()
            changes, _ = read_feed(stack, cursor)
            assert [(c["resource"], c["change"], c["incident_id"]) for c in changes] == [
                ("incident", "changed", abduction["incident_id"])
            ]
            after = get(stack, f"/v1/incidents/{abduction['incident_id']}")
            assert after["source_count"] == 2
            # Nothing new since: the same cursor again gives nothing.
            assert read_feed(stack, _)[0] == []
    finally:
        drop_database(database)
