"""Infrastructure errors turned into the API's error shape at the boundary."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from sitrep_eventlog import BrokerUnavailable

__all__ = ["ErrorBody", "install_error_handlers"]

log = logging.getLogger(__name__)


class ErrorBody(BaseModel):
    detail: str


def install_error_handlers(app: FastAPI, retry_after_s: int) -> None:
    def broker_unavailable(request: Request, exc: Exception) -> JSONResponse:
        log.warning("%s %s: 503, %s", request.method, request.url.path, exc)
        return JSONResponse(
            status_code=503,
            content={"detail": f"the event log is unavailable, nothing was recorded: {exc}"},
            headers={"Retry-After": str(retry_after_s)},
        )

    app.add_exception_handler(BrokerUnavailable, broker_unavailable)
