"""The tamper-evident audit log: a chain of records, each keyed-hashed with the previous.

``hash[n] = HMAC(key, hash[n-1] ‖ canonical(record n))``. The key lives outside the
database (the gateway config's secret), so someone who can edit the table cannot rewrite
the chain consistently. Appends lock the single head row, so records from several
workers get consecutive sequence numbers. ``verify`` walks the chain from the latest
retention checkpoint; an anchor kept elsewhere also reveals records cut off the end.
Records hold what was decided and by which clauses — never the text or a personal value.

The searchable copies on each row (``municipality``, ``department``, ``verdict``,
``user_login``) and the cited-clause rows (``audit_clauses``) are derived from the record
(``data``) by :func:`derive_copies`; the dashboard, audit search and the daily roll-ups
read them. Hash format 2 (``hash_version``) covers them and the version as well:
``hash[n] = HMAC(key, hash[n-1] ‖ canonical(record n, version, copies))``. Format 1
(records written before migration 0009) covers the record alone. For both formats
``verify`` re-derives the copies from the record and reports every row whose copies or
clause rows disagree (table, row, field), and recounts the rolled-up days (see
:mod:`hinagata.store._rollup`) from the records.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import hmac
import io
import json
import threading
from collections import Counter
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, cast

from sqlalchemy import Connection, Table, delete, func, insert, select, update

from hinagata._csvsafe import cell as csv_cell
from hinagata.store._db import Database, _aware
from hinagata.store._models import (
    AuditCheckpoint,
    AuditClause,
    AuditDaily,
    AuditDailyClause,
    AuditHead,
    AuditRecord,
    AuditRollupDay,
)
from hinagata.store._rollup import jst_day

__all__ = ["HASH_VERSION", "AuditLog", "Copies", "Mismatch", "VerifyResult", "derive_copies"]

_GENESIS = "0" * 64

#: The hash format of new records (1: the record only; 2: also its copies and version).
HASH_VERSION = 2
_VERSIONS = (1, 2)
#: The column widths of the copies (format 2 cuts a longer value to fit, format 1 did not).
_WIDTH = {"municipality": 200, "department": 200, "verdict": 16, "user_login": 200}
_CLAUSE_WIDTH = 40
#: At most this many disagreements are listed (all are counted).
_MAX_LISTED = 200
_COPIES_DISAGREE = "copies disagree with their records"


@dataclass(frozen=True)
class Copies:
    """What a record's row and clause rows must hold beside the record itself."""

    municipality: str | None = None
    department: str | None = None
    verdict: str | None = None
    user_login: str | None = None
    clauses: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "municipality": self.municipality,
            "department": self.department,
            "verdict": self.verdict,
            "user_login": self.user_login,
            "clauses": list(self.clauses),
        }


def derive_copies(kind: str, data: Mapping[str, Any], version: int = HASH_VERSION) -> Copies:
    """The copies of a record, by the rule of hash format ``version``.

    Only decisions have copies. Format 1 copied the values as they were (and cut clause
    ids to 40 characters); format 2 keeps only strings, cut to the column widths, and
    only a list of clauses.

    >>> derive_copies("decision", {"verdict": "deny", "user": "u1", "clauses": ["4.2", 7]})
    Copies(municipality=None, department=None, verdict='deny', user_login='u1', clauses=('4.2',))
    >>> derive_copies("outcome", {"verdict": "deny"})
    Copies(municipality=None, department=None, verdict=None, user_login=None, clauses=())
    """
    if kind != "decision":
        return Copies()
    cited = data.get("clauses")
    if version == 1:
        return Copies(
            data.get("municipality"),
            data.get("department"),
            data.get("verdict"),
            data.get("user"),
            tuple(c[:_CLAUSE_WIDTH] for c in cited or () if isinstance(c, str)),
        )

    def text(key: str, column: str) -> str | None:
        value = data.get(key)
        return value[: _WIDTH[column]] if isinstance(value, str) else None

    return Copies(
        text("municipality", "municipality"),
        text("department", "department"),
        text("verdict", "verdict"),
        text("user", "user_login"),
        tuple(c[:_CLAUSE_WIDTH] for c in cited if isinstance(c, str))
        if isinstance(cited, list | tuple)
        else (),
    )


