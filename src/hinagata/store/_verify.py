"""``audit verify``: each chain from its latest checkpoint to its head, each record's
searchable copies (row and clause rows) and the daily roll-ups of the days since.

Every chain (one per municipality and the platform's, :mod:`hinagata.store._chains`) is
verified on its own: a broken chain stops its own walk, naming its first bad record (the
chain, the number in the chain and the record's ``seq``), and the other chains are still
walked. Disagreeing copies are collected and the walk goes on. The roll-ups count the
decisions of every chain, so they — and clause rows that belong to no record — are
checked only when every chain was walked to its head (not when one chain is verified
alone, nor when a chain is broken).
"""

from __future__ import annotations

import datetime as dt
import hmac
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field, replace
from typing import Any, cast

from sqlalchemy import Connection, Table, exists, select

from hinagata.store._chains import (
    PLATFORM,
    VERSIONS,
    canonical,
    chain_label,
    checkpoint_message,
    parse_anchor,
)
from hinagata.store._db import _aware
from hinagata.store._entry import GENESIS, AuditEntry, Copies
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

__all__ = ["ChainResult", "Mismatch", "Verifier", "VerifyResult", "chain_names", "parse_anchor"]

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
    #: The chain of the record (None: a roll-up, or a clause row of no record).
    chain: str | None = None

    def describe(self) -> str:
        return (
            f"{self.table} {self.row} {self.field}: 表 {self.stored!r} / 記録 {self.expected!r}"
            f" (row has {self.stored!r}, record says {self.expected!r})"
        )


@dataclass(frozen=True)
class ChainResult:
    """One chain's verification. Numbers in the chain (``chain_seq``) are ``*_seq``;
    a record's own ``seq`` (the row, as listed and exported) is ``*_record``."""

    chain: str
    ok: bool
    checked: int
    #: The number of the chain's newest record, as its head row says.
    head_seq: int
    #: The first bad place in the chain (a missing record has a number but no row).
    first_bad_seq: int | None = None
    first_bad_record: int | None = None
    reason: str = ""
    #: This chain's rows whose copies disagree with their records (as listed).
    mismatches: tuple[Mismatch, ...] = ()
    mismatch_count: int = 0
    #: The ``seq`` of the newest record checked (0: none).
    last_record: int = 0

    @property
    def chain_intact(self) -> bool:
        """The chain verified; at most copies disagree with it."""
        return self.ok or self.reason == _COPIES_DISAGREE

    @property
    def label(self) -> str:
        """The chain's name as people read it (:func:`~hinagata.store._chains.chain_label`)."""
        return chain_label(self.chain)


@dataclass(frozen=True)
class VerifyResult:
    """Every chain's verification (or one chain's), and the roll-ups.

    ``first_bad_seq``, ``reason`` and ``first_bad_chain`` are the first broken chain's
    (in the order of ``chains``), else the first chain's whose copies disagree."""

    ok: bool
    checked: int
    #: The ``seq`` of the newest record checked.
    head_seq: int
    first_bad_seq: int | None = None
    reason: str = ""
    #: Rows whose copies disagree with their records (at most 200 listed).
    mismatches: tuple[Mismatch, ...] = ()
    #: How many disagreements there are in all.
    mismatch_count: int = 0
    #: Each chain, the platform chain (``""``) first, then by name.
    chains: tuple[ChainResult, ...] = ()
    first_bad_chain: str | None = None
    first_bad_record: int | None = None
    #: Whether the roll-ups and the clause rows of no record were checked.
    complete: bool = True

    @property
    def chain_intact(self) -> bool:
        """Every chain verified; at most copies or roll-ups disagree with them."""
        return self.ok or self.reason == _COPIES_DISAGREE

    def chain(self, name: str) -> ChainResult | None:
        return next((c for c in self.chains if c.chain == name), None)


_RECORDS = cast(Table, AuditRecord.__table__)
_CLAUSES = cast(Table, AuditClause.__table__)
_HEADS = cast(Table, AuditHead.__table__)
_CHECKPOINTS = cast(Table, AuditCheckpoint.__table__)
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


def chain_names(conn: Connection) -> list[str]:
    """Every chain that has a head, a record or a checkpoint, the platform's first."""
    names = set(conn.execute(select(_HEADS.c.chain)).scalars())
    names.update(conn.execute(select(_RECORDS.c.chain).distinct()).scalars())
    names.update(conn.execute(select(_CHECKPOINTS.c.chain).distinct()).scalars())
    return sorted(names)


