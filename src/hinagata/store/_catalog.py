"""The case catalog's storage: add, search, export, import (deduplicated by uid)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, cast

from sqlalchemy import Table, insert, or_, select

from hinagata.catalog import CaseEntry, Concern
from hinagata.store._db import Database
from hinagata.store._models import CatalogCase

__all__ = ["Catalog"]


def _entry(r: Any) -> tuple[int, CaseEntry]:
    return r.id, CaseEntry(
        uid=r.uid,
        title=r.title,
        field=r.field,
        size_band=r.size_band,
        status=r.status,
        summary=r.summary,
        concerns=tuple(Concern(**c) for c in r.concerns or ()),
        services=tuple(r.services or ()),
        classes=tuple(r.classes or ()),
        municipality=r.municipality,
    )


class Catalog:
    def __init__(self, db: Database) -> None:
        self.db = db
        self._t = cast(Table, CatalogCase.__table__)

    def add(self, entry: CaseEntry, *, created_by: str = "", source_use_case: str = "") -> int:
        with self.db.write_conn() as conn:
            res = conn.execute(
                insert(self._t).values(
                    **entry.model_dump(mode="json"),
                    created_by=created_by,
                    source_use_case=source_use_case,
                    created_at=dt.datetime.now(dt.UTC),
                )
            )
            return int(res.inserted_primary_key[0])  # type: ignore[index]

    def get(self, case_id: int) -> tuple[int, CaseEntry] | None:
        with self.db.read_conn() as conn:
            row = conn.execute(select(self._t).where(self._t.c.id == case_id)).first()
        return _entry(row) if row is not None else None

    def search(
        self,
        *,
        q: str = "",
        field: str = "",
        size_band: str = "",
        status: str = "",
        limit: int = 1000,
    ) -> list[tuple[int, CaseEntry]]:
        query = select(self._t).order_by(self._t.c.id.desc())
        if field:
            query = query.where(self._t.c.field == field)
        if size_band:
            query = query.where(self._t.c.size_band == size_band)
        if status:
            query = query.where(self._t.c.status == status)
        if q:
            like = f"%{q}%"
            query = query.where(or_(self._t.c.title.like(like), self._t.c.summary.like(like)))
        with self.db.read_conn() as conn:
            rows = conn.execute(query.limit(limit)).all()
        return [_entry(r) for r in rows]

    def import_entries(
        self, entries: Sequence[CaseEntry], *, created_by: str = ""
    ) -> tuple[int, int]:
        """Add the cases whose uid is new, all in one transaction: (added, skipped)."""
        with self.db.read_conn() as conn:
            known = set(conn.execute(select(self._t.c.uid)).scalars())
        new = [e for e in entries if e.uid not in known]
        seen: set[str] = set()
        rows = []
        now = dt.datetime.now(dt.UTC)
        for e in new:
            if e.uid in seen:
                continue
            seen.add(e.uid)
            rows.append({**e.model_dump(mode="json"), "created_by": created_by,
                         "source_use_case": "", "created_at": now})  # fmt: skip
        if rows:
            with self.db.write_conn() as conn:
                conn.execute(insert(self._t), rows)
        return len(rows), len(entries) - len(rows)
