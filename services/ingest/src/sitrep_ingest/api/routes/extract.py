"""POST /v1/extract: what ingest would record for an article, without recording it."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from typing import Any

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel, Field, ValidationError

from ...articles import ArticleBody
from ...builders import ArticleBuilders, BuildersUnavailable
from ...intake import Rejection
from ...settings import IngestSettings
from ..body import decode_utf8, parse_json, read_body, require_media_type
from ..errors import ApiError, error_responses, validation_error
from ..security import WriteKey
from .articles import ARTICLE_TYPES, _error_of

__all__ = ["router"]

router = APIRouter(prefix="/v1/extract", tags=["extract"])


class ExtractionResult(BaseModel):
    article_id: uuid.UUID
    paragraphs: int
    claims: int
    language: str
    extracted: bool
    events: list[dict[str, Any]] = Field(
        description="The events POST /v1/articles would publish, in order (see the JSON "
        "Schemas in `schemas/json/`)."
    )


@router.post(
    "",
    response_model=ExtractionResult,
    summary="Dry run: extract claims without recording",
    description="Takes the same bodies as POST /v1/articles (a bare `text` is enough) and "
    "returns the events ingest would publish. Nothing is written to Kafka.",
    responses={**error_responses(400, 401, 403, 413, 415, 422, 429, 503)},
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {"schema": {"$ref": "#/components/schemas/ArticleBody"}},
                "text/html": {"schema": {"type": "string", "minLength": 1}},
            },
        }
    },
)
async def extract(request: Request, key: WriteKey) -> Response:
    settings: IngestSettings = request.app.state.settings
    kind = require_media_type(request, ARTICLE_TYPES)
    text = decode_utf8(await read_body(request, settings.max_body_bytes))
    document: Any = (
        {"text": text, "content_type": "text/html"} if kind == "text/html" else parse_json(text)
    )
    if not isinstance(document, dict):
        raise ApiError(422, "validation_failed", "an article is a JSON object")
    try:
        article = ArticleBody.model_validate(document)
    except ValidationError as exc:
        raise validation_error(exc) from exc
    builders: ArticleBuilders = request.app.state.builders
    try:
        [built] = await builders.build([article], datetime.now(UTC), require_url=False)
    except BuildersUnavailable as exc:
        raise ApiError(503, "overloaded", str(exc), headers={"Retry-After": "1"}) from exc
    if isinstance(built, Rejection):
        detail = _error_of(built)
        raise ApiError(built.status, detail.code, detail.message, detail.fields)
    result = ExtractionResult(
        article_id=built.article_id,
        paragraphs=built.paragraphs,
        claims=built.claims,
        language=built.language,
        extracted=built.extracted,
        events=[json.loads(r.value) for r in built.records],
    )
    return Response(result.model_dump_json(), media_type="application/json")
