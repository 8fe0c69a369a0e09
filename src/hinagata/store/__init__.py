"""Storage: SQLAlchemy models, migrations, the audit chain, keys and grants (保存)."""

from hinagata.store._accounts import (
    ROLES,
    Account,
    AccountError,
    Accounts,
    SessionInfo,
    role_names,
)
from hinagata.store._audit import AuditLog, VerifyResult
from hinagata.store._catalog import Catalog
from hinagata.store._db import Database, StoreError
from hinagata.store._documents import DocumentRecord, Documents
from hinagata.store._keys import Grants, KeyInfo, Keys
from hinagata.store._transcripts import TranscriptRecord, Transcripts
from hinagata.store._usecases import Conflict, HistoryEntry, UseCase, UseCases

__all__ = [
    "ROLES",
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
    "SessionInfo",
    "StoreError",
    "TranscriptRecord",
    "Transcripts",
    "UseCase",
    "UseCases",
    "VerifyResult",
    "role_names",
]
