"""The database: SQLite by default, PostgreSQL supported; schema by Alembic migrations."""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
import weakref
from collections import namedtuple
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from importlib import resources
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, Select, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

__all__ = ["Database", "Lookup", "StoreError"]


#: The PostgreSQL advisory lock that serialises migrations ("hngt" in ASCII).
_MIGRATION_LOCK = 0x686E6774


#: :meth:`Database.query`: SQLite's connections are in the driver's autocommit mode
#: (``isolation_level=None``) and a transaction is only what :func:`_sqlite_setup`'s BEGIN
#: opens, so one statement is left without it; PostgreSQL's driver is told autocommit.
_ONE_STATEMENT_OPTION = "hinagata_one_statement"
_ONE_STATEMENT: dict[str, Any] = {_ONE_STATEMENT_OPTION: True}
_AUTOCOMMIT: dict[str, Any] = {"isolation_level": "AUTOCOMMIT"}

#: SQLite: how often a thread of the process moves the write-ahead log into the database
#: file, and the size (pages) at which a commit still does it itself, as a backstop
#: (SQLite's default is 1,000 pages: about one commit in thirty paid for it, with fsyncs,
#: inside a request — ADR 0024).
CHECKPOINT_EVERY_S = 0.25
_BACKSTOP_PAGES = 10_000
_WAL_BYTES = 4 << 20


class StoreError(RuntimeError):
    """The database cannot be used (unreachable, locked, not migrated …)."""


def _aware(value: dt.datetime | None) -> dt.datetime | None:
    """SQLite returns naive datetimes; everything we store is UTC."""
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=dt.UTC)
    return value


