"""Bulk writes and set lookups: one statement per table per batch, never a round trip per row.

On PostgreSQL a batch of rows is streamed with COPY into a session-private staging table and
moved into its table by one `INSERT ... SELECT` (with ON CONFLICT DO NOTHING for facts):
psycopg formats COPY rows in C, and the server parses and plans one statement whatever the
number of rows. (SQLAlchemy's insertmanyvalues only applies to INSERT ... RETURNING; a list
of rows without it becomes the DBAPI's executemany, one statement per row.) SQLite, in
process, takes the executemany.
"""

from __future__ import annotations

import hashlib
import operator
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

import orjson
import psycopg
from sqlalchemy import JSON, ColumnElement, Table, any_, bindparam, delete, tuple_
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.types import TypeEngine
from sqlmodel import Session, SQLModel

__all__ = [
    "any_of",
    "delete_keys",
    "insert_ignoring_duplicates",
    "insert_rows",
    "insert_tuples",
    "is_postgres",
    "table_of",
]


_POSTGRES = postgresql.psycopg.dialect()  # type: ignore[no-untyped-call]


def table_of(model: type[SQLModel]) -> Table:
    table = model.__table__  # type: ignore[attr-defined]
    assert isinstance(table, Table)
    return table


def is_postgres(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def any_of(session: Session, column: ColumnElement[Any], values: Collection[Any]) -> Any:
    """`column = ANY(:array)` on PostgreSQL (one parameter, one cached plan), else `IN`."""
    if is_postgres(session):
        array_type = postgresql.ARRAY(column.type)
        return column == any_(bindparam(None, list(values), type_=array_type, expanding=False))
    return column.in_(list(values))


def delete_keys(session: Session, model: type[SQLModel], keys: Collection[tuple[Any, ...]]) -> None:
    """Delete the rows with these primary keys, in one statement."""
    if not keys:
        return
    table = table_of(model)
    columns = list(table.primary_key.columns)
    if not is_postgres(session):
        session.execute(delete(table).where(tuple_(*columns).in_(list(keys))))
        return
    casts = ", ".join(f"%s::{_impl(c.type).compile(dialect=_POSTGRES)}[]" for c in columns)
    names = ", ".join(f"k{i}" for i in range(len(columns)))
    matches = " AND ".join(f't."{c.name}" = k.k{i}' for i, c in enumerate(columns))
    session.connection().exec_driver_sql(
        f'DELETE FROM "{table.name}" AS t USING unnest({casts}) AS k({names}) WHERE {matches}',
        tuple(list(values) for values in zip(*keys, strict=True)),
    )


def insert_ignoring_duplicates(
    session: Session, model: type[SQLModel], rows: Sequence[Mapping[str, Any]]
) -> None:
    """INSERT ... ON CONFLICT DO NOTHING for many rows (facts: the first write wins)."""
    if rows:
        names = tuple(rows[0])
        insert_tuples(session, model, names, _as_tuples(names, rows), True)


def insert_rows(session: Session, model: type[SQLModel], rows: Sequence[Mapping[str, Any]]) -> None:
    """A plain INSERT of many rows (derived rows, written after their old versions are gone)."""
    if rows:
        names = tuple(rows[0])
        insert_tuples(session, model, names, _as_tuples(names, rows), False)


def _as_tuples(names: tuple[str, ...], rows: Sequence[Mapping[str, Any]]) -> list[tuple[Any, ...]]:
    if len(names) == 1:
        return [(r[names[0]],) for r in rows]
    values = operator.itemgetter(*names)  # one C call per row, not a generator per row
    return [values(r) for r in rows]


def insert_tuples(
    session: Session,
    model: type[SQLModel],
    names: tuple[str, ...],
    rows: Sequence[tuple[Any, ...]],
    ignore_duplicates: bool,
) -> None:
    """Rows given as tuples in the order of `names` (no dict per row on the hot path)."""
    if not rows:
        return
    table = table_of(model)
    if not is_postgres(session):
        statement = sqlite.insert(table)
        if ignore_duplicates:
            statement = statement.on_conflict_do_nothing()
        session.execute(statement, [dict(zip(names, row, strict=True)) for row in rows])
        return
    statements = _staging_statements(table, names, ignore_duplicates)
    driver = session.connection().connection.driver_connection
    assert isinstance(driver, psycopg.Connection)
    jsons = statements.json_columns
    with driver.cursor() as cursor:
        if ignore_duplicates:
            # A temporary table is private to the connection; creating it in the batch's own
            # transaction means a rolled-back batch cannot leave a connection without it.
            cursor.execute(statements.create)
        # Rows that cannot conflict (derived rows, their old versions deleted first) are
        # copied straight into their table: no staging table to fill and empty again.
        with cursor.copy(statements.copy) as copy:
            if not jsons:
                for row in rows:
                    copy.write_row(row)
            else:
                for row in rows:
                    values = list(row)
                    for index in jsons:
                        if values[index] is not None:
                            values[index] = orjson.dumps(values[index]).decode()
                    copy.write_row(values)
        if ignore_duplicates:
            cursor.execute(statements.move)


@dataclass(frozen=True)
class _Staging:
    create: str
    copy: str
    move: str  # empties the staging table as it fills the real one
    json_columns: tuple[int, ...]


@cache
def _staging_statements(table: Table, names: tuple[str, ...], ignore_duplicates: bool) -> _Staging:
    digest = hashlib.blake2b("|".join(names).encode(), digest_size=4).hexdigest()
    stage = f"stage_{table.name}_{digest}"
    quoted = ", ".join(f'"{name}"' for name in names)
    move = (
        f'WITH moved AS (DELETE FROM "{stage}" RETURNING {quoted}) '
        f'INSERT INTO "{table.name}" ({quoted}) SELECT {quoted} FROM moved'
    )
    if ignore_duplicates:
        move += " ON CONFLICT DO NOTHING"
    return _Staging(
        create=f'CREATE TEMPORARY TABLE IF NOT EXISTS "{stage}" AS '
        f'SELECT {quoted} FROM "{table.name}" WITH NO DATA',
        copy=f'COPY "{stage if ignore_duplicates else table.name}" ({quoted}) FROM STDIN',
        move=move,
        json_columns=tuple(
            i for i, name in enumerate(names) if isinstance(_impl(table.c[name].type), JSON)
        ),
    )


def _impl(column_type: TypeEngine[Any]) -> TypeEngine[Any]:
    impl = getattr(column_type, "impl", None)
    return impl if isinstance(impl, TypeEngine) else column_type
