"""A real single-node Apache Kafka broker (KRaft) on the local JVM, without Docker.

    with LocalKafka(tmp_path / "kafka") as kafka:
        producer = KafkaProducer(bootstrap_servers=kafka.bootstrap, ...)

The broker's jars come from Maven Central (see `_jars`). The data directory keeps the
formatted KRaft store, the config the broker ran with and its log (`broker.log`); a restart on
the same directory and ports finds its topics and records again.
"""

from __future__ import annotations

import atexit
import base64
import errno
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from string import Template

from ._jars import deploy_dir, fetch_kafka_jars
from ._process import ChildProcess, DevstackError, free_port, log_section, poll_until, tail

__all__ = ["DEFAULT_HEAP", "LocalKafka", "kafka_or_local", "wait_for_kafka"]

DEFAULT_HEAP = "512m"
_BROKER_JVM_FLAGS = (
    # The same collector settings as Kafka's own start script, with a smaller floor.
    "-Xms64m",
    "-XX:+UseG1GC",
    "-XX:MaxGCPauseMillis=20",
    "-XX:InitiatingHeapOccupancyPercent=35",
    "-XX:+ExplicitGCInvokesConcurrent",
    "-XX:+ExitOnOutOfMemoryError",
    "-Djava.awt.headless=true",
)
# The storage tool runs for a second or two: the quick compiler alone starts it sooner.
_TOOL_JVM_FLAGS = ("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Djava.awt.headless=true")


class LocalKafka(ChildProcess):
    """One broker-and-controller process on `host`, storing its data in `data_dir`.

    Ports default to free ones picked once, so that `restart()` comes back where clients
    expect it. With `stop_with_parent` the broker receives SIGTERM when the thread that
    started it ends (Linux parent-death signal), so a killed test run leaves no broker behind;
    start it from a thread that outlives its use (the main thread, typically). `stop` sends
    SIGTERM too: a controlled shutdown.
    """

    def __init__(
        self,
        data_dir: Path | str,
        *,
        port: int | None = None,
        controller_port: int | None = None,
        host: str = "127.0.0.1",
        heap: str = DEFAULT_HEAP,
        cache_dir: Path | None = None,
        java: str | None = None,
        stop_with_parent: bool = True,
    ) -> None:
        super().__init__()
        self.data_dir = Path(data_dir).resolve()
        self.host = host
        self.port = port or free_port(host)
        self.controller_port = controller_port or free_port(host)
        self.heap = heap
        self._cache_dir = cache_dir
        self._java = java
        self._stop_with_parent = stop_with_parent

    @property
    def bootstrap(self) -> str:
        """`host:port` for `bootstrap_servers`."""
        return f"{self.host}:{self.port}"

    @property
    def log_path(self) -> Path:
        return self.data_dir / "broker.log"

    @property
    def pid(self) -> int | None:
        return self._process.pid if self.is_running() and self._process else None

    def fetch_jars(self) -> Path:
        """The broker's jars, fetched with Maven on first use and cached after."""
        return fetch_kafka_jars(self._cache_dir)

    def start(self, timeout: float = 90.0) -> str:
        """Start the broker (formatting a new store if needed); returns `bootstrap` when ready."""
        with self._lock:
            if self.is_running():
                return self.bootstrap
            libs = self.fetch_jars()
            java = self._java_executable()
            self.data_dir.mkdir(parents=True, exist_ok=True)
            config = self._write_config()
            for port in (self.port, self.controller_port):
                _require_free(self.host, port)
            if not (self._log_dir / "meta.properties").exists():
                self._format(java, libs, config)
            self._process = self._launch(java, libs, config)
            atexit.register(self.stop)
        poll_until(
            self._answers_admin_request,
            timeout=timeout,
            what=f"Kafka broker on {self.bootstrap}",
            alive=self.is_running,
            describe_failure=lambda: tail(self.log_path),
            max_delay=0.25,
        )
        return self.bootstrap

    def restart(self, timeout: float = 90.0) -> str:
        """Stop, then start again on the same data directory and ports, keeping all data."""
        self.stop()
        return self.start(timeout)

    @property
    def _log_dir(self) -> Path:
        return self.data_dir / "logs"

    def _java_executable(self) -> str:
        if self._java:
            return self._java
        java_home = os.environ.get("JAVA_HOME")
        if java_home and (Path(java_home) / "bin" / "java").is_file():
            return str(Path(java_home) / "bin" / "java")
        found = shutil.which("java")
        if found is None:
            raise DevstackError("`java` not found: install a JDK 17 (Debian: openjdk-17-jdk)")
        return found

    def _write_config(self) -> Path:
        template = Template((deploy_dir() / "server.properties.template").read_text())
        rendered = template.substitute(
            host=self.host,
            port=self.port,
            controller_port=self.controller_port,
            log_dirs=self._log_dir,
        )
        config = self.data_dir / "server.properties"
        config.write_text(rendered)
        return config

    def _jvm(self, java: str, libs: Path, flags: Sequence[str]) -> list[str]:
        return [
            java,
            f"-Xmx{self.heap}",
            *flags,
            f"-Dlog4j2.configurationFile={deploy_dir() / 'log4j2.properties'}",
            "-cp",
            f"{libs}/*",
        ]

    def _format(self, java: str, libs: Path, config: Path) -> None:
        command = [
            *self._jvm(java, libs, _TOOL_JVM_FLAGS),
            "kafka.tools.StorageTool",
            "format",
            "--config",
            str(config),
            # One argument: an id may start with "-", which would read as an option.
            f"--cluster-id={_random_cluster_id()}",
            "--standalone",
        ]
        with log_section(self.log_path, "format") as log:
            result = subprocess.run(command, stdout=log, stderr=subprocess.STDOUT, check=False)
        if result.returncode != 0:
            raise DevstackError(
                f"formatting the KRaft store in {self._log_dir} failed "
                f"(exit {result.returncode}).\n{tail(self.log_path)}"
            )

    def _launch(self, java: str, libs: Path, config: Path) -> subprocess.Popen[bytes]:
        command = [*self._jvm(java, libs, _BROKER_JVM_FLAGS), "kafka.Kafka", str(config)]
        setpriv = shutil.which("setpriv") if self._stop_with_parent else None
        if setpriv:
            command = [setpriv, "--pdeathsig", "SIGTERM", "--", *command]
        with log_section(self.log_path, "start") as log:
            # A session of its own: Ctrl-C in a terminal reaches us, and we stop the broker
            # in order, instead of the signal reaching the JVM directly.
            return subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def _answers_admin_request(self) -> None:
        _list_topics(self.bootstrap)


