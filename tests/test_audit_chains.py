"""One audit chain per municipality (issue 13, item 6; ADR 0021).

Each record belongs to its municipality's chain or to the platform chain (``""``); each
chain has its own head, numbering and links and verifies on its own. Tampering with one
chain names that chain and the place; the others stay intact. The records written before
migration 0010 stay verifiable as the beginning of the platform chain. Workers in several
processes writing for several municipalities at once leave every chain without gaps.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import multiprocessing
import threading
from collections import Counter
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any, cast

import pytest
import sqlalchemy as sa
from sqlalchemy import Table, delete, select, text, update
from typer.testing import CliRunner

from _audit_workers import MUNICIPALITIES, append_many
from _db import BACKENDS, PG_URL, database_url
from hinagata.store import AuditLog, Database
from hinagata.store._audit import PLATFORM, _canonical, derive_copies
from hinagata.store._models import AuditCheckpoint, AuditClause, AuditHead, AuditRecord
from hinagata.store._rollup import ensure_rollups

KEY = b"test-audit-key-0123456789abcdef"
REC = cast(Table, AuditRecord.__table__)
CL = cast(Table, AuditClause.__table__)
HEAD = cast(Table, AuditHead.__table__)
CP = cast(Table, AuditCheckpoint.__table__)

CITY, TOWN, VILLAGE = "例示市", "例示町", "例示村"
DAY1 = dt.datetime(2026, 11, 20, 3, tzinfo=dt.UTC)


def _decision(municipality: str | None, verdict: str = "allow", **extra: Any) -> dict[str, Any]:
    data: dict[str, Any] = {"verdict": verdict, "user": "u1", "department": "市民課"}
    if municipality is not None:
        data["municipality"] = municipality
    return {**data, "clauses": ["4.1"], **extra}


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


def _fill(log: AuditLog) -> None:
    """Three requests for 例示市 and two for 例示町 (each a decision and its outcome), and a
    record that names no municipality."""
    for i, muni in enumerate([CITY, TOWN, CITY, TOWN, CITY]):
        ts = DAY1 + dt.timedelta(minutes=i)
        log.append("decision", f"r{i}", _decision(muni), ts=ts)
        log.append("outcome", f"r{i}", {"status": 200}, ts=ts + dt.timedelta(seconds=1))
    log.append("maintenance", "m1", {"note": "key rotated"}, ts=DAY1 + dt.timedelta(hours=1))


def _rows(db: Database, chain: str | None = None) -> list[Any]:
    q = select(REC).order_by(REC.c.seq)
    if chain is not None:
        q = q.where(REC.c.chain == chain)
    with db.read_conn() as conn:
        return list(conn.execute(q).all())


def _seq_of(db: Database, chain: str, number: int) -> int:
    with db.read_conn() as conn:
        return int(
            conn.execute(
                select(REC.c.seq).where(REC.c.chain == chain, REC.c.chain_seq == number)
            ).scalar_one()
        )


# ---------------------------------------------------------------- which chain


def test_each_municipality_has_its_own_numbered_chain(db: Database) -> None:
    log = AuditLog(db, KEY)
    _fill(log)
    rows = _rows(db)
    assert [r.seq for r in rows] == list(range(1, 12))  # one order over all chains
    by_chain: dict[str, list[int]] = {}
    for r in rows:
        by_chain.setdefault(r.chain, []).append(r.chain_seq)
    assert by_chain == {CITY: [1, 2, 3, 4, 5, 6], TOWN: [1, 2, 3, 4], PLATFORM: [1]}
    assert {r.hash_version for r in rows} == {3}
    # Every outcome is in the chain of its request's decision.
    chain_of = {r.request_id: r.chain for r in rows if r.kind == "decision"}
    assert all(r.chain == chain_of[r.request_id] for r in rows if r.kind == "outcome")
    assert log.heads() == {
        CITY: (6, _rows(db, CITY)[-1].hash),
        TOWN: (4, _rows(db, TOWN)[-1].hash),
        PLATFORM: (1, _rows(db, PLATFORM)[-1].hash),
    }
    result = log.verify()
    assert result.ok and result.checked == 11 and result.head_seq == 11
    assert [(c.chain, c.ok, c.checked, c.head_seq) for c in result.chains] == [
        (PLATFORM, True, 1, 1),
        (CITY, True, 6, 6),
        (TOWN, True, 4, 4),
    ]


def test_how_a_record_finds_its_chain(db: Database) -> None:
    log = AuditLog(db, KEY)
    # An explicit chain wins over the record's municipality.
    log.append("decision", "a", _decision(CITY), chain=TOWN)
    # The record's municipality; the empty one is no municipality: the platform's.
    log.append("decision", "b", _decision(CITY))
    log.append("decision", "c", _decision(""))
    # An outcome names none: the latest earlier record of its request decides …
    log.append("outcome", "a", {"status": 200})
    log.append("outcome", "b", {"status": 403})
    # … and without one, the platform chain; a municipality that is not a string is none.
    log.append("outcome", "nobody", {"status": 500})
    log.append("decision", "d", {"verdict": "deny", "municipality": ["例示市"]})
    # A municipality longer than a chain's name is cut like its copy.
    log.append("decision", "e", _decision("市" * 250))
    chains = [(r.request_id, r.kind, r.chain) for r in _rows(db)]
    assert chains == [
        ("a", "decision", TOWN),
        ("b", "decision", CITY),
        ("c", "decision", PLATFORM),
        ("a", "outcome", TOWN),
        ("b", "outcome", CITY),
        ("nobody", "outcome", PLATFORM),
        ("d", "decision", PLATFORM),
        ("e", "decision", "市" * 200),
    ]
    assert log.verify().ok
    with pytest.raises(ValueError, match="at most 200"):
        log.append("decision", "f", _decision(CITY), chain="x" * 201)


def test_a_writer_of_one_municipality_does_not_wait_for_another(db: Database) -> None:
    """PostgreSQL: an append locks its own chain's head only."""
    if db.is_sqlite:
        pytest.skip("SQLite serialises every write (the database has one write lock)")
    log = AuditLog(db, KEY)
    log.append("decision", "a0", _decision(CITY))
    log.append("decision", "b0", _decision(TOWN))
    done: dict[str, bool] = {}

    def write(rid: str, muni: str) -> None:
        log.append("decision", rid, _decision(muni))
        done[rid] = True

    with db.engine.connect() as holder, holder.begin():
        holder.execute(select(HEAD).where(HEAD.c.chain == CITY).with_for_update())
        city = threading.Thread(target=write, args=("a1", CITY))
        town = threading.Thread(target=write, args=("b1", TOWN))
        city.start()
        town.start()
        town.join(timeout=10)
        assert done.get("b1")  # 例示町 went on while 例示市's head was locked
        city.join(timeout=0.5)
        assert not done.get("a1")  # 例示市 waited for it
    city.join(timeout=10)
    assert done.get("a1")
    assert log.verify().ok