class Database:
    """An engine plus sessions. SQLite gets WAL mode and immediate transactions, so writes
    from several workers are serialised by the database itself."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.is_sqlite = url.startswith("sqlite")
        # A pre-ping (``SELECT 1`` at every checkout) finds a server connection that went
        # stale (a PostgreSQL restart or failover) before a request uses it. A SQLite file
        # has no connection to lose: there it is a round trip through the driver per
        # checkout for nothing (ADR 0024).
        kwargs: dict[str, Any] = {"future": True, "pool_pre_ping": not self.is_sqlite}
        if self.is_sqlite:
            path = url.split("///", 1)[-1]
            if path and path != ":memory:":
                Path(path).parent.mkdir(parents=True, exist_ok=True)
            kwargs["connect_args"] = {
                "timeout": 30,
                "check_same_thread": False,
                "isolation_level": None,
            }
        try:
            self.engine: Engine = create_engine(url, **kwargs)
        except Exception as exc:  # bad URL, missing driver
            raise StoreError(
                f"データベースに接続できません / cannot use the database: {type(exc).__name__}"
            ) from exc
        self._read_engine = self.engine
        if self.is_sqlite:
            # Writers take the lock at BEGIN; readers (key lookups, grants) must not.
            self._read_engine = create_engine(url, **kwargs)
            _sqlite_setup(self.engine, immediate=True)
            _sqlite_setup(self._read_engine, immediate=False)
        self._checkpoints: _Checkpoints | None = None
        if self.is_sqlite and self.engine.url.database not in (None, "", ":memory:"):
            self._checkpoints = _Checkpoints(str(self.engine.url.database))
            weakref.finalize(self, self._checkpoints.stop, wait=False)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._read_sessions = sessionmaker(self._read_engine, expire_on_commit=False)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session in one transaction: committed on success, rolled back on error."""
        if self._checkpoints is not None:
            self._checkpoints.start()
        with self._sessions() as s, s.begin():
            yield s

    @contextmanager
    def write_conn(self) -> Iterator[Connection]:
        """A Core connection in one write transaction (the hot path: no ORM overhead)."""
        if self._checkpoints is not None:
            self._checkpoints.start()
        with self.engine.begin() as conn:
            yield conn

    @contextmanager
    def read_conn(self) -> Iterator[Connection]:
        """A Core connection in one read transaction (several statements, one snapshot)."""
        with self._read_engine.begin() as conn:
            yield conn

    @contextmanager
    def query(self) -> Iterator[Connection]:
        """A Core connection for **one** reading statement, outside a transaction: a single
        statement sees one consistent state by itself, so the hot path's lookups (an API
        key, the grants of a service) skip the BEGIN and COMMIT round trips. Never for two
        statements that must agree: use :meth:`read_conn`."""
        with self._read_engine.connect() as conn:
            conn.execution_options(**_ONE_STATEMENT if self.is_sqlite else _AUTOCOMMIT)
            yield conn

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for reading only (no write lock on SQLite)."""
        with self._read_sessions() as s, s.begin():
            yield s

    def lookup(self, statement: Select[Any]) -> Lookup:
        """``statement`` (one SELECT with named bound parameters) prepared for the hot
        path: see :class:`Lookup`."""
        return Lookup(self, statement)

    def migrate(self) -> None:
        """Bring the schema to the newest revision (idempotent)."""
        from alembic import command
        from alembic.config import Config

        cfg = Config()
        cfg.set_main_option(
            "script_location", str(resources.files("hinagata.store").joinpath("migrations"))
        )
        cfg.set_main_option("sqlalchemy.url", self.url.replace("%", "%%"))
        with self.engine.begin() as conn:
            if not self.is_sqlite:
                # Several workers or instances start at once: one migrates, the others wait
                # for it (the lock ends with the transaction) and then find nothing to do.
                # SQLite serialises the writers itself (BEGIN IMMEDIATE).
                conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_MIGRATION_LOCK})")
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")

    def dispose(self) -> None:
        if self._checkpoints is not None:
            self._checkpoints.stop()
        self.engine.dispose()
        self._read_engine.dispose()


def _sqlite_setup(engine: Engine, *, immediate: bool) -> None:
    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_conn: Any, _record: Any) -> None:
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        # WAL + NORMAL: a commit survives a crash of the process; only an OS crash or power
        # loss can lose the newest transactions. PostgreSQL is the choice for stronger needs.
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA busy_timeout=30000")
        cur.execute(f"PRAGMA wal_autocheckpoint={_BACKSTOP_PAGES}")
        # After a checkpoint the log starts over; the file is cut back to this size.
        cur.execute(f"PRAGMA journal_size_limit={_WAL_BYTES}")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.close()

    begin = "BEGIN IMMEDIATE" if immediate else "BEGIN"

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        if conn.get_execution_options().get(_ONE_STATEMENT_OPTION):
            return  # Database.query: the statement is its own transaction
        # Writers take the lock at the start: the audit chain's head is read then updated.
        # Straight to the driver: the statement needs none of SQLAlchemy's execution.
        conn.connection.driver_connection.execute(begin)  # type: ignore[union-attr]


class _Checkpoints:
    """SQLite: the write-ahead log moved into the database file by a thread of this
    process (started with the first write), not by whichever commit crosses SQLite's
    threshold: a checkpoint writes and syncs the database file, milliseconds that a
    request (the audit record before forwarding) otherwise waits for. A passive
    checkpoint waits for no reader or writer; with several processes on one file, one
    checkpoints and the others find nothing to do. Durability is unchanged (ADR 0024)."""

    def __init__(self, path: str) -> None:
        self._path = path
        self._stopped = threading.Event()
        self._thread: threading.Thread | None = None
        self._starting = threading.Lock()

    def start(self) -> None:
        if self._thread is not None or self._stopped.is_set():
            return
        with self._starting:
            if self._thread is None and not self._stopped.is_set():
                thread = threading.Thread(
                    target=_checkpoint_until,
                    args=(self._path, self._stopped),
                    name="hinagata-sqlite-checkpoint",
                    daemon=True,
                )
                thread.start()
                # (published once started: a stop in another thread never joins a thread
                # that has not started yet)
                self._thread = thread

    def stop(self, wait: bool = True) -> None:
        self._stopped.set()
        with self._starting:
            thread = self._thread
        if wait and thread is not None and thread is not threading.current_thread():
            thread.join(5)


def _checkpoint_until(path: str, stopped: threading.Event) -> None:
    try:
        conn = sqlite3.connect(path, timeout=0, isolation_level=None)
    except sqlite3.Error:
        return  # the commits' own checkpoints (the backstop) remain
    try:
        while not stopped.wait(CHECKPOINT_EVERY_S):
            with suppress(sqlite3.Error):  # busy or gone: the next round, or the backstop
                conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
    finally:
        conn.close()


class Lookup:
    """One reading statement of the hot path (an API key, a service's grants), prepared
    once: run outside a transaction like :meth:`Database.query`. On SQLite it is compiled
    once and run by the driver on a pooled connection, its values converted by
    SQLAlchemy's own result processors (so a row reads exactly as through Core); the
    execution layer of SQLAlchemy was most of a lookup's time. Elsewhere, through Core.
    Rows have the selected columns as attributes."""

    def __init__(self, db: Database, statement: Select[Any]) -> None:
        self._db = db
        self._statement = statement
        names = list(statement.selected_columns.keys())
        self._row = namedtuple("Row", names, rename=True)  # type: ignore[misc]
        if not db.is_sqlite:
            return
        dialect = db.engine.dialect
        compiled = statement.compile(dialect=dialect)
        self._sql = compiled.string
        self._order = list(compiled.positiontup or ())
        self._convert: list[Callable[[Any], Any] | None] = [
            c.type.dialect_impl(dialect).result_processor(dialect, None)
            for c in statement.selected_columns
        ]

    def all(self, **params: Any) -> list[Any]:
        if not self._db.is_sqlite:
            with self._db.query() as conn:
                return [self._row(*r) for r in conn.execute(self._statement, params)]
        raw = self._db._read_engine.raw_connection()
        try:
            found = raw.driver_connection.execute(  # type: ignore[union-attr]
                self._sql, [params[k] for k in self._order]
            ).fetchall()
        finally:
            raw.close()  # back to the pool
        convert = self._convert
        return [
            self._row(*(v if f is None else f(v) for f, v in zip(convert, r, strict=True)))
            for r in found
        ]

    def first(self, **params: Any) -> Any:
        rows = self.all(**params)
        return rows[0] if rows else None