def wait_for_kafka(bootstrap: str, timeout: float = 30.0) -> None:
    """Return once the broker at `bootstrap` answers an admin request; DevstackError after
    `timeout` seconds (for brokers this module did not start)."""
    poll_until(
        lambda: _list_topics(bootstrap),
        timeout=timeout,
        what=f"Kafka at {bootstrap}",
        max_delay=0.5,
    )


def _list_topics(bootstrap: str) -> None:
    from kafka.admin import KafkaAdminClient  # noqa: PLC0415 - only readiness needs it

    # A refused connection fails at once, where the admin client would keep retrying
    # for its whole bootstrap timeout and so notice readiness late.
    host, _, port = bootstrap.split(",", maxsplit=1)[0].strip().rpartition(":")
    socket.create_connection((host or "localhost", int(port or 9092)), timeout=1.0).close()
    admin = KafkaAdminClient(
        bootstrap_servers=bootstrap,
        client_id="sitrep-devstack-readiness",
        bootstrap_timeout_ms=5000,
        request_timeout_ms=5000,
    )
    try:
        admin.list_topics()
    finally:
        admin.close()


def _random_cluster_id() -> str:
    """A cluster id in Kafka's own format: a random UUID, URL-safe base64 without padding."""
    return base64.urlsafe_b64encode(uuid.uuid4().bytes).decode("ascii").rstrip("=")


def _require_free(host: str, port: int) -> None:
    """Refuse a busy port: readiness would otherwise succeed against someone else's broker."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                raise DevstackError(f"port {host}:{port} is already in use") from error
            raise


@contextmanager
def kafka_or_local() -> Iterator[str]:
    """The brokers `KAFKA_BOOTSTRAP_SERVERS` names, else a local broker (in a temporary
    folder) for as long as the block runs: the bootstrap address either way."""
    bootstrap = os.environ.get("KAFKA_BOOTSTRAP_SERVERS")
    if bootstrap:
        yield bootstrap
        return
    broker = LocalKafka(Path(tempfile.mkdtemp(prefix="sitrep-kafka-")))
    try:
        yield broker.start()
    finally:
        broker.stop()
