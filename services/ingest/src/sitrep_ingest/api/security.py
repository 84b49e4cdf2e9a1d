"""API keys on the routes: `Authorization: Bearer <key>`, a scope per route, a rate per key.

The key check is `sitrep_auth`'s, shared with the projector; here its failures take
ingest's error shape, and a key that passed is held to its rate.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials

from sitrep_auth import ApiKey, AuthFailure, KeyStore, authorize, bearer_scheme

from ..ratelimit import RateLimiter
from .errors import ApiError

__all__ = ["WriteKey", "require_scope"]

bearer = bearer_scheme("An API key: `ingest:write` to submit articles, `admin` for operations.")


def require_scope(scope: str) -> Callable[..., ApiKey]:
    def check(
        request: Request,
        credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
    ) -> ApiKey:
        keys: KeyStore = request.app.state.keys
        try:
            key = authorize(keys, credentials, scope)
        except AuthFailure as failure:
            raise ApiError(
                failure.status, failure.code, failure.message, headers=failure.headers
            ) from None
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
