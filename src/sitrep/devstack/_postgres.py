"""A real PostgreSQL server from the machine's own binaries (Debian's `postgresql` package).

    with LocalPostgres(tempfile.mkdtemp()) as server:
        engine = create_engine(server.create_database())

`data_dir` is the runner's own folder: the cluster (`pgdata/`), the socket directory (`run/`)
and the server log (`postgres.log`) live in it. initdb and postgres refuse to run as root, so
under root both run as the `postgres` OS user, which then needs to reach `data_dir` (a fresh
`tempfile.mkdtemp()` or any folder outside root's private ones works).
"""

from __future__ import annotations

import atexit
import glob
import os
import pwd
import re
import shutil
import signal
import subprocess
import uuid
from pathlib import Path
from typing import TYPE_CHECKING, LiteralString

from ._process import ChildProcess, DevstackError, free_port, log_section, poll_until, tail

if TYPE_CHECKING:
    from psycopg import sql

__all__ = [
    "LocalPostgres",
    "create_database",
    "drop_database",
    "find_postgres_bin",
    "wait_for_postgres",
]

_OS_USER = "postgres"
# Settings for a throwaway server: durability costs fsyncs and proves nothing in a test.
_NOT_DURABLE = ("fsync=off", "synchronous_commit=off", "full_page_writes=off")


class LocalPostgres(ChildProcess):
    """One PostgreSQL server on 127.0.0.1 with trust authentication, holding one database.

    With `stop_with_parent` the server receives SIGINT (a fast shutdown) when the thread that
    started it ends, so a killed test run leaves no server behind. `stop` sends SIGINT too:
    open sessions are cut off.
    """

    stop_signal = signal.SIGINT

    def __init__(
        self,
        data_dir: Path | str,
        *,
        port: int | None = None,
        database: str = "sitrep",
        user: str = "postgres",
        bin_dir: Path | None = None,
        durable: bool = False,
        stop_with_parent: bool = True,
    ) -> None:
        super().__init__()
        self.data_dir = Path(data_dir).resolve()
        self.host = "127.0.0.1"
        self.port = port or free_port(self.host)
        self.database = database
        self.user = user
        self._bin_dir = bin_dir
        self._durable = durable
        self._stop_with_parent = stop_with_parent

    @property
    def url(self) -> str:
        """SQLAlchemy URL of the server's database (`postgresql+psycopg://...`)."""
        return self.url_of(self.database)

    def url_of(self, database: str) -> str:
        return f"postgresql+psycopg://{self.user}@{self.host}:{self.port}/{database}"

    @property
    def log_path(self) -> Path:
        return self.data_dir / "postgres.log"

    def start(self, timeout: float = 60.0) -> str:
        """initdb on first use, start the server, create the database; returns `url`."""
        with self._lock:
            if self.is_running():
                return self.url
            bin_dir = self._bin_dir or find_postgres_bin()
            self._prepare_dirs()
            if not (self._pgdata / "PG_VERSION").exists():
                self._initdb(bin_dir)
            self._process = self._launch(bin_dir)
            atexit.register(self.stop)
        poll_until(
            lambda: _execute(self.url_of("postgres"), "SELECT 1"),
            timeout=timeout,
            what=f"PostgreSQL on {self.host}:{self.port}",
            alive=self.is_running,
            describe_failure=lambda: tail(self.log_path),
        )
        _ensure_database(self.url_of("postgres"), self.database)
        return self.url

    def create_database(self, name: str | None = None) -> str:
        """A new empty database on this server; returns its URL."""
        return create_database(self.url, name)

    @property
    def _pgdata(self) -> Path:
        return self.data_dir / "pgdata"

    @property
    def _socket_dir(self) -> Path:
        return self.data_dir / "run"

    def _prepare_dirs(self) -> None:
        for folder in (self.data_dir, self._socket_dir):
            folder.mkdir(parents=True, exist_ok=True)
        owner = _server_account()
        if owner is not None:
            for folder in (self.data_dir, self._socket_dir):
                os.chown(folder, owner.pw_uid, owner.pw_gid)
        self.data_dir.chmod(0o700)

    def _as_server_user(self, command: list[str], *, death_signal: str | None) -> list[str]:
        """Run as `postgres` when we are root; tie the child to us when asked to."""
        prefix: list[str] = []
        owner = _server_account()
        setpriv = shutil.which("setpriv")
        if owner is not None or (death_signal and setpriv):
            if setpriv is None:
                raise DevstackError("`setpriv` (util-linux) is needed to run postgres as root")
            prefix = [setpriv]
            if owner is not None:
                prefix += [f"--reuid={owner.pw_uid}", f"--regid={owner.pw_gid}", "--init-groups"]
            if death_signal:
                prefix += ["--pdeathsig", death_signal]
            prefix.append("--")
        return prefix + command

    def _initdb(self, bin_dir: Path) -> None:
        command = [
            str(bin_dir / "initdb"),
            f"--pgdata={self._pgdata}",
            f"--username={self.user}",
            "--auth=trust",
            "--encoding=UTF8",
            "--locale=C",
            "--no-sync",
        ]
        with log_section(self.log_path, "initdb") as log:
            result = subprocess.run(
                self._as_server_user(command, death_signal=None),
                stdout=log,
                stderr=subprocess.STDOUT,
                cwd=self.data_dir,
                check=False,
            )
        if result.returncode != 0:
            raise DevstackError(f"initdb failed (exit {result.returncode}).\n{tail(self.log_path)}")

    def _launch(self, bin_dir: Path) -> subprocess.Popen[bytes]:
        settings = [
            f"listen_addresses={self.host}",
            f"port={self.port}",
            f"unix_socket_directories={self._socket_dir}",
            "max_connections=200",
            *(() if self._durable else _NOT_DURABLE),
        ]
        command = [str(bin_dir / "postgres"), "-D", str(self._pgdata)]
        for setting in settings:
            command += ["-c", setting]
        death_signal = "SIGINT" if self._stop_with_parent else None
        with log_section(self.log_path, "start") as log:
            return subprocess.Popen(
                self._as_server_user(command, death_signal=death_signal),
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                cwd=self.data_dir,
                start_new_session=True,
            )


