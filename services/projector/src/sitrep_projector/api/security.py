"""The read API behind keys, when configured (`SITREP_PROJECTOR_READ_REQUIRES_KEY`): every
read route then needs a key with the `read` scope; by default the API is open.

Keys are those of `SITREP_API_KEYS_FILE` / `SITREP_API_KEYS`, the same file ingest reads
(`sitrep_auth`); failures answer in the projector's shape, `{"detail": ...}`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import Depends, HTTPException, params
from fastapi.security import HTTPAuthorizationCredentials

from sitrep_auth import ApiKey, AuthFailure, KeyStore, authorize, bearer_scheme

from ..settings import ProjectorSettings
from .errors import ErrorBody

__all__ = ["AUTH_RESPONSES", "read_access"]

bearer = bearer_scheme("An API key with the `read` scope (when the projector requires one).")

AUTH_RESPONSES: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorBody, "description": "No API key, or an unknown or revoked one."},
    403: {"model": ErrorBody, "description": "The API key lacks the `read` scope."},
}


def _require(keys: KeyStore, scope: str) -> Callable[..., ApiKey]:
    def check(
        credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
    ) -> ApiKey:
        try:
            return authorize(keys, credentials, scope)
        except AuthFailure as failure:
            raise HTTPException(failure.status, failure.message, failure.headers) from None

    return check


def read_access(settings: ProjectorSettings) -> list[params.Depends]:
    """The dependencies of the read routes: none when the API is open."""
    if not settings.read_requires_key:
        return []
    return [Depends(_require(KeyStore(settings.api_keys_file, settings.api_keys), "read"))]
