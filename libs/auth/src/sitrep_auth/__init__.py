"""API keys shared by ingest and the projector: the key store (hashed keys with scopes, from
a file re-read when it changes) and the bearer check a route's dependency runs. Each service
turns an `AuthFailure` into its own error body."""

from ._check import AuthFailure, authorize, bearer_scheme
from ._keys import SCOPES, ApiKey, KeyStore, hash_key, new_key

__all__ = [
    "SCOPES",
    "ApiKey",
    "AuthFailure",
    "KeyStore",
    "authorize",
    "bearer_scheme",
    "hash_key",
    "new_key",
]
