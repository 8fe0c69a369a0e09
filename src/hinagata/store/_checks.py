"""The record of each 入力前チェック (a text judged on the check page; nothing was sent).

One row per check: who (login, department, municipality), when, for which service, the
verdict, the information class, the finding types with their counts, the clauses cited
and the text's length — never the text or a found value. Where the policy keeps
transcripts, the text is in the transcript store under the row's ``request_id`` (with
the transcripts' own retention), and ``kept`` says so.

Read back two ways: a user's own history (:meth:`CheckRecords.mine`: the login *and* the
municipality, so an account of the same name elsewhere on a shared platform sees
nothing of it), and the dashboard's counts for a :class:`Scope`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, cast

from sqlalchemy import Table, func, insert, select

from hinagata.store._db import Database, _aware
from hinagata.store._models import CheckRecord
from hinagata.store._rollup import JST, jst_day, jst_midnight
from hinagata.store._scope import Scope

__all__ = ["CheckCounts", "CheckRecords", "CheckRow"]

_T = cast(Table, CheckRecord.__table__)


@dataclass(frozen=True)
class CheckRow:
    id: int
    ts: dt.datetime
    request_id: str
    municipality: str
    department: str
    user_login: str
    service: str
    verdict: str
    information_class: str
    findings: Mapping[str, int]
    clauses: tuple[str, ...]
    chars: int
    kept: bool


@dataclass
class CheckCounts:
    """Checks in a period: by day (``YYYY-MM-DD``, Japan time) and by verdict."""

    per_day: dict[str, int] = field(default_factory=dict)
    verdicts: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.verdicts.values())


def _row(r: Any) -> CheckRow:
    ts = _aware(r.ts)
    assert ts is not None
    findings = r.findings if isinstance(r.findings, dict) else {}
    return CheckRow(
        id=r.id,
        ts=ts,
        request_id=r.request_id,
        municipality=r.municipality,
        department=r.department,
        user_login=r.user_login,
        service=r.service,
        verdict=r.verdict,
        information_class=r.information_class,
        findings={str(k): int(v) for k, v in findings.items() if isinstance(v, int)},
        clauses=tuple(str(c) for c in r.clauses or ()),
        chars=int(r.chars or 0),
        kept=bool(r.kept),
    )


class CheckRecords:
    """The checks made on the check page (no text)."""

    #: Rows on one page of a user's history.
    PAGE = 50

    def __init__(self, db: Database) -> None:
        self.db = db

    def add(
        self,
        *,
        request_id: str,
        municipality: str,
        department: str,
        user_login: str,
        service: str,
        verdict: str,
        information_class: str = "",
        findings: Mapping[str, int] | None = None,
        clauses: Sequence[str] = (),
        chars: int = 0,
        kept: bool = False,
        ts: dt.datetime | None = None,
    ) -> int:
        with self.db.write_conn() as conn:
            res = conn.execute(
                insert(_T).values(
                    ts=(ts or dt.datetime.now(dt.UTC)).astimezone(dt.UTC),
                    request_id=request_id[:64],
                    municipality=municipality[:200],
                    department=department[:200],
                    user_login=user_login[:200],
                    service=service[:100],
                    verdict=verdict[:16],
                    information_class=information_class[:8],
                    findings=dict(sorted((findings or {}).items())),
                    clauses=[c[:40] for c in clauses],
                    chars=chars,
                    kept=kept,
                )
            )
            return int(res.inserted_primary_key[0])  # type: ignore[index]

    def mine(self, *, municipality: str, login: str, page: int = 1) -> tuple[list[CheckRow], bool]:
        """One page of the checks ``login`` of ``municipality`` made (newest first), and
        whether there are more. Only that account's own rows: the login and the
        municipality both match."""
        q = (
            select(_T)
            .where(_T.c.municipality == municipality, _T.c.user_login == login)
            .order_by(_T.c.ts.desc(), _T.c.id.desc())
            .offset((max(page, 1) - 1) * self.PAGE)
            .limit(self.PAGE + 1)
        )
        with self.db.read_conn() as conn:
            rows = conn.execute(q).all()
        found = [_row(r) for r in rows[: self.PAGE]]
        return [r for r in found if r.municipality == municipality and r.user_login == login], (
            len(rows) > self.PAGE
        )

    def counts(self, scope: Scope, days: int, *, now: dt.datetime | None = None) -> CheckCounts:
        """The checks of ``scope`` in the last ``days`` days (Japan time, today included)."""
        now = now or dt.datetime.now(dt.UTC)
        today = jst_day(now)
        first = (dt.date.fromisoformat(today) - dt.timedelta(days=days - 1)).isoformat()
        since = jst_midnight(first)
        where = scope.where(_T, _T.c.ts >= since)
        out = CheckCounts()
        with self.db.read_conn() as conn:
            for verdict, n in conn.execute(
                select(_T.c.verdict, func.count()).where(where).group_by(_T.c.verdict)
            ):
                out.verdicts[str(verdict)] = int(n)
            # Days in Japan time, counted here: the timestamps of the period only.
            for (ts,) in conn.execute(select(_T.c.ts).where(where)):
                aware = _aware(ts)
                if aware is not None:
                    day = aware.astimezone(JST).date().isoformat()
                    out.per_day[day] = out.per_day.get(day, 0) + 1
        return out
