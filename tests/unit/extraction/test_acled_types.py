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
    out: set[tuple[str, str | None]] = set()
    for c in claims_of(text):
        d: dict[str, Any] = c["data"]
        kind = str(d.get("allegation_type") or d.get("action"))
        acled: str | None = d.get("acled_sub_event_type")
        out.add((kind, acled))
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
    ("Army helicopters destroyed three trucks on the road to Qaim, a statement said.", {AIR}),
    (
        "Four new helicopters were delivered to the air base as the army prepared an offensive.",
        set(),
    ),
    # attacks: on civilians or their gathering places an Attack, on armed men or posts a clash
    ("Gunmen attacked a wedding party in a village near Baquba, killing six guests.", {ATTACK}),
    ("Militants attacked a police post in Tuz Khurmatu, killing two policemen.", {CLASH}),
    ("Five people died in the region last week.", set()),
    ("Two clans fought with knives and stones over a water well near Sinjar.", set()),
    ("Troops were sent to restore calm after clashes between two communities.", set()),
    # ordinary crime and statements about an incident
    ("Robbers shot dead a jeweller during a robbery in Basra.", set()),
    ("Border police arrested three men suspected of smuggling cigarettes near Zakho.", set()),
    (
        "A militant group said on its website that it was behind the bombing of a bus station.",
        set(),
    ),
    # disasters
    ("Floods killed 15 people in Dohuk province after days of rain.", set()),
    ("A fire at a warehouse in Baghdad destroyed stocks of food.", set()),
    # protests: ACLED's excessive force, intervention, riots, grievances
    ("Soldiers fired live ammunition into a crowd of demonstrators in Kut, killing four.", {FORCE}),
    ("Live rounds fired by riot police wounded at least twenty marchers in Basra.", {FORCE}),
    ("Police used tear gas to disperse a peaceful rally and arrested 40 protesters.", set()),
    ("Protesters threw stones at police and the police answered with tear gas.", set()),
    ("Hundreds rallied in Mosul against the killing of a journalist by gunmen.", set()),
    ("A band of youths beat participants of a women's march in Sulaymaniyah.", set()),
    ("Police arrested a schoolteacher on charges of organising protests.", {"Arrests"}),
    (
        "Four demonstrators died when soldiers broke up a sit-in outside the governor's office.",
        {FORCE},
    ),
    # territory: unnamed, unknown names, expulsions, passives, adjectives
    ("Kurdish troops liberated a handful of hamlets east of Sinjar.", {GOV}),
    ("Taliban militants took over Dand Patan district after a week of fighting.", {NSA}),
    ("Kurdish Peshmerga forces drove the militants back from a hilltop near Sinjar.", {GOV}),
    ("The government expelled two foreign reporters from Baghdad.", set()),
    ("Syrian troops purged the area of terrorists after a week of fighting.", {GOV}),
    (
        "Houses were torched in the village overnight, residents said.",
        {"Looting/property destruction"},
    ),
    ("Several houses were damaged in the storm.", set()),
    ("Militiamen stormed a school in Tal Afar and shot dead two teachers.", {ATTACK}),
    ("Mines were found and cleared in the recaptured districts by army engineers.", set()),
    ("By evening a good deal of ground had been regained by the Peshmerga west of Kirkuk.", {GOV}),
    # one battle: the fighting for a place taken is the taking
    ("Iraqi troops recaptured the town of Qayyarah after fierce clashes with IS.", {GOV}),
    # non-violent transfers
    ("Rebels entered Jarabulus after ISIS withdrew from the town without a fight.", {NVT}),
    ("Kurdish-led forces handed over the town of Manbij to government troops.", {NVT}),
    ("Government troops took control of Rastan after the rebels left it.", {NVT}),
    ("Peshmerga units moved on Qayyarah at dawn and entered after ISIS had pulled out.", {NVT}),
    ("Under the accord, the militia handed authority over Sinjar district to the police.", {NVT}),
    # people taken: arrests by the state, abductions by others
    ("Iraqi troops captured an Islamic State emir in a village near Hawija.", {"Arrests"}),
    ("Islamic State fighters seized two aid workers on the road to Kirkuk.", {"Abduction"}),
    # one incident per paragraph: the toll and the method told again
    (
        "A suicide bomber blew himself up at a checkpoint. The blast killed four soldiers.",
        {"Suicide bomb"},
    ),
    ("A car bomb exploded outside a police station. The explosion wounded eleven people.", {IED}),
    (
        "Three shopkeepers lost their lives in attacks across the province this week. Two of them "
        "died when a grenade was thrown into a shop in Tuz.",
        {"Grenade"},
    ),
    (
        "Unknown gunmen opened fire on a minibus near Khanaqin, killing six passengers. The "
        "attackers fired on the wounded as they fled.",
        {ATTACK},
    ),
    (
        "Militants attacked Hadithah at night, killing five people. The militants assaulted an "
        "army outpost on its edge, officers said.",
        {CLASH},
    ),
    ("Border guards confiscated rifles and explosives during a raid on a farm near Rabia.", set()),
    ("A landmine blast killed a shepherd near the camp of the Tornado Brigade.", {IED}),
    (
        "Officials in Baghdad said coalition jets were responsible for an attack on a wedding "
        "in Anbar last month.",
        set(),
    ),
    (
        "A tanker spilled chlorine on the highway near Baiji, and dozens were treated for "
        "breathing difficulties.",
        set(),
    ),
    ("Police detained a journalist after members of a death squad threatened him.", {"Arrests"}),
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
    assert _acled("A would-be suicide bomber detonated his vest at the gate of a mosque.") == {
        "Suicide bomb"
    }
