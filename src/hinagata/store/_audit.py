"""The tamper-evident audit log: a chain of records, each keyed-hashed with the previous.

``hash[n] = HMAC(key, hash[n-1] ‖ canonical(record n))``. The key lives outside the
database (the gateway config's secret), so someone who can edit the table cannot rewrite
the chain consistently. Appends lock the single head row, so records from several
workers get consecutive sequence numbers. ``verify`` walks the chain from the latest
retention checkpoint; an anchor kept elsewhere also reveals records cut off the end.
Records hold what was decided and by which clauses — never the text or a personal value.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import hmac
import io
import json
import threading
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Table, delete, func, insert, select, update

from hinagata.store._db import Database, _aware
from hinagata.store._models import AuditCheckpoint, AuditClause, AuditHead, AuditRecord

__all__ = ["AuditLog", "VerifyResult"]

_GENESIS = "0" * 64


def _canonical(
    seq: int, ts: dt.datetime, kind: str, request_id: str, data: Mapping[str, Any], prev: str
) -> bytes:
    body = {
        "seq": seq,
        "ts": ts.astimezone(dt.UTC).isoformat(timespec="microseconds"),
        "kind": kind,
        "request_id": request_id,
        "data": data,
        "prev": prev,
    }
    return json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode(
        "utf-8"
    )


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    checked: int
    head_seq: int
    first_bad_seq: int | None = None
    reason: str = ""


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
            digest = self._mac(_canonical(seq, when, kind, request_id, data, prev))
            decision = kind == "decision"
            conn.execute(
                insert(rec_t).values(
                    seq=seq,
                    ts=when,
                    kind=kind,
                    request_id=request_id,
                    data=dict(data),
                    prev_hash=prev,
                    hash=digest,
                    municipality=data.get("municipality") if decision else None,
                    department=data.get("department") if decision else None,
                    verdict=data.get("verdict") if decision else None,
                    user_login=data.get("user") if decision else None,
                )
            )
            cited = [c for c in data.get("clauses") or () if isinstance(c, str)] if decision else []
            if cited:
                clause_t = cast(Table, AuditClause.__table__)
                conn.execute(
                    insert(clause_t),
                    [
                        {
                            "seq": seq,
                            "ts": when,
                            "municipality": data.get("municipality"),
                            "department": data.get("department"),
                            "clause": c[:40],
                        }
                        for c in cited
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
        """Check every record from the latest checkpoint to the head."""
        with self.db.read() as s:
            cp = s.execute(
                select(AuditCheckpoint).order_by(AuditCheckpoint.id.desc()).limit(1)
            ).scalar_one_or_none()
            head = s.execute(select(AuditHead).where(AuditHead.id == 1)).scalar_one()
            expected_seq, prev = 1, _GENESIS
            if cp is not None:
                if not hmac.compare_digest(
                    cp.mac, self._mac(f"checkpoint:{cp.seq}:{cp.hash}".encode())
                ):
                    return VerifyResult(False, 0, head.seq, cp.seq, "checkpoint altered")
                expected_seq, prev = cp.seq + 1, cp.hash
            checked = 0
            anchor_seq, anchor_hash = _parse_anchor(anchor) if anchor else (None, None)
            anchor_seen = anchor_seq is None or (cp is not None and anchor_seq <= cp.seq)
            for rec in s.execute(select(AuditRecord).order_by(AuditRecord.seq)).scalars():
                if rec.seq != expected_seq:
                    return VerifyResult(
                        False,
                        checked,
                        head.seq,
                        expected_seq,
                        f"record {expected_seq} missing or out of order",
                    )
                if rec.prev_hash != prev:
                    return VerifyResult(
                        False, checked, head.seq, rec.seq, "link to the previous record broken"
                    )
                ts = _aware(rec.ts)
                assert ts is not None
                digest = self._mac(
                    _canonical(rec.seq, ts, rec.kind, rec.request_id, rec.data, rec.prev_hash)
                )
                if not hmac.compare_digest(digest, rec.hash):
                    return VerifyResult(False, checked, head.seq, rec.seq, "record altered")
                if anchor_seq is not None and rec.seq == anchor_seq:
                    if rec.hash != anchor_hash:
                        return VerifyResult(
                            False, checked, head.seq, rec.seq, "anchor does not match"
                        )
                    anchor_seen = True
                prev = rec.hash
                expected_seq += 1
                checked += 1
            if expected_seq - 1 != head.seq or (head.seq and head.hash != prev):
                return VerifyResult(
                    False, checked, head.seq, expected_seq, "records missing at the end"
                )
            if not anchor_seen:
                return VerifyResult(
                    False, checked, head.seq, anchor_seq, "records cut off after the anchor"
                )
            return VerifyResult(True, checked, head.seq)

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
                    k: json.dumps(v, ensure_ascii=False) if isinstance(v, dict | list) else v
                    for k, v in r.items()
                }
            )
            yield buf.getvalue()


def _parse_anchor(anchor: str) -> tuple[int, str]:
    seq, _, digest = anchor.partition(":")
    if not seq.isdigit() or len(digest) != 64:
        raise ValueError("anchor must be SEQ:HASH as printed by `hinagata audit anchor`")
    return int(seq), digest
