"""Full prompts and answers, kept only where the policy asks (administrators only).

Never part of the audit chain: a transcript holds the raw text, so it lives in its own
table (or its own database, ``transcripts.database_url`` in the gateway config) with its
own retention, and is deleted when that runs out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Table, delete, insert, select, update

from hinagata.store._db import Database, _aware
from hinagata.store._models import Transcript

__all__ = ["TranscriptRecord", "Transcripts"]


@dataclass(frozen=True)
class TranscriptRecord:
    id: int
    request_id: str
    ts: dt.datetime
    user: str
    department: str
    municipality: str
    model: str
    prompt: str
    answer: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "request_id": self.request_id,
            "ts": self.ts.isoformat(),
            "user": self.user,
            "department": self.department,
            "municipality": self.municipality,
            "model": self.model,
            "prompt": self.prompt,
            "answer": self.answer,
        }


def _record(row: Any) -> TranscriptRecord:
    ts = _aware(row.ts)
    assert ts is not None
    return TranscriptRecord(
        row.id,
        row.request_id,
        ts,
        row.user,
        row.department,
        row.municipality,
        row.model,
        row.prompt,
        row.answer,
    )


class Transcripts:
    def __init__(self, db: Database) -> None:
        self.db = db
        self._t = cast(Table, Transcript.__table__)

    def add(
        self,
        request_id: str,
        *,
        user: str,
        department: str,
        municipality: str,
        model: str,
        prompt: str,
        ts: dt.datetime | None = None,
    ) -> None:
        with self.db.write_conn() as conn:
            conn.execute(
                insert(self._t).values(
                    request_id=request_id,
                    ts=ts or dt.datetime.now(dt.UTC),
                    user=user,
                    department=department,
                    municipality=municipality,
                    model=model,
                    prompt=prompt,
                    answer="",
                )
            )

    def set_answer(self, request_id: str, answer: str) -> None:
        with self.db.write_conn() as conn:
            conn.execute(
                update(self._t).where(self._t.c.request_id == request_id).values(answer=answer)
            )

    def list(
        self,
        *,
        municipality: str | None = None,
        since: dt.datetime | None = None,
        until: dt.datetime | None = None,
        limit: int | None = None,
    ) -> Iterator[TranscriptRecord]:
        q = select(self._t).order_by(self._t.c.id)
        if municipality is not None:
            q = q.where(self._t.c.municipality == municipality)
        if since is not None:
            q = q.where(self._t.c.ts >= since)
        if until is not None:
            q = q.where(self._t.c.ts < until)
        if limit is not None:
            q = q.limit(limit)
        with self.db.read_conn() as conn:
            rows = conn.execute(q).all()
        return (_record(r) for r in rows)

    def get(self, request_id: str) -> TranscriptRecord | None:
        with self.db.read_conn() as conn:
            row = conn.execute(select(self._t).where(self._t.c.request_id == request_id)).first()
        return _record(row) if row is not None else None

    def prune(
        self,
        retention_days: int,
        *,
        municipality: str | None = None,
        now: dt.datetime | None = None,
    ) -> int:
        """Delete transcripts older than ``retention_days``; returns how many."""
        cutoff = (now or dt.datetime.now(dt.UTC)) - dt.timedelta(days=retention_days)
        q = delete(self._t).where(self._t.c.ts < cutoff)
        if municipality is not None:
            q = q.where(self._t.c.municipality == municipality)
        with self.db.write_conn() as conn:
            return int(conn.execute(q).rowcount or 0)
