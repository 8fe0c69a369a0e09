"""The case catalog's storage (事例): add, search, export, import (deduplicated by uid).

The cases themselves and the exchange format are :mod:`hinagata.governance`'s.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, cast

from sqlalchemy import Table, insert, or_, select

from hinagata.governance import (
    STARTER_CREATOR,
    CaseEntry,
    CaseNorm,
    CaseSource,
    Concern,
    ForeignCase,
    starter_cases,
)
from hinagata.store._db import Database
from hinagata.store._models import CatalogCase

__all__ = ["CaseCatalog"]


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
        sources=tuple(CaseSource(**x) for x in r.sources or ()),
        norms=tuple(CaseNorm(**x) for x in r.norms or ()),
        fictional=bool(r.fictional),
    )


class CaseCatalog:
    """The published cases (事例) of this installation, shared by every municipality."""

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
        self,
        entries: Sequence[CaseEntry],
        *,
        created_by: str = "",
        municipality: str | None = None,
    ) -> tuple[int, int]:
        """Add the cases whose uid is new, all in one transaction: (added, skipped).

        ``municipality``: the importer's, on a shared platform. Every case added is then
        stored under it (a case without one gets it); a new case that names another
        municipality is refused (:class:`ForeignCase`, naming it) and nothing is added —
        one municipality cannot publish a case as another's. ``None`` (one municipality
        per installation): the file's municipality is kept, as exchanged between
        installations. The importer is recorded as the case's ``created_by``. A case under
        the uid of a case of the national starter set is skipped: only :meth:`seed_starter`
        adds those."""
        with self.db.read_conn() as conn:
            known = set(conn.execute(select(self._t.c.uid)).scalars())
        seen: set[str] = set()
        rows = []
        foreign: list[str] = []
        now = dt.datetime.now(dt.UTC)
        # A file's case under a starter case's uid is skipped (only the shipped set seeds
        # it): imported first, it would take the uid for good, shown as the national case.
        starters = set() if created_by == STARTER_CREATOR else {e.uid for e in starter_cases()}
        for n, e in enumerate(entries, start=1):
            if e.uid in known or e.uid in seen or e.uid in starters:
                continue
            seen.add(e.uid)
            if municipality is not None:
                if e.municipality and e.municipality != municipality:
                    foreign.append(f"{n}件目「{e.title[:40]}」（{e.municipality[:40]}）")
                    continue
                e = e.model_copy(update={"municipality": municipality})
            rows.append({**e.model_dump(mode="json"), "created_by": created_by,
                         "source_use_case": "", "created_at": now})  # fmt: skip
        if foreign:
            raise ForeignCase(foreign)
        if rows:
            with self.db.write_conn() as conn:
                conn.execute(insert(self._t), rows)
        return len(rows), len(entries) - len(rows)

    def seed_starter(self) -> tuple[int, int]:
        """Add the national starter set (事例の初期セット) through the import path: a case
        whose uid is already here is skipped, so a second run adds nothing and no case a
        municipality published is changed. The cases belong to no municipality (shared by
        all). Returns (added, skipped)."""
        return self.import_entries(starter_cases(), created_by=STARTER_CREATOR, municipality=None)