def _none_first(key: tuple[Any, ...]) -> tuple[str, ...]:
    return tuple("" if v is None else str(v) for v in key)


@dataclass
class Verifier:
    """One run of ``verify``: each chain (its links, then each record's copies), then the
    roll-ups. ``only``: verify that chain alone."""

    #: The chains' keyed hash.
    mac: Callable[[bytes], str]
    conn: Connection
    anchor: str | None
    only: str | None = None
    listed: list[Mismatch] = field(default_factory=list)
    count: int = 0
    #: Decisions and cited clauses per JST day and group, as the records say.
    daily: Counter[tuple[str, str | None, str | None, str | None]] = field(default_factory=Counter)
    daily_clauses: Counter[tuple[str, str | None, str | None, str]] = field(default_factory=Counter)
    #: Per chain cut by retention: the last day whose roll-ups can no longer be recounted.
    cutoffs: list[str] = field(default_factory=list)
    _chain: str | None = None

    def flag(self, m: Mismatch) -> None:
        self.count += 1
        if len(self.listed) < _MAX_LISTED:
            self.listed.append(replace(m, chain=self._chain))

    def run(self) -> VerifyResult:
        anchors = parse_anchor(self.anchor, self.only or PLATFORM) if self.anchor else {}
        chains = tuple(self._walk(name, anchors.get(name)) for name in self._names(anchors))
        complete = self.only is None
        checked = sum(c.checked for c in chains)
        newest = max((c.last_record for c in chains), default=0)
        broken = next((c for c in chains if not c.chain_intact), None)
        if broken is None and complete:
            self._chain = None
            self._orphans()
            self._rollups()
        first = broken or next((c for c in chains if not c.ok), None)
        if first is None and not self.count:
            return VerifyResult(True, checked, newest, chains=chains, complete=complete)
        return VerifyResult(
            False,
            checked,
            newest,
            first.first_bad_seq if first else None,
            broken.reason if broken else _COPIES_DISAGREE,
            tuple(self.listed),
            self.count,
            chains,
            first.chain if first else None,
            first.first_bad_record if first else None,
            complete,
        )

    def _names(self, anchors: dict[str, tuple[int, str]]) -> list[str]:
        """The chains to walk: ``only``, else every chain that has a head, a record or a
        checkpoint, or that the anchor names (a chain removed whole is one missing)."""
        if self.only is not None:
            return [self.only]
        return sorted(set(anchors) | set(chain_names(self.conn)))

    def _walk(self, chain: str, anchored: tuple[int, str] | None) -> ChainResult:
        """One chain from its latest checkpoint to its head."""
        conn, mac = self.conn, self.mac
        self._chain = chain
        listed_from, counted_from = len(self.listed), self.count
        cp = conn.execute(
            select(_CHECKPOINTS)
            .where(_CHECKPOINTS.c.chain == chain)
            .order_by(_CHECKPOINTS.c.id.desc())
            .limit(1)
        ).one_or_none()
        head = conn.execute(
            select(_HEADS.c.seq, _HEADS.c.hash).where(_HEADS.c.chain == chain)
        ).one_or_none()
        head_seq = int(head.seq) if head is not None else 0
        checked = last_record = 0
        first_copy: tuple[int, int] | None = None
        first_day: str | None = None

        def result(
            ok: bool, seq: int | None = None, reason: str = "", record: int | None = None
        ) -> ChainResult:
            count = self.count - counted_from
            if ok and count:
                ok, reason = False, _COPIES_DISAGREE
                seq, record = first_copy or (None, None)
            return ChainResult(
                chain,
                ok,
                checked,
                head_seq,
                seq,
                record,
                reason,
                tuple(self.listed[listed_from:]),
                count,
                last_record,
            )

        expected, prev = 1, GENESIS
        if cp is not None:
            if not hmac.compare_digest(cp.mac, mac(checkpoint_message(chain, cp.seq, cp.hash))):
                return result(False, cp.seq, "checkpoint altered")
            expected, prev = cp.seq + 1, cp.hash
        anchor_seq, anchor_hash = anchored if anchored is not None else (None, None)
        anchor_seen = anchor_seq is None or (cp is not None and anchor_seq <= cp.seq)
        with ExitStack() as streams:
            clause_rows = _Peek(
                iter(
                    streams.enter_context(
                        conn.execute(
                            select(_CLAUSES)
                            .join(_RECORDS, _RECORDS.c.seq == _CLAUSES.c.seq)
                            .where(_RECORDS.c.chain == chain)
                            .order_by(_CLAUSES.c.seq, _CLAUSES.c.id),
                            execution_options=_STREAM,
                        )
                    )
                )
            )
            records = streams.enter_context(
                conn.execute(
                    select(_RECORDS)
                    .where(_RECORDS.c.chain == chain)
                    .order_by(_RECORDS.c.chain_seq),
                    execution_options=_STREAM,
                )
            )
            for rec in records:
                n = rec.chain_seq
                if n != expected:
                    return result(False, expected, f"record {expected} missing or out of order")
                if rec.prev_hash != prev:
                    return result(False, n, "link to the previous record broken", rec.seq)
                version = rec.hash_version
                if version not in VERSIONS:
                    return result(False, n, f"unknown hash format {version!r}", rec.seq)
                # Formats 1 and 2 cover no chain: such a record is valid only where the
                # records written before chains existed are (see _chains).
                if version < 3 and (chain != PLATFORM or rec.seq != n):
                    return result(False, n, "record altered", rec.seq)
                # A chain's records get increasing seqs (taken while its head is locked).
                if rec.seq <= last_record:
                    return result(False, n, f"record {n} out of order", rec.seq)
                entry = AuditEntry(rec.kind, rec.request_id, rec.data, rec.seq, _aware(rec.ts))
                ts = entry.ts
                assert ts is not None
                copies = entry.copies(version)
                digest = mac(
                    canonical(
                        rec.seq,
                        chain,
                        n,
                        ts,
                        rec.kind,
                        rec.request_id,
                        rec.data,
                        rec.prev_hash,
                        version,
                        copies,
                    )
                )
                if not hmac.compare_digest(digest, rec.hash):
                    return result(False, n, "record altered", rec.seq)
                if anchor_seq is not None and n == anchor_seq:
                    if rec.hash != anchor_hash:
                        return result(False, n, "anchor does not match", rec.seq)
                    anchor_seen = True
                before = self.count
                self._row(rec, copies)
                self._clause_rows(rec.seq, ts, copies, clause_rows)
                if self.count > before and first_copy is None:
                    first_copy = (n, rec.seq)
                self._count(ts, rec.kind, copies)
                first_day = first_day or jst_day(ts)
                prev, expected, last_record = rec.hash, n + 1, rec.seq
                checked += 1
            while (row := clause_rows.take()) is not None:
                self._orphan(row)
        if head is None and expected > 1:
            return result(False, expected, "chain head missing")
        if expected - 1 != head_seq or (head is not None and head_seq and head.hash != prev):
            return result(False, expected, "records missing at the end")
        if not anchor_seen:
            gone = head is None and cp is None
            return result(
                False,
                anchor_seq,
                "chain missing after the anchor" if gone else "records cut off after the anchor",
            )
        if cp is not None:
            created = _aware(cp.created_at)
            cutoff = first_day or (jst_day(created) if created else None)
            if cutoff:
                self.cutoffs.append(cutoff)
        return result(True)

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
        if kind != "decision":
            return
        day = jst_day(ts)
        self.daily[(day, copies.municipality, copies.department, copies.verdict)] += 1
        for c in copies.clauses:
            self.daily_clauses[(day, copies.municipality, copies.department, c)] += 1

    def _orphans(self) -> None:
        """Clause rows whose record is not there."""
        rows = self.conn.execute(
            select(_CLAUSES)
            .where(~exists().where(_RECORDS.c.seq == _CLAUSES.c.seq))
            .order_by(_CLAUSES.c.seq, _CLAUSES.c.id),
            execution_options=_STREAM,
        )
        for row in rows:
            self._orphan(row)

    def _rollups(self) -> None:
        """Each rolled-up day's counts against the records of that day.

        After retention (a checkpoint) the day of a chain's first remaining record and the
        days before it may have lost records, so their roll-ups are not checked (the
        latest such day of any chain).
        """
        conn = self.conn
        marks = set(conn.execute(select(cast(Table, AuditRollupDay.__table__).c.day)).scalars())
        cutoff = max(self.cutoffs, default=None)

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
