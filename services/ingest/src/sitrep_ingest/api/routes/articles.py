"""POST /v1/articles and POST /v1/articles:batch: record articles and their claims."""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Awaitable, Callable
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Header, Request, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field, ValidationError

from ...articles import ArticleSubmission
from ...intake import Rejection
from ...service import ArticleOutcome, Ingestor
from ...settings import IngestSettings
from ...state import IdempotencyStore, StoredResponse, fingerprint
from ..body import decode_utf8, parse_json, read_body, require_media_type
from ..errors import ApiError, ErrorDetail, FieldError, error_responses, field_errors
from ..security import WriteKey

__all__ = ["router"]

log = logging.getLogger(__name__)

router = APIRouter(prefix="/v1", tags=["articles"])

ARTICLE_TYPES = ("application/json", "text/html")
BATCH_TYPES = ("application/json", "application/x-ndjson")


class ArticleAccepted(BaseModel):
    status: Literal["accepted", "duplicate"] = Field(
        description="`duplicate`: this article was recorded before; nothing was published "
        "again and the ids are the original ones."
    )
    article_id: uuid.UUID = Field(
        description="Deterministic: the same canonical URL and text give the same id."
    )
    paragraphs: int
    claims: int = Field(description="Claim events extracted from the paragraphs.")
    event_ids: list[uuid.UUID] = Field(
        description="Every event committed for the article, in order."
    )
    revision_of: uuid.UUID | None = Field(
        default=None,
        description="The article id of the earlier text under the same URL that this revises.",
    )
    language: str | None = None
    extracted: bool | None = Field(
        default=None, description="False: the language is not one claims are extracted from."
    )


class BatchItem(BaseModel):
    index: int = Field(description="Position of the article in the batch, from 0.")
    status: Literal["accepted", "duplicate", "rejected", "failed"] = Field(
        description="`rejected`: the article is invalid, do not resend it as is; `failed`: "
        "the event log was unavailable, nothing of it was recorded, resend it."
    )
    article_id: uuid.UUID | None = None
    event_ids: list[uuid.UUID] | None = None
    paragraphs: int | None = None
    claims: int | None = None
    revision_of: uuid.UUID | None = None
    language: str | None = None
    extracted: bool | None = None
    error: ErrorDetail | None = None


class BatchResult(BaseModel):
    accepted: int
    duplicate: int
    rejected: int
    failed: int
    items: list[BatchItem]


def _article_schema(ref: str) -> dict[str, Any]:
    return {"$ref": f"#/components/schemas/{ref}"}


ARTICLE_BODY = {
    "required": True,
    "content": {
        "application/json": {"schema": _article_schema("ArticleSubmission")},
        "text/html": {
            "schema": {"type": "string", "minLength": 1},
            "description": "An HTML page; its canonical link, title, site name and date stand "
            "in for the metadata.",
        },
    },
}

BATCH_BODY = {
    "required": True,
    "content": {
        "application/json": {
            # Any array: each item is validated on its own and an invalid one is answered
            # `rejected` with its reason, while the rest of the batch is recorded.
            "schema": {"type": "array", "minItems": 1, "items": {}},
            "description": "An array of articles, each an `ArticleSubmission`.",
        },
        "application/x-ndjson": {
            "schema": {"type": "string"},
            "description": "One JSON article a line.",
        },
    },
}


def _settings(request: Request) -> IngestSettings:
    settings: IngestSettings = request.app.state.settings
    return settings


def _rejection(exc: ValidationError) -> Rejection:
    fields = field_errors(exc.errors())
    names = ", ".join(dict.fromkeys(f.field for f in fields))
    return Rejection(
        422,
        "validation_failed",
        f"the article is not valid: {names}",
        tuple((f.field, f.message, f.type) for f in fields),
    )


def _error_of(rejection: Rejection) -> ErrorDetail:
    return ErrorDetail(
        code=rejection.code,
        message=rejection.message,
        fields=[FieldError(field=f, message=m, type=t) for f, m, t in rejection.fields],
    )


def _validate(document: Any) -> ArticleSubmission | Rejection:
    if not isinstance(document, dict):
        return Rejection(
            422,
            "validation_failed",
            "an article is a JSON object",
            (("body", "expected an object", "object_type"),),
        )
    try:
        return ArticleSubmission.model_validate(document)
    except ValidationError as exc:
        return _rejection(exc)


