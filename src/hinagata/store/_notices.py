"""Notices to an account (お知らせ): a decision on its application, shown in the header
and on the home page until it is read, and the state of the e-mail sent for it.

A notice is written with the decision it announces (:meth:`UseCases.record_review`, one
transaction). Its recipient reads it (only they: :meth:`unread` and :meth:`mark_read`
take the login); an administrator sees the e-mails that could not be sent, within the
administrator's :class:`Scope` (:meth:`failed_mail`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Table, and_, func, select, update

from hinagata.governance import DECISIONS
from hinagata.store._db import Database, _aware
from hinagata.store._models import NoticeRow, UseCaseRow
from hinagata.store._scope import OPERATOR, Scope

__all__ = ["Notice", "Notices"]


@dataclass(frozen=True)
class Notice:
    id: int
    recipient: str
    municipality: str
    department: str
    use_case_id: int
    title: str
    decision: str
    created_at: dt.datetime
    read_at: dt.datetime | None
    mail: str
    mail_error: str

    @property
    def code(self) -> str:
        return f"UC-{self.use_case_id}"

    @property
    def decision_label(self) -> str:
        """The decision as the pages name it (承認, 条件付き承認, 差戻し, 却下)."""
        return DECISIONS.get(self.decision, self.decision)


class Notices:
    def __init__(self, db: Database) -> None:
        self.db = db
        self._t = cast(Table, NoticeRow.__table__)
        self._uc = cast(Table, UseCaseRow.__table__)

    def _select(self) -> Any:
        return select(self._t, self._uc.c.title).join(
            self._uc, self._uc.c.id == self._t.c.use_case_id
        )

    @staticmethod
    def _notice(r: Any) -> Notice:
        created = _aware(r.created_at)
        assert created is not None
        return Notice(
            r.id,
            r.recipient,
            r.municipality,
            r.department,
            r.use_case_id,
            r.title,
            r.decision,
            created,
            _aware(r.read_at),
            r.mail,
            r.mail_error,
        )

    def _mine(self, login: str, municipality: str) -> Any:
        """The recipient's own notices (its login, in its own municipality)."""
        return and_(self._t.c.recipient == login, self._t.c.municipality == municipality)

    def unread(self, login: str, municipality: str, *, limit: int = 20) -> list[Notice]:
        """The recipient's unread notices, newest first."""
        q = (
            self._select()
            .where(self._mine(login, municipality), self._t.c.read_at.is_(None))
            .order_by(self._t.c.id.desc())
            .limit(limit)
        )
        with self.db.read_conn() as conn:
            return [self._notice(r) for r in conn.execute(q).all()]

    def recent(self, login: str, municipality: str, *, limit: int = 100) -> list[Notice]:
        """The recipient's notices, read or not, newest first."""
        q = self._select().where(self._mine(login, municipality))
        with self.db.read_conn() as conn:
            rows = conn.execute(q.order_by(self._t.c.id.desc()).limit(limit)).all()
        return [self._notice(r) for r in rows]

    def for_case(self, use_case_id: int) -> list[Notice]:
        """Every notice of a case (the caller has checked the case is in its scope)."""
        q = self._select().where(self._t.c.use_case_id == use_case_id)
        with self.db.read_conn() as conn:
            return [self._notice(r) for r in conn.execute(q.order_by(self._t.c.id)).all()]

    def mark_read(self, login: str, municipality: str, *, use_case_id: int | None = None) -> int:
        """Mark the recipient's unread notices read (of one case, or all); how many."""
        conds = [self._mine(login, municipality), self._t.c.read_at.is_(None)]
        if use_case_id is not None:
            conds.append(self._t.c.use_case_id == use_case_id)
        with self.db.write_conn() as conn:
            res = conn.execute(
                update(self._t).where(*conds).values(read_at=dt.datetime.now(dt.UTC))
            )
            return int(res.rowcount or 0)

    def set_mail(self, notice_id: int, status: str, error: str = "") -> None:
        """The outcome of the notice's e-mail: "sent", or "failed" with the reason."""
        with self.db.write_conn() as conn:
            conn.execute(
                update(self._t)
                .where(self._t.c.id == notice_id)
                .values(mail=status, mail_error=error[:1000])
            )

    def failed_mail(self, *, scope: Scope = OPERATOR, limit: int = 200) -> list[Notice]:
        """The notices of ``scope`` whose e-mail could not be sent, newest first."""
        q = self._select().where(scope.where(self._t, self._t.c.mail == "failed"))
        with self.db.read_conn() as conn:
            rows = conn.execute(q.order_by(self._t.c.id.desc()).limit(limit)).all()
        return [self._notice(r) for r in rows]

    def count_unread(self, login: str, municipality: str) -> int:
        q = select(func.count()).where(self._mine(login, municipality), self._t.c.read_at.is_(None))
        with self.db.read_conn() as conn:
            return int(conn.execute(q.select_from(self._t)).scalar_one())
