"""What ingest remembers across restarts: the articles it committed and the answers it gave
to `Idempotency-Key` requests, in one small SQLite file (`SITREP_INGEST_STATE_PATH`).

Written only after Kafka committed, so it never claims an article the log does not hold; a
commit it missed (the process died between the commit and the write) is only published again
with the same ids, which every reader drops.
"""

from ._database import StateDatabase
from ._idempotency import IdempotencyStore, StoredResponse, fingerprint
from ._registry import ArticleRegistry, DocumentHistory, RecordedArticle

__all__ = [
    "ArticleRegistry",
    "DocumentHistory",
    "IdempotencyStore",
    "RecordedArticle",
    "StateDatabase",
    "StoredResponse",
    "fingerprint",
]