# ---------------------------------------------------------------- tampering, per chain


@pytest.mark.parametrize("tamper", ["edit", "delete", "reorder", "move", "move_first", "swap"])
def test_tampering_names_the_chain_and_the_record(db: Database, tamper: str) -> None:
    log = AuditLog(db, KEY)
    _fill(log)
    city = {r.chain_seq: r for r in _rows(db, CITY)}
    town_rows = _rows(db, TOWN)
    with db.session() as s:
        if tamper == "edit":
            s.execute(
                update(REC)
                .where(REC.c.seq == city[3].seq)
                .values(data={**city[3].data, "verdict": "deny"})
            )
        elif tamper == "delete":
            s.execute(delete(CL).where(CL.c.seq == city[3].seq))
            s.execute(delete(REC).where(REC.c.seq == city[3].seq))
        elif tamper == "reorder":  # two records trade places in the chain
            s.execute(update(REC).where(REC.c.seq == city[3].seq).values(chain_seq=100))
            s.execute(update(REC).where(REC.c.seq == city[4].seq).values(chain_seq=3))
            s.execute(update(REC).where(REC.c.seq == city[3].seq).values(chain_seq=4))
        elif tamper == "swap":  # two records trade their seq (the order of the listing)
            a, b = city[3].seq, city[4].seq
            s.execute(update(REC).where(REC.c.seq == a).values(seq=1000))
            s.execute(update(REC).where(REC.c.seq == b).values(seq=a))
            s.execute(update(REC).where(REC.c.seq == 1000).values(seq=b))
        elif tamper == "move":
            # 例示市's newest record appended to 例示町's chain, both heads made to agree.
            last = city[6]
            s.execute(update(REC).where(REC.c.seq == last.seq).values(chain=TOWN, chain_seq=5))
            s.execute(update(HEAD).where(HEAD.c.chain == TOWN).values(seq=5, hash=last.hash))
            s.execute(update(HEAD).where(HEAD.c.chain == CITY).values(seq=5, hash=city[5].hash))
        elif tamper == "move_first":
            # 例示市's first record (linked to the start like every first record) becomes the
            # first of a new chain.
            s.execute(update(REC).where(REC.c.seq == city[1].seq).values(chain=VILLAGE))
            s.execute(sa.insert(HEAD).values(chain=VILLAGE, seq=1, hash=city[1].hash))
    result = log.verify()
    assert not result.ok and not result.chain_intact
    broken = {
        c.chain: (c.first_bad_seq, c.first_bad_record, c.reason) for c in result.chains if not c.ok
    }
    expected: dict[str, tuple[int | None, int | None, str]] = {
        "edit": {CITY: (3, city[3].seq, "record altered")},
        "delete": {CITY: (3, None, "record 3 missing or out of order")},
        "reorder": {CITY: (3, city[4].seq, "link to the previous record broken")},
        "swap": {CITY: (3, city[4].seq, "record altered")},
        "move": {TOWN: (5, city[6].seq, "link to the previous record broken")},
        "move_first": {
            CITY: (1, None, "record 1 missing or out of order"),
            VILLAGE: (1, city[1].seq, "record altered"),
        },
    }[tamper]
    assert broken == expected
    # The first broken chain is the result's; the others verified on their own.
    first = min(expected)
    assert (result.first_bad_chain, result.first_bad_seq, result.reason) == (
        first,
        expected[first][0],
        expected[first][2],
    )
    intact = {c.chain for c in result.chains if c.ok}
    assert intact == {PLATFORM, CITY, TOWN} - set(expected)
    checked = {c.chain: c.checked for c in result.chains}
    assert checked[PLATFORM] == 1
    if TOWN in intact:
        assert checked[TOWN] == len(town_rows)


