"""Parts of places as a vocabulary, publishers by name or domain, ACLED's codes."""

from __future__ import annotations

import uuid

import pytest

from sitrep_projector.projections import names_a_part, normalize_part, publisher_of
from sitrep_projector.projections.acled import (
    ACLED_REGION_OF,
    disorder_type,
    event_id_cnty,
    interaction,
)


@pytest.mark.parametrize(
    ("text", "part"),
    [
        ("northern", "north"),
        ("Northern ", "north"),
        ("the north", "north"),
        ("southern edge", "south"),
        ("north-eastern", "north-east"),
        ("north east", "north-east"),
        ("city centre", "centre"),
        ("downtown", "centre"),
        ("outskirts", "outskirts"),
        ("edge", "edge"),
        ("countryside", "countryside"),
        ("side", None),
        ("the only side that remains", None),
        ("gates", None),
        (None, None),
    ],
)
def test_parts_are_a_controlled_vocabulary(text: str | None, part: str | None) -> None:
    assert normalize_part(text) == part


def test_free_text_is_a_partial_presence_and_approaches_are_the_place_itself() -> None:
    assert names_a_part("the only side that remains")  # some part: never all of it
    assert not names_a_part("gates")  # "at the gates of": about the place itself
    assert not names_a_part(None)
    assert names_a_part("northern")


def test_publishers_are_counted_by_name_else_by_registered_domain() -> None:
    assert publisher_of("Middle East Eye", "https://www.middleeasteye.net/x") == "Middle East Eye"
    assert publisher_of(None, "https://www.middleeasteye.net/news/a") == "middleeasteye.net"
    assert publisher_of("", "http://news.bbc.co.uk/1/hi/world") == "bbc.co.uk"
    assert publisher_of(None, None) is None


def test_acled_codes() -> None:
    assert ACLED_REGION_OF["IQ"] == ACLED_REGION_OF["SY"] == "Middle East"
    assert ACLED_REGION_OF["SD"] == "Northern Africa"
    assert ACLED_REGION_OF["UA"] == "Europe"
    assert disorder_type("Abduction/forced disappearance") == "Political violence"
    assert disorder_type("Peaceful protest") == "Demonstrations"
    assert disorder_type("Arrests") == "Strategic developments"
    assert disorder_type("Mob violence") == "Political violence; Demonstrations"
    assert interaction(3, 7) == interaction(7, 3) == 37
    assert interaction(1, 0) == 10
    key = uuid.UUID("6f1c1e0e-8a55-5c1d-9f57-1f0b7d7c4b21")
    assert event_id_cnty("IRQ", key) == event_id_cnty("IRQ", key)
    assert event_id_cnty("IRQ", key).startswith("IRQ") and event_id_cnty("IRQ", key)[3:].isdigit()
