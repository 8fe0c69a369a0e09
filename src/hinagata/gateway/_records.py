"""What a request leaves in the audit chain: the decision before anything leaves, the
outcome after (counts, kinds and codes only — never the text)."""

from __future__ import annotations

import time
from collections import Counter as Tally
from collections.abc import Callable
from typing import Any, TypeVar

from starlette.concurrency import run_in_threadpool

from hinagata.decide import Decision
from hinagata.gateway._screen import Screening
from hinagata.guard import OutputFinding
from hinagata.runtime import Caller, Runtime

__all__ = ["decision_record", "outcome_record", "outcome_summary", "write"]

T = TypeVar("T")


async def write(runtime: Runtime, fn: Callable[..., T], *args: Any) -> T:
    """A database write: inline on SQLite (a local file, measured faster), in a thread
    on a server database, so the event loop serves other requests while it commits."""
    if runtime.db.is_sqlite:
        return fn(*args)
    return await run_in_threadpool(fn, *args)


def decision_record(
    caller: Caller,
    model: str,
    endpoint: str,
    d: Decision,
    unreadable: list[str],
    screening: Screening | None,
    use_case: str | None,
) -> dict[str, Any]:
    """The ``decision`` record: who, which model and service, the verdict and its grounds."""
    findings = Tally(f.type for f in d.findings if f.personal)
    return {
        "endpoint": endpoint,
        "user": caller.user,
        "department": caller.department,
        "municipality": caller.municipality,
        "model": model,
        "service": d.service,
        "verdict": d.verdict,
        "class": d.information_class,
        "findings": dict(sorted(findings.items())),
        "sensitive": list(d.sensitive),
        "unreadable_parts": dict(sorted(Tally(unreadable).items())),
        "injection": screening.audit() if screening is not None else None,
        "clauses": list(d.clauses),
        "reasons": [r.code for r in d.reasons],
        "grants": list(d.grants),
        "use_case": use_case,
        "policy_version": d.policy_version,
        "policy_hash": d.policy_hash,
    }


def outcome_record(
    status: int, started: float, usage: Any, output: list[OutputFinding] | None
) -> dict[str, Any]:
    """The ``outcome`` record: the status, the latency, the usage, what the exit removed."""
    return {
        "status": status,
        "latency_ms": round((time.perf_counter() - started) * 1000, 1),
        "usage": usage if isinstance(usage, dict) else None,
        # Kinds, actions and hosts or types only: never the text.
        "output": _output_summary(output) if output else None,
    }


def outcome_summary(found: list[OutputFinding]) -> dict[str, Any] | None:
    """What the exit screening did, by kind, action and host or type (never the text)."""
    return _output_summary(found) if found else None


def _output_summary(found: list[OutputFinding]) -> dict[str, Any]:
    tally = Tally(f"{f.kind}:{f.action}:{f.detail}" for f in found)
    return dict(sorted(tally.items()))
