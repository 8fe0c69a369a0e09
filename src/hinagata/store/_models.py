"""Database tables (SQLAlchemy 2): API keys, grants, the audit chains, transcripts."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Boolean, DateTime, Index, Integer, LargeBinary, String, Text, false
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

__all__ = [
    "ApiKey",
    "AuditCheckpoint",
    "AuditClause",
    "AuditDaily",
    "AuditDailyClause",
    "AuditHead",
    "AuditRecord",
    "AuditRollupDay",
    "Base",
    "CatalogCase",
    "CheckRecord",
    "ConversationTurn",
    "DocumentCheck",
    "GrantRow",
    "KeyRequest",
    "TrainingRecord",
    "Transcript",
    "UseCaseReview",
    "UseCaseRow",
    "UserRow",
    "WebSession",
]


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Base(DeclarativeBase):
    pass


class ApiKey(Base):
    """A user's key to the gateway. Only a SHA-256 of the key is stored."""

    __tablename__ = "api_keys"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    key_hash: Mapped[str] = mapped_column(String(64), unique=True, index=True)
    prefix: Mapped[str] = mapped_column(String(16))
    user: Mapped[str] = mapped_column(String(200))
    department: Mapped[str] = mapped_column(String(200), default="")
    municipality: Mapped[str] = mapped_column(String(200), default="")
    roles: Mapped[list[Any]] = mapped_column(JSON, default=list)
    trained: Mapped[bool] = mapped_column(Boolean, default=False)
    note: Mapped[str] = mapped_column(String(500), default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class GrantRow(Base):
    """A review body's permission (POLICY_DEFAULTS §3), scoped and revocable."""

    __tablename__ = "grants"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    municipality: Mapped[str | None] = mapped_column(String(200), nullable=True)
    department: Mapped[str | None] = mapped_column(String(200), nullable=True)
    service: Mapped[str] = mapped_column(String(100))
    max_class: Mapped[str] = mapped_column(String(4), default="3C")
    use_case: Mapped[str | None] = mapped_column(String(200), nullable=True)
    expires_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    note: Mapped[str] = mapped_column(String(500), default="")
    created_by: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class AuditRecord(Base):
    """One link of an audit chain: a decision or an outcome, never a raw value."""

    __tablename__ = "audit_records"
    __table_args__ = (Index("ux_audit_records_chain_seq", "chain", "chain_seq", unique=True),)

    #: One increasing number over every chain, for listing (PostgreSQL: the sequence
    #: ``audit_record_seq``; it may skip a number a rolled-back write took).
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    #: The chain (the municipality; ``""`` the platform's) and the record's number in it,
    #: from 1 without gaps; hash format 3 covers both (see :mod:`hinagata.store._chains`).
    chain: Mapped[str] = mapped_column(String(200), default="", server_default="")
    chain_seq: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    ts: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    request_id: Mapped[str] = mapped_column(String(64), index=True)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    # Copies of a decision's fields for searching and counting without parsing JSON,
    # derived from ``data`` (the record). Hash format 1 covers ``data`` only; format 2
    # also covers these copies, the cited clauses (``audit_clauses``) and the version.
    # ``audit verify`` compares the copies with the record for both formats.
    hash_version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    municipality: Mapped[str | None] = mapped_column(String(200), nullable=True)
    department: Mapped[str | None] = mapped_column(String(200), nullable=True)
    verdict: Mapped[str | None] = mapped_column(String(16), nullable=True)
    user_login: Mapped[str | None] = mapped_column(String(200), nullable=True)


class AuditClause(Base):
    """The clauses a decision cited, one row each (for counting the most-cited ones):
    copies of the record's ``clauses`` with its ``ts``, municipality and department."""

    __tablename__ = "audit_clauses"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    seq: Mapped[int] = mapped_column(Integer, index=True)
    ts: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)
    municipality: Mapped[str | None] = mapped_column(String(200), nullable=True)
    department: Mapped[str | None] = mapped_column(String(200), nullable=True)
    clause: Mapped[str] = mapped_column(String(40))


