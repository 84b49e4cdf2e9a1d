"""The seed article (published 2016-06-05): the claims an analyst reads in it, and none of the
plans, background and objectives that are not captures."""

from __future__ import annotations

from typing import Any

import pytest

Claims = list[dict[str, Any]]


def _place(d: dict[str, Any]) -> str:
    p = d.get("place") or d.get("scope_place") or {}
    return f"{p.get('name') or ''} {p.get('mention') or ''}".lower()


def _actor(d: dict[str, Any]) -> str | None:
    a = d.get("actor") or d.get("perpetrator")
    return a.get("actor_id") if a else None


def _control(claims: list[dict[str, Any]], action: str, place: str) -> list[dict[str, Any]]:
    return [
        c["data"]
        for c in claims
        if c["type"] == "sitrep.control.claimed"
        and c["data"]["action"] == action
        and place in _place(c["data"])
    ]


def _allegations(claims: list[dict[str, Any]], kind: str) -> list[dict[str, Any]]:
    return [
        c["data"]
        for c in claims
        if c["type"] == "sitrep.allegation.reported" and c["data"]["allegation_type"] == kind
    ]


@pytest.mark.parametrize("town", ["ramadi", "tikrit", "bayji"])
def test_iraqi_forces_recaptured_cities_in_the_past_year(seed_claims: Claims, town: str) -> None:
    [claim] = _control(seed_claims, "recaptured", town)
    assert _actor(claim) == "isf"
    assert claim["acled_sub_event_type"] == "Government regains territory"
    assert claim["when"]["granularity"] == "year"
    assert claim["when"]["end"] == "2016-06-05"


def test_fallujah_encircled_and_its_southern_edge_secured_per_aljazeera(
    seed_claims: Claims,
) -> None:
    [encircled] = _control(seed_claims, "encircled", "fallujah")
    [secured] = _control(seed_claims, "secured", "fallujah")
    for claim in (encircled, secured):
        assert claim["attribution"]["source"] == "Al Jazeera"
        assert claim["modality"] == "reported"
    assert secured["acled_sub_event_type"] == "Government regains territory"


def test_at_the_gates_of_fallujah_per_pmf_commander_at_news_conference(seed_claims: Claims) -> None:
    [gates] = _control(seed_claims, "advanced_toward", "fallujah")[-1:]
    claims = [
        c
        for c in _control(seed_claims, "advanced_toward", "fallujah")
        if c["provenance"]["trigger"] == "at the gates of"
    ]
    [gates] = claims
    assert _actor(gates) == "pmf"
    assert gates["attribution"]["source_kind"] == "party_to_conflict"
    assert gates["attribution"]["verb"] == "told a news conference"
    [pending] = _control(seed_claims, "contested", "fallujah")[:1]
    assert pending["actor"]["actor_id"] == "isf"


def test_shia_militias_present_in_northern_fallujah_per_isw(seed_claims: Claims) -> None:
    [claim] = _control(seed_claims, "present", "fallujah")
    assert _actor(claim) == "pmf"
    assert claim["place"]["part"] == "northern"
    assert claim["attribution"]["source"] == "Institute for the Study of War"


def test_garma_abuses_by_popular_mobilization(seed_claims: Claims) -> None:
    [mosque] = _allegations(seed_claims, "religious_site_destruction")
    assert _actor(mosque) == "pmf" and "garma" in _place(mosque)
    assert mosque["acled_sub_event_type"] == "Looting/property destruction"
    assert mosque["modality"] == "alleged"
    [looting] = _allegations(seed_claims, "looting")
    assert "garma" in _place(looting)
    [arrest] = _allegations(seed_claims, "arrest")
    assert arrest["victims"]["group"] == "civilians"
    [kidnap] = _allegations(seed_claims, "abduction")
    assert _actor(kidnap) == "pmf"
    assert kidnap["counts"]["abducted"]["best"] == 73
    assert kidnap["place"]["name"] == "Garma District"
    assert kidnap["place_role"] == "victims_origin"
    assert kidnap["attribution"]["source_kind"] == "local_sources"
    [executed] = _allegations(seed_claims, "execution")
    assert executed["counts"]["killed"]["best"] == 17
    assert executed["counts"]["killed"]["expression"] == "17 of them"
    assert executed["acled_sub_event_type"] == "Attack"


