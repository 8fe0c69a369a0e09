"""Provenance of documents checked before RAG indexing (出典の記録).

A RAG pipeline asks the gateway to check a document before indexing it; the check is
recorded here — source, owner, hash, when, by whom, verdict, injection categories and
personal-information counts, never the text — so that an index can later show where
each passage came from and that it was checked (look it up by the document's hash).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Table, insert, select

from hinagata.store._db import Database, _aware
from hinagata.store._models import DocumentCheck
from hinagata.store._scope import Scope

__all__ = ["DocumentRecord", "Documents"]


@dataclass(frozen=True)
class DocumentRecord:
    id: int
    sha256: str
    source: str
    owner: str
    title: str
    filename: str
    checked_at: dt.datetime
    checked_by: str
    department: str
    municipality: str
    verdict: str
    chars: int
    injection: dict[str, Any]
    personal: dict[str, Any]
    rules_version: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "sha256": self.sha256,
            "source": self.source,
            "owner": self.owner,
            "title": self.title,
            "filename": self.filename,
            "checked_at": self.checked_at.isoformat(),
            "checked_by": self.checked_by,
            "department": self.department,
            "municipality": self.municipality,
            "verdict": self.verdict,
            "chars": self.chars,
            "injection": self.injection,
            "personal": self.personal,
            "rules_version": self.rules_version,
        }


def _record(row: Any) -> DocumentRecord:
    ts = _aware(row.checked_at)
    assert ts is not None
    return DocumentRecord(
        row.id,
        row.sha256,
        row.source,
        row.owner,
        row.title,
        row.filename,
        ts,
        row.checked_by,
        row.department,
        row.municipality,
        row.verdict,
        row.chars,
        dict(row.injection or {}),
        dict(row.personal or {}),
        row.rules_version,
    )


class Documents:
    def __init__(self, db: Database) -> None:
        self.db = db
        self._t = cast(Table, DocumentCheck.__table__)

    def add(self, **values: Any) -> DocumentRecord:
        values.setdefault("checked_at", dt.datetime.now(dt.UTC))
        with self.db.write_conn() as conn:
            result = conn.execute(insert(self._t).values(**values))
            new_id = int(result.inserted_primary_key[0])  # type: ignore[index]
        found = self.get(new_id)
        assert found is not None
        return found

    def get(self, record_id: int) -> DocumentRecord | None:
        with self.db.read_conn() as conn:
            row = conn.execute(select(self._t).where(self._t.c.id == record_id)).first()
        return _record(row) if row is not None else None

    def for_hash(
        self, sha256: str, *, municipality: str | None = None, scope: Scope | None = None
    ) -> list[DocumentRecord]:
        """Every check of the document with this hash, the latest first: those of
        ``scope`` (or of ``municipality``; neither: every check, for the operator)."""
        if scope is None:
            scope = Scope(municipality=municipality, department=None)
        q = select(self._t).where(scope.where(self._t, self._t.c.sha256 == sha256.lower()))
        with self.db.read_conn() as conn:
            rows = conn.execute(q.order_by(self._t.c.checked_at.desc(), self._t.c.id.desc())).all()
        return [_record(r) for r in rows]
