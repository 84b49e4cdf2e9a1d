"""ACLED sub-event types by rule class: each case is a sentence written for this test, with the
claims (allegation type or control action, ACLED type) an analyst would code from it."""

from __future__ import annotations

from typing import Any

import pytest

from .conftest import claims_of

ATTACK = "Attack"
CLASH = "Armed clash"
AIR = "Air/drone strike"
SHELLING = "Shelling/artillery/missile attack"
IED = "Remote explosive/landmine/IED"
GOV = "Government regains territory"
NSA = "Non-state actor overtakes territory"
NVT = "Non-violent transfer of territory"
FORCE = "Excessive force against protesters"


def _typed(text: str) -> set[tuple[str, str | None]]:
    out = set()
    for c in claims_of(text):
        d: dict[str, Any] = c["data"]
        out.add((d.get("allegation_type") or d.get("action"), d.get("acled_sub_event_type")))
    return out


def _acled(text: str) -> set[str]:
    return {acled for _, acled in _typed(text) if acled}


CASES = [
    # a weapon named as a thing is an event only when the sentence says it was used
    ("Militants fired two rockets at the airport in Erbil, wounding a guard.", {SHELLING}),
    ("Government troops brought tanks and rockets into their barracks on Monday.", set()),
    ("North Korea test-fired a ballistic missile into the sea.", set()),
    # an explosion needs an attacker, a victim or an attack word, and no accident word
    ("A loud blast was heard near the refinery overnight.", set()),
    ("An explosion tore through a crowded market in Kirkuk, killing nine people.", {IED}),
    ("A gas cylinder explosion at a restaurant in Erbil killed four people.", set()),
    # aircraft attack when a use word goes with them
    ("Turkish drones struck a car near Qamishli, killing two fighters.", {AIR}),
    ("The army said its helicopters destroyed a militant hideout in the mountains.", {AIR}),
    ("A batch of fighter jets arrived as the army launched an offensive.", set()),
    # attacks: on civilians or their gathering places an Attack, on armed men or posts a clash
    ("Gunmen attacked a wedding party in a village near Baquba, killing six guests.", {ATTACK}),
    ("Militants attacked a police post in Tuz Khurmatu, killing two policemen.", {CLASH}),
    ("Five people died in the region last week.", set()),
    ("Villagers clashed with sticks over grazing land near Sinjar.", set()),
    ("Troops were sent to restore calm after clashes between two communities.", set()),
    # ordinary crime and statements about an incident
    ("Robbers shot dead a jeweller during a robbery in Basra.", set()),
    ("Border police arrested three men suspected of smuggling cigarettes near Zakho.", set()),
    ("The group claimed responsibility for the bombing that killed 30 people.", set()),
    # disasters
    ("Floods killed 15 people in Dohuk province after days of rain.", set()),
    ("A fire at a warehouse in Baghdad destroyed stocks of food.", set()),
    # protests: ACLED's excessive force, intervention, riots, grievances
    ("Security forces opened fire on demonstrators in Nasiriyah, killing four.", {FORCE}),
    ("Protesters were injured after police dispersed a sit-in using live bullets.", {FORCE}),
    ("Police used tear gas to disperse a peaceful rally and arrested 40 protesters.", set()),
    ("Protesters threw stones at police and the police answered with tear gas.", set()),
    ("Hundreds rallied in Mosul against the killing of a journalist by gunmen.", set()),
    ("A group of men attacked a peaceful rally, injuring a dozen marchers.", set()),
    ("Police arrested a schoolteacher on charges of organising protests.", {"Arrests"}),
    ("Three people die in a crackdown on a protest in the capital.", {FORCE}),
    # territory: unnamed, unknown names, expulsions, passives, adjectives
    ("Iraqi forces freed several villages south of Mosul on Saturday.", {GOV}),
    ("Taliban militants took over Dand Patan district after a week of fighting.", {NSA}),
    ("Kurdish Peshmerga forces drove the militants back from a hilltop near Sinjar.", {GOV}),
    ("Russia expels diplomats from Germany and Poland.", set()),
    ("Syrian troops purged the area of terrorists after a week of fighting.", {GOV}),
    (
        "Houses were torched in the village overnight, residents said.",
        {"Looting/property destruction"},
    ),
    ("Several houses were damaged in the storm.", set()),
    ("Gunmen stormed a university in the capital, killing students.", {ATTACK}),
    ("Weapons were found and cleared in the liberated areas.", set()),
    ("The army counterattacked near the airport and significant ground was regained.", {GOV}),
    # one battle: the fighting for a place taken is the taking
    ("Iraqi troops recaptured the town of Qayyarah after fierce clashes with IS.", {GOV}),
    # non-violent transfers
    ("Rebels entered Jarabulus after ISIS withdrew from the town without a fight.", {NVT}),
    ("Kurdish-led forces handed over the town of Manbij to government troops.", {NVT}),
    ("Government troops took control of Rastan after the rebels left it.", {NVT}),
    ("Government forces advanced on Tabqa and entered without fighting.", {NVT}),
    ("The United Nations mission handed authority over Tabqa to the army.", {NVT}),
    # people taken: arrests by the state, abductions by others
    ("Iraqi security forces captured a senior Islamic State commander near Hawija.", {"Arrests"}),
    ("Islamic State fighters seized two aid workers on the road to Kirkuk.", {"Abduction"}),
    # one incident per paragraph: the toll and the method told again
    (
        "A suicide bomber blew himself up at a checkpoint. The blast killed four soldiers.",
        {"Suicide bomb"},
    ),
    ("A car bomb exploded outside a police station. The explosion wounded eleven people.", {IED}),
    ("Two civilians were killed in separate attacks. One died in a grenade attack.", {"Grenade"}),
    (
        "Gunmen attacked a village at dawn, killing nine people. The attackers stormed the houses.",
        {ATTACK},
    ),
    (
        "Rebel fighters attacked the town, killing twelve people. The rebels attacked a police "
        "post in the town.",
        {CLASH},
    ),
    ("Police seized guns and ammunition in a raid on two homes.", set()),
    ("A soldier of the Storm Brigade was killed in a limpet mine blast near the border.", {IED}),
    (
        "The ministry rejected allegations that its aircraft were responsible for an attack "
        "on an aid convoy.",
        set(),
    ),
    ("Chlorine gas leaked from a reservoir, causing breathing problems for residents.", set()),
    (
        "Security forces arrested the bride after death squad members raided the wedding.",
        {"Arrests"},
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_acled_type(text: str, expected: set[str]) -> None:
    found = _acled(text)
    if "Abduction" in expected:
        expected = {"Abduction/forced disappearance"}
    assert found == expected


def test_threat_and_obstruction_have_no_acled_type() -> None:
    typed = _typed(
        "Militias prevented aid convoys from reaching the besieged town, and gunmen "
        "threatened to kill the drivers."
    )
    assert ("obstruction", None) in typed
    assert ("threat", None) in typed


def test_blocked_roads_are_no_obstruction() -> None:
    assert not any(t == "obstruction" for t, _ in _typed("Protesters blocked roads in Basra."))


def test_plans_and_negations_keep_no_type() -> None:
    assert not _acled("The army will launch airstrikes on the town next week.")
    assert not _acled("The rebels did not attack the village, the spokesman said.")


def test_would_be_bombers_are_real() -> None:
    assert _acled("Two would-be suicide bombers blew themselves up near a checkpoint.") == {
        "Suicide bomb"
    }
