"""Waiting on a condition with a deadline and backoff: tests never sleep a fixed time."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

import pytest

__all__ = ["wait_for"]

T = TypeVar("T")


def wait_for(check: Callable[[], T | None], what: str, deadline_s: float = 60) -> T:
    """Poll until `check` returns something truthy, backing off; fail naming `what`."""
    deadline = time.monotonic() + deadline_s
    delay = 0.05
    while True:
        result = check()
        if result:
            return result
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {deadline_s:g} s waiting for {what}")
        time.sleep(delay)
        delay = min(delay * 2, 1.0)