class AuditHead(Base):
    """A chain's head, one row per chain: locked while a record is added to the chain."""

    __tablename__ = "audit_head"

    chain: Mapped[str] = mapped_column(String(200), primary_key=True)
    #: The number and hash of the chain's newest record (0 and ``""``: none yet).
    seq: Mapped[int] = mapped_column(Integer, default=0)
    hash: Mapped[str] = mapped_column(String(64), default="")
    #: The ``seq`` of that record: SQLite numbers on from the largest, even after
    #: retention removed every record (not verified: it only keeps numbers unique).
    record_seq: Mapped[int] = mapped_column(Integer, default=0)


class AuditCheckpoint(Base):
    """Where retention cut a chain: its records up to ``seq`` were removed, keyed by a MAC."""

    __tablename__ = "audit_checkpoints"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    chain: Mapped[str] = mapped_column(String(200), default="", server_default="")
    seq: Mapped[int] = mapped_column(Integer)
    hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    mac: Mapped[str] = mapped_column(String(64))


class Transcript(Base):
    """Full prompts and answers, kept only when the policy asks (administrators only)."""

    __tablename__ = "transcripts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    request_id: Mapped[str] = mapped_column(String(64), index=True)
    ts: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True, default=utcnow)
    user: Mapped[str] = mapped_column(String(200))
    prompt: Mapped[str] = mapped_column(Text)
    answer: Mapped[str] = mapped_column(Text, default="")
    municipality: Mapped[str] = mapped_column(String(200), default="", index=True)
    department: Mapped[str] = mapped_column(String(200), default="")
    model: Mapped[str] = mapped_column(String(200), default="")


class ConversationTurn(Base):
    """One turn of a Responses API conversation the upstream keeps (``previous_response_id``):
    the placeholder table and the turn's texts, sealed (AES-GCM, the conversation key of
    the config, bound to the id, municipality and user); deleted at ``expires_at``."""

    __tablename__ = "conversation_turns"

    response_id: Mapped[str] = mapped_column(String(200), primary_key=True)
    municipality: Mapped[str] = mapped_column(String(200), index=True)
    user_login: Mapped[str] = mapped_column(String(200))
    parent: Mapped[str | None] = mapped_column(String(200), nullable=True)
    #: The model route the turn went to (``GET /v1/responses/{id}`` asks the same upstream).
    model: Mapped[str] = mapped_column(String(200))
    request_id: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)
    sealed: Mapped[bytes] = mapped_column(LargeBinary)


class DocumentCheck(Base):
    """The provenance of a document a RAG pipeline checked before indexing it: where it
    came from, who owns it, its hash, when it was checked and the verdict. No text."""

    __tablename__ = "document_checks"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    source: Mapped[str] = mapped_column(String(2000), default="")
    owner: Mapped[str] = mapped_column(String(200), default="")
    title: Mapped[str] = mapped_column(String(500), default="")
    filename: Mapped[str] = mapped_column(String(500), default="")
    checked_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), index=True, default=utcnow
    )
    checked_by: Mapped[str] = mapped_column(String(200), default="")
    department: Mapped[str] = mapped_column(String(200), default="")
    municipality: Mapped[str] = mapped_column(String(200), default="", index=True)
    verdict: Mapped[str] = mapped_column(String(16))
    chars: Mapped[int] = mapped_column(Integer, default=0)
    injection: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    personal: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    rules_version: Mapped[str] = mapped_column(String(100), default="")


