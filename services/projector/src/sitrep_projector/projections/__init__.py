"""Projection logic: pure functions from one event to the read-model records it implies.

No I/O and no client library here: the use case hands records to the db adapter. To project a
new event type, write a handler and register it in `HANDLERS`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sitrep_schemas import AnyEvent, ArticleIngested, ParagraphRecorded

from ._records import ReadModelRecord, Record
from .articles import ArticleRecord, ParagraphRecord, project_article, project_paragraph

__all__ = [
    "HANDLERS",
    "ArticleRecord",
    "ParagraphRecord",
    "ReadModelRecord",
    "Record",
    "project",
]

HANDLERS: dict[type[Any], Callable[[Any], list[ReadModelRecord]]] = {
    ArticleIngested: project_article,
    ParagraphRecorded: project_paragraph,
}


def project(event: AnyEvent) -> list[ReadModelRecord]:
    """The records one event implies; events no projection reads imply none."""
    handler = HANDLERS.get(type(event))
    return handler(event) if handler else []
