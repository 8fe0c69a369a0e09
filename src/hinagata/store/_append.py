"""The statements of one audit append (監査記録の追記), built once (ADR 0024).

An append is five statements in one write transaction — lock the chain's head (and take
the record's ``seq``), insert the record, insert its cited clauses, move the head — and it
runs twice for every gateway request, before and after the answer. Building them per
record (fourteen bound values and their cache keys) cost more than running them, so both
ways here build them once:

- :class:`CoreAppend`, any database, through SQLAlchemy Core with prepared statements;
- :class:`SqliteAppend`, SQLite: the same statements straight to the driver inside the
  transaction SQLAlchemy opened, with SQLAlchemy's own type processors for the time and
  the JSON (so a row is stored exactly as Core stores it; ``tests/test_store_speed.py``).
  SQLAlchemy's execution layer was three quarters of an append's time on SQLite.

Which chain a record goes to, its number and hash are :class:`~hinagata.store.AuditLog`'s;
this module only stores them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Protocol, cast

from sqlalchemy import Connection, Dialect, Table, bindparam, func, insert, select, update
from sqlalchemy import Sequence as DbSequence

from hinagata.store._models import AuditClause, AuditHead, AuditRecord

__all__ = ["COLUMNS", "Appender", "CoreAppend", "SqliteAppend", "appender"]

_RECORDS = cast(Table, AuditRecord.__table__)
_CLAUSES = cast(Table, AuditClause.__table__)
_HEADS = cast(Table, AuditHead.__table__)
#: PostgreSQL: where ``seq`` comes from (migration 0010).
_SEQUENCE = DbSequence("audit_record_seq")

#: The columns of a record's row, in the order :meth:`Appender.add` receives them.
COLUMNS = (
    "seq", "chain", "chain_seq", "ts", "kind", "request_id", "data", "prev_hash", "hash",
    "hash_version", "municipality", "department", "verdict", "user_login",
)  # fmt: skip
_TS = COLUMNS.index("ts")
_DATA = COLUMNS.index("data")

_HEAD_OF = _HEADS.c.chain == bindparam("of_chain")
#: The chain's head, locked until the transaction ends.
_LOCK_HEAD = select(_HEADS.c.seq, _HEADS.c.hash).where(_HEAD_OF).with_for_update()
_NEXT_SEQ = select(_SEQUENCE.next_value())
#: SQLite (another driver than the standard library's): the head and the largest ``seq``
#: given, in one statement (see :class:`SqliteAppend`).
_HEAD_AND_TOP = select(
    _HEADS.c.seq,
    _HEADS.c.hash,
    select(func.max(_RECORDS.c.seq)).correlate(None).scalar_subquery(),
    select(func.max(_HEADS.c.record_seq)).correlate(None).scalar_subquery(),
).where(_HEAD_OF)
_INSERT_RECORD = insert(_RECORDS)
_INSERT_CLAUSE = insert(_CLAUSES)
_MOVE_HEAD = (
    update(_HEADS)
    .where(_HEAD_OF)
    .values(seq=bindparam("head_seq"), hash=bindparam("head_hash"), record_seq=bindparam("at"))
)


class Appender(Protocol):
    def head(self, conn: Connection, chain: str) -> tuple[int, str, int] | None:
        """The chain's head, locked until the transaction ends: its number and hash, and
        the ``seq`` for the record to add; None where the chain has no head yet.

        ``seq`` is taken once the head is locked, so within a chain it increases with the
        number. PostgreSQL: from a sequence (no row to queue on). SQLite, where writes are
        serialised anyway (BEGIN IMMEDIATE): one more than the largest given, also when
        retention removed every record, read with the head in one statement."""
        ...

    def add(
        self,
        conn: Connection,
        row: Sequence[Any],
        clauses: Sequence[str],
        move: tuple[int, str],
    ) -> None:
        """Insert ``row`` (the values of :data:`COLUMNS`), one clause row per cited clause,
        and move the chain's head to ``move`` (the record's number and hash)."""
        ...


def appender(conn_dialect: Dialect) -> Appender:
    """The fastest way to append on this database."""
    if conn_dialect.name == "sqlite" and conn_dialect.driver == "pysqlite":
        return SqliteAppend(conn_dialect)
    return CoreAppend(sqlite=conn_dialect.name == "sqlite")


class CoreAppend:
    """Through SQLAlchemy Core, with statements built once (PostgreSQL)."""

    def __init__(self, *, sqlite: bool = False) -> None:
        self._sqlite = sqlite

    def head(self, conn: Connection, chain: str) -> tuple[int, str, int] | None:
        if self._sqlite:
            found = conn.execute(_HEAD_AND_TOP, {"of_chain": chain}).one_or_none()
            if found is None:
                return None
            number, digest, top, given = found
            return int(number), digest, max(int(top or 0), int(given or 0)) + 1
        row = conn.execute(_LOCK_HEAD, {"of_chain": chain}).one_or_none()
        if row is None:
            return None
        return int(row.seq), row.hash, int(conn.execute(_NEXT_SEQ).scalar_one())

    def add(
        self,
        conn: Connection,
        row: Sequence[Any],
        clauses: Sequence[str],
        move: tuple[int, str],
    ) -> None:
        values = dict(zip(COLUMNS, row, strict=True))
        conn.execute(_INSERT_RECORD, values)
        if clauses:
            conn.execute(_INSERT_CLAUSE, [_clause_row(values, c) for c in clauses])
        conn.execute(
            _MOVE_HEAD,
            {
                "of_chain": values["chain"],
                "head_seq": move[0],
                "head_hash": move[1],
                "at": values["seq"],
            },
        )


def _clause_row(values: dict[str, Any], clause: str) -> dict[str, Any]:
    return {
        "seq": values["seq"],
        "ts": values["ts"],
        "municipality": values["municipality"],
        "department": values["department"],
        "clause": clause,
    }


class SqliteAppend:
    """SQLite: the same statements run by the driver in the transaction SQLAlchemy opened
    (BEGIN IMMEDIATE: the head is as locked as it gets); the time and the JSON converted
    by SQLAlchemy's own processors for this dialect. The head and the largest ``seq``
    given (of the records, and of the heads, which remember it when retention removed
    every record) are read in one statement."""

    _HEAD = (
        "SELECT seq, hash, (SELECT max(seq) FROM audit_records),"
        " (SELECT max(record_seq) FROM audit_head) FROM audit_head WHERE chain = ?"
    )
    _INSERT = (
        f"INSERT INTO audit_records ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))})"
    )
    _CLAUSE = (
        "INSERT INTO audit_clauses (seq, ts, municipality, department, clause)"
        " VALUES (?, ?, ?, ?, ?)"
    )
    _MOVE = "UPDATE audit_head SET seq = ?, hash = ?, record_seq = ? WHERE chain = ?"

    def __init__(self, dialect: Dialect) -> None:
        self._ts = _processor(_RECORDS.c.ts.type, dialect)
        self._json = _processor(_RECORDS.c.data.type, dialect)

    def head(self, conn: Connection, chain: str) -> tuple[int, str, int] | None:
        found = _driver(conn).execute(self._HEAD, (chain,)).fetchone()
        if found is None:
            return None
        number, digest, top, given = found
        return int(number), digest, max(int(top or 0), int(given or 0)) + 1

    def add(
        self,
        conn: Connection,
        row: Sequence[Any],
        clauses: Sequence[str],
        move: tuple[int, str],
    ) -> None:
        driver = _driver(conn)
        values = list(row)
        values[_TS] = ts = self._ts(values[_TS])
        values[_DATA] = self._json(values[_DATA])
        driver.execute(self._INSERT, values)
        seq, chain, municipality, department = row[0], row[1], row[10], row[11]
        if clauses:
            driver.executemany(
                self._CLAUSE, [(seq, ts, municipality, department, c) for c in clauses]
            )
        driver.execute(self._MOVE, (move[0], move[1], seq, chain))


def _processor(type_: Any, dialect: Dialect) -> Callable[[Any], Any]:
    process = type_.dialect_impl(dialect).bind_processor(dialect)
    return process if process is not None else (lambda value: value)


def _driver(conn: Connection) -> Any:
    """The DB-API connection under ``conn`` (its transaction is ``conn``'s)."""
    return conn.connection.driver_connection