def test_one_chain_verifies_alone(db: Database) -> None:
    log = AuditLog(db, KEY)
    _fill(log)
    city3 = _seq_of(db, CITY, 3)
    with db.session() as s:
        s.execute(update(REC).where(REC.c.seq == city3).values(kind="outcome"))
    town = log.verify(chain=TOWN)
    assert town.ok and town.checked == 4 and [c.chain for c in town.chains] == [TOWN]
    assert not town.complete  # the roll-ups count every chain: not checked for one
    city = log.verify(chain=CITY)
    assert (city.ok, city.first_bad_chain, city.first_bad_seq, city.first_bad_record) == (
        False,
        CITY,
        3,
        city3,
    )
    assert not log.verify().ok


def test_a_changed_copy_is_reported_in_its_chain(db: Database) -> None:
    log = AuditLog(db, KEY)
    _fill(log)
    town2 = _seq_of(db, TOWN, 3)  # 例示町's second decision
    with db.session() as s:
        s.execute(update(REC).where(REC.c.seq == town2).values(verdict="deny"))
        s.execute(update(CL).where(CL.c.seq == town2).values(department="総務課"))
    result = log.verify()
    assert not result.ok and result.chain_intact
    town = result.chain(TOWN)
    assert town is not None and (town.ok, town.chain_intact, town.mismatch_count) == (
        False,
        True,
        2,
    )
    assert (town.first_bad_seq, town.first_bad_record) == (3, town2)
    assert {(m.chain, m.table, m.field) for m in result.mismatches} == {
        (TOWN, "audit_records", "verdict"),
        (TOWN, "audit_clauses", "department"),
    }
    assert result.first_bad_chain == TOWN and result.first_bad_seq == 3
    assert all(c.ok for c in result.chains if c.chain != TOWN)


