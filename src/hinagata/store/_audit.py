"""The tamper-evident audit log: chains of records, each keyed-hashed with the previous.

``hash[n] = HMAC(key, hash[n-1] ‖ canonical(record n))``. The key lives outside the
database (the gateway config's secret), so someone who can edit the table cannot rewrite
a chain consistently. There is one chain per municipality and one for the platform
(records that name no municipality; :mod:`hinagata.store._chains`): an append locks its
chain's head row only, so workers writing for different municipalities do not wait for
each other, and the records of one chain get consecutive numbers (``chain_seq``).
``seq`` is one increasing number over all chains, for listing. ``verify`` walks every
chain from its latest retention checkpoint; an anchor kept elsewhere (every chain's head)
also reveals records cut off the end. Records hold what was decided and by which clauses
— never the text or a personal value.

The searchable copies on each row (``municipality``, ``department``, ``verdict``,
``user_login``) and the cited-clause rows (``audit_clauses``) are derived from the record
(``data``) by :func:`derive_copies`; the dashboard, audit search and the daily roll-ups
read them. Hash format 2 (``hash_version``) covers them and the version as well:
``hash[n] = HMAC(key, hash[n-1] ‖ canonical(record n, version, copies))``; format 3
also covers the chain and the record's number in it. Format 1 (records written before
migration 0009) covers the record alone. For every format ``verify`` re-derives the
copies from the record and reports every row whose copies or clause rows disagree
(table, row, field), and recounts the rolled-up days (see
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
from contextlib import contextmanager, nullcontext
from typing import Any, cast

from sqlalchemy import Connection, Table, and_, delete, func, insert, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from hinagata._csvsafe import cell as csv_cell
from hinagata.store._append import appender
from hinagata.store._chains import (
    HASH_VERSION,
    NAME_WIDTH,
    PLATFORM,
    anchor_text,
    canonical,
    checkpoint_message,
)
from hinagata.store._db import Database
from hinagata.store._entry import GENESIS, AuditEntry, Copies, derive_copies
from hinagata.store._entry import canonical as _canonical
from hinagata.store._models import (
    AuditCheckpoint,
    AuditClause,
    AuditHead,
    AuditRecord,
    utcnow,
)
from hinagata.store._verify import ChainResult, Mismatch, Verifier, VerifyResult, chain_names

__all__ = [
    "AUDIT_COLUMNS",
    "HASH_VERSION",
    "PLATFORM",
    "AuditEntry",
    "AuditLog",
    "ChainResult",
    "Copies",
    "Mismatch",
    "VerifyResult",
    "_canonical",
    "audit_csv",
    "derive_copies",
]

_RECORDS = cast(Table, AuditRecord.__table__)
_CLAUSES = cast(Table, AuditClause.__table__)
_HEADS = cast(Table, AuditHead.__table__)
_CHECKPOINTS = cast(Table, AuditCheckpoint.__table__)

#: The columns of the audit CSV (``hinagata audit export --format csv`` and the admin
#: page's export). ``event`` and ``target``: an account or key event (kind ``account``:
#: ``account.reset`` of ``tanaka``).
AUDIT_COLUMNS = (
    "seq", "chain", "chain_seq", "ts", "ts_jst", "kind", "request_id", "user", "department", "municipality", "model",
    "service", "verdict", "class", "findings", "clauses", "policy_version", "policy_hash",
    "status", "latency_ms", "usage", "event", "target", "hash",
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
        # SQLite: one writer per process, so threads queue here instead of in SQLite's busy
        # handler, which sleeps in steps of up to 100 ms (across processes the database
        # serialises). PostgreSQL: none, writers of different chains go on at once.
        self._write_lock: threading.Lock | nullcontext[None] = (
            threading.Lock() if db.is_sqlite else nullcontext()
        )
        self._append = appender(db.engine.dialect)

    def _mac(self, payload: bytes) -> str:
        return hmac.new(self._key, payload, hashlib.sha256).hexdigest()

    def append(
        self,
        kind: str,
        request_id: str,
        data: Mapping[str, Any],
        *,
        ts: dt.datetime | None = None,
        chain: str | None = None,
    ) -> int:
        """Add a record; returns its ``seq``. Raises on any database error."""
        return self.write(AuditEntry(kind, request_id, data, ts=ts), chain=chain)

    def write(self, entry: AuditEntry, *, chain: str | None = None) -> int:
        """Add ``entry`` (at its ``ts``, else now) to its chain; returns its ``seq``.
        Raises on any database error.

        The chain is ``chain`` where given (``""``: the platform's); else the record's
        ``municipality`` where it is a string; else the chain of the latest record of the
        same request (an outcome names no municipality: it follows its decision); else
        the platform chain.
        """
        if chain is not None and (not isinstance(chain, str) or len(chain) > NAME_WIDTH):
            raise ValueError(f"a chain is a municipality id of at most {NAME_WIDTH} characters")
        kind, request_id, data = entry.kind, entry.request_id, entry.data
        when = (entry.ts or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
        copies = entry.copies(HASH_VERSION)
        with self._write_lock, self.db.write_conn() as conn:
            name = chain if chain is not None else self._chain_of(conn, entry)
            number, prev, seq = self._lock_head(conn, name)
            digest = self._mac(
                canonical(
                    seq, name, number, when, kind, request_id, data, prev, HASH_VERSION, copies
                )
            )
            row = (
                seq, name, number, when, kind, request_id, dict(data), prev, digest,
                HASH_VERSION, copies.municipality, copies.department, copies.verdict,
                copies.user_login,
            )  # fmt: skip
            self._append.add(conn, row, copies.clauses, (number, digest))
        return seq

    def _chain_of(self, conn: Connection, entry: AuditEntry) -> str:
        municipality = entry.data.get("municipality")
        if isinstance(municipality, str):
            return municipality[:NAME_WIDTH]
        # In the write transaction: a decision is committed before its outcome is written.
        earlier = conn.execute(
            select(_RECORDS.c.chain)
            .where(_RECORDS.c.request_id == entry.request_id)
            .order_by(_RECORDS.c.seq.desc())
            .limit(1)
        ).scalar_one_or_none()
        return earlier if earlier is not None else PLATFORM

    def _lock_head(self, conn: Connection, chain: str) -> tuple[int, str, int]:
        """Lock the chain's head until the transaction ends (created on first use); returns
        the new record's number in the chain, the hash it links to and its ``seq``
        (:meth:`hinagata.store._append.Appender.head`).

        Two writers creating the same chain at once: the insert of the second waits for
        the first's and does nothing, then it reads (and locks) the head the first left.
        """
        head = self._append.head(conn, chain)
        if head is None:
            new = (sqlite_insert if self.db.is_sqlite else pg_insert)(_HEADS)
            conn.execute(
                new.values(chain=chain, seq=0, hash="", record_seq=0).on_conflict_do_nothing(
                    index_elements=[_HEADS.c.chain]
                )
            )
            head = self._append.head(conn, chain)
            assert head is not None
        number, digest, seq = head
        return number + 1, digest or GENESIS, seq

    def heads(self) -> dict[str, tuple[int, str]]:
        """Every chain's head: its name, the number and hash of its newest record."""
        with self.db.read_conn() as conn:
            rows = conn.execute(select(_HEADS.c.chain, _HEADS.c.seq, _HEADS.c.hash)).all()
        return {r.chain: (int(r.seq), r.hash or GENESIS) for r in rows}

    def chains(self) -> list[str]:
        """The name of every chain (the platform's, ``""``, first)."""
        with self.db.read_conn() as conn:
            return chain_names(conn)

    def anchor(self, chain: str | None = None) -> str:
        """Every chain's head, to keep outside the database (see
        :func:`~hinagata.store._chains.anchor_text`); ``chain``'s alone as ``SEQ:HASH``."""
        heads = self.heads()
        if chain is None:
            return anchor_text(heads)
        seq, digest = heads.get(chain, (0, GENESIS))
        return f"{seq}:{digest}"

    def verify(self, anchor: str | None = None, *, chain: str | None = None) -> VerifyResult:
        """Check every chain (or ``chain`` alone) from its latest checkpoint to its head,
        the copies of each record (row and clause rows) and — for every chain — the daily
        roll-ups of the days since.

        A broken chain stops its walk (its first bad record is named) and the other chains
        are walked; disagreeing copies are collected and the walk goes on. A ``SEQ:HASH``
        anchor is ``chain``'s (else the platform chain's, as before chains existed).
        """
        with self._snapshot() as conn:
            return Verifier(self._mac, conn, anchor, chain).run()

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

    def prune(self, before: dt.datetime, *, chain: str | None = None) -> int:
        """Remove records older than ``before``, in every chain (or ``chain`` alone), each
        chain behind a keyed checkpoint; returns how many."""
        names = sorted(self.heads()) if chain is None else [chain]
        return sum(self._prune(name, before) for name in names)

    def _prune(self, chain: str, before: dt.datetime) -> int:
        with self._write_lock, self.db.write_conn() as conn:
            head = conn.execute(
                select(_HEADS.c.seq).where(_HEADS.c.chain == chain).with_for_update()
            ).one_or_none()
            if head is None:
                return 0
            mine = _RECORDS.c.chain == chain
            last = conn.execute(
                select(_RECORDS.c.chain_seq, _RECORDS.c.hash)
                .where(mine, _RECORDS.c.ts < before)
                .order_by(_RECORDS.c.chain_seq.desc())
                .limit(1)
            ).one_or_none()
            if last is None:
                return 0
            gone = and_(mine, _RECORDS.c.chain_seq <= last.chain_seq)
            count = conn.execute(
                select(func.count()).select_from(_RECORDS).where(gone)
            ).scalar_one()
            mac = self._mac(checkpoint_message(chain, last.chain_seq, last.hash))
            conn.execute(
                insert(_CHECKPOINTS).values(
                    chain=chain, seq=last.chain_seq, hash=last.hash, mac=mac, created_at=utcnow()
                )
            )
            conn.execute(
                delete(_CLAUSES).where(_CLAUSES.c.seq.in_(select(_RECORDS.c.seq).where(gone)))
            )
            conn.execute(delete(_RECORDS).where(gone))
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
