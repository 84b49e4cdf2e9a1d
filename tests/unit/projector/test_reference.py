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


def test_countries_come_with_numeric_iso_and_acled_regions_without_countries_tsv() -> None:
    reference = load_reference(SEEDS)
    iraq = reference.countries["IQ"]
    assert (iraq.iso3, iraq.iso_numeric, iraq.name, iraq.acled_region) == (
        "IRQ",
        368,
        "Iraq",
        "Middle East",
    )


def test_optional_actor_and_country_files_are_read_when_present(tmp_path: Path) -> None:
    (tmp_path / "gazetteer").mkdir()
    (tmp_path / "actors").mkdir()
    header = (
        "id\tname\tfeature_type\tcountry\tadmin1\tadmin2\tlat\tlon\tpopulation\taliases\tsource\n"
    )
    (tmp_path / "gazetteer" / "geonames.tsv").write_text(
        header
        + "admin1:SD.01\tKhartoum\tprovince\tSD\tKhartoum\t\t15.5\t32.5\t\t\tt\n"
        + "x:omdurman-east\tSomewhere\ttown\tSD\tKhartoum\t\t\t\t\t\tt\n"
    )
    actors = "id\tname\tactor_type\tside\tcountry\tvalid_from\tvalid_to\taliases\tsource\n"
    (tmp_path / "actors" / "actors.tsv").write_text(
        actors + "state_forces\tstate forces\tstate_forces\tgovernment\t\t\t\tarmy\tt\n"
    )
    (tmp_path / "actors" / "state_forces.tsv").write_text(
        actors + "mil:sd\tMilitary Forces of Sudan\tstate_forces\tsudan_government\tSD\t\t\t\tt\n"
    )
    (tmp_path / "actors" / "countries.tsv").write_text(
        "iso2\tiso3\tiso_numeric\tname\taliases\tdemonyms\tacled_region\tsource\n"
        "SD\tSDN\t729\tSudan\t\tSudanese\tNorthern Africa\tt\n"
    )
    reference = load_reference(tmp_path)
    assert reference.countries["SD"].iso_numeric == 729
    assert reference.actor_in("state_forces", "SD") == "mil:sd"  # the army, in Sudan
    assert reference.actor_in("state_forces", "IQ") is None  # a type, not an actor
    assert reference.actor_in("mil:sd", "SD") == "mil:sd"
    # A town without coordinates is put at its province's point.
    position = reference.position_of("x:omdurman-east", None, None, None, None)
    assert position is not None and (position.lat, position.lon, position.source) == (
        15.5,
        32.5,
        "admin1",
    )