def test_roll_ups_count_every_chain(db: Database) -> None:
    log = AuditLog(db, KEY)
    _fill(log)
    assert ensure_rollups(db, now=DAY1 + dt.timedelta(days=1)) == 1
    result = log.verify()
    assert result.ok and result.complete


# ---------------------------------------------------------------- anchor


def test_the_anchor_covers_every_chain(db: Database) -> None:
    log = AuditLog(db, KEY)
    _fill(log)
    anchor = log.anchor()
    heads = json.loads(anchor)
    assert sorted(heads) == [PLATFORM, CITY, TOWN]
    assert heads[CITY] == f"6:{_rows(db, CITY)[-1].hash}"
    assert log.anchor(TOWN) == heads[TOWN]
    assert log.verify(anchor).ok
    log.append("decision", "later", _decision(TOWN))
    assert log.verify(anchor).ok  # records after the anchor are fine
    # A consistent cut of one chain, and a whole chain removed: invisible without the
    # anchor, named with it.
    town = {r.chain_seq: r for r in _rows(db, TOWN)}
    with db.session() as s:
        s.execute(delete(CL).where(CL.c.seq.in_([town[4].seq, town[5].seq])))
        s.execute(delete(REC).where(REC.c.seq.in_([town[4].seq, town[5].seq])))
        s.execute(update(HEAD).where(HEAD.c.chain == TOWN).values(seq=3, hash=town[3].hash))
        s.execute(delete(REC).where(REC.c.chain == PLATFORM))
        s.execute(delete(HEAD).where(HEAD.c.chain == PLATFORM))
    assert log.verify().ok
    result = log.verify(anchor)
    assert {(c.chain, c.first_bad_seq, c.reason) for c in result.chains if not c.ok} == {
        (TOWN, 4, "records cut off after the anchor"),
        (PLATFORM, 1, "chain missing after the anchor"),
    }
    # One chain's anchor (SEQ:HASH) is the chain verified alone.
    assert not log.verify(heads[TOWN], chain=TOWN).ok
    assert log.verify(heads[CITY], chain=CITY).ok
    with pytest.raises(ValueError, match="anchor"):
        log.verify('{"例示市": "x"}')


# ---------------------------------------------------------------- retention, per chain


def test_retention_cuts_each_chain_behind_its_own_checkpoint(db: Database) -> None:
    log = AuditLog(db, KEY)
    old = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
    for i, muni in enumerate([CITY, TOWN, CITY, TOWN, CITY]):
        log.append("decision", f"old{i}", _decision(muni), ts=old + dt.timedelta(minutes=i))
    _fill(log)
    cut = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    assert log.prune(cut, chain=TOWN) == 2
    assert log.verify().ok
    assert log.prune(cut) == 3  # the rest: 例示市's three (the platform chain has none)
    with db.read_conn() as conn:
        cps = conn.execute(select(CP.c.chain, CP.c.seq).order_by(CP.c.id)).all()
        orphans = conn.execute(
            select(CL.c.seq).where(~sa.exists().where(REC.c.seq == CL.c.seq))
        ).all()
    assert [tuple(c) for c in cps] == [(TOWN, 2), (CITY, 3)] and orphans == []
    result = log.verify()
    assert result.ok and result.checked == 11
    assert {c.chain: c.checked for c in result.chains} == {PLATFORM: 1, CITY: 6, TOWN: 4}
    # A checkpoint moved to another chain, or changed, breaks that chain only.
    with db.session() as s:
        s.execute(update(CP).where(CP.c.chain == TOWN).values(chain=VILLAGE))
    result = log.verify()
    assert {(c.chain, c.reason) for c in result.chains if not c.ok} == {
        (VILLAGE, "checkpoint altered"),
        (TOWN, "record 1 missing or out of order"),
    }
    with db.session() as s:
        s.execute(update(CP).where(CP.c.chain == VILLAGE).values(chain=TOWN))
        s.execute(update(CP).where(CP.c.chain == CITY).values(seq=2))
    result = log.verify()
    assert [(c.chain, c.reason) for c in result.chains if not c.ok] == [
        (CITY, "checkpoint altered")
    ]


