"""The projector's configuration, from environment variables."""

from __future__ import annotations

import dataclasses
import socket
from pathlib import Path
from typing import Annotated

from pydantic import AliasChoices, Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from sitrep_eventlog import KafkaConnection, TopicSettings
from sitrep_schemas import DEAD_LETTER_TOPIC, EVENTS_TOPIC, TopicSpec

__all__ = ["ProjectorSettings"]


def _checkout_seeds() -> Path | None:
    """`seeds/` of the checkout this package runs from, if any."""
    for parent in Path(__file__).resolve().parents:
        if (parent / "seeds" / "gazetteer").is_dir():
            return parent / "seeds"
    return None


class ProjectorSettings(BaseSettings):
    # populate_by_name: code (tests, the benchmark) can pass fields by name, not only by alias.
    model_config = SettingsConfigDict(
        env_prefix="SITREP_PROJECTOR_", extra="ignore", populate_by_name=True
    )

    database_url: str = Field(
        default="sqlite:///var/sitrep.db",
        validation_alias=AliasChoices("DATABASE_URL"),
        description="SQLAlchemy URL of the read-model database: `sqlite:///path` (default) or "
        "`postgresql+psycopg://user:password@host:5432/db`.",
    )
    kafka_bootstrap_servers: str = Field(
        default="localhost:9092", validation_alias=AliasChoices("KAFKA_BOOTSTRAP_SERVERS")
    )
    events_topic: str = Field(
        default=EVENTS_TOPIC.name, validation_alias=AliasChoices("SITREP_EVENTS_TOPIC")
    )
    dead_letter_topic: str = Field(
        default=DEAD_LETTER_TOPIC.name, validation_alias=AliasChoices("SITREP_DEAD_LETTER_TOPIC")
    )
    topic_replication_factor: int = Field(
        default=1, validation_alias=AliasChoices("SITREP_TOPIC_REPLICATION_FACTOR")
    )
    topic_min_insync_replicas: int = Field(
        default=1, validation_alias=AliasChoices("SITREP_TOPIC_MIN_INSYNC_REPLICAS")
    )
    group_id: str = Field(default="sitrep-projector", description="Kafka consumer group.")
    consume: bool = Field(
        default=True, description="Run the consumer in this process (false: serve the API only)."
    )
    max_poll_records: int = Field(
        default=2000, ge=1, description="Most events applied in one transaction."
    )
    refresh_interval_s: float = Field(
        default=10.0,
        ge=0,
        description="While the consumer works through a backlog, the derived read models "
        "(control timelines, incidents) are refreshed about this often, and at least every "
        "twice this; once caught up, with every batch.",
    )
    poll_timeout_ms: int = Field(default=500, ge=1)
    cors_origins: Annotated[list[str], NoDecode] = Field(
        default_factory=list,
        description="Comma-separated origins allowed to call the API from a browser.",
    )
    retry_after_s: int = Field(default=5, ge=1)
    read_requires_key: bool = Field(
        default=False,
        description="True: every read route needs an API key with the `read` scope (401 "
        "without one, 403 with another scope); false (default): the read API is open.",
    )
    api_keys_file: Path | None = Field(
        default=None,
        validation_alias=AliasChoices("SITREP_API_KEYS_FILE", "api_keys_file"),
        description="JSON file of hashed API keys with scopes (the one ingest reads), re-read "
        "when it changes; used when `read_requires_key`.",
    )
    api_keys: str | None = Field(
        default=None,
        validation_alias=AliasChoices("SITREP_API_KEYS", "api_keys"),
        description="The same JSON as the keys file, inline.",
    )
    instance_id: str = Field(default_factory=socket.gethostname)
    seeds_dir: Path | None = Field(
        default_factory=_checkout_seeds,
        validation_alias=AliasChoices("SITREP_SEEDS_DIR", "seeds_dir"),
        description="Where the gazetteer and the actor dictionary are read from (default: "
        "`seeds/` of the checkout).",
    )

    @field_validator("cors_origins", mode="before")
    @classmethod
    def _comma_separated(cls, value: object) -> object:
        if isinstance(value, str):
            return [origin.strip() for origin in value.split(",") if origin.strip()]
        return value

    def kafka(self) -> KafkaConnection:
        return KafkaConnection(
            bootstrap_servers=self.kafka_bootstrap_servers,
            client_id=f"sitrep-projector-{self.instance_id}",
        )

    def events_topic_spec(self) -> TopicSpec:
        return dataclasses.replace(EVENTS_TOPIC, name=self.events_topic)

    def dead_letter_topic_spec(self) -> TopicSpec:
        return dataclasses.replace(DEAD_LETTER_TOPIC, name=self.dead_letter_topic)

    def topics(self) -> TopicSettings:
        return TopicSettings(
            replication_factor=self.topic_replication_factor,
            min_insync_replicas=self.topic_min_insync_replicas,
        )
