"""The read-model database: SQLModel tables, tracking, sessions, bulk writes."""

from .store import DatabaseUnavailable, ReadModelStore, make_engine

__all__ = ["DatabaseUnavailable", "ReadModelStore", "make_engine"]
