"""Reference across sentences and clauses: whose date, which actor a plain noun stands for.

Each case is written for this test; the rule it exercises is named above it.
"""

from __future__ import annotations

from typing import Any

from .conftest import claims_of


def _by_action(text: str) -> dict[str, dict[str, Any]]:
    return {
        (c["data"].get("allegation_type") or c["data"].get("action")): c["data"]
        for c in claims_of(text)
    }


def test_a_date_in_a_relative_clause_dates_only_that_clause() -> None:
    # "in April" says when the campaign began, not when the town was taken in the next sentence
    claims = _by_action(
        "Air raids supported the campaign, which tribal forces had launched in April. "
        "Government troops then captured the town of Hit."
    )
    assert claims["captured"]["when"]["start"] is None


def test_a_date_in_the_main_clause_still_carries_to_the_next_sentence() -> None:
    claims = _by_action(
        "On Tuesday, Iraqi troops pushed into the outskirts of Hit. "
        "They captured the town of Hit after heavy fighting."
    )
    assert claims["captured"]["when"]["start"] == "2016-05-31"


def test_a_trigger_inside_the_relative_clause_keeps_its_date_and_the_main_clause_not() -> None:
    claims = _by_action("The Islamic State, which seized Raqqa in 2013, still holds the city.")
    assert claims["captured"]["when"]["start"] == "2013-01-01"
    assert claims["present"]["when"]["start"] != "2013-01-01"


def test_plain_militias_are_the_militia_named_in_the_same_paragraph() -> None:
    claims = _by_action(
        "Residents said Kataib Hezbollah fighters set up checkpoints around the village of Jurf "
        "al-Sakhar. Witnesses said militias looted shops in the village."
    )
    assert claims["looting"]["perpetrator"]["actor_id"] != "militia"


def test_plain_army_is_not_the_army_of_another_country_named_earlier() -> None:
    claims = _by_action(
        "The Syrian army shelled the outskirts of Deir ez-Zor.\n"
        "In Mosul, army units arrested ten suspects on Sunday."
    )
    assert claims["arrest"]["perpetrator"]["actor_id"] != "saa"


def test_fighters_of_no_named_side_take_no_side() -> None:
    claims = _by_action("Fighters stormed the village of Tal Afar at dawn and seized it.")
    actor = claims["captured"]["actor"]
    assert actor["side"] == "unknown"


def test_the_one_kept_out_is_not_the_one_who_entered() -> None:
    claims = _by_action("Militiamen prevented aid workers from entering the town of Garma.")
    assert "entered" not in claims
    assert claims["obstruction"]["perpetrator"]["actor_id"] == "militia"
