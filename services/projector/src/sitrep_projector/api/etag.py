"""ETag / If-None-Match for every successful GET: a dashboard polling an unchanged list
gets a 304 with no body. The tag is a hash of the body, so it changes exactly when the
answer does, whatever made it change."""

from __future__ import annotations

import hashlib

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["ETagMiddleware"]


class ETagMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        wanted = Headers(scope=scope).get("if-none-match")
        start: Message | None = None
        chunks: list[bytes] = []

        async def buffer(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
                return
            if message["type"] != "http.response.body":
                await send(message)
                return
            chunks.append(message.get("body", b""))
            if message.get("more_body", False):
                return
            assert start is not None
            body = b"".join(chunks)
            headers = MutableHeaders(raw=start["headers"])
            if start["status"] == 200:
                tag = f'W/"{hashlib.blake2b(body, digest_size=16).hexdigest()}"'
                headers["ETag"] = tag
                if wanted is not None and tag in {t.strip() for t in wanted.split(",")}:
                    del headers["content-length"]
                    await send({**start, "status": 304, "headers": headers.raw})
                    await send({"type": "http.response.body", "body": b""})
                    return
            await send({**start, "headers": headers.raw})
            await send({"type": "http.response.body", "body": body})

        await self.app(scope, receive, buffer)
