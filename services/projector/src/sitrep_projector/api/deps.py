"""Dependencies of the routes, declared once."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, Request
from sqlmodel import Session

from ..db import ReadModelStore
from ..projecting import RunnerStatus
from ..projections import Reference
from ..settings import ProjectorSettings

__all__ = ["ReferenceDep", "RunnerStatusDep", "SessionDep", "SettingsDep", "StoreDep"]


# The app-state dependencies are `async def`: FastAPI runs a plain `def` dependency in its
# thread pool, a hand-off to another thread and back per dependency per request, for an
# attribute read.


def _store(request: Request) -> ReadModelStore:
    store: ReadModelStore = request.app.state.store
    return store


async def get_store(request: Request) -> ReadModelStore:
    return _store(request)


async def get_session(request: Request) -> AsyncIterator[Session]:
    # On the event loop, not in the thread pool: opening the session does no I/O (the route
    # takes a connection with its first statement, in its own thread) and closing it hands
    # an autocommit connection back without a ROLLBACK. Two thread hops less per request.
    with _store(request).read_session() as session:
        yield session


async def get_settings(request: Request) -> ProjectorSettings:
    settings: ProjectorSettings = request.app.state.settings
    return settings


async def get_reference(request: Request) -> Reference:
    """The gazetteer and actor dictionary the lifespan loaded."""
    reference: Reference = request.app.state.reference
    return reference


async def get_runner_status(request: Request) -> RunnerStatus | None:
    runner = request.app.state.runner
    return runner.status if runner is not None else None


StoreDep = Annotated[ReadModelStore, Depends(get_store)]
SessionDep = Annotated[Session, Depends(get_session)]
SettingsDep = Annotated[ProjectorSettings, Depends(get_settings)]
ReferenceDep = Annotated[Reference, Depends(get_reference)]
RunnerStatusDep = Annotated[RunnerStatus | None, Depends(get_runner_status)]