def _canonical(
    seq: int,
    ts: dt.datetime,
    kind: str,
    request_id: str,
    data: Mapping[str, Any],
    prev: str,
    version: int = 1,
    copies: Copies | None = None,
) -> bytes:
    body: dict[str, Any] = {
        "seq": seq,
        "ts": ts.astimezone(dt.UTC).isoformat(timespec="microseconds"),
        "kind": kind,
        "request_id": request_id,
        "data": data,
        "prev": prev,
    }
    if version >= 2:
        body["v"] = version
        body["copies"] = (copies or derive_copies(kind, data, version)).to_json()
    return json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode(
        "utf-8"
    )


@dataclass(frozen=True)
class Mismatch:
    """A row that disagrees with the hashed records it is derived from."""

    #: ``audit_records``, ``audit_clauses``, ``audit_daily`` or ``audit_daily_clauses``.
    table: str
    #: The row: a record's seq, a clause row's id, or a roll-up's day and group.
    row: str
    field: str
    #: What the row holds, and what the record says it must hold (None: no such row).
    stored: Any
    expected: Any
    seq: int | None = None

    def describe(self) -> str:
        return (
            f"{self.table} {self.row} {self.field}: 表 {self.stored!r} / 記録 {self.expected!r}"
            f" (row has {self.stored!r}, record says {self.expected!r})"
        )


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    checked: int
    head_seq: int
    first_bad_seq: int | None = None
    reason: str = ""
    #: Rows whose copies disagree with their records (at most 200 listed).
    mismatches: tuple[Mismatch, ...] = ()
    #: How many disagreements there are in all.
    mismatch_count: int = 0

    @property
    def chain_intact(self) -> bool:
        """The chain verified; at most copies or roll-ups disagree with it."""
        return self.ok or self.reason == _COPIES_DISAGREE


