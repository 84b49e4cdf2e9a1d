"""ACLED's sub-event types for sitrep's allegation types, and which one wins in one incident.

ACLED codes one event per incident. When a sentence names a weapon or method, that fixes the
sub-event type and the killings it names are that event's fatalities: "an airstrike killed 6
civilians" is one Air/drone strike. Among methods: a chemical weapon, then a suicide bomb,
then an air or drone strike, shelling, a remote explosive, a grenade, and an unspecified
explosion last.
"""

from __future__ import annotations

from sitrep_schemas import AllegationType

__all__ = ["ACLED_OF", "MEANS_ORDER"]

MEANS_ORDER: tuple[AllegationType, ...] = (
    AllegationType.CHEMICAL_ATTACK,
    AllegationType.SUICIDE_BOMBING,
    AllegationType.AIRSTRIKE,
    AllegationType.SHELLING,
    AllegationType.EXPLOSIVE_DEVICE,
    AllegationType.GRENADE,
    AllegationType.BOMBING,
)

ACLED_OF: dict[AllegationType, str | None] = {
    AllegationType.CHEMICAL_ATTACK: "Chemical weapon",
    AllegationType.SUICIDE_BOMBING: "Suicide bomb",
    AllegationType.AIRSTRIKE: "Air/drone strike",
    AllegationType.SHELLING: "Shelling/artillery/missile attack",
    AllegationType.EXPLOSIVE_DEVICE: "Remote explosive/landmine/IED",
    AllegationType.BOMBING: "Remote explosive/landmine/IED",
    AllegationType.GRENADE: "Grenade",
    AllegationType.ARMED_CLASH: "Armed clash",
    AllegationType.KILLING: "Attack",
    AllegationType.EXECUTION: "Attack",
    AllegationType.TORTURE: "Attack",
    AllegationType.ABDUCTION: "Abduction/forced disappearance",
    AllegationType.SEXUAL_VIOLENCE: "Sexual violence",
    AllegationType.ARREST: "Arrests",
    AllegationType.LOOTING: "Looting/property destruction",
    AllegationType.PROPERTY_DESTRUCTION: "Looting/property destruction",
    AllegationType.RELIGIOUS_SITE_DESTRUCTION: "Looting/property destruction",
    AllegationType.FORCE_AGAINST_PROTESTERS: "Excessive force against protesters",
    AllegationType.DISPLACEMENT: None,
    AllegationType.THREAT: None,
    AllegationType.OBSTRUCTION: None,
    AllegationType.OTHER: None,
}
