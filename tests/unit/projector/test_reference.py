"""The gazetteer and actor dictionary as the projection reads them: places, districts, sides."""

from __future__ import annotations

from pathlib import Path

from sitrep_projector.projections import KnownActor, Reference
from sitrep_projector.reference import load_reference

SEEDS = Path(__file__).resolve().parents[3] / "seeds"


def test_the_repository_gazetteer_knows_the_seed_article_places() -> None:
    reference = load_reference(SEEDS)
    fallujah = reference.places["geonames:99454"]
    assert (fallujah.country, fallujah.admin1) == ("IQ", "Anbar")
    assert reference.district_of("curated:iq-garma") == "curated:iq-garma-district"
    assert reference.district_of("curated:iq-garma-district") == "curated:iq-garma-district"
    assert reference.district_of("geonames:99454") is None
    assert reference.actors["pmf"].side == "iraqi_government"


def test_unnamed_state_forces_fight_for_the_government_of_the_country_they_are_in() -> None:
    reference = load_reference(SEEDS)
    assert reference.side_of("state_forces", "government", "SY") == "syrian_government"
    assert reference.side_of("state_forces", "government", "IQ") == "iraqi_government"
    assert reference.side_of("state_forces", "government", None) == "government"
    assert reference.side_of("saa", "syrian_government", "IQ") == "syrian_government"
    assert reference.side_of("pmf", None, "IQ") == "iraqi_government"


def test_a_country_with_two_national_forces_leaves_the_generic_side() -> None:
    reference = Reference(
        places={},
        actors={
            "a": KnownActor("a", "A army", "state_forces", "north_government", "XX"),
            "b": KnownActor("b", "B army", "state_forces", "south_government", "XX"),
        },
    )
    assert reference.side_of(None, "government", "XX") == "government"


def test_without_seed_files_nothing_is_known(tmp_path: Path) -> None:
    reference = load_reference(tmp_path)
    assert reference.places == {} and reference.fingerprint == "none"
    assert reference.side_of("state_forces", "government", "SY") == "government"
