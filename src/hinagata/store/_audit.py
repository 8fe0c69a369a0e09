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
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any, cast

from sqlalchemy import Connection, Table, delete, func, insert, select, update

from hinagata._csvsafe import cell as csv_cell
from hinagata.store._db import Database
from hinagata.store._entry import GENESIS, HASH_VERSION, AuditEntry, Copies, derive_copies
from hinagata.store._entry import canonical as _canonical
from hinagata.store._models import AuditCheckpoint, AuditClause, AuditHead, AuditRecord
from hinagata.store._verify import Mismatch, Verifier, VerifyResult

__all__ = [
    "AUDIT_COLUMNS",
    "HASH_VERSION",
    "AuditEntry",
    "AuditLog",
    "Copies",
    "Mismatch",
    "VerifyResult",
    "_canonical",
    "audit_csv",
    "derive_copies",
]

#: The columns of the audit CSV (``hinagata audit export --format csv`` and the admin
#: page's export).
AUDIT_COLUMNS = (
    "seq", "ts", "kind", "request_id", "user", "department", "municipality", "model",
    "service", "verdict", "class", "findings", "clauses", "policy_version", "policy_hash",
    "status", "latency_ms", "usage", "hash",
)  # fmt: skip


def audit_csv(rows: Iterable[Mapping[str, Any]]) -> Iterator[str]:
    """CSV lines of exported records (:meth:`AuditEntry.row`), the header first: lists
    and objects as JSON, every cell escaped against spreadsheet formulas
    (:func:`hinagata._csvsafe.cell`)."""
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(AUDIT_COLUMNS)
    yield buf.getvalue()
    for r in rows:
        buf.seek(0)
        buf.truncate()
        writer.writerow(
            [
                csv_cell(json.dumps(v, ensure_ascii=False) if isinstance(v, dict | list) else v)
                for v in (r.get(k) for k in AUDIT_COLUMNS)
            ]
        )
        yield buf.getvalue()


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
        return self.write(AuditEntry(kind, request_id, data, ts=ts))

    def write(self, entry: AuditEntry) -> int:
        """Add ``entry`` (at its ``ts``, else now) to the chain; returns its sequence
        number. Raises on any database error."""
        kind, request_id, data = entry.kind, entry.request_id, entry.data
        when = (entry.ts or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
        head_t = cast(Table, AuditHead.__table__)
        rec_t = cast(Table, AuditRecord.__table__)
        with self._write_lock, self.db.write_conn() as conn:
            row = conn.execute(
                select(head_t.c.seq, head_t.c.hash).where(head_t.c.id == 1).with_for_update()
            ).one()
            seq = int(row.seq) + 1
            prev = row.hash or GENESIS
            copies = entry.copies(HASH_VERSION)
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
            return f"{head.seq}:{head.hash or GENESIS}"

    def verify(self, anchor: str | None = None) -> VerifyResult:
        """Check every record from the latest checkpoint to the head, the copies of each
        record (row and clause rows) and the daily roll-ups of the days since.

        A broken chain stops the walk (the first bad record is named); disagreeing
        copies are collected and the walk goes on.
        """
        with self._snapshot() as conn:
            return Verifier(self._mac, conn, anchor).run()

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

    def entries(
        self, start: dt.datetime | None = None, end: dt.datetime | None = None
    ) -> Iterator[AuditEntry]:
        """The records from ``start`` to before ``end``, oldest first."""
        with self.db.read() as s:
            q = select(AuditRecord).order_by(AuditRecord.seq)
            if start is not None:
                q = q.where(AuditRecord.ts >= start)
            if end is not None:
                q = q.where(AuditRecord.ts < end)
            rows = list(s.execute(q).scalars())
        for r in rows:
            yield AuditEntry.of_row(r)

    def records(
        self, start: dt.datetime | None = None, end: dt.datetime | None = None
    ) -> Iterator[dict[str, Any]]:
        """The records as exported (:meth:`AuditEntry.row`)."""
        for entry in self.entries(start, end):
            yield entry.row()

    def export(
        self, fmt: str, start: dt.datetime | None = None, end: dt.datetime | None = None
    ) -> Iterator[str]:
        """Records as JSON Lines or CSV (values already contain no personal data)."""
        rows = self.records(start, end)
        if fmt == "jsonl":
            for r in rows:
                yield json.dumps(r, ensure_ascii=False) + "\n"
            return
        yield from audit_csv(rows)
