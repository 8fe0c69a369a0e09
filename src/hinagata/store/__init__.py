"""Storage: SQLAlchemy models, migrations, the audit chain, keys and grants (保存)."""

from hinagata.store._accounts import (
    ROLES,
    Account,
    AccountError,
    Accounts,
    SessionInfo,
    normalise_login,
    role_names,
)
from hinagata.store._audit import AuditLog, VerifyResult
from hinagata.store._catalog import Catalog
from hinagata.store._db import Database, StoreError
from hinagata.store._documents import DocumentRecord, Documents
from hinagata.store._keys import Grants, KeyInfo, Keys
from hinagata.store._scope import OPERATOR, WIDE_AUDIT, WIDE_CASES, Scope
from hinagata.store._transcripts import TranscriptRecord, Transcripts
from hinagata.store._usecases import EDITORS, Conflict, HistoryEntry, UseCase, UseCases, may_edit

__all__ = [
    "EDITORS",
    "OPERATOR",
    "ROLES",
    "WIDE_AUDIT",
    "WIDE_CASES",
    "Account",
    "AccountError",
    "Accounts",
    "AuditLog",
    "Catalog",
    "Conflict",
    "Database",
    "DocumentRecord",
    "Documents",
    "Grants",
    "HistoryEntry",
    "KeyInfo",
    "Keys",
    "Scope",
    "SessionInfo",
    "StoreError",
    "TranscriptRecord",
    "Transcripts",
    "UseCase",
    "UseCases",
    "VerifyResult",
    "may_edit",
    "normalise_login",
    "role_names",
]
