"""Account and key events in the audit chain (アカウントとキーの操作の記録).

Every change an administrator, a 利用管理者 or a person makes to accounts and API keys —
an account added, edited, reset, disabled or re-enabled; a password changed; a key
requested, approved, rejected, withdrawn, collected, issued or revoked — is a record of
kind ``account`` in the municipality's audit chain: who acted, on whom, what changed.
Never a password or a key (a key's id and prefix only)."""

from __future__ import annotations

import logging
from typing import Any

from hinagata.runtime import Runtime
from hinagata.store import Account, account_event

__all__ = ["record"]

log = logging.getLogger("hinagata.web")


def record(
    runtime: Runtime,
    actor: Account,
    event: str,
    *,
    target: str = "",
    department: str | None = None,
    **details: Any,
) -> None:
    """Append ``event`` (e.g. ``account.reset``) by ``actor`` to its municipality's chain
    (:func:`hinagata.store.account_event`).

    ``department``: the department the event concerns (the target's; else the actor's),
    so that a 利用管理者's audit export of that department holds it. Raises on a database
    error (the page fails: nobody is told that all went well)."""
    account_event(
        runtime.audit,
        event,
        actor=actor.login,
        municipality=actor.municipality,
        department=actor.department if department is None else department,
        target=target,
        **details,
    )
    log.info("account event %s by %s on %s", event, actor.login, target or "-")
