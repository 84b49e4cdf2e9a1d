"""API keys on the routes: `Authorization: Bearer <key>`, a scope per route, a rate per key."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from ..auth import ApiKey, KeyStore, RateLimiter
from .errors import ApiError

__all__ = ["WriteKey", "require_scope"]

bearer = HTTPBearer(
    auto_error=False,
    scheme_name="ApiKey",
    description="An API key: `ingest:write` to submit articles, `admin` for operations.",
)


def require_scope(scope: str) -> Callable[..., ApiKey]:
    def check(
        request: Request,
        credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
    ) -> ApiKey:
        keys: KeyStore = request.app.state.keys
        challenge = {"WWW-Authenticate": 'Bearer realm="sitrep"'}
        if credentials is None:
            raise ApiError(
                401,
                "not_authenticated",
                "send an API key: `Authorization: Bearer <key>`",
                headers=challenge,
            )
        key = keys.lookup(credentials.credentials)
        if key is None:
            raise ApiError(
                401, "not_authenticated", "the API key is unknown or revoked", headers=challenge
            )
        if scope not in key.scopes:
            raise ApiError(403, "forbidden", f"the API key {key.id!r} lacks the `{scope}` scope")
        limiter: RateLimiter = request.app.state.rate_limiter
        wait = limiter.take(key.id)
        if wait > 0:
            seconds = max(1, int(wait + 0.999))
            raise ApiError(
                429,
                "rate_limited",
                f"too many requests for API key {key.id!r}; retry in {seconds} s",
                headers={"Retry-After": str(seconds)},
            )
        request.state.api_key = key
        return key

    return check


WriteKey = Annotated[ApiKey, Depends(require_scope("ingest:write"))]
