"""The training records (研修の記録): attempts at the quiz, in the database.

An attempt is opened with its seed and the course version it was drawn from, and closed
once with its score; the answers themselves are never stored. Reads of several people's
records take a :class:`~hinagata.store.Scope` like every other store of tenant data.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Table, and_, bindparam, desc, insert, select, update

from hinagata._csvsafe import cell
from hinagata.store import OPERATOR, Database, Scope
from hinagata.store._db import _aware
from hinagata.store._models import TrainingRecord, UserRow

__all__ = ["RECORD_COLUMNS", "Attempt", "TrainingRecords", "records_csv"]


@dataclass(frozen=True)
class Attempt:
    """One attempt at the quiz (open while ``completed_at`` is None)."""

    id: int
    municipality: str
    department: str
    login: str
    seed: int
    policy_version: str
    course_version: str
    chapters: dict[str, str]
    questions: int
    correct: int | None
    pass_mark: int
    passed: bool
    started_at: dt.datetime
    completed_at: dt.datetime | None
    expires_at: dt.datetime | None

    @property
    def open(self) -> bool:
        return self.completed_at is None

    @property
    def percent(self) -> int | None:
        if self.correct is None or not self.questions:
            return None
        return round(self.correct * 100 / self.questions)


def _attempt(row: Any) -> Attempt:
    started = _aware(row.started_at)
    assert started is not None
    return Attempt(
        row.id,
        row.municipality,
        row.department,
        row.login,
        row.seed,
        row.policy_version,
        row.course_version,
        dict(row.chapters or {}),
        row.questions,
        row.correct,
        row.pass_mark,
        bool(row.passed),
        started,
        _aware(row.completed_at),
        _aware(row.expires_at),
    )


class TrainingRecords:
    def __init__(self, db: Database) -> None:
        self.db = db
        self._t = cast(Table, TrainingRecord.__table__)
        t = self._t
        self._latest_passed = db.lookup(
            select(t)
            .where(
                t.c.municipality == bindparam("municipality"),
                t.c.login == bindparam("login"),
                t.c.passed.is_(True),
            )
            .order_by(desc(t.c.completed_at), desc(t.c.id))
        )  # a person's passed attempts are few: the newest is the first row
        u = cast(Table, UserRow.__table__)
        self._account = db.lookup(
            select(u.c.municipality, u.c.trained).where(u.c.login == bindparam("login"))
        )

    def start(
        self,
        *,
        municipality: str,
        department: str,
        login: str,
        policy_version: str,
        course_version: str,
        chapters: Mapping[str, str],
        questions: int,
        pass_mark: int,
        now: dt.datetime | None = None,
    ) -> Attempt:
        """A new attempt with a fresh random seed."""
        with self.db.write_conn() as conn:
            new_id = conn.execute(
                insert(self._t)
                .values(
                    municipality=municipality,
                    department=department,
                    login=login,
                    seed=secrets.randbelow(2**31 - 1),
                    policy_version=policy_version[:500],
                    course_version=course_version,
                    chapters=dict(chapters),
                    questions=questions,
                    pass_mark=pass_mark,
                    passed=False,
                    started_at=now or dt.datetime.now(dt.UTC),
                )
                .returning(self._t.c.id)
            ).scalar_one()
        found = self.get(int(new_id))
        assert found is not None
        return found

    def get(self, attempt_id: int) -> Attempt | None:
        with self.db.read_conn() as conn:
            row = conn.execute(select(self._t).where(self._t.c.id == attempt_id)).first()
        return _attempt(row) if row is not None else None

    def own(self, attempt_id: int, *, municipality: str, login: str) -> Attempt | None:
        """The attempt, only if it is ``login``'s in ``municipality`` (else None: to anyone
        else it does not exist)."""
        a = self.get(attempt_id)
        if a is None or a.login != login or a.municipality != municipality:
            return None
        return a

    def finish(
        self,
        attempt_id: int,
        *,
        login: str,
        municipality: str,
        correct: int,
        passed: bool,
        valid_days: int,
        now: dt.datetime | None = None,
    ) -> Attempt | None:
        """Close an open attempt of ``login`` with its score (once: None if it was closed
        already, or is not theirs)."""
        now = now or dt.datetime.now(dt.UTC)
        t = self._t
        with self.db.write_conn() as conn:
            done = conn.execute(
                update(t)
                .where(
                    and_(
                        t.c.id == attempt_id,
                        t.c.login == login,
                        t.c.municipality == municipality,
                        t.c.completed_at.is_(None),
                    )
                )
                .values(
                    correct=correct,
                    passed=passed,
                    completed_at=now,
                    expires_at=now + dt.timedelta(days=valid_days) if passed else None,
                )
            ).rowcount
        return self.get(attempt_id) if done == 1 else None

    def latest_passed(self, *, municipality: str, login: str) -> Attempt | None:
        """The latest passed attempt of ``login`` (read on every request, never cached)."""
        row = self._latest_passed.first(municipality=municipality, login=login)
        return _attempt(row) if row is not None else None

    def account_confirmed(self, login: str) -> tuple[str, bool] | None:
        """The municipality and the administrator's confirmation (``trained``) of the
        account ``login`` (None: no account; a key of its own then). Read on every
        request through a prepared statement (ADR 0024), never cached."""
        row = self._account.first(login=login)
        return (row.municipality, bool(row.trained)) if row is not None else None

    def completed(self, *, scope: Scope = OPERATOR, login: str | None = None) -> list[Attempt]:
        """The completed attempts in ``scope`` (one person's with ``login``), newest first."""
        t = self._t
        conds: list[Any] = [t.c.completed_at.is_not(None)]
        if login is not None:
            conds.append(t.c.login == login)
        with self.db.read_conn() as conn:
            rows = conn.execute(
                select(t)
                .where(scope.where(t, *conds))
                .order_by(desc(t.c.completed_at), desc(t.c.id))
            ).all()
        return [_attempt(r) for r in rows]


#: The CSV export's columns (the answers are not stored, so they are not exported).
RECORD_COLUMNS = (
    "login",
    "department",
    "municipality",
    "completed_at",
    "policy_version",
    "course_version",
    "correct",
    "questions",
    "percent",
    "pass_mark",
    "passed",
    "expires_at",
)


def records_csv(attempts: Iterable[Attempt]) -> str:
    """The completed attempts as CSV (UTF-8 with BOM for Excel); every cell made safe
    against spreadsheet formulas (:func:`hinagata._csvsafe.cell`)."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow(RECORD_COLUMNS)
    for a in attempts:
        w.writerow(
            [
                cell(v)
                for v in (
                    a.login,
                    a.department,
                    a.municipality,
                    a.completed_at.isoformat() if a.completed_at else "",
                    a.policy_version,
                    a.course_version,
                    a.correct,
                    a.questions,
                    a.percent,
                    a.pass_mark,
                    "yes" if a.passed else "no",
                    a.expires_at.isoformat() if a.expires_at else "",
                )
            ]
        )
    return "\ufeff" + out.getvalue()