class UserRow(Base):
    """A person who signs in to the web application; the gateway's keys belong to one
    (``api_keys.user`` is the login). Passwords are stored as argon2id hashes only; an
    organisation's identity provider (OIDC) can set ``idp_subject`` instead."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    login: Mapped[str] = mapped_column(String(200), unique=True, index=True)
    display_name: Mapped[str] = mapped_column(String(200), default="")
    password_hash: Mapped[str] = mapped_column(String(300), default="")
    idp_subject: Mapped[str | None] = mapped_column(String(300), nullable=True, unique=True)
    department: Mapped[str] = mapped_column(String(200), default="")
    municipality: Mapped[str] = mapped_column(String(200), default="")
    roles: Mapped[list[Any]] = mapped_column(JSON, default=list)
    trained: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    disabled_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    #: The password was set by someone else (an administrator, first-run, a reset): the
    #: person must change it at the next sign-in before any other page works.
    must_change_password: Mapped[bool] = mapped_column(
        Boolean, default=False, server_default=false()
    )


class KeyRequest(Base):
    """A member of staff's request for an API key (POLICY_DEFAULTS §3): approved or
    rejected by the department's 利用管理者 or an administrator (never by the requester),
    then collected once by the requester (the key is made then and shown once)."""

    __tablename__ = "key_requests"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    municipality: Mapped[str] = mapped_column(String(200), default="", index=True)
    department: Mapped[str] = mapped_column(String(200), default="")
    requester: Mapped[str] = mapped_column(String(200), index=True)
    purpose: Mapped[str] = mapped_column(String(500))
    service: Mapped[str] = mapped_column(String(100))
    #: pending → approved → issued, or pending → rejected / withdrawn.
    status: Mapped[str] = mapped_column(String(20), index=True)
    decided_by: Mapped[str] = mapped_column(String(200), default="")
    reason: Mapped[str] = mapped_column(String(500), default="")
    key_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    decided_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class WebSession(Base):
    """A signed-in browser. Only a SHA-256 of the cookie's token is stored."""

    __tablename__ = "web_sessions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True, index=True)
    user_id: Mapped[int] = mapped_column(Integer, index=True)
    csrf: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    last_seen: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    ended_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class UseCaseRow(Base):
    """An AI use case brought to the review body (利用申請)."""

    __tablename__ = "use_cases"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    title: Mapped[str] = mapped_column(String(200))
    municipality: Mapped[str] = mapped_column(String(200), default="", index=True)
    department: Mapped[str] = mapped_column(String(200), default="", index=True)
    field: Mapped[str] = mapped_column(String(40))
    ai_kind: Mapped[str] = mapped_column(String(20))
    classes: Mapped[list[Any]] = mapped_column(JSON, default=list)
    service: Mapped[str] = mapped_column(String(100))
    description: Mapped[str] = mapped_column(Text, default="")
    risk_answers: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    risk_level: Mapped[str] = mapped_column(String(10))
    assessment: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    status: Mapped[str] = mapped_column(String(20), index=True)
    applicant: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    #: Bumped by every change: a change made against an older version is refused.
    version: Mapped[int] = mapped_column(Integer, default=1)


class UseCaseReview(Base):
    """One step in a use case's history: submitted, resubmitted, or a review decision."""

    __tablename__ = "use_case_reviews"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    use_case_id: Mapped[int] = mapped_column(Integer, index=True)
    actor: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(20))
    conditions: Mapped[str] = mapped_column(Text, default="")
    rationale: Mapped[str] = mapped_column(Text, default="")
    grant_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    #: The reviewer's risk sheet (answers, level, notes) recorded with a decision.
    sheet: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)


class NoticeRow(Base):
    """A notice to an account (お知らせ): a decision on its application, shown until read,
    and the state of its e-mail where SMTP is configured."""

    __tablename__ = "notices"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    municipality: Mapped[str] = mapped_column(String(200), default="", index=True)
    department: Mapped[str] = mapped_column(String(200), default="")
    recipient: Mapped[str] = mapped_column(String(200), index=True)
    use_case_id: Mapped[int] = mapped_column(Integer, index=True)
    decision: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    read_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    #: "" (no e-mail configured), "sent" or "failed".
    mail: Mapped[str] = mapped_column(String(10), default="")
    mail_error: Mapped[str] = mapped_column(Text, default="")


class CatalogCase(Base):
    """A published case for the catalog (事例), exchangeable between municipalities."""

    __tablename__ = "catalog_cases"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    #: Stable across exports and imports (a re-import updates nothing and adds nothing).
    uid: Mapped[str] = mapped_column(String(64), unique=True, index=True)
    title: Mapped[str] = mapped_column(String(200))
    field: Mapped[str] = mapped_column(String(40), index=True)
    size_band: Mapped[str] = mapped_column(String(20), index=True)
    status: Mapped[str] = mapped_column(String(20), index=True)
    summary: Mapped[str] = mapped_column(Text, default="")
    concerns: Mapped[list[Any]] = mapped_column(JSON, default=list)
    services: Mapped[list[Any]] = mapped_column(JSON, default=list)
    classes: Mapped[list[Any]] = mapped_column(JSON, default=list)
    municipality: Mapped[str] = mapped_column(String(200), default="")
    source_use_case: Mapped[str] = mapped_column(String(40), default="")
    created_by: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    #: The public reports the case was written from (title, publisher, date, URL).
    sources: Mapped[list[Any]] = mapped_column(JSON, default=list)
    #: The guideline's clauses the case meets, and how.
    norms: Mapped[list[Any]] = mapped_column(JSON, default=list)
    #: An invented example (「作成例（架空）」).
    fictional: Mapped[bool] = mapped_column(Boolean, default=False)


