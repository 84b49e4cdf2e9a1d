"""The scorer's matching rules, on hand-made claims (no extractor involved)."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from sitrep.commands import evaluate
from sitrep.evaluation.claims import ActorDictionary, Claim
from sitrep.evaluation.matching import (
    actor_matches,
    match_article,
    names_match,
    place_matches,
    score_part,
)
from sitrep.evaluation.predict import claim_from_event

ACTORS = ActorDictionary(
    {"boko_haram": frozenset({"Boko Haram", "Boko Haram militants"}), "saa": frozenset()}
)


def gold(**kw: object) -> Claim:
    base: dict[str, object] = {"family": "allegation", "type": "killing", "paragraph": 0}
    base.update(kw)
    return Claim(**base)  # type: ignore[arg-type]


def pred(**kw: object) -> Claim:
    base: dict[str, object] = {
        "family": "allegation",
        "type": "killing",
        "paragraph": 0,
        "modality": "asserted",
    }
    base.update(kw)
    return Claim(**base)  # type: ignore[arg-type]


def test_null_actor_matches_only_null() -> None:
    assert actor_matches(gold(actor=None), pred(actor=None), ACTORS)
    assert not actor_matches(gold(actor=None), pred(actor="gunmen"), ACTORS)
    assert not actor_matches(gold(actor="gunmen"), pred(actor=None), ACTORS)


def test_actor_by_id_alias_mention_and_containment() -> None:
    g = gold(actor="Suspected Boko Haram militants", actor_id="boko_haram")
    assert actor_matches(g, pred(actor="the insurgents", actor_id="boko_haram"), ACTORS)
    g = gold(actor="Gunmen believed to be Boko Haram militants")
    assert actor_matches(g, pred(actor="militants", actor_id="boko_haram"), ACTORS)
    assert actor_matches(gold(actor="the gunmen"), pred(actor="Gunmen"), ACTORS)


def test_generic_word_alone_does_not_match_a_named_actor() -> None:
    assert not actor_matches(gold(actor="Syrian troops"), pred(actor="troops"), ACTORS)
    assert not names_match("government forces", ["forces"])
    assert names_match("Iraqi Kurdish militia fighters", ["Kurdish militia"])


def test_place_by_id_or_name() -> None:
    g = gold(place="Yabroud", place_id="geonames:162627")
    assert place_matches(g, pred(place="Yabrud", place_id="geonames:162627"))
    assert place_matches(g, pred(place="the town of Yabroud"))
    assert not place_matches(g, pred(place="Damascus", place_id="geonames:170654"))
    assert place_matches(gold(place=None), pred(place=None))
    assert not place_matches(gold(place=None), pred(place="Syria"))
    assert place_matches(gold(place="Gwoza district"), pred(place="Gwoza"))


def test_match_needs_family_paragraph_actor_and_place() -> None:
    g = gold(actor="gunmen", place="Njaba")
    good = pred(actor="gunmen", place="Njaba")
    for wrong in (
        pred(actor="gunmen", place="Njaba", paragraph=1),
        pred(actor="gunmen", place="Njaba", family="control", type="captured"),
        pred(actor="soldiers", place="Njaba"),
        pred(actor="gunmen", place="Maiduguri"),
    ):
        result = match_article("a", [g], [wrong], ACTORS)
        assert not result.matched and result.missed == [g] and len(result.false_alarms) == 1
    result = match_article("a", [g], [good], ACTORS)
    assert result.matched == [(g, good)] and not result.missed and not result.false_alarms


def test_matching_is_one_to_one_and_prefers_same_type() -> None:
    g1 = gold(type="abduction", actor="they", place="Kummabza")
    g2 = gold(type="killing", actor="they", place="Kummabza")
    p = pred(type="killing", actor="they", place="Kummabza")
    result = match_article("a", [g1, g2], [p], ACTORS)
    assert result.matched == [(g2, p)]
    assert result.missed == [g1]


def test_claims_not_to_be_asserted() -> None:
    plan = gold(family="control", type="captured", actor="Rebels", place="Daraa", modality="future")
    asserted = pred(family="control", type="captured", actor="Rebels", place="Daraa")
    held_back = pred(
        family="control", type="captured", actor="Rebels", place="Daraa", modality="future"
    )
    result = match_article("a", [plan], [asserted], ACTORS)
    assert not result.missed  # not counted in recall
    assert [why for _, why in result.false_alarms] == ["asserted a claim the text gives as future"]
    result = match_article("a", [plan], [held_back], ACTORS)
    assert not result.false_alarms and result.restrained == 1
    score = score_part("dev", [match_article("a", [plan], [asserted], ACTORS)], ACTORS)
    assert score.asserted_not_to_assert == 1
    assert score.families["control"]["fp"] == 1


def test_counts_exact_and_place_resolved() -> None:
    g = gold(actor=None, place="Njaba", place_id="geonames:1", counts={"killed": 68})
    right = pred(actor=None, place="Njaba", place_id="geonames:1", counts={"killed": 68})
    wrong = pred(
        actor=None, place="Njaba", place_id="geonames:2", counts={"killed": 68, "injured": 3}
    )
    score = score_part("dev", [match_article("a", [g], [right], ACTORS)], ACTORS)
    assert score.counts_exact["share"] == 1.0 and score.place_resolved["share"] == 1.0
    score = score_part("dev", [match_article("a", [g], [wrong], ACTORS)], ACTORS)
    assert score.counts_exact == {"n": 1, "correct": 0, "share": 0.0}
    assert score.place_resolved == {"n": 1, "correct": 0, "share": 0.0}


def test_fields_scored_over_loose_alignment() -> None:
    g = gold(actor="the militants", place="Njaba", span=(0, 20), date="2015-03-03")
    p = pred(actor="soldiers", place="Njaba", span=(0, 40), date="2015-03-03")
    score = score_part("dev", [match_article("a", [g], [p], ACTORS)], ACTORS)
    assert score.families["allegation"]["tp"] == 0  # wrong actor: no strict match
    assert score.fields["actor"]["accuracy"] == 0.0
    assert score.fields["place"]["accuracy"] == 1.0
    assert score.fields["date"]["accuracy"] == 1.0


def test_regression_gold_uses_actor_ids_and_place_substrings() -> None:
    g = gold(family="control", type="recaptured", paragraph=None, actor_id="isf", place="mosul")
    g = Claim(**{**g.__dict__, "legacy": True})
    p = pred(family="control", type="recaptured", paragraph=3, actor_id="isf", place_name="Mosul")
    assert match_article("r", [g], [p], ACTORS).matched
    p = pred(family="control", type="recaptured", paragraph=3, actor_id="pmf", place="Mosul")
    assert not match_article("r", [g], [p], ACTORS).matched


def test_claim_from_event() -> None:
    data = {
        "allegation_type": "abduction",
        "perpetrator": {"mention": "gunmen", "actor_id": "gunmen", "name": "armed group"},
        "place": {"mention": "Kummabza", "place_id": None, "name": None},
        "counts": {"abducted": {"best": 91}, "killed": None},
        "when": {"start": "2014-06-24", "precision": 1},
        "attribution": {"source": "residents"},
        "modality": "alleged",
        "provenance": {
            "paragraph_index": 2,
            "sentence_start": 0,
            "sentence_end": 50,
            "char_start": 10,
            "char_end": 18,
        },
    }
    c = claim_from_event("sitrep.allegation.reported", data)
    assert c is not None
    assert (c.family, c.type, c.actor, c.place, c.paragraph) == (
        "allegation",
        "abduction",
        "gunmen",
        "Kummabza",
        2,
    )
    assert c.counts == {"abducted": 91} and c.span == (0, 50) and c.trigger == (10, 18)
    assert c.date == "2014-06-24"
    assert claim_from_event("sitrep.article.ingested", {}) is None
    # "last February": a month, no day; the labels give a day or null
    month = claim_from_event(
        "sitrep.allegation.reported",
        {**data, "when": {"start": "2007-02-01", "precision": 3}},
    )
    assert month is not None and month.date is None


def test_errors_refused_on_test(capsys: pytest.CaptureFixture[str]) -> None:
    args = argparse.Namespace(
        legacy=False,
        part="test",
        errors=True,
        json=False,
        annotations=Path("unused"),
        heldout=Path("unused"),
    )
    assert evaluate.run(args) == 2
    assert "refused" in capsys.readouterr().err


def test_a_predicted_country_carries_the_labels_country_id() -> None:
    data = {
        "allegation_type": "killing",
        "place": {
            "mention": "Libya",
            "place_id": "geonames:2215636",
            "name": "Libya",
            "feature_type": "country",
            "country": "LY",
            "resolved": True,
        },
        "provenance": {"paragraph_index": 0},
    }
    claim = claim_from_event("sitrep.allegation.reported", data)
    assert claim is not None and claim.place_id == "country:LY"
