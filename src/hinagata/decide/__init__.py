"""The judgment: verdicts, reasons and remedies (判定)."""

from hinagata.decide._decide import (
    CHECK_FAILED,
    VERDICTS,
    Decision,
    DeclaredClassError,
    Grant,
    Reason,
    User,
    authorize,
    check_failed,
    decide,
)

__all__ = [
    "CHECK_FAILED",
    "VERDICTS",
    "Decision",
    "DeclaredClassError",
    "Grant",
    "Reason",
    "User",
    "authorize",
    "check_failed",
    "decide",
]
