"""Dependencies of the routes, declared once."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from sqlmodel import Session

from ..consuming import RunnerStatus
from ..db import ReadModelStore
from ..settings import ProjectorSettings

__all__ = ["RunnerStatusDep", "SessionDep", "SettingsDep", "StoreDep"]


def get_store(request: Request) -> ReadModelStore:
    store: ReadModelStore = request.app.state.store
    return store


def get_session(request: Request) -> Iterator[Session]:
    with get_store(request).session() as session:
        yield session


def get_settings(request: Request) -> ProjectorSettings:
    settings: ProjectorSettings = request.app.state.settings
    return settings


def get_runner_status(request: Request) -> RunnerStatus | None:
    runner = request.app.state.runner
    return runner.status if runner is not None else None


StoreDep = Annotated[ReadModelStore, Depends(get_store)]
SessionDep = Annotated[Session, Depends(get_session)]
SettingsDep = Annotated[ProjectorSettings, Depends(get_settings)]
RunnerStatusDep = Annotated[RunnerStatus | None, Depends(get_runner_status)]