def test_seq_is_not_given_again_after_retention_removed_everything(db: Database) -> None:
    log = AuditLog(db, KEY)
    for i in range(3):
        log.append("decision", f"r{i}", _decision(CITY))
    assert log.prune(dt.datetime.now(dt.UTC) + dt.timedelta(days=1)) == 3
    assert log.append("decision", "r3", _decision(CITY)) == 4
    assert log.append("decision", "r4", _decision(TOWN)) == 5
    assert _rows(db, CITY)[0].chain_seq == 4
    assert log.verify().ok


# ---------------------------------------------------------------- workers at once


def _check_chains(db: Database, log: AuditLog, expected_records: int) -> None:
    rows = _rows(db)
    assert len(rows) == expected_records
    numbers: dict[str, list[int]] = {}
    for r in sorted(rows, key=lambda r: r.seq):
        numbers.setdefault(r.chain, []).append(r.chain_seq)
    for chain, seen in numbers.items():
        # No gap, no number twice, and a chain's records in the order of their seq.
        assert seen == list(range(1, len(seen) + 1)), chain
    chain_of = {r.request_id: r.chain for r in rows if r.kind == "decision"}
    assert all(r.chain == chain_of[r.request_id] for r in rows if r.kind == "outcome")
    assert set(numbers) == set(MUNICIPALITIES)
    result = log.verify()
    assert result.ok, result
    assert Counter({c.chain: c.checked for c in result.chains}) == Counter(
        {chain: len(seen) for chain, seen in numbers.items()}
    )


def test_four_processes_write_several_chains_at_once(db: Database) -> None:
    """Each process its own engine and AuditLog; all begin at once on chains that do not
    exist yet (so they also race to create each chain's head)."""
    workers, n = 4, 40
    ctx = multiprocessing.get_context("spawn")
    start = ctx.Barrier(workers)
    procs = [
        ctx.Process(target=append_many, args=(db.url, KEY, w, n, start)) for w in range(workers)
    ]
    for p in procs:
        p.start()
    for p in procs:
        p.join(timeout=180)
    assert [p.exitcode for p in procs] == [0] * workers
    _check_chains(db, AuditLog(db, KEY), workers * n * 2)