class CheckRecord(Base):
    """One 入力前チェック (a text judged on the check page, nothing sent): who, when, for
    which service, the verdict, the kinds of what was found and the clauses cited. Never
    the text or a found value; where the policy keeps transcripts, the text is in the
    transcript store under ``request_id``."""

    __tablename__ = "check_records"
    __table_args__ = (Index("ix_check_records_user", "municipality", "user_login", "ts"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    ts: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True, default=utcnow)
    request_id: Mapped[str] = mapped_column(String(64))
    municipality: Mapped[str] = mapped_column(String(200), default="")
    department: Mapped[str] = mapped_column(String(200), default="")
    user_login: Mapped[str] = mapped_column(String(200))
    service: Mapped[str] = mapped_column(String(100))
    verdict: Mapped[str] = mapped_column(String(16))
    #: The information class the check found (``3B``, ``2`` …), "" when none.
    information_class: Mapped[str] = mapped_column(String(8), default="")
    #: Finding type → how many (personal findings only), e.g. ``{"PERSON_NAME": 2}``.
    findings: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    clauses: Mapped[list[Any]] = mapped_column(JSON, default=list)
    chars: Mapped[int] = mapped_column(Integer, default=0)
    #: Whether the text was kept in the transcript store (the policy keeps transcripts).
    kept: Mapped[bool] = mapped_column(Boolean, default=False)


class AuditDaily(Base):
    """Decisions per day (Japan time), municipality, department and verdict: rolled up once a
    day is over (a finished day's records never change), so the dashboard reads counts."""

    __tablename__ = "audit_daily"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    day: Mapped[str] = mapped_column(String(10), index=True)
    municipality: Mapped[str | None] = mapped_column(String(200), nullable=True)
    department: Mapped[str | None] = mapped_column(String(200), nullable=True)
    verdict: Mapped[str | None] = mapped_column(String(16), nullable=True)
    n: Mapped[int] = mapped_column(Integer)


class AuditDailyClause(Base):
    __tablename__ = "audit_daily_clauses"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    day: Mapped[str] = mapped_column(String(10), index=True)
    municipality: Mapped[str | None] = mapped_column(String(200), nullable=True)
    department: Mapped[str | None] = mapped_column(String(200), nullable=True)
    clause: Mapped[str] = mapped_column(String(40))
    n: Mapped[int] = mapped_column(Integer)


class AuditRollupDay(Base):
    """The days already rolled up."""

    __tablename__ = "audit_rollup_days"

    day: Mapped[str] = mapped_column(String(10), primary_key=True)


# ---------------------------------------------------------------------------- training


class TrainingRecord(Base):
    """One attempt at the training's quiz (研修): who, which policy and course version,
    when, the score — never the answers given. ``completed_at`` is NULL while the attempt
    is open; a passed one makes the account trained until ``expires_at`` (and, where the
    policy renews on a change, while ``chapters`` still match the policy)."""

    __tablename__ = "training_records"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    municipality: Mapped[str] = mapped_column(String(200), default="")
    department: Mapped[str] = mapped_column(String(200), default="")
    login: Mapped[str] = mapped_column(String(200))
    seed: Mapped[int] = mapped_column(Integer)
    policy_version: Mapped[str] = mapped_column(String(500), default="")
    course_version: Mapped[str] = mapped_column(String(64), default="")
    #: Chapter id → its version as the department used it (hinagata.training._version).
    chapters: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    questions: Mapped[int] = mapped_column(Integer, default=0)
    correct: Mapped[int | None] = mapped_column(Integer, nullable=True)
    pass_mark: Mapped[int] = mapped_column(Integer, default=0)
    passed: Mapped[bool] = mapped_column(Boolean, default=False)
    started_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    completed_at: Mapped[dt.datetime | None] = mapped_column(
        DateTime(timezone=True), nullable=True
    )
    expires_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)

    __table_args__ = (Index("ix_training_records_who", "municipality", "login"),)
