"""Reading the audit chain for a tenant: the dashboard's counts, audit search and export.

Every query takes the :class:`Scope` it reads for. Records are chosen by their indexed
copies (``municipality``, ``department``, ``verdict``, ``user_login``) and the daily
roll-ups, and shown only if the hashed record itself agrees (:meth:`AuditEntry.within`).
The dashboard counts finished days (Japan time) from the roll-ups and today live, one
GROUP BY per chart.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, cast

from sqlalchemy import Table, and_, func, or_, select

from hinagata.store._db import Database
from hinagata.store._entry import AuditEntry
from hinagata.store._models import AuditClause, AuditDaily, AuditDailyClause, AuditRecord
from hinagata.store._rollup import ensure_rollups, jst_day, jst_midnight
from hinagata.store._scope import Scope

__all__ = ["AuditCounts", "AuditSearch"]

_RECORDS = cast(Table, AuditRecord.__table__)
_CLAUSES = cast(Table, AuditClause.__table__)
_DAILY = cast(Table, AuditDaily.__table__)
_DAILY_CLAUSES = cast(Table, AuditDailyClause.__table__)
_EXPORT_BATCH = 2000


@dataclass
class AuditCounts:
    """Decisions in a period, by day (``YYYY-MM-DD``, Japan time), by verdict, by
    department and by cited clause ("" for none)."""

    per_day: dict[str, int] = field(default_factory=dict)
    verdicts: dict[str, int] = field(default_factory=dict)
    departments: dict[str, int] = field(default_factory=dict)
    clauses: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.verdicts.values())


def _add(target: dict[str, int], rows: Any) -> None:
    for key, n in rows:
        target[str(key or "")] = target.get(str(key or ""), 0) + int(n or 0)


def _grouped(col: Any, count: Any, where: Any) -> Any:
    return select(col, count).where(where).group_by(col)


def _in_period(
    t: Table, scope: Scope, since: dt.datetime, until: dt.datetime, *, decisions: bool
) -> Any:
    conds = [t.c.ts >= since, t.c.ts < until]
    if decisions:
        conds.append(t.c.kind == "decision")
    return scope.where(t, *conds)


class AuditSearch:
    """The audit chain as the dashboard, audit search and export read it."""

    #: Records on one page of the search.
    PAGE = 50

    def __init__(self, db: Database) -> None:
        self.db = db

    def counts(self, scope: Scope, days: int, *, now: dt.datetime | None = None) -> AuditCounts:
        """The decisions of ``scope`` in the last ``days`` days (Japan time): finished
        days from the daily roll-ups, today counted live."""
        db = self.db
        ensure_rollups(db)
        now = now or dt.datetime.now(dt.UTC)
        today = jst_day(now)
        since_day = (dt.date.fromisoformat(today) - dt.timedelta(days=days - 1)).isoformat()
        midnight = jst_midnight(today)
        d, dc, rec, cl = _DAILY, _DAILY_CLAUSES, _RECORDS, _CLAUSES
        end = now + dt.timedelta(days=1)
        out = AuditCounts()
        with db.read_conn() as conn:
            rolled = scope.where(d, d.c.day >= since_day)
            total = func.sum(d.c.n)
            _add(out.per_day, conn.execute(_grouped(d.c.day, total, rolled)))
            _add(out.verdicts, conn.execute(_grouped(d.c.verdict, total, rolled)))
            _add(out.departments, conn.execute(_grouped(d.c.department, total, rolled)))
            rolled_cl = scope.where(dc, dc.c.day >= since_day)
            _add(out.clauses, conn.execute(_grouped(dc.c.clause, func.sum(dc.c.n), rolled_cl)))
            live = _in_period(rec, scope, midnight, end, decisions=True)
            n_today = conn.execute(select(func.count()).where(live)).scalar_one()
            if n_today:
                out.per_day[today] = out.per_day.get(today, 0) + int(n_today)
            _add(out.verdicts, conn.execute(_grouped(rec.c.verdict, func.count(), live)))
            _add(out.departments, conn.execute(_grouped(rec.c.department, func.count(), live)))
            live_cl = _in_period(cl, scope, midnight, end, decisions=False)
            _add(out.clauses, conn.execute(_grouped(cl.c.clause, func.count(), live_cl)))
        return out

    def find(
        self,
        scope: Scope,
        since: dt.datetime,
        until: dt.datetime,
        *,
        verdict: str = "",
        user: str = "",
        department: str = "",
        page: int = 1,
    ) -> tuple[list[AuditEntry], bool]:
        """One page (:attr:`PAGE` records, the newest first) of the decisions of
        ``scope`` in the period, and whether there are more. ``department`` narrows
        only a scope that sees every department."""
        t = _RECORDS
        conds = [_in_period(t, scope, since, until, decisions=True)]
        if verdict:
            conds.append(t.c.verdict == verdict)
        if user:
            conds.append(t.c.user_login == user)
        if department and scope.department is None:
            conds.append(t.c.department == department)
        q = (
            select(t.c.seq, t.c.ts, t.c.kind, t.c.request_id, t.c.data)
            .where(and_(*conds))
            .order_by(t.c.seq.desc())
            .offset((page - 1) * self.PAGE)
            .limit(self.PAGE + 1)
        )
        with self.db.read_conn() as conn:
            rows = conn.execute(q).all()
        found = [AuditEntry.of_row(r) for r in rows[: self.PAGE]]
        return [e for e in found if e.within(scope)], len(rows) > self.PAGE

    def export(self, scope: Scope, since: dt.datetime, until: dt.datetime) -> Iterator[AuditEntry]:
        """Records of ``scope`` in the period, oldest first, read in batches.

        Decisions are chosen by their indexed copies *and* checked against the hashed
        record itself; outcomes (which name no municipality) follow the decision of the
        same request; any other kind (document checks) by its record's municipality."""
        t = _RECORDS
        period = [t.c.ts >= since, t.c.ts < until]
        decisions = scope.where(t, t.c.kind == "decision")
        if not scope.platform or scope.department is not None:
            period.append(
                or_(
                    decisions,
                    and_(
                        t.c.kind == "outcome",
                        t.c.request_id.in_(select(t.c.request_id).where(decisions, *period)),
                    ),
                    t.c.kind.notin_(("decision", "outcome")),
                )
            )
        last = 0
        while True:
            q = (
                select(
                    t.c.seq,
                    t.c.chain,
                    t.c.chain_seq,
                    t.c.ts,
                    t.c.kind,
                    t.c.request_id,
                    t.c.data,
                    t.c.hash,
                )
                .where(t.c.seq > last, *period)
                .order_by(t.c.seq)
                .limit(_EXPORT_BATCH)
            )
            with self.db.read_conn() as conn:
                rows = conn.execute(q).all()
            for r in rows:
                entry = AuditEntry.of_row(r)
                if entry.kind == "outcome" or entry.within(scope):
                    yield entry
            if len(rows) < _EXPORT_BATCH:
                return
            last = rows[-1].seq
