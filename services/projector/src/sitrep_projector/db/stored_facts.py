"""The keys of fact rows a process has seen committed, so that it does not send them again.

Places and actors are facts named by many claims: the first write wins and every later one
is a conflict the database ignores (`ON CONFLICT DO NOTHING`). Without a memory across
batches most of a backlog's place rows are such conflicts, copied and checked for nothing.
A key is remembered only once the transaction that wrote it has committed (a rolled-back
batch leaves nothing behind), and the memory belongs to one set of tables: whoever writes
into other tables (a rebuild's fresh ones) or starts over after a failure makes a new one.
Forgetting is always safe: the row is sent again and the conflict ignored, as before.
"""

from __future__ import annotations

from collections.abc import Collection, Hashable, Mapping
from typing import Any, TypeVar

from sqlalchemy import event
from sqlmodel import Session, SQLModel

__all__ = ["StoredFacts"]

_V = TypeVar("_V")


class StoredFacts:
    def __init__(self, models: Collection[type[SQLModel]]) -> None:
        self._keys: dict[type[SQLModel], set[Hashable]] = {model: set() for model in models}

    def unsent(self, model: type[SQLModel], rows: Mapping[Any, _V]) -> dict[Any, _V]:
        """The rows (by key) not known to be stored; every row of a model not remembered."""
        known = self._keys.get(model)
        if not known:
            return dict(rows)
        return {key: row for key, row in rows.items() if key not in known}

    def remember_on_commit(
        self, session: Session, written: Mapping[type[SQLModel], Collection[Hashable]]
    ) -> None:
        """Remember these keys once the session's transaction commits (not before)."""
        kept = {model: keys for model, keys in written.items() if model in self._keys and keys}
        if not kept:
            return

        def committed(_session: Session) -> None:
            for model, keys in kept.items():
                self._keys[model].update(keys)
            kept.clear()

        def rolled_back(_session: Session) -> None:
            kept.clear()  # the rows are gone: a later commit of this session must not count

        event.listen(session, "after_commit", committed, once=True)
        event.listen(session, "after_rollback", rolled_back, once=True)
