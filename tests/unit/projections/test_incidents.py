"""Allegations clustered into incidents: counts across sources, publishers, disputes, keys."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sitrep_projector.projections import (
    TYPE_FAMILY,
    AllegationClaim,
    CountRange,
    Incident,
    cluster_incidents,
)
from sitrep_schemas import AllegationType

RECORDED = datetime(2016, 6, 5, 12, 0, tzinfo=UTC)


def allegation(claim_id: str, allegation_type: str, **fields: Any) -> AllegationClaim:
    defaults: dict[str, Any] = {
        "recorded_at": RECORDED,
        "article_id": "article-1",
        "publisher": "Zero Hedge",
        "content_hash": "hash-article-1",
        "perpetrator_actor_id": "popular_mobilization_forces",
        "perpetrator_side": "iraqi_government",
        "place_id": "sitrep:garma",
        "place_name": "Garma",
        "admin1": "Anbar",
        "country": "IQ",
        "geo_precision": 1,
        "date_start": date(2016, 6, 3),
        "time_precision": 2,
        "reported_on": date(2016, 6, 5),
    }
    defaults.update(fields)
    return AllegationClaim(claim_id=claim_id, allegation_type=allegation_type, **defaults)


def count(best: int, low: int | None = None, high: int | None = None) -> CountRange:
    return CountRange(low=low, best=best, high=high)


TRIBAL_SHEIKH = (
    "A notable tribal sheikh in Garma claimed that Popular Mobilization militants kidnapped "
    "73 men from Garma District and executed 17 of them on charges of belonging to ISIS."
)


def garma_claims(prefix: str = "zh", **fields: object) -> list[AllegationClaim]:
    """The five Garma allegations of the seed article."""
    return [
        allegation(
            f"{prefix}-abduction",
            "abduction",
            abducted=count(73),
            sentence=TRIBAL_SHEIKH,
            **fields,
        ),
        allegation(
            f"{prefix}-execution",
            "execution",
            killed=count(17),
            sentence=TRIBAL_SHEIKH,
            **fields,
        ),
        allegation(
            f"{prefix}-mosque",
            "religious_site_destruction",
            sentence="Popular Mobilization fighters destroyed the Great Mosque in Garma.",
            **fields,
        ),
        allegation(
            f"{prefix}-looting",
            "looting",
            sentence="militias have looted homes and factories around Garma",
            **fields,
        ),
        allegation(
            f"{prefix}-arrests",
            "arrest",
            sentence="militias arrested civilians",
            **fields,
        ),
    ]


def by_family(incidents: tuple[Incident, ...]) -> dict[str, Incident]:
    assert len({i.family for i in incidents}) == len(incidents)
    return {i.family: i for i in incidents}


def test_garma_allegations_become_five_disputed_incidents_against_the_pmf() -> None:
    claims = garma_claims()
    disputes = {c.claim_id: ["dispute-abadi"] for c in claims}
    incidents = by_family(cluster_incidents(claims, disputes))
    assert set(incidents) == {"abduction", "killing", "destruction", "looting", "arrest"}
    assert incidents["abduction"].abducted == CountRange(73, 73, 73)
    assert incidents["killing"].killed == CountRange(17, 17, 17)
    for incident in incidents.values():
        assert incident.perpetrator == "iraqi_government"
        assert incident.perpetrator_actor_ids == ("popular_mobilization_forces",)
        assert incident.disputed
        assert incident.dispute_claim_ids == ("dispute-abadi",)
        assert incident.place_id == "sitrep:garma"
        assert incident.source_count == 1


def test_a_second_publisher_telling_the_story_raises_sources_not_victims() -> None:
    first = garma_claims()
    second = garma_claims(
        "mee",
        publisher="Middle East Eye",
        article_id="article-2",
        content_hash="hash-article-2",
        recorded_at=datetime(2016, 6, 6, tzinfo=UTC),
    )
    # Told in its own words: no sentence is shared with the first article.
    second = [replace(c, sentence=f"Middle East Eye: {c.sentence}") for c in second]
    incidents = by_family(cluster_incidents(first + second))
    abduction = incidents["abduction"]
    assert abduction.source_count == 2
    assert abduction.publishers == ("Middle East Eye", "Zero Hedge")
    assert abduction.abducted == CountRange(73, 73, 73)
    assert incidents["killing"].killed == CountRange(17, 17, 17)
    assert incidents["killing"].source_count == 2
    assert len(abduction.member_claim_ids) == 2
    assert abduction.first_recorded < abduction.last_recorded
    assert abduction.first_reported is None  # no article gave its publication time


def test_a_syndicated_copy_counts_once_even_from_another_publisher() -> None:
    original = garma_claims()
    copy = garma_claims("yahoo", publisher="Yahoo News", article_id="article-3")
    abduction = by_family(cluster_incidents(original + copy))["abduction"]
    assert abduction.publishers == ("Yahoo News", "Zero Hedge")
    assert abduction.source_count == 1
    assert abduction.abducted.best == 73


def test_the_same_sentence_quoted_by_another_outlet_counts_once() -> None:
    original = allegation("a", "abduction", abducted=count(73), sentence=TRIBAL_SHEIKH)
    quoted = allegation(
        "b",
        "abduction",
        abducted=count(70),
        sentence=TRIBAL_SHEIKH.upper() + "  ",
        publisher="Other",
        content_hash="other-hash",
        recorded_at=datetime(2016, 6, 7, tzinfo=UTC),
    )
    (incident,) = cluster_incidents([original, quoted])
    assert incident.source_count == 1
    assert incident.abducted == CountRange(70, 73, 73)


def test_counts_across_sources_are_low_min_high_max_best_median_never_a_sum() -> None:
    claims = [
        allegation(
            f"s{i}",
            "killing",
            killed=c,
            publisher=f"P{i}",
            content_hash=f"h{i}",
            sentence=f"sentence {i}",
        )
        for i, c in enumerate([count(10, 8, 12), count(12), count(40, 30, 50)])
    ]
    (incident,) = cluster_incidents(claims)
    assert incident.killed == CountRange(8, 12, 50)
    assert incident.source_count == 3


def test_killing_and_execution_reports_of_one_event_are_one_incident() -> None:
    claims = [
        allegation("a", "killing", killed=count(17), content_hash="h1", sentence="s1"),
        allegation(
            "b", "execution", killed=count(17), content_hash="h2", sentence="s2", publisher="B"
        ),
    ]
    (incident,) = cluster_incidents(claims)
    assert incident.allegation_types == ("execution", "killing")


def test_dates_within_the_window_join_and_farther_ones_do_not() -> None:
    day = date(2016, 6, 3)
    near = [
        allegation("a", "abduction", date_start=day, time_precision=1, sentence="s1"),
        allegation(
            "b",
            "abduction",
            date_start=day + timedelta(days=3),
            time_precision=1,
            sentence="s2",
            content_hash="h2",
        ),
        allegation(
            "c",
            "abduction",
            date_start=day + timedelta(days=10),
            time_precision=1,
            sentence="s3",
            content_hash="h3",
        ),
    ]
    incidents = cluster_incidents(near)
    assert [i.member_claim_ids for i in incidents] == [("a", "b"), ("c",)]


def test_different_perpetrators_or_places_are_different_incidents() -> None:
    claims = [
        allegation("a", "arrest", sentence="s1"),
        allegation(
            "b",
            "arrest",
            sentence="s2",
            perpetrator_actor_id="isis",
            perpetrator_side="isis",
            content_hash="h2",
        ),
        allegation("c", "arrest", sentence="s3", place_id="sitrep:saqlawiyah", content_hash="h3"),
    ]
    assert len(cluster_incidents(claims)) == 3


def test_a_province_level_report_joins_the_one_town_incident_it_fits() -> None:
    town = allegation("town", "abduction", abducted=count(73), sentence="s1")
    province = allegation(
        "province",
        "abduction",
        abducted=count(70),
        place_id=None,
        geo_precision=3,
        place_name="Anbar",
        sentence="s2",
        content_hash="h2",
        publisher="B",
    )
    (incident,) = cluster_incidents([town, province])
    assert incident.place_id == "sitrep:garma"
    assert incident.member_claim_ids == ("province", "town")


def test_a_province_level_report_fitting_two_towns_is_not_guessed_into_either() -> None:
    garma = allegation("garma", "abduction", sentence="s1")
    saqlawiyah = allegation(
        "saq", "abduction", place_id="sitrep:saqlawiyah", sentence="s2", content_hash="h2"
    )
    province = allegation("prov", "abduction", place_id=None, sentence="s3", content_hash="h3")
    incidents = cluster_incidents([garma, saqlawiyah, province])
    assert sorted(i.member_claim_ids for i in incidents) == [("garma",), ("prov",), ("saq",)]


def test_undated_allegations_cluster_around_their_article_date() -> None:
    dated = allegation("dated", "looting", date_start=date(2016, 6, 3), time_precision=1)
    undated = allegation(
        "undated",
        "looting",
        date_start=None,
        sentence="s2",
        content_hash="h2",
        reported_on=date(2016, 6, 6),
    )
    stale = allegation(
        "stale",
        "looting",
        date_start=None,
        sentence="s3",
        content_hash="h3",
        reported_on=date(2016, 9, 1),
    )
    incidents = cluster_incidents([dated, undated, stale])
    assert sorted(i.member_claim_ids for i in incidents) == [("dated", "undated"), ("stale",)]


def test_plans_hypotheses_and_negations_never_make_an_incident() -> None:
    claims = [
        allegation(f"c-{mode}", "killing", modality=mode, killed=count(5))
        for mode in ("future", "hypothetical", "negated")
    ]
    assert cluster_incidents(claims) == ()


def test_an_allegation_reported_as_denied_marks_its_incident_disputed() -> None:
    (incident,) = cluster_incidents([allegation("a", "killing", modality="denied")])
    assert incident.disputed


def test_incident_key_depends_on_the_claims_not_on_arrival_or_on_later_members() -> None:
    first = allegation("a", "abduction", sentence="s1")
    (alone,) = cluster_incidents([first])
    later = allegation(
        "b", "abduction", sentence="s2", content_hash="h2", date_start=date(2016, 6, 4)
    )
    (joined,) = cluster_incidents([later, first])
    assert alone.incident_key == joined.incident_key


def test_every_allegation_type_has_a_family() -> None:
    assert set(TYPE_FAMILY) == {t.value for t in AllegationType}


def test_a_district_report_joins_the_one_town_incident_of_its_district() -> None:
    town = allegation(
        "mee-abduction",
        "abduction",
        abducted=count(73),
        publisher="Middle East Eye",
        content_hash="hash-mee",
        place_id="curated:iq-garma",
        locality="curated:iq-garma-district",
    )
    district = allegation(
        "zh-abduction",
        "abduction",
        abducted=count(73),
        place_id="curated:iq-garma-district",
        place_name="Garma District",
        geo_precision=2,
        locality="curated:iq-garma-district",
    )
    [incident] = cluster_incidents([town, district])
    assert incident.source_count == 2
    assert incident.abducted == CountRange(73, 73, 73)
    assert incident.place_id in {"curated:iq-garma", "curated:iq-garma-district"}


def test_a_district_report_fitting_two_towns_is_not_guessed_into_either() -> None:
    towns = [
        allegation(
            f"town-{n}",
            "abduction",
            abducted=count(10),
            publisher=f"Outlet {n}",
            content_hash=f"hash-{n}",
            place_id=f"test:town-{n}",
            locality="test:district",
        )
        for n in (1, 2)
    ]
    district = allegation(
        "district",
        "abduction",
        abducted=count(20),
        place_id="test:district",
        geo_precision=2,
        locality="test:district",
    )
    incidents = cluster_incidents([*towns, district])
    assert sorted(len(i.member_claim_ids) for i in incidents) == [1, 1, 1]
