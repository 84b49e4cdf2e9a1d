"""The ingest service's HTTP API."""
