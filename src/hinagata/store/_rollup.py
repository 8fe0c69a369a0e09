"""Daily roll-ups of the audit log (counts only) for the dashboard.

A day (Japan time) is rolled up once it is over: its decisions are counted by
municipality, department and verdict, its cited clauses by clause, and the day is marked
done. The dashboard then reads counts for finished days and counts today live, so a page
over a year of records reads a few hundred rows, not a hundred thousand. Two workers
rolling up the same day at once: the second one's marker insert fails and its transaction
(counts included) is rolled back.

What the roll-up trusts: the copy columns of ``audit_records`` (municipality, department,
verdict) and the ``audit_clauses`` rows as they are when the day is rolled up; it does
not read the hashed records. ``hinagata audit verify`` re-derives the copies from the
records and recounts every rolled-up day since the last retention checkpoint, so a copy
changed before its day was rolled up, a changed count, or counts for a day that was not
rolled up are reported (table ``audit_daily`` / ``audit_daily_clauses``, the day and
group, the stored and the recounted number). After ``audit prune`` the day of the first
remaining record and the days before it can no longer be recounted: their roll-ups are
kept for the dashboard but are not checked.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from sqlalchemy import Table, func, insert, literal, select
from sqlalchemy.exc import IntegrityError

from hinagata.store._db import Database
from hinagata.store._models import (
    AuditClause,
    AuditDaily,
    AuditDailyClause,
    AuditRecord,
    AuditRollupDay,
)

__all__ = ["JST", "ensure_rollups", "jst_day", "jst_midnight"]

JST = dt.timezone(dt.timedelta(hours=9), "JST")


def jst_day(ts: dt.datetime) -> str:
    return ts.astimezone(JST).strftime("%Y-%m-%d")


def jst_midnight(day: str) -> dt.datetime:
    """The start of ``day`` (Japan time) as an aware UTC datetime."""
    d = dt.date.fromisoformat(day)
    return dt.datetime(d.year, d.month, d.day, tzinfo=JST).astimezone(dt.UTC)


def ensure_rollups(db: Database, *, now: dt.datetime | None = None) -> int:
    """Roll up every finished day not yet rolled up; returns how many days were done."""
    rec = cast(Table, AuditRecord.__table__)
    today = jst_day(now or dt.datetime.now(dt.UTC))
    with db.read_conn() as conn:
        first = conn.execute(
            select(func.min(rec.c.ts)).where(rec.c.kind == "decision")
        ).scalar_one_or_none()
        if first is None:
            return 0
        if isinstance(first, str):  # SQLite without type information in aggregates
            first = dt.datetime.fromisoformat(first)
        if first.tzinfo is None:
            first = first.replace(tzinfo=dt.UTC)
        done = set(conn.execute(select(cast(Table, AuditRollupDay.__table__).c.day)).scalars())
    day = dt.date.fromisoformat(jst_day(first))
    end = dt.date.fromisoformat(today)
    count = 0
    while day < end:
        key = day.isoformat()
        if key not in done:
            count += _roll(db, key)
        day += dt.timedelta(days=1)
    return count


def _roll(db: Database, day: str) -> int:
    rec = cast(Table, AuditRecord.__table__)
    cl = cast(Table, AuditClause.__table__)
    daily = cast(Table, AuditDaily.__table__)
    daily_cl = cast(Table, AuditDailyClause.__table__)
    marks = cast(Table, AuditRollupDay.__table__)
    start = jst_midnight(day)
    end = start + dt.timedelta(days=1)
    try:
        with db.write_conn() as conn:
            conn.execute(insert(marks).values(day=day))
            counts: Any = (
                select(
                    literal(day),
                    rec.c.municipality,
                    rec.c.department,
                    rec.c.verdict,
                    func.count(),
                )
                .where(rec.c.kind == "decision", rec.c.ts >= start, rec.c.ts < end)
                .group_by(rec.c.municipality, rec.c.department, rec.c.verdict)
            )
            conn.execute(
                insert(daily).from_select(
                    ["day", "municipality", "department", "verdict", "n"], counts
                )
            )
            clauses: Any = (
                select(literal(day), cl.c.municipality, cl.c.department, cl.c.clause, func.count())
                .where(cl.c.ts >= start, cl.c.ts < end)
                .group_by(cl.c.municipality, cl.c.department, cl.c.clause)
            )
            conn.execute(
                insert(daily_cl).from_select(
                    ["day", "municipality", "department", "clause", "n"], clauses
                )
            )
    except IntegrityError:
        return 0  # another worker rolled this day up first
    return 1
