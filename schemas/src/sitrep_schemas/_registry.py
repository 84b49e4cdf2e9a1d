"""Every event type by name, and the one way to read an event from the log.

Reading goes through the upcasters first: an event stored at an older `schema_version` is
lifted step by step to the current one before validation, so handlers only ever see the
current shape (pyeventsourcing's `upcast_vN_vN+1`, applied to the stored JSON).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Annotated, Any, TypeAlias

from pydantic import Field, TypeAdapter

from ._article import ArticleIngested, ParagraphInterpreted, ParagraphRecorded
from ._claims import AllegationDisputed, AllegationReported, ControlClaimed
from ._envelope import EventEnvelope

__all__ = [
    "CURRENT_SCHEMA_VERSION",
    "EVENT_CLASSES",
    "UPCASTERS",
    "AnyEvent",
    "EventContractError",
    "UnknownEventType",
    "parse_event",
    "upcast",
]

AnyEvent: TypeAlias = Annotated[
    ArticleIngested
    | ParagraphRecorded
    | ParagraphInterpreted
    | ControlClaimed
    | AllegationReported
    | AllegationDisputed,
    Field(discriminator="type"),
]

EVENT_CLASSES: dict[str, type[EventEnvelope]] = {
    cls.model_fields["type"].default: cls
    for cls in (
        ArticleIngested,
        ParagraphRecorded,
        ParagraphInterpreted,
        ControlClaimed,
        AllegationReported,
        AllegationDisputed,
    )
}

CURRENT_SCHEMA_VERSION: dict[str, int] = {
    name: cls.model_fields["schema_version"].default for name, cls in EVENT_CLASSES.items()
}

Upcaster: TypeAlias = Callable[[dict[str, Any]], dict[str, Any]]


# (event type, from_version) -> function returning the event at from_version + 1.
# Add one entry per schema change that is not merely a new optional field.
def _control_claimed_v1_to_v2(raw: dict[str, Any]) -> dict[str, Any]:
    """Version 2 only lets `data.place` be null; every version-1 claim has one."""
    return raw


UPCASTERS: dict[tuple[str, int], Upcaster] = {
    ("sitrep.control.claimed", 1): _control_claimed_v1_to_v2,
}

_ADAPTER: TypeAdapter[AnyEvent] = TypeAdapter(AnyEvent)


class EventContractError(ValueError):
    """The bytes are not an event this contract can read."""


class UnknownEventType(EventContractError):
    pass


def upcast(raw: dict[str, Any]) -> dict[str, Any]:
    event_type = raw.get("type")
    if event_type not in CURRENT_SCHEMA_VERSION:
        raise UnknownEventType(f"unknown event type {event_type!r}")
    current = CURRENT_SCHEMA_VERSION[event_type]
    version = raw.get("schema_version")
    if not isinstance(version, int) or version < 1:
        raise EventContractError(f"{event_type}: schema_version {version!r} is not a version")
    if version > current:
        raise EventContractError(
            f"{event_type}: schema_version {version} is newer than this reader's {current}"
        )
    while version < current:
        step = UPCASTERS.get((event_type, version))
        if step is None:
            raise EventContractError(f"{event_type}: no upcaster from schema_version {version}")
        raw = step(raw)
        version += 1
        raw["schema_version"] = version
    return raw


def parse_event(raw: bytes | str | Mapping[str, Any]) -> AnyEvent:
    """Decode, upcast and validate one event; raises EventContractError on anything else."""
    if isinstance(raw, bytes | str):
        # Most of the log is at the current schema version: pydantic-core parses and
        # validates the JSON in one pass. Anything else takes the upcasting path below.
        try:
            event: AnyEvent = _ADAPTER.validate_json(raw)
        except ValueError:
            pass
        else:
            if event.schema_version == CURRENT_SCHEMA_VERSION[event.type]:
                return event
    try:
        obj = json.loads(raw) if isinstance(raw, bytes | str) else dict(raw)
    except ValueError as exc:
        raise EventContractError(f"not JSON: {exc}") from exc
    if not isinstance(obj, dict):
        raise EventContractError("an event is a JSON object")
    try:
        return _ADAPTER.validate_python(upcast(obj))
    except ValueError as exc:
        if isinstance(exc, EventContractError):
            raise
        raise EventContractError(str(exc)) from exc
