"""Which article is this: a canonical URL, and the document id its revisions share."""

from __future__ import annotations

import uuid
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from sitrep_schemas import deterministic_id

__all__ = ["canonical_url", "document_id_for"]

# Parameters that say how a reader arrived, not which article it is.
_TRACKING = ("utm_", "fbclid", "gclid", "mc_cid", "mc_eid", "ocid", "cmpid", "ref_src")


def canonical_url(url: str) -> str:
    """Scheme and host lower-cased, default port, fragment and tracking parameters dropped.

    Only what never changes which page is meant: the path and the other parameters stay as
    sent, so that two different articles never share a canonical URL.
    """
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    port = (
        parts.port
        if parts.port and (scheme, parts.port) not in (("http", 80), ("https", 443))
        else None
    )
    netloc = host if port is None else f"{host}:{port}"
    if parts.username:
        netloc = f"{parts.username}@{netloc}"
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not k.lower().startswith(_TRACKING)
    ]
    return urlunsplit((scheme, netloc, parts.path or "/", urlencode(query), ""))


def document_id_for(url: str) -> uuid.UUID:
    """The same for every revision published under one canonical URL."""
    return deterministic_id("document", canonical_url(url))
