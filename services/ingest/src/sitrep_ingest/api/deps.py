"""Dependencies of the routes, declared once."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from ..extraction import Extractor
from ..publishing import EventPublisher
from ..settings import IngestSettings

__all__ = ["ExtractorDep", "PublisherDep", "SettingsDep"]


def get_publisher(request: Request) -> EventPublisher:
    publisher: EventPublisher = request.app.state.publisher
    return publisher


def get_settings(request: Request) -> IngestSettings:
    settings: IngestSettings = request.app.state.settings
    return settings


def get_extractor(request: Request) -> Extractor:
    extractor: Extractor = request.app.state.extractor
    return extractor


ExtractorDep = Annotated[Extractor, Depends(get_extractor)]
PublisherDep = Annotated[EventPublisher, Depends(get_publisher)]
SettingsDep = Annotated[IngestSettings, Depends(get_settings)]
