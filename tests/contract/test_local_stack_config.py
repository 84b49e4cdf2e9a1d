"""docker-compose.yml and the local runner describe the same stack.

Compose cannot run on machines without a Docker engine, so these checks are what keeps it
from drifting: the broker settings of deploy/kafka/server.properties.template and the
environment variables the services read.
"""

from __future__ import annotations

from pathlib import Path
from string import Template
from typing import Any

import pytest
import yaml
from pydantic import AliasChoices
from pydantic_settings import BaseSettings

from sitrep_ingest.settings import IngestSettings
from sitrep_projector.settings import ProjectorSettings

ROOT = Path(__file__).resolve().parents[2]

# Where compose differs on purpose: container networking, and a static quorum that the
# image's start script formats itself.
_COMPOSE_OWN = {
    "listeners",
    "advertised.listeners",
    "listener.security.protocol.map",
    "inter.broker.listener.name",
    "controller.quorum.bootstrap.servers",
    "log.dirs",
}


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    return loaded


def _local_broker_settings() -> dict[str, str]:
    template = Template((ROOT / "deploy/kafka/server.properties.template").read_text())
    rendered = template.substitute(host="h", port=1, controller_port=2, log_dirs="/d")
    settings = {}
    for line in rendered.splitlines():
        if line.strip() and not line.startswith("#"):
            key, _, value = line.partition("=")
            settings[key.strip()] = value.strip()
    return settings


def _compose_broker_settings(compose: dict[str, Any]) -> dict[str, str]:
    environment: dict[str, str] = compose["services"]["kafka"]["environment"]
    return {
        name.removeprefix("KAFKA_").lower().replace("_", "."): str(value)
        for name, value in environment.items()
        if name.startswith("KAFKA_") and name != "KAFKA_HEAP_OPTS"
    }


def test_compose_broker_has_the_local_brokers_settings(compose: dict[str, Any]) -> None:
    local = _local_broker_settings()
    in_compose = _compose_broker_settings(compose)
    expected = {key: value for key, value in local.items() if key not in _COMPOSE_OWN}
    assert {key: in_compose.get(key) for key in expected} == expected


def _names_read_by(settings: type[BaseSettings]) -> set[str]:
    prefix = str(settings.model_config.get("env_prefix", ""))
    names: set[str] = set()
    for field_name, field in settings.model_fields.items():
        alias = field.validation_alias
        if isinstance(alias, AliasChoices):
            names.update(str(choice) for choice in alias.choices)
        else:
            names.add(f"{prefix}{field_name}".upper())
    return names


@pytest.mark.parametrize(
    ("service", "settings"), [("ingest", IngestSettings), ("projector", ProjectorSettings)]
)
def test_compose_sets_only_variables_the_service_reads(
    compose: dict[str, Any], service: str, settings: type[BaseSettings]
) -> None:
    environment = set(compose["services"][service]["environment"])
    assert environment <= _names_read_by(settings)
    assert "KAFKA_BOOTSTRAP_SERVERS" in environment
