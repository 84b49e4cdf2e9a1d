"""sitrep ingest service: validates articles, extracts claims, appends events to Kafka."""
