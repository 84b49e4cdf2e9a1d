"""Who published an article: its publisher's name, else its URL's registered domain.

Articles posted without a publisher would otherwise count as one source each (or, worse,
as none); `www.middleeasteye.net` and `middleeasteye.net/news/...` are one site, and
`news.bbc.co.uk` is `bbc.co.uk` (the Public Suffix List, bundled with `publicsuffixlist`,
says where the registered part begins; nothing is fetched).
"""

from __future__ import annotations

from functools import cache
from urllib.parse import urlsplit

from publicsuffixlist import PublicSuffixList

__all__ = ["publisher_of", "registered_domain"]


@cache
def _suffixes() -> PublicSuffixList:
    return PublicSuffixList()


@cache
def _domain_of_host(host: str) -> str:
    return _suffixes().privatesuffix(host) or host


def registered_domain(url: str | None) -> str | None:
    """`https://www.news.example.co.uk/a` -> `example.co.uk`; None when not a web URL."""
    if not url:
        return None
    host = (urlsplit(url if "//" in url else f"//{url}").hostname or "").rstrip(".").lower()
    if not host:
        return None
    return _domain_of_host(host)


def publisher_of(name: str | None, url: str | None) -> str | None:
    """The name sources are counted by."""
    if name and name.strip():
        return name.strip()
    return registered_domain(url)
