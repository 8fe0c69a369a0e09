"""Storage (保存): SQLAlchemy models and migrations, the audit chain (:class:`AuditEntry`,
written by :class:`AuditLog`, read by :class:`AuditSearch`), keys and grants, accounts,
use cases, notices of their decisions and the case catalog. Every query of tenant data takes a :class:`Scope`."""

from hinagata.store._accounts import (
    ACCOUNT_DISABLED,
    LOGIN_TAKEN,
    OTHER_MUNICIPALITY,
    ROLES,
    Account,
    AccountError,
    Accounts,
    SessionInfo,
    account_event,
    normalise_login,
    role_names,
)
from hinagata.store._audit import AUDIT_COLUMNS, AuditLog, VerifyResult, audit_csv
from hinagata.store._audit_search import AuditCounts, AuditSearch
from hinagata.store._catalog import CaseCatalog
from hinagata.store._checks import CheckCounts, CheckRecords, CheckRow
from hinagata.store._conversations import Conversation, ConversationError, Conversations
from hinagata.store._db import Database, StoreError
from hinagata.store._documents import DocumentRecord, Documents
from hinagata.store._entry import AuditEntry
from hinagata.store._keys import (
    KEY_REQUEST_STATES,
    Grants,
    KeyInfo,
    KeyRequestError,
    KeyRequestInfo,
    KeyRequests,
    Keys,
)
from hinagata.store._notices import Notice, Notices
from hinagata.store._scope import OPERATOR, WIDE_AUDIT, WIDE_CASES, Scope
from hinagata.store._transcripts import TranscriptRecord, Transcripts
from hinagata.store._usecases import EDITORS, Conflict, HistoryEntry, UseCase, UseCases, may_edit

__all__ = [
    "ACCOUNT_DISABLED",
    "AUDIT_COLUMNS",
    "EDITORS",
    "KEY_REQUEST_STATES",
    "LOGIN_TAKEN",
    "OPERATOR",
    "OTHER_MUNICIPALITY",
    "ROLES",
    "WIDE_AUDIT",
    "WIDE_CASES",
    "Account",
    "AccountError",
    "Accounts",
    "AuditCounts",
    "AuditEntry",
    "AuditLog",
    "AuditSearch",
    "CaseCatalog",
    "CheckCounts",
    "CheckRecords",
    "CheckRow",
    "Conflict",
    "Conversation",
    "ConversationError",
    "Conversations",
    "Database",
    "DocumentRecord",
    "Documents",
    "Grants",
    "HistoryEntry",
    "KeyInfo",
    "KeyRequestError",
    "KeyRequestInfo",
    "KeyRequests",
    "Keys",
    "Notice",
    "Notices",
    "Scope",
    "SessionInfo",
    "StoreError",
    "TranscriptRecord",
    "Transcripts",
    "UseCase",
    "UseCases",
    "VerifyResult",
    "account_event",
    "audit_csv",
    "may_edit",
    "normalise_login",
    "role_names",
]
