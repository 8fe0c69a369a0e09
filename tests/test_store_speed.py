"""The store's fast paths (ADR 0024) keep what they replaced: rows stored and read exactly
as through SQLAlchemy Core, no staleness for keys and grants, checkpoints off the request
path, and a failed append still raises."""

from __future__ import annotations

import datetime as dt
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from _db import BACKENDS, database_url
from hinagata.store import AuditLog, Database, Grants, Keys
from hinagata.store import _db as db_module
from hinagata.store._append import CoreAppend, SqliteAppend, appender

KEY = b"k" * 32
WHEN = dt.datetime(2026, 12, 1, 9, 30, 15, 123456, tzinfo=dt.UTC)
DECISION = {
    "user": "山田",
    "department": "福祉課",
    "municipality": "例示市",
    "verdict": "allow_masked",
    "clauses": ["4.2", "4.3"],
    "findings": {"person_name": 2},
    "ratio": 0.1,
    "note": '改行\nと引用符"',
}


@pytest.fixture(params=BACKENDS)
def url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    yield from database_url(request.param, tmp_path)


def _sqlite(path: Path) -> Database:
    db = Database(f"sqlite:///{path}")
    db.migrate()
    return db


def _rows(path: Path, table: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(path) as conn:
        return conn.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall()


def test_the_driver_path_stores_exactly_what_core_stores(tmp_path: Path) -> None:
    fast, core = _sqlite(tmp_path / "fast.db"), _sqlite(tmp_path / "core.db")
    assert isinstance(appender(fast.engine.dialect), SqliteAppend)
    slow = AuditLog(core, KEY)
    slow._append = CoreAppend(sqlite=True)
    for log in (AuditLog(fast, KEY), slow):
        log.append("decision", "r1", DECISION, ts=WHEN, chain="例示市")
        log.append("outcome", "r1", {"status": 200, "latency_ms": 3.5}, ts=WHEN, chain="例示市")
        log.append("decision", "r2", {**DECISION, "clauses": []}, ts=WHEN)
    for table in ("audit_records", "audit_clauses", "audit_head"):
        assert _rows(tmp_path / "fast.db", table) == _rows(tmp_path / "core.db", table)
    assert AuditLog(fast, KEY).verify().ok and slow.verify().ok
    records = list(AuditLog(fast, KEY).entries())
    assert records[0].ts == WHEN and records[0].data == DECISION


def test_the_driver_path_numbers_on_after_retention(tmp_path: Path) -> None:
    db = _sqlite(tmp_path / "h.db")
    log = AuditLog(db, KEY)
    old = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
    assert [log.append("decision", f"o{i}", DECISION, ts=old) for i in range(3)] == [1, 2, 3]
    assert log.prune(dt.datetime(2026, 1, 1, tzinfo=dt.UTC)) == 3
    # Every record is gone: the heads still remember the largest seq given.
    assert log.append("decision", "n", DECISION) == 4
    assert log.verify().ok


def test_a_failed_append_raises(tmp_path: Path) -> None:
    db = _sqlite(tmp_path / "h.db")
    log = AuditLog(db, KEY)
    log.append("decision", "r1", DECISION)
    with db.write_conn() as conn:
        conn.exec_driver_sql("DROP TABLE audit_clauses")
    with pytest.raises(sqlite3.OperationalError):
        log.append("decision", "r2", DECISION)  # fail closed: the caller refuses the request
    assert [r.request_id for r in log.entries()] == ["r1"]  # nothing half-written


def test_lookups_read_exactly_what_core_reads(url: str) -> None:
    db = Database(url)
    db.migrate()
    keys, grants = Keys(db), Grants(db)
    token, info = keys.create(
        user="山田", department="福祉課", municipality="例示市", roles=["reviewer"], trained=True
    )
    found_key = keys.lookup(token)
    assert found_key == info and found_key is not None
    assert found_key.created_at.utcoffset() == dt.timedelta(0)
    expires = dt.datetime(2030, 1, 2, 3, 4, 5, 6, tzinfo=dt.UTC)
    mine = grants.add(service="svc", municipality="例示市", department="福祉課", expires=expires)
    everyone = grants.add(service="svc")
    grants.add(service="svc", municipality="例示町")
    grants.add(service="other", municipality="例示市")
    found = grants.active_for(service="svc", municipality="例示市")
    assert sorted(found, key=lambda g: g.id) == sorted([mine, everyone], key=lambda g: g.id)
    assert next(g for g in found if g.id == mine.id).expires == expires


def test_revocation_takes_effect_at_once_on_every_instance(url: str) -> None:
    # Several instances (processes, hosts) on one database: nothing is cached.
    dbs = [Database(url) for _ in range(3)]
    dbs[0].migrate()
    token, _info = Keys(dbs[0]).create(user="u", municipality="例示市")
    grant = Grants(dbs[0]).add(service="svc", municipality="例示市")
    for db in dbs:
        assert Keys(db).lookup(token) is not None
        assert Grants(db).active_for(service="svc", municipality="例示市") == [grant]
    others = [(Keys(db), Grants(db)) for db in dbs[1:]]
    assert Keys(dbs[0]).revoke(token[:10]) == 1
    assert Grants(dbs[0]).revoke(grant.id)
    for keys, grants in others:
        assert keys.lookup(token) is None
        assert grants.active_for(service="svc", municipality="例示市") == []


def test_sqlite_has_no_pre_ping(tmp_path: Path) -> None:
    assert _sqlite(tmp_path / "h.db").engine.pool._pre_ping is False  # type: ignore[attr-defined]


def test_checkpoints_run_in_a_thread_of_their_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(db_module, "CHECKPOINT_EVERY_S", 0.05)
    path = tmp_path / "h.db"
    db = _sqlite(path)
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar() == 10_000
    log = AuditLog(db, KEY)
    for i in range(20):
        log.append("decision", f"r{i}", DECISION)
    time.sleep(0.5)
    # Every frame of the log was moved into the database file by the thread.
    with sqlite3.connect(path) as conn:
        busy, frames, done = conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
    assert busy == 0 and frames == done
    threads = db._checkpoints
    assert threads is not None and threads._thread is not None and threads._thread.is_alive()
    db.dispose()
    assert not threads._thread.is_alive()


def test_one_statement_reads_take_no_transaction(tmp_path: Path) -> None:
    db = _sqlite(tmp_path / "h.db")
    with db.write_conn() as writing:
        writing.exec_driver_sql("SELECT 1")
        # A writer holds the lock (BEGIN IMMEDIATE); a one-statement read neither waits
        # nor takes a lock of its own.
        with db.query() as conn:
            assert conn.execute(sa.text("SELECT count(*) FROM api_keys")).scalar() == 0


def test_a_real_append_failure_refuses_before_forwarding(tmp_path: Path) -> None:
    # Not a patched method: the database itself fails under the driver path.
    import asyncio

    import httpx

    from hinagata.config import load_config
    from hinagata.gateway._upstream import UpstreamResponse
    from hinagata.server import create_app

    calls: list[object] = []

    class Upstream:
        async def call(self, endpoint: str, body: object, *, stream: bool) -> UpstreamResponse:
            calls.append(body)
            return UpstreamResponse(200, {"choices": []})

    cfg = tmp_path / "g.yaml"
    cfg.write_text(
        f"database_url: sqlite:///{tmp_path}/h.db\nsecret_file: {tmp_path}/a.key\n"
        "create_secret: true\nlimits: {rate_per_minute_user: 0, rate_per_minute_department: 0}\n"
        "models:\n  - {name: m, service: example-domestic-lgwan, upstream: {demo: true}}\n",
        encoding="utf-8",
    )
    app = create_app(load_config(cfg), upstreams={"m": Upstream()})
    body = {"model": "m", "messages": [{"role": "user", "content": "高橋 健一さんへの連絡文"}]}

    async def go() -> httpx.Response:
        async with app.router.lifespan_context(app):
            key = app.state.gateway.keys.create(user="u", department="d", trained=True)[0]
            with sqlite3.connect(tmp_path / "h.db") as conn:
                conn.execute("DROP TABLE audit_head")
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://t") as c:
                return await c.post(
                    "/v1/chat/completions", json=body, headers={"authorization": f"Bearer {key}"}
                )

    r = asyncio.run(go())
    assert r.status_code == 503 and r.json()["error"]["code"] == "audit_unavailable"
    assert calls == []
