"""Dependencies of the routes, declared once."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from sqlmodel import Session

from ..db import ReadModelStore
from ..projecting import RunnerStatus
from ..projections import Reference
from ..settings import ProjectorSettings

__all__ = ["ReferenceDep", "RunnerStatusDep", "SessionDep", "SettingsDep", "StoreDep"]


def get_store(request: Request) -> ReadModelStore:
    store: ReadModelStore = request.app.state.store
    return store


def get_session(request: Request) -> Iterator[Session]:
    with get_store(request).session() as session:
        yield session


def get_settings(request: Request) -> ProjectorSettings:
    settings: ProjectorSettings = request.app.state.settings
    return settings


def get_reference(request: Request) -> Reference:
    """The gazetteer and actor dictionary the lifespan loaded."""
    reference: Reference = request.app.state.reference
    return reference


def get_runner_status(request: Request) -> RunnerStatus | None:
    runner = request.app.state.runner
    return runner.status if runner is not None else None


StoreDep = Annotated[ReadModelStore, Depends(get_store)]
SessionDep = Annotated[Session, Depends(get_session)]
SettingsDep = Annotated[ProjectorSettings, Depends(get_settings)]
ReferenceDep = Annotated[Reference, Depends(get_reference)]
RunnerStatusDep = Annotated[RunnerStatus | None, Depends(get_runner_status)]
