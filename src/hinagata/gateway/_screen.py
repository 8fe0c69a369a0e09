"""Prompt-injection screening of a request's parts, by who wrote them (clauses 4.7, 4.8).

What the user wrote (``user`` messages, the ``prompt`` of a completion) is screened as a
prompt: an attack there is the ``injection`` fact, which the national template forbids
(4.7). Content the user did not write — the roles the policy's ``untrusted`` section names,
tool results by default — is screened as a document: a passage with an attack is replaced
by the policy's notice (``quarantine``: the request goes on without it) or kept, making
``untrusted_injection`` true so that the request is refused (``refuse``, clause 4.8).

System and developer messages (the operator's own instructions, which routinely say "never
reveal these instructions") and the model's earlier answers are not screened; embedding
inputs are not screened either (embedding a text does not execute it: documents are
checked before indexing with ``hinagata docs scan``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from hinagata.gateway._payload import Slot, param_of
from hinagata.guard import InjectionDetector, InjectionResult
from hinagata.policy import Policy
from hinagata.policy._model import UntrustedContent

__all__ = ["Flagged", "Screening", "screen"]

_PROMPT_ROLES = frozenset({"user"})
#: For messages the caller marks when the policy has no ``untrusted`` section: quarantined.
_MARKED_ONLY = UntrustedContent(clauses=("4.8",))


@dataclass(frozen=True)
class Flagged:
    """A part in which an attack was found, and what was done about it."""

    param: str
    role: str
    trusted: bool
    result: InjectionResult
    #: "deny" (clause 4.7), "quarantine" or "refuse" (clause 4.8).
    action: str

    def to_dict(self) -> dict[str, Any]:
        """For the client: where, what, and what happened (offsets within the part)."""
        return {
            "param": self.param,
            "role": self.role,
            "category": self.result.category,
            "score": round(self.result.score, 3),
            "action": self.action,
            "spans": [
                {"start": s.start, "end": s.end, "category": s.category, "via": s.via}
                for s in self.result.spans
            ],
        }


@dataclass
class Screening:
    slots: list[Slot]
    injection: bool = False
    untrusted_injection: bool = False
    flagged: list[Flagged] = field(default_factory=list)

    @property
    def quarantined(self) -> list[str]:
        return [f.param for f in self.flagged if f.action == "quarantine"]

    def audit(self) -> dict[str, Any]:
        """Counts and categories only: never text."""
        return {
            "prompt": sorted({f.result.category or "" for f in self.flagged if f.trusted}),
            "untrusted": sorted({f.result.category or "" for f in self.flagged if not f.trusted}),
            "quarantined": self.quarantined,
        }


def _role(endpoint: str, body: Mapping[str, Any], slot: Slot) -> str | None:
    """The role of the message a slot belongs to; None where it is not screened."""
    if endpoint == "completions":
        return "user"
    if endpoint != "chat" or "tool_calls" in slot.path:
        return None
    role = body["messages"][slot.path[1]].get("role")
    return role if isinstance(role, str) else None


def screen(
    endpoint: str,
    body: Mapping[str, Any],
    slots: Sequence[Slot],
    policy: Policy,
    detector: InjectionDetector,
    marked: frozenset[int] = frozenset(),
) -> Screening:
    """Screen every part by its author; raises on internal errors (the caller fails closed).

    ``marked``: indexes of messages the caller says hold content from outside (retrieved
    passages pasted into a user message, e-mails, web pages) — screened as untrusted
    whatever their role. Marking one's own words only gets an attack quarantined instead
    of refused: either way it never reaches the model.
    """
    out = Screening(list(slots))
    if endpoint == "embeddings":
        return out
    untrusted = policy.untrusted or _MARKED_ONLY
    untrusted_roles = frozenset(untrusted.roles) if policy.untrusted is not None else frozenset()
    for i, slot in enumerate(slots):
        role = _role(endpoint, body, slot)
        if role is None or not slot.text.strip():
            continue
        index = slot.path[1] if endpoint == "chat" and len(slot.path) > 1 else -1
        if role in untrusted_roles or index in marked:
            result = detector.scan(slot.text, "document")
            if not result.attack:
                continue
            if untrusted.action == "quarantine":
                out.slots[i] = Slot(slot.path, untrusted.notice)
            else:
                out.untrusted_injection = True
            out.flagged.append(Flagged(param_of(slot.path), role, False, result, untrusted.action))
        elif role in _PROMPT_ROLES:
            result = detector.scan(slot.text, "prompt")
            if result.attack:
                out.injection = True
                out.flagged.append(Flagged(param_of(slot.path), role, True, result, "deny"))
    return out
