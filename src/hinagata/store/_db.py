"""The database: SQLite by default, PostgreSQL supported; schema by Alembic migrations."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

__all__ = ["Database", "StoreError"]


#: The PostgreSQL advisory lock that serialises migrations ("hngt" in ASCII).
_MIGRATION_LOCK = 0x686E6774


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
        kwargs: dict[str, Any] = {"future": True, "pool_pre_ping": True}
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
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._read_sessions = sessionmaker(self._read_engine, expire_on_commit=False)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session in one transaction: committed on success, rolled back on error."""
        with self._sessions() as s, s.begin():
            yield s

    @contextmanager
    def write_conn(self) -> Iterator[Connection]:
        """A Core connection in one write transaction (the hot path: no ORM overhead)."""
        with self.engine.begin() as conn:
            yield conn

    @contextmanager
    def read_conn(self) -> Iterator[Connection]:
        with self._read_engine.begin() as conn:
            yield conn

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for reading only (no write lock on SQLite)."""
        with self._read_sessions() as s, s.begin():
            yield s

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
        cur.execute("PRAGMA foreign_keys=ON")
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        # Writers take the lock at the start: the audit chain's head is read then updated.
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")
