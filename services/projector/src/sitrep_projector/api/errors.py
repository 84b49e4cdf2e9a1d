"""Infrastructure errors turned into the API's error shape at the boundary."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from sqlalchemy.exc import OperationalError

from ..db import DatabaseUnavailable

__all__ = ["install_error_handlers"]

log = logging.getLogger(__name__)


def install_error_handlers(app: FastAPI, retry_after_s: int) -> None:
    def database_unavailable(request: Request, exc: Exception) -> JSONResponse:
        log.warning("%s %s: 503, %s", request.method, request.url.path, str(exc).splitlines()[0])
        return JSONResponse(
            status_code=503,
            content={"detail": "the read-model database is unavailable; retry later"},
            headers={"Retry-After": str(retry_after_s)},
        )

    app.add_exception_handler(DatabaseUnavailable, database_unavailable)
    app.add_exception_handler(OperationalError, database_unavailable)
