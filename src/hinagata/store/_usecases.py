"""The use-case registry and its history, with optimistic concurrency.

Every change names the version it was made against; a change against an older version
(two reviewers deciding the same case, an applicant editing while a reviewer decides) is
refused with :class:`Conflict`, so no update is ever lost silently. A review that grants a
permission writes the grant and the review in the same transaction, and with them the
notice to the applicant (:class:`hinagata.store.Notices`): a decision is never recorded
without its notice, and a notice never without its decision.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, cast

from sqlalchemy import Connection, Table, insert, select, update

from hinagata.governance import APPROVALS, DECISIONS
from hinagata.store._db import Database, _aware
from hinagata.store._models import GrantRow, NoticeRow, UseCaseReview, UseCaseRow
from hinagata.store._scope import OPERATOR, Scope

__all__ = ["EDITORS", "Conflict", "HistoryEntry", "UseCase", "UseCases", "may_edit"]

#: Roles that may correct a returned case someone else of their scope applied for
#: (利用管理者 for their department; CAIO・管理者 hold every role). Anyone else edits
#: only their own application.
EDITORS: tuple[str, ...] = ("usage_admin",)


class Conflict(RuntimeError):
    """The case changed since the version the change was made against."""


@dataclass(frozen=True)
class UseCase:
    id: int
    title: str
    municipality: str
    department: str
    field: str
    ai_kind: str
    classes: tuple[str, ...]
    service: str
    description: str
    risk_answers: dict[str, str]
    risk_level: str
    assessment: dict[str, Any]
    status: str
    applicant: str
    created_at: dt.datetime
    updated_at: dt.datetime
    version: int

    @property
    def code(self) -> str:
        """The id a grant and the gateway's ``x-hinagata-use-case`` header use."""
        return f"UC-{self.id}"


@dataclass(frozen=True)
class HistoryEntry:
    actor: str
    action: str
    conditions: str
    rationale: str
    grant_id: str | None
    created_at: dt.datetime
    #: The reviewer's risk sheet recorded with a decision ({} for other steps).
    sheet: dict[str, Any] = field(default_factory=dict)


def _case(r: Any) -> UseCase:
    created, updated = _aware(r.created_at), _aware(r.updated_at)
    assert created is not None and updated is not None
    return UseCase(
        r.id,
        r.title,
        r.municipality,
        r.department,
        r.field,
        r.ai_kind,
        tuple(r.classes or ()),
        r.service,
        r.description,
        dict(r.risk_answers or {}),
        r.risk_level,
        dict(r.assessment or {}),
        r.status,
        r.applicant,
        created,
        updated,
        r.version,
    )


def may_edit(scope: Scope, case: UseCase) -> bool:
    """Whether ``scope`` may correct and resubmit ``case`` once it is returned: its
    applicant, or an editor (:data:`EDITORS`) whose scope holds the case."""
    return scope.admits(case.municipality, case.department) and (
        case.applicant == scope.login or scope.has(*EDITORS)
    )


