"""Reading request bodies: the size limit while reading, the content type, UTF-8 and JSON.

The routes read their bodies themselves rather than through FastAPI's body parameters, so
that every way a body can be wrong has its own status and code: 413 before a large body is
read whole, 415 for a type the route does not read, 400 for bytes that are not UTF-8 JSON
(with where), 422 for JSON that is not a valid article.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from fastapi import Request
from starlette.requests import ClientDisconnect

from .errors import ApiError

__all__ = ["media_type", "parse_json", "read_body", "require_media_type"]


async def read_body(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise _too_large(limit, int(declared))
    chunks: list[bytes] = []
    size = 0
    try:
        async for chunk in request.stream():
            size += len(chunk)
            if size > limit:
                raise _too_large(limit, None)
            chunks.append(chunk)
    except ClientDisconnect as exc:
        raise ApiError(
            400, "invalid_body", "the client closed the connection before the body ended"
        ) from exc
    return b"".join(chunks)


def _too_large(limit: int, declared: int | None) -> ApiError:
    said = f" (Content-Length {declared})" if declared is not None else ""
    return ApiError(
        413, "body_too_large", f"the body is larger than {limit} bytes{said}; send less at once"
    )


def media_type(request: Request) -> tuple[str, dict[str, str]]:
    raw = request.headers.get("content-type", "")
    kind, _, rest = raw.partition(";")
    params: dict[str, str] = {}
    for part in rest.split(";"):
        name, _, value = part.partition("=")
        if name.strip():
            params[name.strip().lower()] = value.strip().strip('"').lower()
    return kind.strip().lower(), params


def require_media_type(request: Request, accepted: Iterable[str]) -> str:
    """The body's media type when it is one of `accepted` (`+json` types count as JSON)."""
    kind, params = media_type(request)
    accepted = tuple(accepted)
    if kind.endswith("+json") and "application/json" in accepted:
        kind = "application/json"
    if kind not in accepted:
        got = f"`{kind}`" if kind else "no Content-Type"
        raise ApiError(
            415,
            "unsupported_media_type",
            f"this route reads {', '.join(accepted)}; the request has {got}",
            headers={"Accept-Post": ", ".join(accepted)},
        )
    charset = params.get("charset")
    if charset and charset.replace("-", "").replace("_", "") != "utf8":
        raise ApiError(
            415, "unsupported_media_type", f"only UTF-8 bodies are read, not charset={charset}"
        )
    return kind


def decode_utf8(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ApiError(
            400, "invalid_body", f"the body is not valid UTF-8 (byte {exc.start} of {len(body)})"
        ) from exc


def _no_constants(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def parse_json(text: str) -> Any:
    try:
        return json.loads(text, parse_constant=_no_constants)
    except json.JSONDecodeError as exc:
        raise ApiError(
            400,
            "invalid_body",
            f"the body is not JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}",
        ) from exc
    except RecursionError as exc:
        raise ApiError(
            400, "invalid_body", "the body is nested too deeply to be an article"
        ) from exc
    except ValueError as exc:  # NaN, Infinity, a number with too many digits
        raise ApiError(400, "invalid_body", f"the body is not JSON: {exc}") from exc
