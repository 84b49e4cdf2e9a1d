"""Projection logic: pure functions from claims to read-model values. No I/O, no SQL.

The control timeline (`control_timelines`, `control_as_of`) and incident clustering
(`cluster_incidents`) work on plain frozen values (`ControlClaim`, `AllegationClaim`) that
`from_events` builds from the contract's events; the projector's adapters store them.
"""

from ._allegations import (
    CASUALTY_KINDS,
    NON_EVENT_MODALITIES,
    TYPE_FAMILY,
    AllegationClaim,
    CountRange,
    type_family,
)
from ._control_claims import (
    FLIP_BLOCKING_MODALITIES,
    ControlClaim,
    PlaceState,
    normalize_part,
    party_key,
)
from ._control_timeline import (
    ControlInterval,
    TimelineKey,
    control_as_of,
    control_timelines,
    interval_on,
    known_claims,
)
from ._extractor_versions import newest_versions, superseded, version_key
from ._from_events import allegation_claim, control_claim
from ._incidents import (
    WINDOW,
    BlockKey,
    Incident,
    block_key,
    cluster_incidents,
    combine_counts,
    story_groups,
)

__all__ = [
    "CASUALTY_KINDS",
    "FLIP_BLOCKING_MODALITIES",
    "NON_EVENT_MODALITIES",
    "TYPE_FAMILY",
    "WINDOW",
    "AllegationClaim",
    "BlockKey",
    "ControlClaim",
    "ControlInterval",
    "CountRange",
    "Incident",
    "PlaceState",
    "TimelineKey",
    "allegation_claim",
    "block_key",
    "cluster_incidents",
    "combine_counts",
    "control_as_of",
    "control_claim",
    "control_timelines",
    "interval_on",
    "known_claims",
    "newest_versions",
    "normalize_part",
    "party_key",
    "story_groups",
    "superseded",
    "type_family",
    "version_key",
]