class UseCases:
    """Every read and change takes the :class:`Scope` it acts in (the CLI: the operator)."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._t = cast(Table, UseCaseRow.__table__)
        self._h = cast(Table, UseCaseReview.__table__)
        self._g = cast(Table, GrantRow.__table__)
        self._n = cast(Table, NoticeRow.__table__)

    def _record(
        self,
        conn: Connection,
        case_id: int,
        actor: str,
        action: str,
        when: dt.datetime,
        **review: Any,
    ) -> None:
        """A step of the case's history (申請, 再申請, a decision with its review)."""
        conn.execute(
            insert(self._h).values(
                use_case_id=case_id, actor=actor, action=action, created_at=when, **review
            )
        )

    def create(self, *, applicant: str, **fields: Any) -> UseCase:
        now = dt.datetime.now(dt.UTC)
        with self.db.write_conn() as conn:
            res = conn.execute(
                insert(self._t).values(
                    **fields,
                    applicant=applicant,
                    status="submitted",
                    created_at=now,
                    updated_at=now,
                    version=1,
                )
            )
            new_id = int(res.inserted_primary_key[0])  # type: ignore[index]
            self._record(conn, new_id, applicant, "submitted", now)
        found = self.get(new_id)
        assert found is not None
        return found

    def get(self, case_id: int, *, scope: Scope = OPERATOR) -> UseCase | None:
        """The case, or None if there is none in ``scope``."""
        with self.db.read_conn() as conn:
            row = conn.execute(
                select(self._t).where(scope.where(self._t, self._t.c.id == case_id))
            ).first()
        return _case(row) if row is not None else None

    def find(
        self,
        *,
        scope: Scope = OPERATOR,
        status: str | None = None,
        limit: int = 500,
    ) -> list[UseCase]:
        q = (
            select(self._t)
            .where(scope.where(self._t))
            .order_by(self._t.c.updated_at.desc(), self._t.c.id.desc())
        )
        if status is not None:
            q = q.where(self._t.c.status == status)
        with self.db.read_conn() as conn:
            rows = conn.execute(q.limit(limit)).all()
        return [_case(r) for r in rows]

    def history(self, case_id: int, *, scope: Scope = OPERATOR) -> list[HistoryEntry]:
        """The case's history (nothing for a case outside ``scope``)."""
        visible = select(self._t.c.id).where(scope.where(self._t, self._t.c.id == case_id))
        with self.db.read_conn() as conn:
            rows = conn.execute(
                select(self._h)
                .where(self._h.c.use_case_id == case_id, self._h.c.use_case_id.in_(visible))
                .order_by(self._h.c.id)
            ).all()
        out = []
        for r in rows:
            ts = _aware(r.created_at)
            assert ts is not None
            out.append(
                HistoryEntry(
                    r.actor,
                    r.action,
                    r.conditions,
                    r.rationale,
                    r.grant_id,
                    ts,
                    dict(r.sheet or {}),
                )
            )
        return out

    def resubmit(
        self, case_id: int, version: int, *, actor: str, scope: Scope = OPERATOR, **fields: Any
    ) -> UseCase:
        """The applicant's corrected case after 差戻し, back in the queue. Only the
        applicant, or an editor (:data:`EDITORS`) of the case's scope, may resubmit;
        anything else changes nothing and raises :class:`Conflict`."""
        now = dt.datetime.now(dt.UTC)
        conds = [
            self._t.c.id == case_id,
            self._t.c.version == version,
            self._t.c.status == "returned",
        ]
        if not scope.has(*EDITORS):
            conds.append(self._t.c.applicant == scope.login)
        with self.db.write_conn() as conn:
            res = conn.execute(
                update(self._t)
                .where(scope.where(self._t, *conds))
                .values(**fields, status="submitted", updated_at=now, version=version + 1)
            )
            if res.rowcount != 1:
                raise Conflict(case_id)
            self._record(conn, case_id, actor, "resubmitted", now)
        found = self.get(case_id)
        assert found is not None
        return found

    def record_review(
        self,
        case_id: int,
        version: int,
        *,
        reviewer: str,
        decision: str,
        conditions: str = "",
        rationale: str = "",
        grant: Mapping[str, Any] | None = None,
        sheet: Mapping[str, Any] | None = None,
        scope: Scope = OPERATOR,
    ) -> tuple[UseCase, str | None]:
        """Record the review body's decision (and the permission it grants) against
        ``version``, with the notice to the applicant; a case outside ``scope`` changes
        nothing and raises :class:`Conflict`. ``grant``: the permission's columns
        (:func:`hinagata.governance.grant_fields`), written only for an approval
        (:data:`hinagata.governance.APPROVALS`); ``sheet``: the reviewer's risk sheet
        (:meth:`hinagata.governance.SheetOutcome.to_dict`)."""
        if decision not in DECISIONS:
            raise ValueError(decision)
        now = dt.datetime.now(dt.UTC)
        grant_id = None
        with self.db.write_conn() as conn:
            res = conn.execute(
                update(self._t)
                .where(
                    scope.where(
                        self._t,
                        self._t.c.id == case_id,
                        self._t.c.version == version,
                        self._t.c.status == "submitted",
                    )
                )
                .values(status=decision, updated_at=now, version=version + 1)
            )
            if res.rowcount != 1:
                raise Conflict(case_id)
            if grant is not None and decision in APPROVALS:
                grant_id = "G-" + uuid.uuid4().hex[:12]
                conn.execute(
                    insert(self._g).values(
                        id=grant_id,
                        created_by=reviewer,
                        created_at=now,
                        use_case=f"UC-{case_id}",
                        **grant,
                    )
                )
            self._record(
                conn,
                case_id,
                reviewer,
                decision,
                now,
                conditions=conditions,
                rationale=rationale,
                grant_id=grant_id,
                sheet=dict(sheet) if sheet is not None else None,
            )
            row = conn.execute(select(self._t).where(self._t.c.id == case_id)).one()
            conn.execute(
                insert(self._n).values(
                    municipality=row.municipality,
                    department=row.department,
                    recipient=row.applicant,
                    use_case_id=case_id,
                    decision=decision,
                    created_at=now,
                )
            )
        found = self.get(case_id)
        assert found is not None
        return found, grant_id
