"""The review body's decision on a use case (審査) and the permission it may give (許可).

The rules, whatever face a review comes through:

* a decision is one of :data:`DECISIONS`; a conditional approval names its conditions,
  and every decision its rationale;
* every decision records the reviewer's risk sheet (:class:`SheetOutcome`): an answer
  for each perspective of :data:`hinagata.governance.RISK_QUESTIONS` (the applicant's
  preselected), the level they give, and notes — required where the reviewer answers
  differently from the applicant or the level is high; a use the sheet finds high-risk
  is approved only with conditions (条件付き承認: the mitigations it is approved on);
* only an approval (:data:`APPROVALS`) gives a permission, for a class of information
  the municipality's scheme knows, and until the end of its last day in UTC (23:59:59) —
  or with no end when none is given;
* the permission is the case's own: its service, municipality and department, noted
  with the case's code and title (:func:`grant_fields`).

:func:`check_review` applies them to what a reviewer entered and answers the review, or
the message for each field that breaks a rule. The store writes the decision and the
permission in one transaction (:meth:`hinagata.store.UseCases.record_review`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from hinagata.governance._usecases import RISK_QUESTIONS, risk_level

__all__ = [
    "ACTION_LABELS",
    "APPROVALS",
    "DECISIONS",
    "GrantTerms",
    "Review",
    "ReviewedCase",
    "SheetOutcome",
    "check_review",
    "expiry_of",
    "grant_fields",
]

#: The review body's decisions, as the pages name them.
DECISIONS = {
    "approved": "承認",
    "conditional": "条件付き承認",
    "returned": "差戻し",
    "rejected": "却下",
}
#: The decisions that approve a use case: only they may give a permission, and only an
#: approved case may become a published case of the catalog.
APPROVALS: tuple[str, ...] = ("approved", "conditional")
#: Every step of a case's history (申請, 再申請 and the decisions).
ACTION_LABELS = {"submitted": "申請", "resubmitted": "再申請", **DECISIONS}
#: When on its last day a permission ends (UTC).
_END_OF_DAY = dt.time(23, 59, 59)


@dataclass(frozen=True)
class GrantTerms:
    """What a permission allows beyond the case itself: up to ``max_class``, until
    ``expires_at`` (None: no end)."""

    max_class: str
    expires_at: dt.datetime | None = None


@dataclass(frozen=True)
class SheetOutcome:
    """The reviewer's risk sheet: an answer per perspective, the level they give, notes."""

    answers: dict[str, str]
    level: str
    notes: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"answers": dict(self.answers), "level": self.level, "notes": self.notes}


@dataclass(frozen=True)
class Review:
    """A decision that keeps the rules, with the permission it gives (if any) and the
    reviewer's risk sheet."""

    decision: str
    conditions: str = ""
    rationale: str = ""
    grant: GrantTerms | None = None
    sheet: SheetOutcome | None = None


class ReviewedCase(Protocol):
    """What a permission takes from the case it is given for."""

    @property
    def service(self) -> str: ...

    @property
    def municipality(self) -> str: ...

    @property
    def department(self) -> str: ...

    @property
    def code(self) -> str: ...

    @property
    def title(self) -> str: ...


def expiry_of(day: str) -> dt.datetime:
    """The end of a permission that runs through ``day`` (ISO date): its last second, UTC.

    >>> expiry_of("2027-03-31").isoformat()
    '2027-03-31T23:59:59+00:00'

    Raises ValueError for anything but an ISO date.
    """
    return dt.datetime.combine(dt.date.fromisoformat(day), _END_OF_DAY, tzinfo=dt.UTC)


def check_review(
    decision: str,
    conditions: str,
    rationale: str,
    *,
    class_names: Collection[str],
    grant: bool = False,
    max_class: str = "",
    expires: str = "",
    sheet: Mapping[str, str] | None = None,
    sheet_notes: str = "",
    applicant_answers: Mapping[str, str] | None = None,
) -> tuple[Review | None, dict[str, str]]:
    """The review a reviewer entered, checked against the rules: the review and no
    errors, or None and a message per field (``decision``, ``conditions``,
    ``rationale``, ``grant``, ``max_class``, ``expires``, ``sheet_<perspective>``,
    ``sheet_notes``).

    ``grant``: a permission is asked for, up to ``max_class`` (one of ``class_names``),
    through the day ``expires`` (ISO date; empty: no end). ``sheet``: the reviewer's
    answer per perspective (None: no sheet, for callers that record none — the CLI);
    ``applicant_answers``: what the applicant answered, to tell a changed answer.
    """
    errors: dict[str, str] = {}
    outcome: SheetOutcome | None = None
    if sheet is not None:
        answers = {k: str(sheet.get(k, "")) for k in RISK_QUESTIONS}
        for k, (_label, choices) in RISK_QUESTIONS.items():
            if answers[k] not in choices:
                errors[f"sheet_{k}"] = "審査委員としての判定を選んでください。"
        level = risk_level(answers)
        given = applicant_answers or {}
        changed = [k for k in RISK_QUESTIONS if answers[k] != given.get(k)]
        if not sheet_notes and (changed or level == "high"):
            errors["sheet_notes"] = (
                "申請者の回答と異なる判定をした観点、又は高リスクと判定した場合は、"
                "所見（理由と必要な対策）を書いてください。"
            )
        if level == "high" and decision == "approved":
            errors["decision"] = (
                "判定シートで高リスクとなる利用は、対策を条件として付した"
                "「条件付き承認」としてください。"
            )
        outcome = SheetOutcome(answers, level, sheet_notes)
    if decision not in DECISIONS:
        errors["decision"] = "審査の結果を選んでください。"
    if decision == "conditional" and not conditions:
        errors["conditions"] = "条件付き承認の場合は、条件を書いてください。"
    if not rationale:
        errors["rationale"] = "判断の理由を書いてください。"
    terms: GrantTerms | None = None
    if grant:
        if decision not in APPROVALS:
            errors["grant"] = "許可を与えられるのは、承認又は条件付き承認の場合だけです。"
        if max_class not in class_names:
            errors["max_class"] = "許可する情報の分類を選んでください。"
        expires_at = None
        if expires:
            try:
                expires_at = expiry_of(expires)
            except ValueError:
                errors["expires"] = "期限は 2027-03-31 のように書いてください。"
        terms = GrantTerms(max_class, expires_at)
    if errors:
        return None, errors
    return Review(decision, conditions, rationale, terms, outcome), {}


def grant_fields(case: ReviewedCase, terms: GrantTerms) -> dict[str, Any]:
    """The permission ``terms`` give, as stored for ``case``: its own service,
    municipality and department, noted with its code and title."""
    return {
        "service": case.service,
        "department": case.department,
        "municipality": case.municipality,
        "max_class": terms.max_class,
        "expires_at": terms.expires_at,
        "note": f"{case.code} {case.title}",
    }