def _answer(outcome: ArticleOutcome, retry_after_s: int) -> JSONResponse:
    if outcome.status in ("accepted", "duplicate"):
        assert outcome.article_id is not None
        accepted = ArticleAccepted(
            status=outcome.status,
            article_id=outcome.article_id,
            paragraphs=outcome.paragraphs,
            claims=outcome.claims,
            event_ids=list(outcome.event_ids),
            revision_of=outcome.revision_of,
            language=outcome.language,
            extracted=outcome.extracted,
        )
        return JSONResponse(
            status_code=202 if outcome.status == "accepted" else 200,
            content=accepted.model_dump(mode="json"),
        )
    rejection = outcome.rejection
    assert rejection is not None
    headers = {"Retry-After": str(retry_after_s)} if rejection.status == 503 else None
    detail = _error_of(rejection)
    raise ApiError(rejection.status, detail.code, detail.message, detail.fields, headers)


class _Gate:
    """At most `limit` requests at once; the one past it is told 503 rather than queued."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.busy = 0

    def __enter__(self) -> None:
        if self.busy >= self.limit:
            raise ApiError(
                503,
                "overloaded",
                "ingest is at its limit of requests in flight",
                headers={"Retry-After": "1"},
            )
        self.busy += 1

    def __exit__(self, *_: object) -> None:
        self.busy -= 1


async def _idempotent(
    request: Request,
    key_id: str,
    idempotency_key: str | None,
    body: bytes,
    handle: Callable[[], Awaitable[Response]],
) -> Response:
    if idempotency_key is None:
        return await handle()
    store: IdempotencyStore = request.app.state.idempotency
    print_ = fingerprint(request.method, request.url.path, body)
    found = store.begin(key_id, idempotency_key, print_)
    if found == "reused":
        raise ApiError(
            422,
            "idempotency_key_reused",
            "this Idempotency-Key was used before with a different body",
            [
                FieldError(
                    field="Idempotency-Key",
                    message="reused with another body",
                    type="idempotency_key_reused",
                )
            ],
        )
    if found == "in_use":
        raise ApiError(
            409,
            "idempotency_key_in_use",
            "a request with this Idempotency-Key is still being processed",
            headers={"Retry-After": "1"},
        )
    if isinstance(found, StoredResponse):
        return Response(
            found.body, found.status, dict(found.headers), media_type="application/json"
        )
    try:
        response = await handle()
    except ApiError as exc:
        final = exc.status < 500 and exc.status not in (409, 429)
        store.finish(
            key_id,
            idempotency_key,
            StoredResponse(exc.status, json.dumps(exc.body()).encode(), tuple(exc.headers.items()))
            if final
            else None,
        )
        raise
    except BaseException:
        store.finish(key_id, idempotency_key, None)
        raise
    # A batch with failed articles carries Retry-After: its retry must run again.
    final = response.status_code < 500 and "retry-after" not in response.headers
    stored = StoredResponse(
        response.status_code, bytes(response.body), (("Idempotent-Replayed", "true"),)
    )
    store.finish(key_id, idempotency_key, stored if final else None)
    return response


IdempotencyKey = Annotated[
    str | None,
    Header(
        alias="Idempotency-Key",
        max_length=200,
        description="Makes a retry safe: a request with the same key and body gets the first "
        "answer again (kept a day); the same key with another body is refused with 422.",
    ),
]


@router.post(
    "/articles",
    status_code=202,
    response_model=ArticleAccepted,
    summary="Record an article",
    description="Takes JSON (plain `text`, `paragraphs`, or `text` holding HTML with "
    "`content_type: text/html`) or a `text/html` page. Splits it into paragraphs, detects the "
    "language when not given, extracts claims from English articles and appends every event "
    "in one Kafka transaction. 202 means the transaction committed with acks=all; 200 means "
    "the same article was recorded before (the ids are the original ones).",
    responses={
        200: {"model": ArticleAccepted, "description": "Recorded before: a duplicate."},
        **error_responses(400, 401, 403, 409, 413, 415, 422, 429, 503),
    },
    openapi_extra={"requestBody": ARTICLE_BODY},
)
async def post_article(
    request: Request, key: WriteKey, idempotency_key: IdempotencyKey = None
) -> Response:
    settings = _settings(request)
    kind = require_media_type(request, ARTICLE_TYPES)
    body = await read_body(request, settings.max_body_bytes)

    async def handle() -> Response:
        text = decode_utf8(body)
        if kind == "text/html":
            document: Any = {"text": text, "content_type": "text/html"}
        else:
            document = parse_json(text)
        article = _validate(document)
        if isinstance(article, Rejection):
            raise ApiError(article.status, article.code, article.message, _error_of(article).fields)
        gate: _Gate = request.app.state.gate
        with gate:
            ingestor: Ingestor = request.app.state.ingestor
            outcome = await ingestor.ingest(article)
        return _answer(outcome, settings.retry_after_s)

    return await _idempotent(request, key.id, idempotency_key, body, handle)


def _batch_items(kind: str, text: str, limit: int) -> list[ArticleSubmission | Rejection]:
    documents: list[Any | Rejection]
    if kind == "application/x-ndjson":
        documents = []
        for number, line in enumerate(text.splitlines()):
            if not line.strip():
                continue
            try:
                documents.append(parse_json(line))
            except ApiError as exc:
                documents.append(
                    Rejection(400, "invalid_body", f"line {number + 1}: {exc.message}")
                )
    else:
        parsed = parse_json(text)
        if not isinstance(parsed, list):
            raise ApiError(
                422,
                "validation_failed",
                "a batch is a JSON array of articles",
                [FieldError(field="body", message="expected an array", type="list_type")],
            )
        documents = parsed
    if len(documents) > limit:
        raise ApiError(
            413,
            "batch_too_large",
            f"the batch has {len(documents)} articles; at most {limit} at once",
        )
    if not documents:
        raise ApiError(
            422,
            "validation_failed",
            "the batch holds no article",
            [FieldError(field="body", message="empty", type="too_short")],
        )
    return [d if isinstance(d, Rejection) else _validate(d) for d in documents]


def _batch_item(index: int, outcome: ArticleOutcome) -> BatchItem:
    return BatchItem(
        index=index,
        status=outcome.status,
        article_id=outcome.article_id,
        event_ids=list(outcome.event_ids) if outcome.article_id else None,
        paragraphs=outcome.paragraphs if outcome.article_id else None,
        claims=outcome.claims if outcome.article_id else None,
        revision_of=outcome.revision_of,
        language=outcome.language,
        extracted=outcome.extracted,
        error=_error_of(outcome.rejection) if outcome.rejection else None,
    )


@router.post(
    "/articles:batch",
    status_code=200,
    response_model=BatchResult,
    summary="Record many articles",
    description="A JSON array of articles, or NDJSON (one a line), each as for POST "
    "/v1/articles. Answers for each article: `accepted` (with its ids), `duplicate` (recorded "
    "before; the original ids), `rejected` (with the reason; do not resend as is) or `failed` "
    "(the event log was unavailable; nothing of it was recorded; resend it). Each accepted "
    "article is all-or-nothing in the log. The batch shares the service with other clients: "
    "it is built and committed a few articles at a time.",
    responses={**error_responses(400, 401, 403, 409, 413, 415, 422, 429, 503)},
    openapi_extra={"requestBody": BATCH_BODY},
)
async def post_batch(
    request: Request, key: WriteKey, idempotency_key: IdempotencyKey = None
) -> Response:
    settings = _settings(request)
    kind = require_media_type(request, BATCH_TYPES)
    body = await read_body(request, settings.max_batch_bytes)

    async def handle() -> Response:
        items = _batch_items(kind, decode_utf8(body), settings.max_batch_items)
        gate: _Gate = request.app.state.batch_gate
        with gate:
            ingestor: Ingestor = request.app.state.ingestor
            outcomes = await ingestor.ingest_batch(items)
        result = BatchResult(
            accepted=sum(o.status == "accepted" for o in outcomes),
            duplicate=sum(o.status == "duplicate" for o in outcomes),
            rejected=sum(o.status == "rejected" for o in outcomes),
            failed=sum(o.status == "failed" for o in outcomes),
            items=[_batch_item(n, o) for n, o in enumerate(outcomes)],
        )
        headers = {"Retry-After": str(settings.retry_after_s)} if result.failed else None
        return JSONResponse(result.model_dump(mode="json", exclude_none=True), headers=headers)

    return await _idempotent(request, key.id, idempotency_key, body, handle)


Gate = _Gate
