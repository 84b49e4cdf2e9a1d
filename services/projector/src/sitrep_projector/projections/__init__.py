"""Projection logic: pure functions from events to read-model records and derived values.

No I/O and no client library here: the use case hands records to the db adapter. To project a
new event type, write a handler and register it in `HANDLERS`.

The derived read models are pure functions over plain frozen values: the control timeline
(`control_timelines`, `control_as_of` over `ControlClaim`) and incident clustering
(`cluster_incidents` over `AllegationClaim`); the db layer's refreshers call them for the
places and blocks a batch touched.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sitrep_schemas import (
    AllegationDisputed,
    AllegationReported,
    AnyEvent,
    ArticleIngested,
    ControlClaimed,
    ParagraphInterpreted,
    ParagraphRecorded,
)

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
    PARTS,
    ControlClaim,
    PartName,
    PlaceState,
    names_a_part,
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
from ._publishers import publisher_of, registered_domain
from ._records import ReadModelRecord, Record
from ._reference import KnownActor, KnownCountry, KnownPlace, Position, Reference
from .articles import ArticleRecord, ParagraphRecord, project_article, project_paragraph
from .claims import (
    ActorRecord,
    AllegationRecord,
    ControlClaimRecord,
    DisputeRecord,
    DisputeTargetRecord,
    InterpretationRecord,
    PlaceRecord,
    allegation_block_key,
    project_allegation,
    project_control_claim,
    project_dispute,
    project_interpretation,
)

__all__ = [
    "CASUALTY_KINDS",
    "FLIP_BLOCKING_MODALITIES",
    "HANDLERS",
    "NON_EVENT_MODALITIES",
    "NO_REFERENCE",
    "PARTS",
    "TYPE_FAMILY",
    "WINDOW",
    "ActorRecord",
    "AllegationClaim",
    "AllegationRecord",
    "ArticleRecord",
    "BlockKey",
    "ControlClaim",
    "ControlClaimRecord",
    "ControlInterval",
    "CountRange",
    "DisputeRecord",
    "DisputeTargetRecord",
    "Incident",
    "InterpretationRecord",
    "KnownActor",
    "KnownCountry",
    "KnownPlace",
    "ParagraphRecord",
    "PartName",
    "PlaceRecord",
    "PlaceState",
    "Position",
    "ReadModelRecord",
    "Record",
    "Reference",
    "TimelineKey",
    "allegation_block_key",
    "allegation_claim",
    "block_key",
    "cluster_incidents",
    "combine_counts",
    "control_as_of",
    "control_claim",
    "control_timelines",
    "interval_on",
    "known_claims",
    "names_a_part",
    "newest_versions",
    "normalize_part",
    "party_key",
    "project",
    "publisher_of",
    "registered_domain",
    "story_groups",
    "superseded",
    "type_family",
    "version_key",
]

HANDLERS: dict[type[Any], Callable[[Any, Reference], list[ReadModelRecord]]] = {
    ArticleIngested: project_article,
    ParagraphRecorded: project_paragraph,
    ParagraphInterpreted: project_interpretation,
    ControlClaimed: project_control_claim,
    AllegationReported: project_allegation,
    AllegationDisputed: project_dispute,
}


NO_REFERENCE = Reference()


def project(event: AnyEvent, reference: Reference = NO_REFERENCE) -> list[ReadModelRecord]:
    """The records one event implies; events no projection reads imply none.

    `reference` (the gazetteer and actor dictionary) fills in places and sides by id.
    """
    handler = HANDLERS.get(type(event))
    return handler(event, reference) if handler else []
