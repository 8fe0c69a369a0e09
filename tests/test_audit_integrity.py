"""The audit chain's searchable copies and roll-ups agree with the hashed records.

The dashboard, audit search and the daily roll-ups read copies of each decision
(``verdict``, ``department``, ``municipality``, ``user_login``, the ``audit_clauses``
rows). ``audit verify`` re-derives them from the hashed record and reports every row
that disagrees — on SQLite and PostgreSQL, for hash format 1 (before migration 0009) and
format 2.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any, cast

import pytest
import sqlalchemy as sa
from sqlalchemy import Table, delete, insert, select, text, update
from typer.testing import CliRunner

from _db import BACKENDS, database_url
from hinagata.store import AuditLog, Database
from hinagata.store._audit import HASH_VERSION, _canonical, derive_copies
from hinagata.store._models import AuditClause, AuditDaily, AuditDailyClause, AuditRecord
from hinagata.store._rollup import ensure_rollups

KEY = b"test-audit-key-0123456789abcdef"
REC = cast(Table, AuditRecord.__table__)
CL = cast(Table, AuditClause.__table__)
DAILY = cast(Table, AuditDaily.__table__)
DAILY_CL = cast(Table, AuditDailyClause.__table__)

DAY1 = dt.datetime(2026, 11, 20, 3, tzinfo=dt.UTC)  # 12:00 in Japan
DAY2 = DAY1 + dt.timedelta(days=1)
DAY3 = DAY1 + dt.timedelta(days=2)
DAY4 = DAY1 + dt.timedelta(days=3)

RECORDS: list[tuple[str, dict[str, Any]]] = [
    (
        "decision",
        {
            "verdict": "allow",
            "user": "u1",
            "department": "市民課",
            "municipality": "例示市",
            "clauses": ["4.1"],
        },
    ),
    (
        "decision",
        {
            "verdict": "deny",
            "user": "u2",
            "department": "福祉課",
            "municipality": "例示市",
            "clauses": ["3.3", "4.7"],
        },
    ),
    ("outcome", {"status": 200, "latency_ms": 12}),
    (
        "decision",
        {
            "verdict": "allow_masked",
            "user": "u1",
            "department": "市民課",
            "municipality": "例示市",
            "clauses": ["4.2", "4.10"],
        },
    ),
]


def _alembic_config(db: Database) -> Any:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option(
        "script_location", str(resources.files("hinagata.store").joinpath("migrations"))
    )
    cfg.set_main_option("sqlalchemy.url", db.url.replace("%", "%%"))
    return cfg


def _migrate(db: Database, revision: str, *, down: bool = False) -> None:
    from alembic import command

    cfg = _alembic_config(db)
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        (command.downgrade if down else command.upgrade)(cfg, revision)


@pytest.fixture(params=BACKENDS)
def fresh(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    """An empty database, not migrated."""
    for url in database_url(request.param, tmp_path):
        d = Database(url)
        yield d
        d.dispose()


@pytest.fixture
def db(fresh: Database) -> Database:
    fresh.migrate()
    return fresh


def _fill(log: AuditLog, start: dt.datetime = DAY1) -> None:
    for i, (kind, data) in enumerate(RECORDS):
        log.append(kind, f"req-{i}", data, ts=start + dt.timedelta(minutes=i))


def _where(t: Table, **kw: Any) -> Any:
    return sa.and_(*(t.c[k] == v for k, v in kw.items()))


def _found(result: Any) -> set[tuple[str, str, str]]:
    return {(m.table, m.row, m.field) for m in result.mismatches}


def _clause_id(db: Database, seq: int, clause: str) -> int:
    with db.read_conn() as conn:
        return int(conn.execute(select(CL.c.id).where(_where(CL, seq=seq, clause=clause))).one()[0])


# ---------------------------------------------------------------- format 2


def test_new_records_bind_their_copies_and_verify(db: Database) -> None:
    log = AuditLog(db, KEY)
    _fill(log)
    with db.read_conn() as conn:
        rows = conn.execute(select(REC).order_by(REC.c.seq)).all()
        clauses = conn.execute(select(CL.c.seq, CL.c.clause).order_by(CL.c.id)).all()
    assert {r.hash_version for r in rows} == {HASH_VERSION} == {3}
    assert [(r.verdict, r.department, r.user_login) for r in rows] == [
        ("allow", "市民課", "u1"),
        ("deny", "福祉課", "u2"),
        (None, None, None),
        ("allow_masked", "市民課", "u1"),
    ]
    assert [tuple(c) for c in clauses] == [
        (1, "4.1"),
        (2, "3.3"),
        (2, "4.7"),
        (4, "4.2"),
        (4, "4.10"),
    ]
    result = log.verify()
    assert result.ok and result.checked == 4 and result.mismatch_count == 0


@pytest.mark.parametrize(
    "column, value",
    [
        ("verdict", "allow"),
        ("department", "総務課"),
        ("municipality", "例示町"),
        ("user_login", "someone-else"),
    ],
)
def test_a_changed_copy_is_reported_with_its_row_and_field(
    db: Database, column: str, value: str
) -> None:
    log = AuditLog(db, KEY)
    _fill(log)
    with db.session() as s:
        s.execute(update(REC).where(REC.c.seq == 2).values({column: value}))
    result = log.verify()
    assert not result.ok
    assert result.chain_intact  # the chain itself is fine: the copy is what changed
    assert result.first_bad_seq == 2
    assert _found(result) == {("audit_records", "2", column)}
    (m,) = result.mismatches
    assert (m.stored, m.expected) == (
        value,
        RECORDS[1][1]["user" if column == "user_login" else column],
    )


def test_a_cleared_copy_and_a_copy_on_an_outcome_are_reported(db: Database) -> None:
    log = AuditLog(db, KEY)
    _fill(log)
    with db.session() as s:
        s.execute(update(REC).where(REC.c.seq == 1).values(verdict=None))
        s.execute(update(REC).where(REC.c.seq == 3).values(verdict="allow", department="市民課"))
    result = log.verify()
    assert _found(result) == {
        ("audit_records", "1", "verdict"),
        ("audit_records", "3", "verdict"),
        ("audit_records", "3", "department"),
    }
    assert result.first_bad_seq == 1 and result.mismatch_count == 3


@pytest.mark.parametrize(
    "tamper", ["clause", "delete", "extra", "orphan", "department", "municipality", "ts"]
)
def test_a_changed_clause_row_is_reported(db: Database, tamper: str) -> None:
    log = AuditLog(db, KEY)
    _fill(log)
    row = _clause_id(db, 2, "4.7")
    one = {"ts": DAY1, "municipality": "例示市", "department": "福祉課"}
    with db.session() as s:
        if tamper == "clause":
            s.execute(update(CL).where(CL.c.id == row).values(clause="4.2"))
        elif tamper == "delete":
            s.execute(delete(CL).where(CL.c.id == row))
        elif tamper == "extra":
            s.execute(insert(CL).values(seq=2, clause="4.7", **one))
        elif tamper == "orphan":
            s.execute(insert(CL).values(seq=99, clause="4.7", **one))
        elif tamper == "ts":
            s.execute(update(CL).where(CL.c.id == row).values(ts=DAY3))
        else:
            s.execute(update(CL).where(CL.c.id == row).values({tamper: "総務課"}))
    result = log.verify()
    assert not result.ok and result.chain_intact
    found = _found(result)
    if tamper == "delete":
        assert found == {("audit_clauses", "(seq 2)", "clause")}
        assert result.mismatches[0].expected == "4.7"
    elif tamper == "extra":
        (m,) = result.mismatches
        assert (m.table, m.field, m.stored, m.expected, m.seq) == (
            "audit_clauses",
            "clause",
            "4.7",
            None,
            2,
        )
    elif tamper == "orphan":
        (m,) = result.mismatches
        assert (m.table, m.field, m.stored, m.expected) == ("audit_clauses", "seq", 99, None)
    else:
        assert found == {("audit_clauses", str(row), tamper)}
        if tamper == "clause":
            assert (result.mismatches[0].stored, result.mismatches[0].expected) == ("4.2", "4.7")


def test_the_hash_format_cannot_be_changed(db: Database) -> None:
    log = AuditLog(db, KEY)
    _fill(log)
    with db.session() as s:
        s.execute(update(REC).where(REC.c.seq == 2).values(hash_version=1))
    result = log.verify()
    assert (result.ok, result.chain_intact, result.first_bad_seq, result.reason) == (
        False,
        False,
        2,
        "record altered",
    )
    with db.session() as s:
        s.execute(update(REC).where(REC.c.seq == 2).values(hash_version=7))
    result = log.verify()
    assert (result.first_bad_seq, result.reason) == (2, "unknown hash format 7")


def test_a_changed_record_still_breaks_the_chain(db: Database) -> None:
    log = AuditLog(db, KEY)
    _fill(log)
    # Changing the record and its copy together: the hash no longer matches.
    with db.session() as s:
        s.execute(
            update(REC)
            .where(REC.c.seq == 2)
            .values(data={**RECORDS[1][1], "verdict": "allow"}, verdict="allow")
        )
    result = log.verify()
    assert (result.ok, result.first_bad_seq, result.reason) == (False, 2, "record altered")


def test_long_values_are_cut_to_the_column_and_still_verify(db: Database) -> None:
    log = AuditLog(db, KEY)
    log.append(
        "decision",
        "r",
        {"verdict": "deny", "department": "課" * 250, "clauses": ["X" * 60, 5, None]},
    )
    assert log.verify().ok
    with db.read_conn() as conn:
        dept = conn.execute(select(REC.c.department)).scalar_one()
        clauses = conn.execute(select(CL.c.clause)).scalars().all()
    assert dept == "課" * 200 and clauses == ["X" * 40]


# ---------------------------------------------------------------- roll-ups


def test_rolled_up_counts_are_checked_against_the_records(db: Database) -> None:
    log = AuditLog(db, KEY)
    _fill(log, DAY1)
    _fill(log, DAY2)
    assert ensure_rollups(db, now=DAY3) == 2
    assert log.verify().ok
    with db.session() as s:
        s.execute(
            update(DAILY)
            .where(_where(DAILY, day="2026-11-20", verdict="deny"))
            .values(n=DAILY.c.n + 5)
        )
        s.execute(
            insert(DAILY_CL).values(
                day="2026-11-21", municipality="例示市", department="福祉課", clause="4.5", n=3
            )
        )
    result = log.verify()
    assert not result.ok and result.chain_intact
    by_row = {(m.table, m.row): (m.stored, m.expected) for m in result.mismatches}
    assert by_row == {
        ("audit_daily", "2026-11-20 例示市/福祉課/deny"): (6, 1),
        ("audit_daily_clauses", "2026-11-21 例示市/福祉課/4.5"): (3, 0),
    }
    assert result.first_bad_seq is None  # no record is wrong: the counts are


def test_a_copy_changed_before_the_roll_up_shows_in_both(db: Database) -> None:
    log = AuditLog(db, KEY)
    _fill(log, DAY1)
    with db.session() as s:
        s.execute(update(REC).where(REC.c.seq == 2).values(verdict="allow"))
        s.execute(update(CL).where(CL.c.seq == 2).values(department="市民課"))
    ensure_rollups(db, now=DAY2)
    result = log.verify()
    found = _found(result)
    assert ("audit_records", "2", "verdict") in found
    assert ("audit_daily", "2026-11-20 例示市/福祉課/deny", "n") in found
    assert ("audit_daily", "2026-11-20 例示市/福祉課/allow", "n") in found
    assert ("audit_daily_clauses", "2026-11-20 例示市/市民課/3.3", "n") in found


def test_counts_for_a_day_not_rolled_up_are_reported(db: Database) -> None:
    log = AuditLog(db, KEY)
    _fill(log, DAY1)
    with db.session() as s:  # the dashboard would add these to the live counts
        s.execute(
            insert(DAILY).values(
                day="2026-11-20", municipality="例示市", department="市民課", verdict="deny", n=9
            )
        )
    result = log.verify()
    assert _found(result) == {("audit_daily", "2026-11-20 例示市/市民課/deny", "n")}


def test_after_retention_the_days_still_complete_are_checked(db: Database) -> None:
    log = AuditLog(db, KEY)
    _fill(log, DAY1)
    _fill(log, DAY2)
    _fill(log, DAY3)
    assert ensure_rollups(db, now=DAY4) == 3
    assert log.prune(DAY2) == 4
    assert log.verify().ok
    with db.session() as s:
        # Day 1's records are gone: its counts can no longer be checked (and are kept).
        s.execute(update(DAILY).where(DAILY.c.day == "2026-11-20").values(n=DAILY.c.n + 1))
    assert log.verify().ok
    with db.session() as s:
        s.execute(update(DAILY).where(DAILY.c.day == "2026-11-22").values(n=DAILY.c.n + 1))
    result = log.verify()
    assert not result.ok and {m.row[:10] for m in result.mismatches} == {"2026-11-22"}


# ---------------------------------------------------------------- format 1, migration 0009


def _append_v1(conn: sa.Connection, seq: int, prev: str, kind: str, data: dict[str, Any]) -> str:
    """What the code of revision 0008 wrote: hash over the record only, raw copies."""
    import hashlib
    import hmac

    ts = DAY1 + dt.timedelta(minutes=seq)
    digest = hmac.new(
        KEY, _canonical(seq, ts, kind, f"old-{seq}", data, prev), hashlib.sha256
    ).hexdigest()
    records = sa.table(
        "audit_records",
        *(sa.column(c) for c in ("seq", "kind", "request_id", "prev_hash", "hash")),
        *(sa.column(c) for c in ("municipality", "department", "verdict", "user_login")),
        sa.column("ts", sa.DateTime(timezone=True)),
        sa.column("data", sa.JSON),
    )
    clauses = sa.table(
        "audit_clauses",
        *(sa.column(c) for c in ("seq", "municipality", "department", "clause")),
        sa.column("ts", sa.DateTime(timezone=True)),
    )
    copies = derive_copies(kind, data, 1)
    conn.execute(
        records.insert().values(
            seq=seq,
            ts=ts,
            kind=kind,
            request_id=f"old-{seq}",
            data=data,
            prev_hash=prev,
            hash=digest,
            municipality=copies.municipality,
            department=copies.department,
            verdict=copies.verdict,
            user_login=copies.user_login,
        )
    )
    for c in copies.clauses:
        conn.execute(
            clauses.insert().values(
                seq=seq,
                ts=ts,
                municipality=copies.municipality,
                department=copies.department,
                clause=c,
            )
        )
    conn.execute(text("UPDATE audit_head SET seq = :s, hash = :h"), {"s": seq, "h": digest})
    return digest


def _old_chain(db: Database) -> None:
    _migrate(db, "0008")
    with db.engine.begin() as conn:
        prev = "0" * 64
        for i, (kind, data) in enumerate(RECORDS, start=1):
            prev = _append_v1(conn, i, prev, kind, data)


def test_upgrade_from_0008_keeps_old_records_verifiable(fresh: Database) -> None:
    db = fresh
    _old_chain(db)
    db.migrate()
    db.migrate()  # idempotent
    with db.read_conn() as conn:
        versions = conn.execute(select(REC.c.hash_version).order_by(REC.c.seq)).scalars().all()
    assert versions == [1, 1, 1, 1]
    log = AuditLog(db, KEY)
    result = log.verify()
    assert result.ok and result.checked == 4, result
    # New records after the old ones are format 3 (in their municipality's chain, the
    # outcome in the platform chain after the old records); everything verifies.
    _fill(log, DAY2)
    with db.read_conn() as conn:
        versions = conn.execute(select(REC.c.hash_version).order_by(REC.c.seq)).scalars().all()
    assert versions == [1] * 4 + [3] * 4
    assert ensure_rollups(db, now=DAY3) == 2
    result = log.verify()
    assert result.ok and result.checked == 8
    # An old record's copies are checked as well.
    with db.session() as s:
        s.execute(update(REC).where(REC.c.seq == 2).values(verdict="allow"))
        s.execute(update(CL).where(_where(CL, seq=2, clause="4.7")).values(clause="4.1"))
    result = log.verify()
    assert {("audit_records", "2", "verdict")} < _found(result)
    assert any(m.table == "audit_clauses" and m.stored == "4.1" for m in result.mismatches)
    # Day 1 was rolled up before the change: its counts still agree with the records.
    assert not any(m.table.startswith("audit_daily") for m in result.mismatches)


def test_downgrade_to_0008_only_without_format_2_records(fresh: Database) -> None:
    db = fresh
    _old_chain(db)
    db.migrate()
    _migrate(db, "0008", down=True)
    db.migrate()
    AuditLog(db, KEY).append("decision", "new", RECORDS[0][1])
    with pytest.raises(RuntimeError, match="hash format 3"):
        _migrate(db, "0008", down=True)
    assert AuditLog(db, KEY).verify().ok


# ---------------------------------------------------------------- the command


def test_audit_verify_names_the_rows(tmp_path: Path) -> None:
    from hinagata.cli import app

    url = f"sqlite:///{tmp_path / 'h.db'}"
    (tmp_path / "audit.key").write_bytes(KEY)
    cfg = tmp_path / "gateway.yaml"
    cfg.write_text(
        f'database_url: "{url}"\nsecret_file: {tmp_path / "audit.key"}\n'
        "models:\n  - {name: demo, service: example-domestic-lgwan, upstream: {demo: true}}\n",
        encoding="utf-8",
    )
    db = Database(url)
    db.migrate()
    log = AuditLog(db, KEY)
    _fill(log)
    runner = CliRunner()
    ok = runner.invoke(app, ["audit", "verify", "--config", str(cfg)])
    assert ok.exit_code == 0, ok.output
    assert "正常です / intact: 4" in ok.output
    with db.session() as s:
        s.execute(update(REC).where(REC.c.seq == 2).values(verdict="allow"))
    bad = runner.invoke(app, ["audit", "verify", "--config", str(cfg)])
    assert bad.exit_code == 1
    assert "記録と一致しない写しがあります / copies disagree with their records: 1 件" in bad.output
    assert "audit_records 2 verdict: 表 'allow' / 記録 'deny'" in bad.output
    db.dispose()


def test_cli_csv_export_escapes_formula_cells(tmp_path: Path) -> None:
    """A client-chosen value that looks like a formula (a model route name, a department)
    is written as text in the CSV export."""
    from hinagata.store import AuditLog, Database

    db = Database(f"sqlite:///{tmp_path / 'a.db'}")
    db.migrate()
    log = AuditLog(db, b"k" * 32)
    log.append("decision", "req_1", {"department": "=cmd|' /C calc'!A0", "verdict": "allow"})
    out = "".join(log.export("csv"))
    assert "'=cmd|" in out and ",=cmd" not in out
