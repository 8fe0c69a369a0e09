"""Storage on SQLite and PostgreSQL: migrations, keys, grants, the audit chain."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from _db import BACKENDS, database_url
from hinagata.store import AuditLog, Database, Grants, Keys

KEY = b"test-audit-key-0123456789abcdef"


@pytest.fixture(params=BACKENDS)
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    for url in database_url(request.param, tmp_path):
        d = Database(url)
        d.migrate()
        d.migrate()  # idempotent
        yield d
        d.dispose()


def _fill(log: AuditLog, n: int) -> None:
    for i in range(n):
        log.append("decision", f"req-{i}", {"verdict": "allow", "user": "u1", "clauses": ["4.1"]})


def test_keys_are_stored_hashed_and_revocable(db: Database) -> None:
    keys = Keys(db)
    key, info = keys.create(
        user="alice", department="福祉課", municipality="例示市", roles=["staff"], trained=True
    )
    assert key.startswith("hg_") and len(key) > 40
    with db.session() as s:
        stored = s.execute(text("SELECT key_hash FROM api_keys")).scalar_one()
    assert key not in stored and len(stored) == 64
    found = keys.lookup(key)
    assert found is not None and (found.user, found.department, found.trained) == (
        "alice",
        "福祉課",
        True,
    )
    assert keys.lookup(key + "x") is None
    assert keys.revoke(info.prefix) == 1
    assert keys.lookup(key) is None
    assert [k.user for k in keys.all(include_revoked=True)] == ["alice"]
    assert keys.all() == []


def test_grants_scope_expiry_and_revocation(db: Database) -> None:
    grants = Grants(db)
    now = dt.datetime(2026, 11, 27, tzinfo=dt.UTC)
    g = grants.add(
        service="example-foreign-japan-region",
        department="市民課",
        expires=now + dt.timedelta(days=1),
    )
    grants.add(service="example-foreign-japan-region", municipality="例示町")
    active = grants.active_for(
        service="example-foreign-japan-region", municipality="例示市", now=now
    )
    assert [x.id for x in active] == [g.id]
    assert (
        grants.active_for(
            service="example-foreign-japan-region",
            municipality="例示市",
            now=now + dt.timedelta(days=2),
        )
        == []
    )
    assert grants.revoke(g.id) and not grants.revoke(g.id)
    assert (
        grants.active_for(service="example-foreign-japan-region", municipality="例示市", now=now)
        == []
    )


def test_chain_verifies_and_anchor_detects_truncation(db: Database) -> None:
    log = AuditLog(db, KEY)
    _fill(log, 6)
    anchor = log.anchor()
    assert log.verify().ok and log.verify(anchor).ok
    with db.session() as s:
        s.execute(text("DELETE FROM audit_records WHERE seq >= 5"))
        s.execute(text("DELETE FROM audit_clauses WHERE seq >= 5"))  # else: orphan clause rows
        s.execute(
            text(
                "UPDATE audit_head SET seq = 4, hash = (SELECT hash FROM audit_records WHERE seq = 4)"
            )
        )
    assert log.verify().ok  # a consistent cut is invisible without an anchor …
    result = log.verify(anchor)
    assert not result.ok and result.first_bad_seq == 6  # … but not with one


@pytest.mark.parametrize("tamper", ["update", "delete", "reorder", "wrong_key"])
def test_tampering_is_detected(db: Database, tamper: str) -> None:
    log = AuditLog(db, KEY)
    _fill(log, 5)
    with db.session() as s:
        if tamper == "update":
            s.execute(text("UPDATE audit_records SET kind = 'outcome' WHERE seq = 3"))
        elif tamper == "delete":
            s.execute(text("DELETE FROM audit_records WHERE seq = 2"))
        elif tamper == "reorder":
            s.execute(text("UPDATE audit_records SET seq = 100 WHERE seq = 2"))
            s.execute(text("UPDATE audit_records SET seq = 2 WHERE seq = 3"))
            s.execute(text("UPDATE audit_records SET seq = 3 WHERE seq = 100"))
    checker = AuditLog(db, b"another-key-0123456789abcdef") if tamper == "wrong_key" else log
    result = checker.verify()
    assert not result.ok
    assert result.first_bad_seq in (1, 2, 3)


def test_retention_keeps_the_chain_verifiable(db: Database) -> None:
    log = AuditLog(db, KEY)
    old = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
    for i in range(4):
        log.append("decision", f"old-{i}", {"verdict": "allow"}, ts=old + dt.timedelta(minutes=i))
    _fill(log, 3)
    assert log.prune(dt.datetime(2026, 1, 1, tzinfo=dt.UTC)) == 4
    result = log.verify()
    assert result.ok and result.checked == 3
    with db.session() as s:
        s.execute(text("UPDATE audit_checkpoints SET seq = 2"))
    assert not log.verify().ok


def test_concurrent_appends_get_consecutive_numbers(db: Database) -> None:
    log = AuditLog(db, KEY)

    def worker(n: int) -> None:
        for i in range(10):
            log.append("decision", f"w{n}-{i}", {"verdict": "allow"})

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    result = log.verify()
    assert result.ok and result.checked == 40 and result.head_seq == 40


def test_export_has_no_raw_values(db: Database) -> None:
    log = AuditLog(db, KEY)
    log.append(
        "decision",
        "r1",
        {"verdict": "allow_masked", "findings": {"PERSON_NAME": 2}, "clauses": ["4.2"]},
    )
    csv_text = "".join(log.export("csv"))
    # Its place overall and in its chain (the platform's: no municipality), for an
    # offline verifier of each chain.
    assert csv_text.splitlines()[0].startswith("seq,chain,chain_seq,ts,ts_jst,kind")
    assert csv_text.splitlines()[1].startswith("1,,1,")
    assert '"{""PERSON_NAME"": 2}"' in csv_text
    jsonl = "".join(log.export("jsonl"))
    assert '"verdict": "allow_masked"' in jsonl
