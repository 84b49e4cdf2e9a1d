"""The check behind every guarded route: `Authorization: Bearer <key>`, the key known and not
revoked, the route's scope among its scopes."""

from __future__ import annotations

from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from ._keys import ApiKey, KeyStore

__all__ = ["AuthFailure", "authorize", "bearer_scheme"]

_CHALLENGE = {"WWW-Authenticate": 'Bearer realm="sitrep"'}


class AuthFailure(Exception):
    """401 (no key, unknown or revoked: with a Bearer challenge) or 403 (the scope lacks)."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = dict(_CHALLENGE) if status == 401 else {}


def bearer_scheme(description: str) -> HTTPBearer:
    """The security scheme both services declare in OpenAPI (one name: `ApiKey`); it never
    answers by itself, so that the service's error body is the one sent."""
    return HTTPBearer(auto_error=False, scheme_name="ApiKey", description=description)


def authorize(
    keys: KeyStore, credentials: HTTPAuthorizationCredentials | None, scope: str
) -> ApiKey:
    if credentials is None:
        raise AuthFailure(
            401, "not_authenticated", "send an API key: `Authorization: Bearer <key>`"
        )
    key = keys.lookup(credentials.credentials)
    if key is None:
        raise AuthFailure(401, "not_authenticated", "the API key is unknown or revoked")
    if scope not in key.scopes:
        raise AuthFailure(403, "forbidden", f"the API key {key.id!r} lacks the `{scope}` scope")
    return key
