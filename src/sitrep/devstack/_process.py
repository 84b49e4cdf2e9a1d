"""Child processes of the local stack: free ports, readiness polling, clean stops."""

from __future__ import annotations

import atexit
import os
import signal
import socket
import subprocess
import threading
import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import BinaryIO, ClassVar, Self, TypeVar

__all__ = [
    "ChildProcess",
    "DevstackError",
    "free_port",
    "log_section",
    "poll_until",
    "stop_process",
    "tail",
]

T = TypeVar("T")


class DevstackError(RuntimeError):
    """A local broker or database could not be fetched, started or reached."""


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port nobody listens on right now (the kernel's pick for port 0)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        port: int = sock.getsockname()[1]
        return port


def poll_until(
    attempt: Callable[[], T],
    *,
    timeout: float,
    what: str,
    alive: Callable[[], bool] = lambda: True,
    describe_failure: Callable[[], str] = lambda: "",
    first_delay: float = 0.05,
    max_delay: float = 1.0,
) -> T:
    """Call `attempt` until it returns without raising, with exponential backoff.

    `alive` is checked between attempts so that a child process that died is reported at
    once instead of after the whole deadline.
    """
    deadline = time.monotonic() + timeout
    delay = first_delay
    last_error: Exception | None = None
    while True:
        try:
            return attempt()
        except Exception as error:  # any failure means "not ready yet"
            last_error = error
        if not alive():
            raise DevstackError(f"{what}: the process exited.\n{describe_failure()}")
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise DevstackError(
                f"{what}: not ready after {timeout:.0f}s (last error: {last_error!r}).\n"
                f"{describe_failure()}"
            )
        time.sleep(min(delay, remaining))
        delay = min(delay * 2, max_delay)


def stop_process(
    process: subprocess.Popen[bytes],
    *,
    stop_signal: int = signal.SIGTERM,
    timeout: float = 30.0,
) -> int:
    """Ask the process to stop, wait, then kill it; returns its exit code."""
    if process.poll() is not None:
        return process.returncode
    try:
        process.send_signal(stop_signal)
        return process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        return process.wait(timeout=timeout)


def tail(path: Path, lines: int = 40) -> str:
    """The last lines of a log file, for error messages; empty when there is no file."""
    try:
        with path.open("rb") as log:
            log.seek(0, os.SEEK_END)
            size = log.tell()
            log.seek(max(0, size - 64 * 1024))
            text = log.read().decode("utf-8", errors="replace")
    except FileNotFoundError:
        return ""
    last = text.splitlines()[-lines:]
    return f"--- last lines of {path} ---\n" + "\n".join(last)


@contextmanager
def log_section(path: Path, title: str) -> Iterator[BinaryIO]:
    """`path` opened for appending after a `=== <title> <local time>` line, so that the runs
    of a process that is started again on the same folder stay apart in its one log."""
    with path.open("ab") as log:
        log.write(f"=== {title} {time.strftime('%Y-%m-%dT%H:%M:%S')}\n".encode())
        log.flush()
        yield log


class ChildProcess(ABC):
    """One child process that its owner starts and stops, or a `with` block does.

    `stop` sends `stop_signal`, waits, then kills; it also takes back an `atexit.register(
    self.stop)` that `start` may have made so that the interpreter's exit stops the child.
    """

    stop_signal: ClassVar[signal.Signals] = signal.SIGTERM

    def __init__(self) -> None:
        self._process: subprocess.Popen[bytes] | None = None
        self._lock = threading.Lock()

    def is_running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    @abstractmethod
    def start(self, timeout: float = 60.0) -> str:
        """Start the process and wait until it is ready; returns where to reach it."""

    def stop(self, timeout: float = 30.0) -> None:
        """Stop with `stop_signal`, then SIGKILL after `timeout`."""
        with self._lock:
            atexit.unregister(self.stop)
            if self._process is not None:
                stop_process(self._process, stop_signal=self.stop_signal, timeout=timeout)
                self._process = None

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()
