"""Governance of AI use (ガバナンス): use cases, their review and the permissions it gives,
and the catalog of published cases.

What is decided here, by pure rules on plain values (no database, no HTTP):

* a use case (利用申請): its fields and kinds, the risk sheet (the perspectives of the
  Digital Agency's 2025 high-risk assessment) and its level, and the pre-assessment (事前評価) — what the policy
  decides for each class of information it declares (:mod:`._usecases`);
* a review (審査): the decisions, what each needs, the reviewer's risk sheet recorded
  beside the pre-assessment, and the permission (許可) only an
  approval may give, until the end of its last day (:mod:`._review`);
* the case catalog (事例): a published case, its exchange as JSON or CSV, and a case
  drawn from an approved use case (:mod:`._cases`); the national starter set shipped
  as package data (:mod:`._starter`).

Where it is kept: :class:`hinagata.store.UseCases` (cases, history, reviews with the
permission they give, in one transaction), :class:`hinagata.store.Grants` (the
permissions, which the gateway enforces) and :class:`hinagata.store.CaseCatalog`. The
web pages render these and check only the shape of their forms.
"""

from hinagata.governance._cases import (
    CASE_STATUSES,
    FICTIONAL_LABEL,
    FORMAT,
    SIZE_BANDS,
    CaseEntry,
    CaseFileError,
    CaseNorm,
    CaseSource,
    Concern,
    ForeignCase,
    SourceCase,
    draft_from_use_case,
    from_csv,
    from_json,
    to_csv,
    to_json,
)
from hinagata.governance._review import (
    ACTION_LABELS,
    APPROVALS,
    DECISIONS,
    GrantTerms,
    Review,
    ReviewedCase,
    SheetOutcome,
    check_review,
    expiry_of,
    grant_fields,
)
from hinagata.governance._starter import (
    STARTER_CREATOR,
    check_starter,
    is_starter,
    starter_cases,
)
from hinagata.governance._usecases import (
    AI_KINDS,
    FIELDS,
    RISK_LABELS,
    RISK_QUESTIONS,
    RISK_SHEET_SOURCE,
    STATUSES,
    PreAssessment,
    pre_assess,
    risk_level,
    risky_answers,
)

__all__ = [
    "ACTION_LABELS",
    "AI_KINDS",
    "APPROVALS",
    "CASE_STATUSES",
    "DECISIONS",
    "FICTIONAL_LABEL",
    "FIELDS",
    "FORMAT",
    "RISK_LABELS",
    "RISK_QUESTIONS",
    "RISK_SHEET_SOURCE",
    "SIZE_BANDS",
    "STARTER_CREATOR",
    "STATUSES",
    "CaseEntry",
    "CaseFileError",
    "CaseNorm",
    "CaseSource",
    "Concern",
    "ForeignCase",
    "GrantTerms",
    "PreAssessment",
    "Review",
    "ReviewedCase",
    "SheetOutcome",
    "SourceCase",
    "check_review",
    "check_starter",
    "draft_from_use_case",
    "expiry_of",
    "from_csv",
    "from_json",
    "grant_fields",
    "is_starter",
    "pre_assess",
    "risk_level",
    "risky_answers",
    "starter_cases",
    "to_csv",
    "to_json",
]
