"""sitrep's own services as child processes: uvicorn with an app factory, a log, readiness.

`sitrep up` runs both services this way, and so do the end-to-end tests, which need to kill
a service with SIGKILL and start it again.
"""

from __future__ import annotations

import os
import subprocess
import sys
import urllib.request
from collections.abc import Mapping
from pathlib import Path

from ._process import ChildProcess, free_port, poll_until, tail

__all__ = ["INGEST_APP", "PROJECTOR_APP", "ServiceProcess"]

INGEST_APP = "sitrep_ingest.main:create_app"
PROJECTOR_APP = "sitrep_projector.main:create_app"


class ServiceProcess(ChildProcess):
    """One sitrep service under uvicorn, on `host` and a free port unless one is given.

    `stop` sends SIGTERM, on which uvicorn runs the app's lifespan shutdown; `kill` runs none.
    """

    def __init__(
        self,
        name: str,
        app_factory: str,
        *,
        env: Mapping[str, str],
        log_dir: Path,
        port: int | None = None,
        host: str = "127.0.0.1",
    ) -> None:
        super().__init__()
        self.name = name
        self.app_factory = app_factory
        self.host = host
        self.port = port or free_port(host)
        self.env = dict(env)
        self.log_path = Path(log_dir) / f"{name}.log"

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process else None

    def start(self, timeout: float = 60.0) -> str:
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        command = [
            sys.executable, "-m", "uvicorn", "--factory", self.app_factory,
            "--host", self.host, "--port", str(self.port), "--log-level", "info",
        ]  # fmt: skip
        with self.log_path.open("ab") as log:
            self._process = subprocess.Popen(
                command,
                env={**os.environ, **self.env},
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # Ctrl-C in a terminal reaches only the parent
            )
        poll_until(
            self._answers,
            timeout=timeout,
            what=f"{self.name} at {self.url}",
            alive=self.is_running,
            describe_failure=lambda: tail(self.log_path),
        )
        return self.url

    def _answers(self) -> None:
        with urllib.request.urlopen(f"{self.url}/health/live", timeout=2) as response:
            if response.status != 200:
                raise RuntimeError(f"HTTP {response.status}")

    def kill(self) -> None:
        """SIGKILL: no shutdown handler runs, as when a machine dies."""
        if self._process is not None and self._process.poll() is None:
            self._process.kill()
            self._process.wait(timeout=30)
