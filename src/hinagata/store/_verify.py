"""``audit verify``: the chain from the latest checkpoint to the head, each record's
searchable copies (row and clause rows) and the daily roll-ups of the days since.

A broken chain stops the walk (the first bad record is named); disagreeing copies are
collected and the walk goes on.
"""

from __future__ import annotations

import datetime as dt
import hmac
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, cast

from sqlalchemy import Connection, Table, select

from hinagata.store._db import _aware
from hinagata.store._entry import GENESIS, VERSIONS, AuditEntry, Copies, canonical
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

__all__ = ["Mismatch", "Verifier", "VerifyResult", "parse_anchor"]

#: At most this many disagreements are listed (all are counted).
_MAX_LISTED = 200
_COPIES_DISAGREE = "copies disagree with their records"


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
class Verifier:
    """One walk of ``verify``: the chain, then each record's copies, then the roll-ups."""

    #: The chain's keyed hash.
    mac: Callable[[bytes], str]
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
        conn, mac = self.conn, self.mac
        cp_t, head_t = cast(Table, AuditCheckpoint.__table__), cast(Table, AuditHead.__table__)
        cp = conn.execute(select(cp_t).order_by(cp_t.c.id.desc()).limit(1)).one_or_none()
        head = conn.execute(select(head_t.c.seq, head_t.c.hash).where(head_t.c.id == 1)).one()
        self.head_seq = int(head.seq)
        expected_seq, prev = 1, GENESIS
        if cp is not None:
            if not hmac.compare_digest(cp.mac, mac(f"checkpoint:{cp.seq}:{cp.hash}".encode())):
                return self.result(False, cp.seq, "checkpoint altered")
            expected_seq, prev = cp.seq + 1, cp.hash
        anchor_seq, anchor_hash = parse_anchor(self.anchor) if self.anchor else (None, None)
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
            if version not in VERSIONS:
                return self.result(False, rec.seq, f"unknown hash format {version!r}")
            entry = AuditEntry(rec.kind, rec.request_id, rec.data, rec.seq, _aware(rec.ts))
            ts = entry.ts
            assert ts is not None
            copies = entry.copies(version)
            digest = mac(
                canonical(
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


def parse_anchor(anchor: str) -> tuple[int, str]:
    seq, _, digest = anchor.partition(":")
    if not seq.isdigit() or len(digest) != 64:
        raise ValueError("anchor must be SEQ:HASH as printed by `hinagata audit anchor`")
    return int(seq), digest
