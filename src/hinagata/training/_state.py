"""Whether a member of staff is trained now (受講の状態), and the caller the policy sees.

* A passed attempt counts until it expires (``valid_days``) and, with
  ``renew_on_change``, while every chapter the department uses has the version it had
  when the attempt was passed (a chapter added since counts as changed).
* Where the policy accepts it (``accept_confirmed``), an administrator's confirmation —
  the account's ``trained`` setting, or for a key without an account the key's — counts
  too (training given another way); it has no expiry.
* A policy without a ``training`` section: only the confirmation counts (as before).

API keys inherit their account's state: a key of a login that has an account is trained
exactly when the account is (the account's confirmation replaces the key's own).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import threading
from dataclasses import dataclass
from typing import Any, Literal, Protocol, TypeVar

from hinagata.policy import Policy
from hinagata.training._records import Attempt, TrainingRecords
from hinagata.training._version import chapter_versions


class _Caller(Protocol):
    """What :func:`apply_training` reads of a :class:`hinagata.runtime.Caller` (this
    package does not import the runtime: the runtime imports it)."""

    @property
    def user(self) -> str: ...
    @property
    def department(self) -> str: ...
    @property
    def municipality(self) -> str: ...
    @property
    def trained(self) -> bool: ...
    @property
    def via(self) -> str: ...


class _Runtime(Protocol):
    training: TrainingRecords

    def serves(self, municipality: str) -> bool: ...
    def policy_for(self, municipality: str) -> Policy: ...


C = TypeVar("C", bound=_Caller)

__all__ = ["TrainingState", "apply_training", "current_versions", "state_for", "state_of"]

Status = Literal["passed", "confirmed", "never", "expired", "changed"]

#: What each status says to the member of staff.
STATUS_LABELS: dict[str, str] = {
    "passed": "受講済み",
    "confirmed": "受講済み（利用管理者が確認）",
    "never": "未受講",
    "expired": "有効期限切れ",
    "changed": "規定の変更により再受講が必要",
}


@dataclass(frozen=True)
class TrainingState:
    trained: bool
    status: Status
    #: The passed attempt the state rests on (or the last one that no longer counts).
    attempt: Attempt | None = None
    #: When the training stops counting (None: no expiry, or not trained).
    expires_at: dt.datetime | None = None
    #: The chapters that changed since the attempt was passed (status ``changed``).
    changed: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return STATUS_LABELS[self.status]


_VERSIONS: dict[tuple[str, str], dict[str, str]] = {}
_LOCK = threading.Lock()


def current_versions(policy: Policy, department: str) -> dict[str, str]:
    """:func:`chapter_versions`, computed once per policy content and department."""
    key = (policy.content_hash, department)
    with _LOCK:
        found = _VERSIONS.get(key)
    if found is None:
        found = chapter_versions(policy, department)
        with _LOCK:
            if len(_VERSIONS) > 256:
                _VERSIONS.clear()
            _VERSIONS[key] = found
    return found


def state_of(
    policy: Policy,
    department: str,
    *,
    confirmed: bool,
    attempt: Attempt | None,
    now: dt.datetime | None = None,
) -> TrainingState:
    """The state given the latest passed ``attempt`` and the administrator's confirmation."""
    training = policy.training
    if training is None:
        return TrainingState(confirmed, "confirmed" if confirmed else "never", attempt)
    now = now or dt.datetime.now(dt.UTC)
    lapsed: TrainingState | None = None
    if attempt is not None and attempt.passed:
        changed: tuple[str, ...] = ()
        if training.renew_on_change:
            current = current_versions(policy, department)
            changed = tuple(k for k, v in current.items() if attempt.chapters.get(k) != v)
        if attempt.expires_at is not None and now >= attempt.expires_at:
            lapsed = TrainingState(False, "expired", attempt)
        elif changed:
            lapsed = TrainingState(False, "changed", attempt, changed=changed)
        else:
            return TrainingState(True, "passed", attempt, attempt.expires_at)
    if confirmed and training.accept_confirmed:
        return TrainingState(True, "confirmed", attempt)
    return lapsed or TrainingState(False, "never", attempt)


def state_for(
    records: TrainingRecords,
    policy: Policy,
    *,
    municipality: str,
    login: str,
    department: str,
    confirmed: bool,
    now: dt.datetime | None = None,
) -> TrainingState:
    """The state of ``login``: its latest passed attempt read from ``records``."""
    attempt = (
        records.latest_passed(municipality=municipality, login=login)
        if policy.training is not None
        else None
    )
    return state_of(policy, department, confirmed=confirmed, attempt=attempt, now=now)


def apply_training(runtime: _Runtime, caller: C) -> C:
    """``caller`` with ``trained`` as the policy and the training records give it now.

    A key's holder with an account takes the account's confirmation (keys inherit the
    account's state). A municipality without a policy here keeps the caller as it is (it
    is refused before any judgment)."""
    if not runtime.serves(caller.municipality):
        return caller
    policy = runtime.policy_for(caller.municipality)
    if policy.training is None:
        return caller
    confirmed = caller.trained
    if caller.via == "key":
        account = runtime.training.account_confirmed(caller.user)
        if account is not None and account[0] == caller.municipality:
            confirmed = account[1]
    if confirmed and policy.training.accept_confirmed:
        state_trained = True
    else:
        state_trained = state_for(
            runtime.training,
            policy,
            municipality=caller.municipality,
            login=caller.user,
            department=caller.department,
            confirmed=confirmed,
        ).trained
    if state_trained == caller.trained:
        return caller
    changed: Any = dataclasses.replace(caller, trained=state_trained)  # type: ignore[type-var]
    return changed  # type: ignore[no-any-return]
