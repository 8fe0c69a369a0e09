"""A worker process that appends to several municipalities' audit chains (spawned by
tests/test_audit_chains.py: each process opens its own engine and AuditLog)."""

from __future__ import annotations

from typing import Any

from hinagata.store import AuditLog, Database

#: The chains the workers write to ("" names no municipality: the platform chain).
MUNICIPALITIES = ("例示市", "例示町", "例示村", "見本市", "")


def append_many(url: str, key: bytes, worker: int, n: int, start: Any) -> None:
    """``n`` requests, each a decision for one of :data:`MUNICIPALITIES` in turn and its
    outcome (which names no municipality), all workers beginning at once."""
    db = Database(url)
    log = AuditLog(db, key)
    start.wait()
    for i in range(n):
        municipality = MUNICIPALITIES[(worker + i) % len(MUNICIPALITIES)]
        rid = f"w{worker}-{i}"
        log.append(
            "decision",
            rid,
            {"verdict": "allow", "municipality": municipality, "user": f"u{worker}",
             "clauses": ["4.1"]},
        )  # fmt: skip
        log.append("outcome", rid, {"status": 200, "latency_ms": 1})
    db.dispose()
