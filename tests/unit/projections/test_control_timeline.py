"""The control timeline: who holds a place, in what situation, from when, and who says so."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sitrep_projector.projections import (
    ControlClaim,
    PlaceState,
    control_as_of,
    control_timelines,
)

RECORDED = datetime(2016, 6, 5, 12, 0, tzinfo=UTC)


def control(claim_id: str, place_id: str, **fields: Any) -> ControlClaim:
    defaults: dict[str, Any] = {
        "action": "captured",
        "resulting_state": "controlled",
        "recorded_at": RECORDED,
        "article_id": "article-1",
        "publisher": "Zero Hedge",
        "time_precision": 1,
    }
    defaults.update(fields)
    return ControlClaim(claim_id=claim_id, place_id=place_id, **defaults)


FALLUJAH = "geonames:98854"
ZAKIA = "sitrep:zakiyah-crossroads"
TABQA = "geonames:164816"
RAQQA = "geonames:163915"


def seed_article_claims() -> list[ControlClaim]:
    """Roughly what the seed article (2016-06-05) says about control."""
    return [
        control(
            "c-fallujah-encircled",
            FALLUJAH,
            action="encircled",
            resulting_state="encircled",
            actor_id="iraqi_security_forces",
            actor_side="iraqi_government",
            from_actor_id="isis",
            from_side="isis",
            date_start=date(2016, 6, 5),
        ),
        control(
            "c-fallujah-southern-edge",
            FALLUJAH,
            action="secured",
            resulting_state="controlled",
            part="southern edge",
            actor_id="popular_mobilization_forces",
            actor_side="iraqi_government",
            date_start=date(2016, 6, 5),
        ),
        control(
            "c-fallujah-northern-presence",
            FALLUJAH,
            action="present",
            resulting_state="presence",
            part="Northern",
            actor_id="shia_militias",
            actor_side="iraqi_government",
            publisher="Zero Hedge",
            date_start=date(2016, 6, 5),
            time_precision=3,
        ),
        control(
            "c-zakia-captured",
            ZAKIA,
            actor_id="syrian_arab_army",
            actor_side="syrian_government",
            from_actor_id="isis",
            from_side="isis",
            date_start=date(2016, 6, 2),
        ),
        control(
            "c-tabqa-advance",
            TABQA,
            action="advanced_toward",
            resulting_state="advancing_on",
            actor_id="syrian_arab_army",
            actor_side="syrian_government",
            date_start=date(2016, 6, 5),
        ),
        control(
            "c-raqqa-seized-2013",
            RAQQA,
            modality="historical",
            actor_id="isis",
            actor_side="isis",
            date_start=date(2013, 1, 1),
            time_precision=3,
        ),
        control(
            "c-raqqa-advance",
            RAQQA,
            action="advanced_toward",
            resulting_state="advancing_on",
            actor_id="syrian_arab_army",
            actor_side="syrian_government",
            date_start=date(2016, 6, 4),
        ),
        control(
            "c-resafa-objective",
            "sitrep:resafa",
            modality="future",
            actor_id="syrian_arab_army",
            actor_side="syrian_government",
            date_start=date(2016, 6, 5),
        ),
    ]


def test_seed_article_gives_the_situation_an_analyst_would_draw() -> None:
    now = control_as_of(seed_article_claims(), date(2016, 6, 5))

    fallujah = now[(FALLUJAH, None)]
    assert fallujah.controller == "isis"
    assert fallujah.state in (PlaceState.ENCIRCLED, PlaceState.CONTESTED)
    assert fallujah.challengers == ("iraqi_government",)

    northern = now[(FALLUJAH, "north")]
    assert northern.controller is None
    assert northern.state is PlaceState.PRESENCE
    assert northern.challenger_actor_ids == ("shia_militias",)

    zakia = now[(ZAKIA, None)]
    assert (zakia.controller, zakia.state) == ("syrian_government", PlaceState.CONTROLLED)
    assert zakia.valid_from == date(2016, 6, 2)
    assert zakia.controller_actor_ids == ("syrian_arab_army",)

    tabqa = now[(TABQA, None)]
    assert tabqa.state is PlaceState.ADVANCING_ON
    assert tabqa.challengers == ("syrian_government",)

    raqqa = now[(RAQQA, None)]
    assert raqqa.controller == "isis"
    assert raqqa.state is PlaceState.ADVANCING_ON
    assert raqqa.challengers == ("syrian_government",)

    assert ("sitrep:resafa", None) not in now, "an objective is not a capture"


def test_a_part_of_a_place_is_a_presence_never_control_of_the_whole() -> None:
    claims = [
        control("south", FALLUJAH, part="southern edge", actor_side="iraqi_government"),
    ]
    timelines = control_timelines(claims)
    (whole,) = timelines[(FALLUJAH, None)]
    (edge,) = timelines[(FALLUJAH, "south")]
    assert whole.controller is None and whole.state is PlaceState.PRESENCE
    assert edge.controller is None and edge.state is PlaceState.PRESENCE
    assert edge.challengers == ("iraqi_government",)


def test_capture_changes_hands_and_closes_the_previous_interval() -> None:
    claims = [
        control("a", RAQQA, actor_side="isis", date_start=date(2014, 1, 13)),
        control("b", RAQQA, actor_side="sdf", date_start=date(2017, 10, 17)),
    ]
    first, second = control_timelines(claims)[(RAQQA, None)]
    assert (first.controller, first.valid_from, first.valid_to) == (
        "isis",
        date(2014, 1, 13),
        date(2017, 10, 17),
    )
    assert (second.controller, second.valid_to) == ("sdf", None)
    assert second.is_open


def test_single_day_back_and_forth_is_contested_not_a_change_of_hands() -> None:
    claims = [
        control("held", TABQA, actor_side="isis", date_start=date(2016, 6, 1)),
        control("taken", TABQA, actor_side="syrian_government", date_start=date(2016, 6, 8)),
        control("retaken", TABQA, actor_side="isis", date_start=date(2016, 6, 8)),
    ]
    before, fight = control_timelines(claims)[(TABQA, None)]
    assert before.controller == "isis"
    assert fight.controller == "isis", "control did not change hands"
    assert fight.state is PlaceState.CONTESTED
    assert fight.valid_from == date(2016, 6, 8)
    assert fight.challengers == ("syrian_government",)
    assert "taken" in fight.contradicting_claim_ids


def test_allies_claiming_the_same_town_on_one_day_do_not_contest_it() -> None:
    claims = [
        control("army", ZAKIA, actor_id="syrian_arab_army", actor_side="syrian_government"),
        control("ndf", ZAKIA, actor_id="national_defence_forces", actor_side="syrian_government"),
    ]
    (interval,) = control_timelines(claims)[(ZAKIA, None)]
    assert interval.state is PlaceState.CONTROLLED
    assert interval.controller_actor_ids == ("national_defence_forces", "syrian_arab_army")


def test_encircling_a_place_does_not_take_it() -> None:
    claims = [
        control("held", FALLUJAH, actor_side="isis", date_start=date(2014, 1, 4)),
        control(
            "ring",
            FALLUJAH,
            action="encircled",
            resulting_state="encircled",
            actor_side="iraqi_government",
            date_start=date(2016, 6, 5),
        ),
    ]
    held, ringed = control_timelines(claims)[(FALLUJAH, None)]
    assert held.state is PlaceState.CONTROLLED
    assert (ringed.controller, ringed.state) == ("isis", PlaceState.ENCIRCLED)
    assert ringed.supporting_claim_ids == ("ring",)


def test_capture_after_a_siege_ends_the_siege() -> None:
    claims = [
        control("held", FALLUJAH, actor_side="isis", date_start=date(2014, 1, 4)),
        control(
            "ring",
            FALLUJAH,
            resulting_state="encircled",
            actor_side="iraqi_government",
            date_start=date(2016, 6, 5),
        ),
        control("taken", FALLUJAH, actor_side="iraqi_government", date_start=date(2016, 6, 26)),
    ]
    *_, liberated = control_timelines(claims)[(FALLUJAH, None)]
    assert (liberated.controller, liberated.state) == ("iraqi_government", PlaceState.CONTROLLED)
    assert liberated.challengers == ()


def test_later_reaffirmation_of_control_clears_older_pressure() -> None:
    claims = [
        control("held", RAQQA, actor_side="isis", date_start=date(2016, 1, 1)),
        control(
            "advance",
            RAQQA,
            resulting_state="advancing_on",
            actor_side="syrian_government",
            date_start=date(2016, 6, 4),
        ),
        control("still", RAQQA, actor_side="isis", date_start=date(2016, 7, 1)),
    ]
    *_, latest = control_timelines(claims)[(RAQQA, None)]
    assert (latest.controller, latest.state) == ("isis", PlaceState.CONTROLLED)


def test_future_hypothetical_and_negated_claims_never_flip_control() -> None:
    base = control("held", RAQQA, actor_side="isis", date_start=date(2016, 1, 1))
    noise = [
        control(f"c-{mode}", RAQQA, modality=mode, actor_side="syrian_government")
        for mode in ("future", "hypothetical", "negated", "denied")
    ]
    (interval,) = control_timelines([base, *noise])[(RAQQA, None)]
    assert interval.controller == "isis"
    assert interval.state is PlaceState.CONTROLLED


def test_a_denied_capture_by_the_controller_is_listed_against_its_control() -> None:
    claims = [
        control("held", ZAKIA, actor_side="syrian_government", date_start=date(2016, 6, 2)),
        control("denial", ZAKIA, actor_side="syrian_government", modality="denied"),
    ]
    (interval,) = control_timelines(claims)[(ZAKIA, None)]
    assert interval.contradicting_claim_ids == ("denial",)
    assert interval.supporting_claim_ids == ("held",)


def test_historical_claims_fill_in_a_controller_but_never_change_one() -> None:
    claims = [
        control("now", RAQQA, actor_side="isis", date_start=date(2016, 6, 1)),
        control(
            "background",
            RAQQA,
            modality="historical",
            actor_side="free_syrian_army",
            date_start=date(2016, 6, 3),
        ),
    ]
    (interval,) = control_timelines(claims)[(RAQQA, None)]
    assert interval.controller == "isis"
    assert interval.contradicting_claim_ids == ("background",)


def test_withdrawal_without_a_successor_leaves_the_holder_unknown() -> None:
    claims = [
        control("held", TABQA, actor_side="isis", date_start=date(2016, 6, 1)),
        control(
            "left",
            TABQA,
            action="withdrew",
            resulting_state="relinquished",
            actor_side="isis",
            date_start=date(2016, 6, 20),
        ),
    ]
    (interval,) = control_timelines(claims)[(TABQA, None)]
    assert interval.valid_to == date(2016, 6, 20)
    assert "left" in interval.contradicting_claim_ids
    assert control_as_of(claims, date(2016, 6, 25)) == {}


def test_withdrawal_naming_the_successor_hands_the_place_over() -> None:
    claims = [
        control("held", TABQA, actor_side="isis", date_start=date(2016, 6, 1)),
        control(
            "handover",
            TABQA,
            action="lost",
            resulting_state="relinquished",
            actor_side="isis",
            to_side="sdf",
            date_start=date(2017, 5, 10),
        ),
    ]
    _, after = control_timelines(claims)[(TABQA, None)]
    assert after.controller == "sdf"


def test_bitemporal_as_of_a_date_as_known_at_a_time() -> None:
    learned_early = datetime(2016, 6, 5, tzinfo=UTC)
    learned_late = datetime(2016, 6, 20, tzinfo=UTC)
    claims = [
        control(
            "held",
            FALLUJAH,
            actor_side="isis",
            date_start=date(2014, 1, 4),
            recorded_at=learned_early,
        ),
        control(
            "taken",
            FALLUJAH,
            actor_side="iraqi_government",
            date_start=date(2016, 6, 10),
            recorded_at=learned_late,
        ),
    ]
    on_the_12th = date(2016, 6, 12)
    known_on_15th = datetime(2016, 6, 15, tzinfo=UTC)
    assert control_as_of(claims, on_the_12th, known_on_15th)[(FALLUJAH, None)].controller == "isis"
    assert control_as_of(claims, on_the_12th)[(FALLUJAH, None)].controller == "iraqi_government"
    assert control_as_of(claims, date(2016, 6, 1))[(FALLUJAH, None)].controller == "isis"


def test_interval_carries_its_publishers_and_latest_claim() -> None:
    claims = [
        control(
            "a",
            ZAKIA,
            actor_side="syrian_government",
            publisher="Sputnik",
            date_start=date(2016, 6, 2),
        ),
        control(
            "b", ZAKIA, actor_side="syrian_government", publisher="RT", date_start=date(2016, 6, 4)
        ),
        control(
            "c", ZAKIA, actor_side="syrian_government", publisher="RT", date_start=date(2016, 6, 3)
        ),
    ]
    (interval,) = control_timelines(claims)[(ZAKIA, None)]
    assert interval.publishers == ("RT", "Sputnik")
    assert interval.publisher_count == 2
    assert interval.latest_claim_id == "b"
    assert interval.supporting_claim_ids == ("a", "b", "c")


def test_undated_claim_sits_on_the_day_it_was_recorded() -> None:
    claim = control("a", ZAKIA, actor_side="syrian_government", date_start=None)
    (interval,) = control_timelines([claim])[(ZAKIA, None)]
    assert interval.valid_from == claim.recorded_at.date()


def test_duplicate_delivery_of_a_claim_changes_nothing() -> None:
    claims = seed_article_claims()
    assert control_timelines(claims + claims) == control_timelines(claims)
