"""Dependencies of the routes, declared once."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from ..publishing import EventPublisher
from ..settings import IngestSettings

__all__ = ["PublisherDep", "SettingsDep"]


def get_publisher(request: Request) -> EventPublisher:
    publisher: EventPublisher = request.app.state.publisher
    return publisher


def get_settings(request: Request) -> IngestSettings:
    settings: IngestSettings = request.app.state.settings
    return settings


PublisherDep = Annotated[EventPublisher, Depends(get_publisher)]
SettingsDep = Annotated[IngestSettings, Depends(get_settings)]
