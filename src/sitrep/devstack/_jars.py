"""Apache Kafka's broker jars, copied once from Maven Central into a local cache.

`deploy/kafka/pom.xml` pins the version; `mvn` resolves the jars into its own repository
(`~/.m2`) and copies them into `<cache>/kafka-<version>/libs`. A marker written after a
complete copy makes later calls return at once without running `mvn` again. The marker holds
the pom's hash, so a changed pom (another version, another logging binding) fetches anew.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

from ._process import DevstackError

__all__ = ["cache_root", "deploy_dir", "fetch_kafka_jars", "kafka_version"]

_POM_NS = {"m": "http://maven.apache.org/POM/4.0.0"}
_MARKER = "fetched.json"


def deploy_dir() -> Path:
    """`deploy/kafka` of the checkout this package runs from (the pom and config templates)."""
    for parent in Path(__file__).resolve().parents:
        candidate = parent / "deploy" / "kafka"
        if (candidate / "pom.xml").is_file():
            return candidate
    raise DevstackError(
        "deploy/kafka/pom.xml not found above "
        f"{Path(__file__).resolve()}: the local broker runs from a checkout of sitrep"
    )


def cache_root() -> Path:
    """`$SITREP_CACHE_DIR`, else `~/.cache/sitrep`."""
    configured = os.environ.get("SITREP_CACHE_DIR")
    return Path(configured) if configured else Path.home() / ".cache" / "sitrep"


def kafka_version(pom: Path | None = None) -> str:
    """The Kafka version the pom pins (its `kafka.version` property)."""
    pom = pom or deploy_dir() / "pom.xml"
    version = ET.parse(pom).getroot().findtext("m:properties/m:kafka.version", namespaces=_POM_NS)
    if not version:
        raise DevstackError(f"{pom} has no <kafka.version> property")
    return version.strip()


def fetch_kafka_jars(cache_dir: Path | None = None, *, mvn: str = "mvn") -> Path:
    """The folder holding the broker's jars, fetched with `mvn` unless already cached."""
    pom = deploy_dir() / "pom.xml"
    pom_hash = hashlib.sha256(pom.read_bytes()).hexdigest()
    home = (cache_dir or cache_root()) / f"kafka-{kafka_version(pom)}"
    libs = home / "libs"
    home.mkdir(parents=True, exist_ok=True)
    # Two test runs fetching at once must not copy into the same folder.
    with (home / ".lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if _is_complete(home, pom_hash):
            return libs
        _copy_with_maven(pom, home, libs, mvn)
        jars = sorted(path.name for path in libs.glob("*.jar"))
        (home / _MARKER).write_text(json.dumps({"pom_sha256": pom_hash, "jars": jars}, indent=1))
    return libs


def _is_complete(home: Path, pom_hash: str) -> bool:
    try:
        marker = json.loads((home / _MARKER).read_text())
    except (FileNotFoundError, ValueError):
        return False
    return marker.get("pom_sha256") == pom_hash and all(
        (home / "libs" / jar).is_file() for jar in marker.get("jars", [])
    )


def _copy_with_maven(pom: Path, home: Path, libs: Path, mvn: str) -> None:
    executable = shutil.which(mvn)
    if executable is None:
        raise DevstackError(f"`{mvn}` not found: install Maven (Debian: apt-get install maven)")
    (home / _MARKER).unlink(missing_ok=True)
    partial = home / "libs.partial"
    shutil.rmtree(partial, ignore_errors=True)
    command = [
        executable,
        "-q",
        "-B",
        "-f",
        str(pom),
        "dependency:copy-dependencies",
        f"-DoutputDirectory={partial}",
        "-DincludeScope=runtime",
    ]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0 or not any(partial.glob("*.jar")):
        raise DevstackError(
            f"fetching the Kafka jars failed ({' '.join(command)} exited {result.returncode}):\n"
            f"{result.stdout[-4000:]}{result.stderr[-4000:]}"
        )
    # Swap the complete copy in, so that an interrupted fetch never looks finished.
    shutil.rmtree(libs, ignore_errors=True)
    partial.rename(libs)