class AuditLog:
    def __init__(self, db: Database, key: bytes) -> None:
        if len(key) < 16:
            raise ValueError("audit key must be at least 16 bytes")
        self.db = db
        self._key = key
        # One writer per process: threads queue here instead of in SQLite's busy handler,
        # which sleeps in steps of up to 100 ms. Across processes the database serialises.
        self._write_lock = threading.Lock()

    def _mac(self, payload: bytes) -> str:
        return hmac.new(self._key, payload, hashlib.sha256).hexdigest()

    def append(
        self, kind: str, request_id: str, data: Mapping[str, Any], *, ts: dt.datetime | None = None
    ) -> int:
        """Add a record; returns its sequence number. Raises on any database error."""
        when = (ts or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
        head_t = cast(Table, AuditHead.__table__)
        rec_t = cast(Table, AuditRecord.__table__)
        with self._write_lock, self.db.write_conn() as conn:
            row = conn.execute(
                select(head_t.c.seq, head_t.c.hash).where(head_t.c.id == 1).with_for_update()
            ).one()
            seq = int(row.seq) + 1
            prev = row.hash or _GENESIS
            copies = derive_copies(kind, data, HASH_VERSION)
            digest = self._mac(
                _canonical(seq, when, kind, request_id, data, prev, HASH_VERSION, copies)
            )
            conn.execute(
                insert(rec_t).values(
                    seq=seq,
                    ts=when,
                    kind=kind,
                    request_id=request_id,
                    data=dict(data),
                    prev_hash=prev,
                    hash=digest,
                    hash_version=HASH_VERSION,
                    municipality=copies.municipality,
                    department=copies.department,
                    verdict=copies.verdict,
                    user_login=copies.user_login,
                )
            )
            if copies.clauses:
                clause_t = cast(Table, AuditClause.__table__)
                conn.execute(
                    insert(clause_t),
                    [
                        {
                            "seq": seq,
                            "ts": when,
                            "municipality": copies.municipality,
                            "department": copies.department,
                            "clause": c,
                        }
                        for c in copies.clauses
                    ],
                )
            conn.execute(update(head_t).where(head_t.c.id == 1).values(seq=seq, hash=digest))
        return seq

    def anchor(self) -> str:
        """``seq:hash`` of the newest record, to keep outside the database."""
        with self.db.read() as s:
            head = s.execute(select(AuditHead).where(AuditHead.id == 1)).scalar_one()
            return f"{head.seq}:{head.hash or _GENESIS}"

    def verify(self, anchor: str | None = None) -> VerifyResult:
        """Check every record from the latest checkpoint to the head, the copies of each
        record (row and clause rows) and the daily roll-ups of the days since.

        A broken chain stops the walk (the first bad record is named); disagreeing
        copies are collected and the walk goes on.
        """
        with self._snapshot() as conn:
            return _Verifier(self, conn, anchor).run()

    @contextmanager
    def _snapshot(self) -> Iterator[Connection]:
        """One consistent view of the audit tables while they are being appended to."""
        if self.db.is_sqlite:  # a WAL read transaction is a snapshot
            with self.db.read_conn() as conn:
                yield conn
            return
        with (
            self.db.engine.connect().execution_options(isolation_level="REPEATABLE READ") as conn,
            conn.begin(),
        ):
            yield conn

    def prune(self, before: dt.datetime) -> int:
        """Remove records older than ``before`` behind a keyed checkpoint; returns how many."""
        with self.db.session() as s:
            s.execute(select(AuditHead).where(AuditHead.id == 1).with_for_update()).scalar_one()
            last = s.execute(
                select(AuditRecord)
                .where(AuditRecord.ts < before)
                .order_by(AuditRecord.seq.desc())
                .limit(1)
            ).scalar_one_or_none()
            if last is None:
                return 0
            count = s.execute(
                select(func.count()).select_from(AuditRecord).where(AuditRecord.seq <= last.seq)
            ).scalar_one()
            mac = self._mac(f"checkpoint:{last.seq}:{last.hash}".encode())
            s.add(AuditCheckpoint(seq=last.seq, hash=last.hash, mac=mac))
            s.execute(delete(AuditRecord).where(AuditRecord.seq <= last.seq))
            s.execute(delete(AuditClause).where(AuditClause.seq <= last.seq))
            return int(count)

    def records(
        self, start: dt.datetime | None = None, end: dt.datetime | None = None
    ) -> Iterator[dict[str, Any]]:
        with self.db.read() as s:
            q = select(AuditRecord).order_by(AuditRecord.seq)
            if start is not None:
                q = q.where(AuditRecord.ts >= start)
            if end is not None:
                q = q.where(AuditRecord.ts < end)
            rows = list(s.execute(q).scalars())
        for r in rows:
            ts = _aware(r.ts)
            yield {
                "seq": r.seq,
                "ts": ts.isoformat() if ts else "",
                "kind": r.kind,
                "request_id": r.request_id,
                **r.data,
                "hash": r.hash,
            }

    def export(
        self, fmt: str, start: dt.datetime | None = None, end: dt.datetime | None = None
    ) -> Iterator[str]:
        """Records as JSON Lines or CSV (values already contain no personal data)."""
        rows = self.records(start, end)
        if fmt == "jsonl":
            for r in rows:
                yield json.dumps(r, ensure_ascii=False) + "\n"
            return
        columns = [
            "seq",
            "ts",
            "kind",
            "request_id",
            "user",
            "department",
            "municipality",
            "model",
            "service",
            "verdict",
            "class",
            "findings",
            "clauses",
            "policy_version",
            "policy_hash",
            "status",
            "latency_ms",
            "usage",
            "hash",
        ]
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        yield buf.getvalue()
        for r in rows:
            buf.seek(0)
            buf.truncate()
            writer.writerow(
                {
                    # Formula-looking cells are escaped (OWASP CSV injection).
                    k: csv_cell(
                        json.dumps(v, ensure_ascii=False) if isinstance(v, dict | list) else v
                    )
                    for k, v in r.items()
                }
            )
            yield buf.getvalue()


_RECORDS = cast(Table, AuditRecord.__table__)
_CLAUSES = cast(Table, AuditClause.__table__)
_STREAM = {"yield_per": 2000}


class _Peek:
    """An iterator over rows that can look one row ahead."""

    def __init__(self, rows: Iterator[Any]) -> None:
        self._rows = rows
        self._next: Any = next(rows, None)

    def peek(self) -> Any:
        return self._next

    def take(self) -> Any:
        row, self._next = self._next, next(self._rows, None)
        return row


def _none_first(key: tuple[Any, ...]) -> tuple[str, ...]:
    return tuple("" if v is None else str(v) for v in key)


@dataclass
class _Verifier:
    """One walk of ``verify``: the chain, then each record's copies, then the roll-ups."""

    log: AuditLog
    conn: Connection
    anchor: str | None
    listed: list[Mismatch] = field(default_factory=list)
    count: int = 0
    checked: int = 0
    head_seq: int = 0
    #: Decisions and cited clauses per JST day and group, as the records say.
    daily: Counter[tuple[str, str | None, str | None, str | None]] = field(default_factory=Counter)
    daily_clauses: Counter[tuple[str, str | None, str | None, str]] = field(default_factory=Counter)
    first_day: str | None = None

    def flag(self, m: Mismatch) -> None:
        self.count += 1
        if len(self.listed) < _MAX_LISTED:
            self.listed.append(m)

    def result(self, ok: bool, seq: int | None = None, reason: str = "") -> VerifyResult:
        return VerifyResult(
            ok, self.checked, self.head_seq, seq, reason, tuple(self.listed), self.count
        )

    def run(self) -> VerifyResult:
        conn, mac = self.conn, self.log._mac
        cp_t, head_t = cast(Table, AuditCheckpoint.__table__), cast(Table, AuditHead.__table__)
        cp = conn.execute(select(cp_t).order_by(cp_t.c.id.desc()).limit(1)).one_or_none()
        head = conn.execute(select(head_t.c.seq, head_t.c.hash).where(head_t.c.id == 1)).one()
        self.head_seq = int(head.seq)
        expected_seq, prev = 1, _GENESIS
        if cp is not None:
            if not hmac.compare_digest(cp.mac, mac(f"checkpoint:{cp.seq}:{cp.hash}".encode())):
                return self.result(False, cp.seq, "checkpoint altered")
            expected_seq, prev = cp.seq + 1, cp.hash
        anchor_seq, anchor_hash = _parse_anchor(self.anchor) if self.anchor else (None, None)
        anchor_seen = anchor_seq is None or (cp is not None and anchor_seq <= cp.seq)
        clause_rows = _Peek(
            iter(
                conn.execute(
                    select(_CLAUSES).order_by(_CLAUSES.c.seq, _CLAUSES.c.id),
                    execution_options=_STREAM,
                )
            )
        )
        records = conn.execute(select(_RECORDS).order_by(_RECORDS.c.seq), execution_options=_STREAM)
        for rec in records:
            if rec.seq != expected_seq:
                return self.result(
                    False, expected_seq, f"record {expected_seq} missing or out of order"
                )
            if rec.prev_hash != prev:
                return self.result(False, rec.seq, "link to the previous record broken")
            version = rec.hash_version
            if version not in _VERSIONS:
                return self.result(False, rec.seq, f"unknown hash format {version!r}")
            ts = _aware(rec.ts)
            assert ts is not None
            copies = derive_copies(rec.kind, rec.data, version)
            digest = mac(
                _canonical(
                    rec.seq, ts, rec.kind, rec.request_id, rec.data, rec.prev_hash, version, copies
                )
            )
            if not hmac.compare_digest(digest, rec.hash):
                return self.result(False, rec.seq, "record altered")
            if anchor_seq is not None and rec.seq == anchor_seq:
                if rec.hash != anchor_hash:
                    return self.result(False, rec.seq, "anchor does not match")
                anchor_seen = True
            self._row(rec, copies)
            self._clause_rows(rec.seq, ts, copies, clause_rows)
            self._count(ts, rec.kind, copies)
            prev = rec.hash
            expected_seq += 1
            self.checked += 1
        if expected_seq - 1 != head.seq or (head.seq and head.hash != prev):
            return self.result(False, expected_seq, "records missing at the end")
        if not anchor_seen:
            return self.result(False, anchor_seq, "records cut off after the anchor")
        while (row := clause_rows.take()) is not None:
            self._orphan(row)
        self._rollups(cp)
        if self.count:
            seqs = [m.seq for m in self.listed if m.seq is not None]
            return self.result(
                False,
                min(seqs) if seqs else None,
                _COPIES_DISAGREE,
            )
        return self.result(True)

    def _row(self, rec: Any, copies: Copies) -> None:
        for name in ("municipality", "department", "verdict", "user_login"):
            stored, expected = getattr(rec, name), getattr(copies, name)
            if stored != expected:
                self.flag(Mismatch("audit_records", str(rec.seq), name, stored, expected, rec.seq))

    def _orphan(self, row: Any) -> None:
        self.flag(Mismatch("audit_clauses", str(row.id), "seq", row.seq, None, row.seq))

    def _clause_rows(self, seq: int, ts: dt.datetime, copies: Copies, rows: _Peek) -> None:
        while rows.peek() is not None and rows.peek().seq < seq:
            self._orphan(rows.take())
        mine = []
        while rows.peek() is not None and rows.peek().seq == seq:
            mine.append(rows.take())
        wanted = list(copies.clauses)
        stray = []
        for row in mine:
            if row.clause in wanted:
                wanted.remove(row.clause)
                self._clause_row(row, ts, copies)
            else:
                stray.append(row)
        # A changed clause id pairs a stray row with a clause the record cites but no row holds.
        for i in range(max(len(stray), len(wanted))):
            row = stray[i] if i < len(stray) else None
            want = wanted[i] if i < len(wanted) else None
            if row is None:
                self.flag(Mismatch("audit_clauses", f"(seq {seq})", "clause", None, want, seq))
                continue
            self.flag(Mismatch("audit_clauses", str(row.id), "clause", row.clause, want, seq))
            if want is not None:
                self._clause_row(row, ts, copies)

    def _clause_row(self, row: Any, ts: dt.datetime, copies: Copies) -> None:
        for name in ("municipality", "department"):
            stored, expected = getattr(row, name), getattr(copies, name)
            if stored != expected:
                self.flag(Mismatch("audit_clauses", str(row.id), name, stored, expected, row.seq))
        row_ts = _aware(row.ts)
        if row_ts != ts:
            self.flag(
                Mismatch(
                    "audit_clauses",
                    str(row.id),
                    "ts",
                    row_ts.isoformat() if row_ts else None,
                    ts.isoformat(),
                    row.seq,
                )
            )

    def _count(self, ts: dt.datetime, kind: str, copies: Copies) -> None:
        day = jst_day(ts)
        if self.first_day is None:
            self.first_day = day
        if kind != "decision":
            return
        self.daily[(day, copies.municipality, copies.department, copies.verdict)] += 1
        for c in copies.clauses:
            self.daily_clauses[(day, copies.municipality, copies.department, c)] += 1

    def _rollups(self, cp: Any) -> None:
        """Each rolled-up day's counts against the records of that day.

        After retention (a checkpoint) the day of the first remaining record and the days
        before it may have lost records, so their roll-ups are not checked.
        """
        conn = self.conn
        marks = set(conn.execute(select(cast(Table, AuditRollupDay.__table__).c.day)).scalars())
        cutoff: str | None = None
        if cp is not None:
            created = _aware(cp.created_at)
            cutoff = self.first_day or (jst_day(created) if created else None)

        def checkable(day: str) -> bool:
            return cutoff is None or day > cutoff

        d = cast(Table, AuditDaily.__table__)
        dc = cast(Table, AuditDailyClause.__table__)
        tables: list[tuple[str, Table, str, Counter[Any]]] = [
            ("audit_daily", d, "verdict", self.daily),
            ("audit_daily_clauses", dc, "clause", self.daily_clauses),
        ]
        for name, t, last, counts in tables:
            stored: Counter[Any] = Counter()
            for day, muni, dept, key, n in conn.execute(
                select(t.c.day, t.c.municipality, t.c.department, t.c[last], t.c.n)
            ):
                if checkable(day):
                    stored[(day, muni, dept, key)] += int(n or 0)
            expected = Counter(
                {k: n for k, n in counts.items() if k[0] in marks and checkable(k[0])}
            )
            for k in sorted(set(stored) | set(expected), key=_none_first):
                if stored[k] != expected[k]:
                    day, muni, dept, key = k
                    self.flag(
                        Mismatch(name, f"{day} {muni}/{dept}/{key}", "n", stored[k], expected[k])
                    )


def _parse_anchor(anchor: str) -> tuple[int, str]:
    seq, _, digest = anchor.partition(":")
    if not seq.isdigit() or len(digest) != 64:
        raise ValueError("anchor must be SEQ:HASH as printed by `hinagata audit anchor`")
    return int(seq), digest
