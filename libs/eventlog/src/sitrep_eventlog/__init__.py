"""The Kafka adapter both services share: connection settings, topics, readiness, record codec."""
