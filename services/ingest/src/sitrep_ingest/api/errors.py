"""One error shape for every 4xx and 5xx, and the conversions into it at the boundary.

Every error body is `{"error": {"code", "message", "fields"}}`: `code` is a stable,
machine-readable word a scraper can branch on, `message` is for people, `fields` names each
wrong input (never echoing large inputs back). Infrastructure errors become 503 with
`Retry-After`; nothing a client sends can produce a 500 (an unexpected bug still answers in
this shape, with a request id to find it in the logs).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field, ValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException

from sitrep_eventlog import BrokerUnavailable

__all__ = [
    "ApiError",
    "ErrorBody",
    "ErrorDetail",
    "FieldError",
    "error_responses",
    "field_errors",
    "install_error_handlers",
]

log = logging.getLogger(__name__)

# An input longer than this is never quoted back in an error.
_MAX_ECHO = 80


class FieldError(BaseModel):
    field: str = Field(description="Where the wrong input is, e.g. `published_at` or `[3].url`.")
    message: str = Field(description="What is wrong with it.")
    type: str = Field(description="A stable word for the kind of problem, e.g. `too_long`.")


class ErrorDetail(BaseModel):
    code: str = Field(
        description="Stable and machine-readable: `invalid_body`, `validation_failed`, "
        "`unsupported_media_type`, `body_too_large`, `article_too_large`, "
        "`not_authenticated`, `forbidden`, `rate_limited`, `idempotency_key_reused`, "
        "`idempotency_key_in_use`, `overloaded`, `event_log_unavailable`, `not_found`, "
        "`method_not_allowed`, `internal_error`."
    )
    message: str
    fields: list[FieldError] = Field(default_factory=list)


class ErrorBody(BaseModel):
    """The body of every error response."""

    error: ErrorDetail


class ApiError(Exception):
    """An error the API answers in its one shape; raised by routes and dependencies."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        fields: Sequence[FieldError] = (),
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.fields = list(fields)
        self.headers = dict(headers or {})

    def body(self) -> dict[str, Any]:
        detail = ErrorDetail(code=self.code, message=self.message, fields=self.fields)
        return ErrorBody(error=detail).model_dump(mode="json")

    def response(self) -> JSONResponse:
        return JSONResponse(status_code=self.status, content=self.body(), headers=self.headers)


_DESCRIPTIONS = {
    400: "The body cannot be read: not JSON, invalid UTF-8, nested too deeply.",
    401: "No API key, or one that is unknown or revoked (`Authorization: Bearer <key>`).",
    403: "The API key lacks the scope this route needs.",
    404: "No such resource.",
    405: "The method is not allowed on this path.",
    409: "A request with the same `Idempotency-Key` is still being processed.",
    413: "The body, or the article's events, exceed a limit; splitting it is the only fix.",
    415: "The Content-Type is not one this route reads.",
    422: "The body is not a valid article: `fields` names each wrong input; or the "
    "`Idempotency-Key` was used before with another body.",
    429: "Too many requests for this API key; retry after `Retry-After` seconds.",
    500: "A bug: the request id in the logs says where.",
    503: "The event log is unavailable or ingest is overloaded; nothing was recorded. Retry "
    "after `Retry-After` seconds.",
}

_RETRY_AFTER_HEADER = {
    "Retry-After": {
        "description": "Seconds to wait before retrying.",
        "schema": {"type": "integer"},
    }
}


def error_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses` entries for the given error statuses, all in the one shape."""
    responses: dict[int | str, dict[str, Any]] = {}
    for status in statuses:
        entry: dict[str, Any] = {"model": ErrorBody, "description": _DESCRIPTIONS[status]}
        if status in (429, 503):
            entry["headers"] = _RETRY_AFTER_HEADER
        responses[status] = entry
    return responses


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= _MAX_ECHO else f"{text[: _MAX_ECHO - 20]}... ({len(text)} chars)"


def _location(loc: Iterable[int | str], strip_body: bool) -> str:
    parts = list(loc)
    if strip_body and parts and parts[0] == "body":
        parts = parts[1:]
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "body"


def field_errors(
    errors: Iterable[Mapping[str, Any]], prefix: str = "", strip_body: bool = False
) -> list[FieldError]:
    """pydantic's errors as field errors, with messages that never quote a long input."""
    out: list[FieldError] = []
    for error in errors:
        loc = _location(error.get("loc", ()), strip_body)
        if prefix:
            loc = prefix + ("" if loc.startswith("[") or loc == "body" else ".") + loc
            loc = loc.removesuffix(".body")
        message = str(error.get("msg", "invalid"))
        ctx = error.get("ctx") or {}
        if "max_length" in ctx and error.get("type", "").endswith("too_long"):
            message = f"at most {ctx['max_length']} allowed"
            if isinstance(error.get("input"), (str, list)):
                message += f", got {len(error['input'])}"
        out.append(FieldError(field=loc, message=message, type=str(error.get("type", "invalid"))))
    return out


def validation_error(exc: ValidationError | RequestValidationError, prefix: str = "") -> ApiError:
    fields = field_errors(exc.errors(), prefix=prefix, strip_body=True)
    names = ", ".join(dict.fromkeys(f.field for f in fields))
    return ApiError(422, "validation_failed", f"the article is not valid: {names}", fields)


def install_error_handlers(app: FastAPI, retry_after_s: int) -> None:
    def api_error(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, ApiError)
        return exc.response()

    def request_validation(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RequestValidationError)
        return validation_error(exc).response()

    def broker_unavailable(request: Request, exc: Exception) -> JSONResponse:
        log.warning("%s %s: 503, %s", request.method, request.url.path, exc)
        return ApiError(
            503,
            "event_log_unavailable",
            f"the event log is unavailable, nothing was recorded: {exc}",
            headers={"Retry-After": str(retry_after_s)},
        ).response()

    def http_error(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, StarletteHTTPException)
        code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "http_error")
        return ApiError(
            exc.status_code, code, str(exc.detail), headers=dict(exc.headers or {})
        ).response()

    def unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("%s %s: unexpected error", request.method, request.url.path)
        return ApiError(
            500, "internal_error", "an unexpected error; nothing was recorded"
        ).response()

    app.add_exception_handler(ApiError, api_error)
    app.add_exception_handler(RequestValidationError, request_validation)
    app.add_exception_handler(BrokerUnavailable, broker_unavailable)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(Exception, unexpected)
