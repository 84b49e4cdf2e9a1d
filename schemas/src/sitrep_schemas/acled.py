"""ACLED's event types and sub-event types, spelled exactly as the ACLED codebook does.

Source: ACLED Codebook (Armed Conflict Location & Event Data Project), section
"Event types and sub-event types". Claims carry the sub-event type they correspond to so
that sitrep's output lines up with ACLED tooling.
"""

from __future__ import annotations

from typing import Literal

__all__ = [
    "ACLED_EVENT_TYPE_OF",
    "AcledEventType",
    "AcledSubEventType",
]

AcledEventType = Literal[
    "Battles",
    "Explosions/Remote violence",
    "Violence against civilians",
    "Protests",
    "Riots",
    "Strategic developments",
]

AcledSubEventType = Literal[
    # Battles
    "Armed clash",
    "Government regains territory",
    "Non-state actor overtakes territory",
    # Explosions/Remote violence
    "Chemical weapon",
    "Air/drone strike",
    "Suicide bomb",
    "Shelling/artillery/missile attack",
    "Remote explosive/landmine/IED",
    "Grenade",
    # Violence against civilians
    "Sexual violence",
    "Attack",
    "Abduction/forced disappearance",
    # Protests
    "Peaceful protest",
    "Protest with intervention",
    "Excessive force against protesters",
    # Riots
    "Violent demonstration",
    "Mob violence",
    # Strategic developments
    "Agreement",
    "Arrests",
    "Change to group/activity",
    "Disrupted weapons use",
    "Headquarters or base established",
    "Looting/property destruction",
    "Non-violent transfer of territory",
    "Other",
]

ACLED_EVENT_TYPE_OF: dict[str, str] = {
    "Armed clash": "Battles",
    "Government regains territory": "Battles",
    "Non-state actor overtakes territory": "Battles",
    "Chemical weapon": "Explosions/Remote violence",
    "Air/drone strike": "Explosions/Remote violence",
    "Suicide bomb": "Explosions/Remote violence",
    "Shelling/artillery/missile attack": "Explosions/Remote violence",
    "Remote explosive/landmine/IED": "Explosions/Remote violence",
    "Grenade": "Explosions/Remote violence",
    "Sexual violence": "Violence against civilians",
    "Attack": "Violence against civilians",
    "Abduction/forced disappearance": "Violence against civilians",
    "Peaceful protest": "Protests",
    "Protest with intervention": "Protests",
    "Excessive force against protesters": "Protests",
    "Violent demonstration": "Riots",
    "Mob violence": "Riots",
    "Agreement": "Strategic developments",
    "Arrests": "Strategic developments",
    "Change to group/activity": "Strategic developments",
    "Disrupted weapons use": "Strategic developments",
    "Headquarters or base established": "Strategic developments",
    "Looting/property destruction": "Strategic developments",
    "Non-violent transfer of territory": "Strategic developments",
    "Other": "Strategic developments",
}
