"""The read-model REST API over real SQLite and PostgreSQL read models built from claims."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sitrep_testing.claim_events import second_garma_article, seed_article_events
from sitrep_testing.databases import BACKENDS, fresh_database
from sitrep_testing.projector import api_over


@pytest.fixture(scope="module", params=BACKENDS)
def client(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[TestClient]:
    with fresh_database(request.param, tmp_path_factory.mktemp("api"), request) as url:
        yield from _client(url)


def _client(url: str) -> Iterator[TestClient]:
    events = seed_article_events().events + second_garma_article().events
    yield from api_over(url, events, cors_origins=["https://dash.example"])


def get(client: TestClient, path: str, **params: Any) -> Any:
    response = client.get(path, params=params)
    assert response.status_code == 200, response.text
    return response.json()


def by_place(items: list[dict[str, Any]]) -> dict[tuple[str, str | None], dict[str, Any]]:
    return {(i["place_name"], i["part"]): i for i in items}


def test_control_now_answers_who_holds_what(client: TestClient) -> None:
    now = by_place(get(client, "/v1/control")["items"])
    assert now[("Zakiyah", None)]["controller_side"] == "syrian_government"
    assert now[("Zakiyah", None)]["valid_from"] == "2016-06-02"
    assert now[("Raqqa", None)]["controller_side"] == "isis"
    assert now[("Raqqa", None)]["challenger_sides"] == ["syrian_government"]
    assert now[("Tabqa", None)]["state"] == "advancing_on"
    assert now[("Fallujah", None)]["state"] in ("encircled", "contested")
    assert now[("Fallujah", "north")]["state"] == "presence"


def test_control_filters(client: TestClient) -> None:
    syria = get(client, "/v1/control", country="SY", state="controlled")["items"]
    assert [i["place_name"] for i in syria] == ["Zakiyah"]
    held = get(client, "/v1/control", controller="syrian_arab_army")["items"]
    assert [i["place_name"] for i in held] == ["Zakiyah"]
    assert get(client, "/v1/control", place="raqqa")["items"][0]["controller_side"] == "isis"
    assert get(client, "/v1/control", admin1="Anbar", state="presence")["items"][0]["part"] == (
        "north"
    )


def test_control_as_of_and_known_at(client: TestClient) -> None:
    before = by_place(get(client, "/v1/control", as_of="2016-06-01")["items"])
    assert ("Zakiyah", None) not in before
    assert before[("Raqqa", None)]["state"] == "controlled"
    nothing_known = get(client, "/v1/control", known_at="2016-06-01T00:00:00Z")["items"]
    assert nothing_known == []
    known = by_place(get(client, "/v1/control", known_at="2016-06-30T00:00:00Z")["items"])
    assert known[("Zakiyah", None)]["controller_side"] == "syrian_government"


def test_pagination_is_stable_and_complete(client: TestClient) -> None:
    everything = get(client, "/v1/control", limit=500)["items"]
    seen: list[dict[str, Any]] = []
    cursor = None
    while True:
        page = get(client, "/v1/control", limit=2, **({"cursor": cursor} if cursor else {}))
        seen.extend(page["items"])
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == everything


def test_place_history_and_changes(client: TestClient) -> None:
    raqqa = get(client, "/v1/control", place="Raqqa")["items"][0]["place_id"]
    history = get(client, f"/v1/places/{raqqa}/control")
    assert [h["state"] for h in history] == ["controlled", "advancing_on"]
    assert history[0]["valid_from"] == "2013-01-01"
    changes = get(client, "/v1/control/changes", since="2016-06-01", until="2016-06-03")["items"]
    assert [c["place_name"] for c in changes] == ["Zakiyah"]
    assert client.get("/v1/places/nowhere/control").status_code == 404


def test_incidents_list_the_garma_allegations_disputed_with_two_sources(
    client: TestClient,
) -> None:
    items = get(client, "/v1/incidents", perpetrator="popular_mobilization_forces")["items"]
    families = {i["family"]: i for i in items}
    assert set(families) == {"abduction", "killing", "destruction", "looting", "arrest"}
    assert all(i["disputed"] for i in items)
    abduction = families["abduction"]
    assert abduction["abducted"] == {"low": 73, "best": 73, "high": 73}
    assert abduction["source_count"] == 2
    assert families["killing"]["killed"]["best"] == 17
    assert get(client, "/v1/incidents", min_sources=3)["items"] == []
    assert len(get(client, "/v1/incidents", type="execution")["items"]) == 1
    assert get(client, "/v1/incidents", disputed=False)["items"] == []


def test_incident_detail_traces_every_claim_to_its_sentence_and_article(
    client: TestClient,
) -> None:
    (abduction,) = get(client, "/v1/incidents", type="abduction")["items"]
    detail = get(client, f"/v1/incidents/{abduction['incident_id']}")
    assert {c["publisher"] for c in detail["claims"]} == {"Zero Hedge", "Middle East Eye"}
    assert any("kidnapped 73 men from Garma" in c["sentence"] for c in detail["claims"])
    assert all(c["article_url"] for c in detail["claims"])
    assert detail["disputes"][0]["disputed_by_actor_name"] == "Haidar al-Abadi"
    provenance = get(client, f"/v1/events/{detail['claims'][0]['claim_id']}")
    assert provenance["sentence"] == detail["claims"][0]["sentence"]
    assert provenance["paragraph_text"]


def test_allegations_and_casualty_stats(client: TestClient) -> None:
    allegations = get(client, "/v1/allegations", limit=100)["items"]
    assert len(allegations) == 10
    assert all(a["incident_id"] for a in allegations)
    stats = get(client, "/v1/stats/casualties", group_by="perpetrator_side")
    assert stats == [
        {
            "group": "iraqi_government",
            "incidents": 5,
            "killed": 17,
            "injured": 0,
            "abducted": 73,
            "arrested": 0,
            "killed_low": 17,
            "killed_high": 17,
        }
    ]
    weeks = get(client, "/v1/stats/casualties", group_by="week")
    assert [w["group"] for w in weeks] == ["2016-05-30"]
    # a side or an actor id, as on /v1/incidents
    by_actor = get(client, "/v1/stats/casualties", perpetrator="popular_mobilization_forces")
    assert by_actor == stats
    assert get(client, "/v1/stats/casualties", perpetrator="isis") == []


def test_geojson_and_acled_csv(client: TestClient) -> None:
    control = get(client, "/v1/control.geojson", country="SY")
    assert control["type"] == "FeatureCollection"
    zakia = next(f for f in control["features"] if f["properties"]["place_name"] == "Zakiyah")
    assert zakia["geometry"] == {"type": "Point", "coordinates": [38.05, 35.47]}
    assert len(get(client, "/v1/incidents.geojson")["features"]) == 5
    response = client.get("/v1/incidents.csv")
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert len(rows) == 5
    abduction = next(r for r in rows if r["sub_event_type"] == "Abduction/forced disappearance")
    assert abduction["event_type"] == "Violence against civilians"
    assert (abduction["admin1"], abduction["location"], abduction["geo_precision"]) == (
        "Anbar",
        "Garma",
        "1",
    )
    execution = next(r for r in rows if r["sub_event_type"] == "Attack")
    assert execution["fatalities"] == "17"
    for column in (
        "event_date",
        "actor1",
        "actor2",
        "latitude",
        "longitude",
        "time_precision",
        "source",
        "notes",
    ):
        assert column in rows[0]


def test_etag_gives_304_for_an_unchanged_answer(client: TestClient) -> None:
    first = client.get("/v1/incidents")
    tag = first.headers["etag"]
    again = client.get("/v1/incidents", headers={"If-None-Match": tag})
    assert again.status_code == 304
    assert again.content == b""
    other = client.get("/v1/incidents", params={"limit": 1}, headers={"If-None-Match": tag})
    assert other.status_code == 200


def test_cors_for_a_configured_dashboard(client: TestClient) -> None:
    response = client.get("/v1/control", headers={"Origin": "https://dash.example"})
    assert response.headers["access-control-allow-origin"] == "https://dash.example"


def test_metrics_expose_the_dead_letter_count(client: TestClient) -> None:
    response = client.get("/metrics")
    assert "sitrep_projector_dead_letters 0" in response.text


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/v1/incidents", {"min_sources": "9223372036854775808"}),
        ("/v1/incidents", {"cursor": ""}),
        ("/v1/incidents", {"date_to": "0"}),
        ("/v1/incidents", {"date_from": "2016-6-5"}),
        ("/v1/control", {"known_at": "0.5"}),
        ("/v1/control", {"known_at": "2016-06-15T00:00:00"}),  # no zone
        ("/v1/control", {"known_at": "0001-01-01T00:00:00+01:00"}),  # before UTC's first instant
        ("/v1/incidents", {"place": "Fallujah\x00"}),
        ("/v1/allegations", {"limit": "0"}),
    ],
)
def test_malformed_parameters_are_a_422_in_the_one_error_shape(
    client: TestClient, path: str, params: dict[str, str]
) -> None:
    response = client.get(path, params=params)
    assert response.status_code == 422, response.text
    detail = response.json()["detail"]
    assert detail and all({"loc", "msg", "type"} <= set(issue) for issue in detail)


@pytest.mark.parametrize("cursor", ["abc", "W10", "WyJ4IiwieSJd", "WzEuNSwieCJd"])
def test_a_cursor_this_api_did_not_give_is_a_400_the_spec_lists(
    client: TestClient, cursor: str
) -> None:
    response = client.get("/v1/incidents", params={"cursor": cursor})
    assert response.status_code == 400
    assert response.json() == {"detail": "invalid cursor"}
    spec = client.get("/openapi.json").json()
    responses = spec["paths"]["/v1/incidents"]["get"]["responses"]
    assert {"200", "400", "422", "500", "503"} <= set(responses)


def test_names_are_the_same_on_every_route(client: TestClient) -> None:
    (incident,) = get(client, "/v1/incidents", type="abduction")["items"]
    assert incident["perpetrator_side"] == "iraqi_government"
    assert incident["perpetrator_actor_ids"] == ["popular_mobilization_forces"]
    assert len(incident["perpetrator_actor_names"]) == 1
    (claim, *_) = get(client, "/v1/allegations", type="abduction")["items"]
    assert claim["perpetrator_side"] == "iraqi_government"
    assert claim["perpetrator_actor_id"] == "popular_mobilization_forces"
    detail = get(client, f"/v1/incidents/{incident['incident_id']}")
    assert detail["claims"][0]["perpetrator_side"] == "iraqi_government"
    assert "perpetrator" not in incident and "perpetrator_id" not in claim
    control = get(client, "/v1/control", place="Zakiyah")["items"][0]
    assert control["controller_side"] == "syrian_government"
    assert control["controller_actor_ids"] == ["syrian_arab_army"]
    # A filter by actor gives rows naming that actor, and the side they fight for.
    by_actor = get(client, "/v1/incidents", perpetrator="popular_mobilization_forces")["items"]
    assert {i["perpetrator_side"] for i in by_actor} == {"iraqi_government"}
    assert all("popular_mobilization_forces" in i["perpetrator_actor_ids"] for i in by_actor)


def test_every_casualty_group_is_named(client: TestClient) -> None:
    for group_by in ("perpetrator_side", "place", "admin1", "week"):
        groups = get(client, "/v1/stats/casualties", group_by=group_by)
        assert groups and all(isinstance(g["group"], str) and g["group"] for g in groups)


def test_report_time_and_record_time(client: TestClient) -> None:
    (abduction,) = get(client, "/v1/incidents", type="abduction")["items"]
    # The two articles were published on 5 and 6 June 2016; the log recorded them later.
    assert abduction["first_reported"].startswith("2016-06-05")
    assert abduction["last_reported"].startswith("2016-06-06")
    assert abduction["first_recorded"] <= abduction["last_recorded"]
    assert abduction["publishers"] == ["Middle East Eye", "Zero Hedge"]


def test_the_state_of_a_place_with_its_parts_nested(client: TestClient) -> None:
    fallujah = get(client, "/v1/control", place="Fallujah")["items"][0]["place_id"]
    state = get(client, f"/v1/places/{fallujah}/state")
    assert state["whole"]["state"] in ("encircled", "contested")
    assert [p["part"] for p in state["parts"]] == ["north", "south"]
    assert state["parts"][0]["state"] == "presence"
    before = get(client, f"/v1/places/{fallujah}/state", known_at="2016-06-01T00:00:00Z")
    assert before["whole"] is None and before["parts"] == []
    current = get(client, "/v1/control/current", place="Fallujah")["items"]
    assert [(c["place_id"], [p["part"] for p in c["parts"]]) for c in current] == [
        (fallujah, ["north", "south"])
    ]
    everything = get(client, "/v1/control/current", limit=500)["items"]
    assert len({c["place_id"] for c in everything}) == len(everything)
    assert client.get("/v1/places/nowhere/state").status_code == 404


def test_every_control_row_is_one_geojson_feature_with_its_own_id(client: TestClient) -> None:
    rows = get(client, "/v1/control", limit=500)["items"]
    collection = get(client, "/v1/control.geojson")
    ids = [f["id"] for f in collection["features"]]
    assert len(ids) == len(set(ids))
    assert len(ids) + collection["properties"]["dropped"] == len(rows)


def test_articles_page_newest_first_and_open_with_their_paragraphs(client: TestClient) -> None:
    first = get(client, "/v1/articles", limit=1)
    second = get(client, "/v1/articles", limit=1, cursor=first["next_cursor"])
    assert second["next_cursor"] is None
    newest, older = first["items"][0], second["items"][0]
    assert (newest["recorded_at"], newest["article_id"]) > (
        older["recorded_at"],
        older["article_id"],
    )
    detail = get(client, f"/v1/articles/{older['article_id']}")
    assert len(detail["paragraphs"]) == detail["paragraph_count"] > 0
    published = get(client, "/v1/articles", published_since="2016-06-06T00:00:00Z")["items"]
    assert [a["publisher"] for a in published] == ["Middle East Eye"]
    assert get(client, "/v1/dead-letters") == {"items": [], "next_cursor": None}
    assert client.get("/v1/dead-letters", params={"cursor": "WyJ4Il0"}).status_code == 400