def test_prime_minister_disputes_the_reports(seed_claims: Claims) -> None:
    [dispute] = [c for c in seed_claims if c["type"] == "sitrep.allegation.disputed"]
    assert "Haidar al-Abadi" in dispute["data"]["disputed_by"]["mention"]
    assert dispute["data"]["manner"] == "discrediting"
    reported = {c["id"] for c in seed_claims if c["type"] == "sitrep.allegation.reported"}
    assert dispute["data"]["disputes"] and set(dispute["data"]["disputes"]) <= reported


def test_syrian_troops_enter_raqqa_province_and_near_raqqa_city(seed_claims: Claims) -> None:
    entered = _control(seed_claims, "entered", "raqqa")
    assert entered and entered[0]["place"]["feature_type"] == "province"
    assert _actor(entered[0]) == "saa"
    assert entered[0]["attribution"]["source"] == "Al Mayadeen"
    nearing = [
        c
        for c in _control(seed_claims, "advanced_toward", "raqqah")
        if c["provenance"]["trigger"] == "nearing"
    ]
    assert nearing and nearing[0]["place"]["feature_type"] == "city"


def test_islamic_state_seized_raqqa_in_2013_is_historical(seed_claims: Claims) -> None:
    [claim] = _control(seed_claims, "captured", "raqqah")
    assert _actor(claim) == "isis"
    assert claim["modality"] == "historical"
    assert claim["when"]["start"] == "2013-01-01"


def test_zakia_captured_per_sputnik_is_the_raqqa_crossroads(seed_claims: Claims) -> None:
    [claim] = [
        c
        for c in _control(seed_claims, "captured", "zakiyah")
        if c["provenance"]["trigger"] == "capturing"
    ]
    assert claim["place"]["place_id"] == "curated:sy-zakiyah-crossroads"
    assert claim["attribution"]["source"] == "Sputnik"
    assert _actor(claim) == "saa"
    [tabqa] = _control(seed_claims, "advanced_toward", "tabqa")
    assert _actor(tabqa) == "saa"


def test_offensive_launched_june_3_toward_raqqa_from_isriya(seed_claims: Claims) -> None:
    [claim] = [
        c
        for c in _control(seed_claims, "advanced_toward", "raqqah")
        if c["provenance"]["trigger"] == "liberate"
    ]
    assert claim["when"]["start"] == "2016-06-03" and claim["when"]["precision"] == 1
    [isriya] = _control(seed_claims, "present", "isriya")
    assert isriya["place"]["admin1"] == "Hama"


def test_victory_at_zakiyah_crossroad_on_thursday(seed_claims: Claims) -> None:
    [claim] = [
        c
        for c in _control(seed_claims, "captured", "zakiyah")
        if "victory" in c["provenance"]["trigger"]
    ]
    assert claim["when"]["start"] == "2016-06-02"


@pytest.mark.parametrize("place", ["thawr", "resafa", "airfield", "palmyra", "tadmur"])
def test_no_capture_of_interim_objectives_or_palmyra(seed_claims: Claims, place: str) -> None:
    for action in ("captured", "recaptured", "secured"):
        assert not _control(seed_claims, action, place)


def test_no_capture_of_raqqa_city_except_in_2013(seed_claims: Claims) -> None:
    captures = [
        c for a in ("captured", "recaptured", "secured") for c in _control(seed_claims, a, "raqqah")
    ]
    assert all(c["modality"] == "historical" for c in captures)


def test_secured_southern_edge_carries_the_part(seed_claims: Claims) -> None:
    [secured] = _control(seed_claims, "secured", "fallujah")
    assert secured["place"]["part"] == "southern edge"
    assert secured["place"]["geo_precision"] == 2


def test_garma_threat_and_obstruction_have_no_acled_type(seed_claims: Claims) -> None:
    [threat] = _allegations(seed_claims, "threat")
    assert _actor(threat) == "pmf" and "garma" in _place(threat)
    assert threat["victims"]["group"] == "civilians"
    [obstruction] = _allegations(seed_claims, "obstruction")
    assert obstruction["victims"]["description"] == "the Sunni Waqf head"
    assert "garma" in _place(obstruction)
    for claim in (threat, obstruction):
        assert claim["acled_sub_event_type"] is None
        assert claim["modality"] == "alleged"
