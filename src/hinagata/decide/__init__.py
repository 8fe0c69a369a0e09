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
from hinagata.decide._typical import verdict_for_rank

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
    "verdict_for_rank",
]