def test_four_threads_write_several_chains_at_once(db: Database) -> None:
    log = AuditLog(db, KEY)
    workers, n = 4, 40
    start = threading.Barrier(workers)
    threads = [threading.Thread(target=_in_thread, args=(log, w, n, start)) for w in range(workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=180)
    _check_chains(db, log, workers * n * 2)


def _in_thread(log: AuditLog, worker: int, n: int, start: threading.Barrier) -> None:
    start.wait()
    for i in range(n):
        municipality = MUNICIPALITIES[(worker + i) % len(MUNICIPALITIES)]
        log.append("decision", f"t{worker}-{i}", _decision(municipality))
        log.append("outcome", f"t{worker}-{i}", {"status": 200})


# ---------------------------------------------------------------- migration 0010


def _alembic(db: Database, revision: str, *, down: bool = False) -> None:
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option(
        "script_location", str(resources.files("hinagata.store").joinpath("migrations"))
    )
    cfg.set_main_option("sqlalchemy.url", db.url.replace("%", "%%"))
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        (command.downgrade if down else command.upgrade)(cfg, revision)


_OLD_RECORDS = sa.table(
    "audit_records",
    *(sa.column(c) for c in ("seq", "kind", "request_id", "prev_hash", "hash")),
    *(sa.column(c) for c in ("municipality", "department", "verdict", "user_login")),
    sa.column("ts", sa.DateTime(timezone=True)),
    sa.column("data", sa.JSON),
)
_OLD_CLAUSES = sa.table(
    "audit_clauses",
    *(sa.column(c) for c in ("seq", "municipality", "department", "clause")),
    sa.column("ts", sa.DateTime(timezone=True)),
)


def _old_append(
    conn: sa.Connection, seq: int, prev: str, kind: str, data: dict[str, Any], version: int
) -> str:
    """What the code of revision 0008 (format 1) or 0009 (format 2) wrote: one chain, the
    single head row."""
    ts = DAY1 + dt.timedelta(minutes=seq)
    copies = derive_copies(kind, data, version)
    payload = _canonical(seq, ts, kind, f"old-{seq}", data, prev, version, copies)
    digest = hmac.new(KEY, payload, hashlib.sha256).hexdigest()
    values = {
        "seq": seq,
        "ts": ts,
        "kind": kind,
        "request_id": f"old-{seq}",
        "data": data,
        "prev_hash": prev,
        "hash": digest,
        "municipality": copies.municipality,
        "department": copies.department,
        "verdict": copies.verdict,
        "user_login": copies.user_login,
    }
    conn.execute(_OLD_RECORDS.insert().values(**values))
    if version == 2:
        conn.execute(text("UPDATE audit_records SET hash_version = 2 WHERE seq = :s"), {"s": seq})
    for c in copies.clauses:
        conn.execute(
            _OLD_CLAUSES.insert().values(
                seq=seq,
                ts=ts,
                municipality=copies.municipality,
                department=copies.department,
                clause=c,
            )
        )
    conn.execute(text("UPDATE audit_head SET seq = :s, hash = :h"), {"s": seq, "h": digest})
    return digest


_OLD = [
    ("decision", _decision(CITY), 1),
    ("outcome", {"status": 200}, 1),
    ("decision", _decision(TOWN, "deny"), 1),
    ("decision", _decision(CITY), 2),
    ("outcome", {"status": 200}, 2),
    ("decision", _decision(None), 2),
    ("decision", _decision(TOWN), 2),
    ("outcome", {"status": 403}, 2),
]
_FIRST_FORMAT_2 = 4


def _old_database(db: Database, *, retention: bool = True) -> dict[int, str]:
    """Records of formats 1 (before 0009) and 2 (at 0009) in the one chain, and a
    retention checkpoint of that time after the first two; returns each record's hash."""
    hashes: dict[int, str] = {}
    prev = "0" * 64
    _alembic(db, "0008")
    for seq, (kind, data, version) in enumerate(_OLD, start=1):
        if seq == _FIRST_FORMAT_2:
            _alembic(db, "0009")
        with db.engine.begin() as conn:
            prev = hashes[seq] = _old_append(conn, seq, prev, kind, data, version)
    if not retention:
        return hashes
    with db.engine.begin() as conn:  # what prune did at 0009
        mac = hmac.new(KEY, f"checkpoint:2:{hashes[2]}".encode(), hashlib.sha256).hexdigest()
        checkpoints = sa.table(
            "audit_checkpoints",
            *(sa.column(c) for c in ("seq", "hash", "mac")),
            sa.column("created_at", sa.DateTime(timezone=True)),
        )
        conn.execute(
            checkpoints.insert().values(
                seq=2, hash=hashes[2], mac=mac, created_at=DAY1 + dt.timedelta(days=1)
            )
        )
        conn.execute(text("DELETE FROM audit_clauses WHERE seq <= 2"))
        conn.execute(text("DELETE FROM audit_records WHERE seq <= 2"))
    return hashes


def test_upgrade_keeps_the_old_chain_as_the_start_of_the_platform_chain(fresh: Database) -> None:
    db = fresh
    hashes = _old_database(db)
    old_anchor = f"8:{hashes[8]}"  # `hinagata audit anchor` at 0009
    db.migrate()
    db.migrate()  # idempotent
    rows = _rows(db)
    assert [(r.seq, r.chain, r.chain_seq, r.hash_version) for r in rows] == [
        (3, PLATFORM, 3, 1),
        (4, PLATFORM, 4, 2),
        (5, PLATFORM, 5, 2),
        (6, PLATFORM, 6, 2),
        (7, PLATFORM, 7, 2),
        (8, PLATFORM, 8, 2),
    ]
    log = AuditLog(db, KEY)
    assert log.heads() == {PLATFORM: (8, hashes[8])}
    result = log.verify(old_anchor)
    assert result.ok and result.checked == 6, result
    # New records: format 3, in their municipality's chain (which starts at 1) or after
    # the old records in the platform chain; no seq is given again.
    assert log.append("decision", "new-1", _decision(CITY)) == 9
    assert log.append("outcome", "new-1", {"status": 200}) == 10
    assert log.append("outcome", "old-8", {"status": 200}) == 11  # its decision is old
    rows = _rows(db)
    assert [(r.seq, r.chain, r.chain_seq, r.hash_version) for r in rows[6:]] == [
        (9, CITY, 1, 3),
        (10, CITY, 2, 3),
        (11, PLATFORM, 9, 3),
    ]
    assert ensure_rollups(db, now=DAY1 + dt.timedelta(days=2)) >= 1
    result = log.verify(old_anchor)
    assert result.ok and result.checked == 9
    assert {c.chain: c.checked for c in result.chains} == {PLATFORM: 7, CITY: 2}
    assert log.verify(log.anchor()).ok


@pytest.mark.parametrize("where", ["other_chain", "other_place"])
def test_an_old_record_cannot_leave_its_place(fresh: Database, where: str) -> None:
    """Formats 1 and 2 cover no chain: they are valid only where the one chain was."""
    db = fresh
    hashes = _old_database(db, retention=False)
    db.migrate()
    log = AuditLog(db, KEY)
    with db.session() as s:
        if where == "other_chain":
            # The first three old records, links intact, made the start of 例示市's chain.
            s.execute(update(REC).where(REC.c.seq <= 3).values(chain=CITY))
            s.execute(sa.insert(HEAD).values(chain=CITY, seq=3, hash=hashes[3]))
        else:  # the newest numbered as if it came later in its own chain
            s.execute(update(REC).where(REC.c.seq == 8).values(chain_seq=9))
            s.execute(update(HEAD).where(HEAD.c.chain == PLATFORM).values(seq=9))
    result = log.verify()
    broken = {(c.chain, c.first_bad_seq, c.reason) for c in result.chains if not c.ok}
    if where == "other_chain":
        assert broken == {
            (CITY, 1, "record altered"),
            (PLATFORM, 1, "record 1 missing or out of order"),
        }
    else:
        assert broken == {(PLATFORM, 8, "record 8 missing or out of order")}


def test_downgrade_to_0009_only_while_there_is_one_chain_of_old_records(fresh: Database) -> None:
    db = fresh
    hashes = _old_database(db)
    db.migrate()
    _alembic(db, "0009", down=True)
    with db.read_conn() as conn:
        head = conn.execute(text("SELECT id, seq, hash FROM audit_head")).all()
        columns = {c["name"] for c in sa.inspect(conn).get_columns("audit_records")}
    assert [tuple(h) for h in head] == [(1, 8, hashes[8])]
    assert "chain" not in columns and "chain_seq" not in columns
    db.migrate()
    log = AuditLog(db, KEY)
    assert log.verify().ok
    log.append("decision", "new", _decision(CITY))
    with pytest.raises(RuntimeError, match="hash format 3"):
        _alembic(db, "0009", down=True)
    assert log.verify().ok


# ---------------------------------------------------------------- the command


@pytest.fixture
def cli_db(tmp_path: Path) -> Iterator[tuple[Database, Path]]:
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
    yield db, cfg
    db.dispose()


def _cli(*args: str) -> Any:
    from hinagata.cli import app

    return CliRunner().invoke(app, ["audit", *args])


def test_audit_verify_reports_every_chain(cli_db: tuple[Database, Path]) -> None:
    db, cfg = cli_db
    log = AuditLog(db, KEY)
    _fill(log)
    ok = _cli("verify", "--config", str(cfg))
    assert ok.exit_code == 0, ok.output
    assert "正常です / intact: 11 件（3 連鎖 / chains, head 11）" in ok.output
    assert "  例示市: 正常 / intact — 6 件, head 6" in ok.output
    assert "  （基盤・団体なし） / platform: 正常 / intact — 1 件, head 1" in ok.output
    one = _cli("verify", "--config", str(cfg), "--municipality", TOWN)
    assert one.exit_code == 0 and "例示町: 正常" in one.output and "例示市" not in one.output
    platform = _cli("verify", "--config", str(cfg), "--municipality", "")
    assert platform.exit_code == 0 and "intact: 1 件" in platform.output
    unknown = _cli("verify", "--config", str(cfg), "--municipality", "例示県")
    assert unknown.exit_code == 2 and "例示県" in unknown.output

    anchor = _cli("anchor", "--config", str(cfg)).output.strip()
    assert json.loads(anchor)[CITY].startswith("6:")
    town_anchor = _cli("anchor", "--config", str(cfg), "--municipality", TOWN).output.strip()
    assert town_anchor == json.loads(anchor)[TOWN]

    city4 = _seq_of(db, CITY, 4)
    with db.session() as s:
        s.execute(update(REC).where(REC.c.seq == city4).values(kind="decision"))
    bad = _cli("verify", "--config", str(cfg), "--anchor", anchor)
    assert bad.exit_code == 1
    assert "改ざんまたは欠落を検出しました / broken: 1 / 3 連鎖 / chains" in bad.output
    assert f"  例示市: 改ざんまたは欠落 / broken at record 4 (seq {city4}): record altered" in (
        bad.output
    )
    assert "例示町: 正常 / intact" in bad.output
    # The other chains still verify alone.
    assert _cli("verify", "--config", str(cfg), "--municipality", TOWN).exit_code == 0
    assert _cli("verify", "--config", str(cfg), "--anchor", "nonsense").exit_code == 2


def test_audit_prune_per_municipality(cli_db: tuple[Database, Path]) -> None:
    db, cfg = cli_db
    log = AuditLog(db, KEY)
    old = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
    log.append("decision", "o1", _decision(CITY), ts=old)
    log.append("decision", "o2", _decision(TOWN), ts=old)
    r = _cli("prune", "--config", str(cfg), "--days", "30", "--municipality", CITY)
    assert r.exit_code == 0 and "removed: 1" in r.output
    assert [row.chain for row in _rows(db)] == [TOWN]
    assert _cli("verify", "--config", str(cfg)).exit_code == 0


@pytest.mark.skipif(not PG_URL, reason="PostgreSQL not configured")
def test_postgresql_takes_seq_from_a_sequence(db: Database) -> None:
    if db.is_sqlite:
        pytest.skip("PostgreSQL only")
    log = AuditLog(db, KEY)
    log.append("decision", "a", _decision(CITY))
    # A write that fails after taking its number leaves a gap in seq, none in the chain.
    with pytest.raises(sa.exc.IntegrityError), db.write_conn() as conn:
        conn.execute(text("SELECT nextval('audit_record_seq')"))
        conn.execute(sa.insert(HEAD).values(chain=CITY, seq=0, hash=""))
    assert log.append("decision", "b", _decision(CITY)) == 3
    assert [r.chain_seq for r in _rows(db, CITY)] == [1, 2]
    assert log.verify().ok