def find_postgres_bin() -> Path:
    """The newest `/usr/lib/postgresql/<version>/bin` (Debian), else `initdb` on the PATH."""
    candidates = [
        Path(folder)
        for folder in glob.glob("/usr/lib/postgresql/*/bin")
        if (Path(folder) / "initdb").is_file() and (Path(folder) / "postgres").is_file()
    ]
    if candidates:
        return max(candidates, key=lambda folder: _version_key(folder.parent.name))
    on_path = shutil.which("initdb")
    if on_path:
        return Path(on_path).resolve().parent
    raise DevstackError(
        "no PostgreSQL server binaries found: install them (Debian: apt-get install postgresql) "
        "or set DATABASE_URL to a reachable server"
    )


def create_database(server_url: str, name: str | None = None) -> str:
    """Create an empty database (a unique `test_...` name by default) on the server of
    `server_url`; returns the new database's URL in the same form."""
    from psycopg import sql  # noqa: PLC0415 - keep importing this package light
    from sqlalchemy.engine import make_url  # noqa: PLC0415

    name = name or f"test_{uuid.uuid4().hex[:12]}"
    _require_identifier(name)
    _execute(server_url, sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return make_url(server_url).set(database=name).render_as_string(hide_password=False)


def drop_database(database_url: str) -> None:
    """Drop the database `database_url` names, cutting off its open sessions."""
    from psycopg import sql  # noqa: PLC0415
    from sqlalchemy.engine import make_url  # noqa: PLC0415

    url = make_url(database_url)
    name = url.database or ""
    _require_identifier(name)
    admin_url = url.set(database="postgres").render_as_string(hide_password=False)
    statement = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
    _execute(admin_url, statement)


def wait_for_postgres(url: str, timeout: float = 30.0) -> None:
    """Return once the database at `url` accepts a connection and a query; DevstackError
    after `timeout` seconds (for servers this module did not start)."""
    poll_until(
        lambda: _execute(url, "SELECT 1"),
        timeout=timeout,
        what=f"PostgreSQL at {_hide_password(url)}",
        max_delay=0.5,
    )


def _hide_password(url: str) -> str:
    from sqlalchemy.engine import make_url  # noqa: PLC0415

    return make_url(url).render_as_string(hide_password=True)


def _ensure_database(admin_url: str, name: str) -> None:
    import psycopg  # noqa: PLC0415
    from psycopg import sql  # noqa: PLC0415

    _require_identifier(name)
    with psycopg.connect(_libpq_url(admin_url), autocommit=True, connect_timeout=5) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if exists is None:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def _execute(url: str, statement: sql.Composed | LiteralString) -> None:
    """One statement outside a transaction (CREATE/DROP DATABASE cannot run inside one)."""
    import psycopg  # noqa: PLC0415

    with psycopg.connect(_libpq_url(url), autocommit=True, connect_timeout=5) as conn:
        conn.execute(statement)


def _libpq_url(url: str) -> str:
    """A SQLAlchemy URL (`postgresql+psycopg://`) as libpq takes it (`postgresql://`)."""
    from sqlalchemy.engine import make_url  # noqa: PLC0415

    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def _require_identifier(name: str) -> None:
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]{0,62}", name):
        raise ValueError(f"not a plain database name: {name!r}")


def _server_account() -> pwd.struct_passwd | None:
    """The account to run the server as: `postgres` when we are root, else ourselves (None)."""
    if os.geteuid() != 0:
        return None
    try:
        return pwd.getpwnam(_OS_USER)
    except KeyError:
        raise DevstackError(
            "running as root, and PostgreSQL refuses root: create the `postgres` user "
            "(Debian's postgresql package does)"
        ) from None


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", version))
