"""Prompt-injection screening of a request's parts, by who wrote them (clauses 4.7, 4.8).

What the client wrote is screened as a prompt: ``user`` messages, the ``prompt`` and
``suffix`` of a completion, ``system`` and ``developer`` messages (a client can write
those too — only a key with a role the policy names in ``untrusted.operator_key_roles``
is trusted to give the operator's own instructions, which routinely say "never reveal
these instructions"), and the instructions a request carries outside its messages (tool
and function descriptions, schema descriptions, predictions). An attack there is the
``injection`` fact, which the national template forbids (4.7).

Content the user did not write — the roles the policy's ``untrusted`` section names (tool
results by default), messages the caller marks, and the model's earlier answers
(``assistant`` content and tool-call arguments, which a poisoned document may have
steered) — is screened as a document: a passage with an attack is replaced by the
policy's notice (``quarantine``: the request goes on without it) or kept, making
``untrusted_injection`` true so that the request is refused (``refuse``, clause 4.8).

Names, ids, stop strings and metadata are judged for personal information but not
screened (the model does not read them as instructions); embedding inputs are not
screened either (embedding a text does not execute it: documents are checked before
indexing with ``hinagata docs scan``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from hinagata.gateway._payload import Slot
from hinagata.guard import InjectionResult
from hinagata.policy import Policy, UntrustedContent

__all__ = ["Flagged", "Plan", "Screening", "outcome", "plan"]

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


#: Roles whose content is the model's own earlier output: screened as documents.
_MODEL_ROLES = frozenset({"assistant"})
_OPERATOR_ROLES = frozenset({"system", "developer"})


def _how(
    endpoint: str,
    slot: Slot,
    untrusted_roles: frozenset[str],
    marked: frozenset[int],
    operator: bool,
) -> str | None:
    """``prompt``, ``instruction`` (a prompt outside the messages: all of a request's are
    screened together, in one pass), ``document`` or None (not screened) for one slot."""
    if slot.kind == "history":
        # An earlier turn the upstream keeps (previous_response_id): the model's answers
        # are read as documents, like the same history resent in the input (what the
        # user and tools wrote was screened when it was sent).
        return "document" if slot.role in _MODEL_ROLES else None
    if endpoint == "embeddings" or slot.kind in ("meta", "key"):
        return None
    if slot.kind == "instruction":
        return "instruction"
    if endpoint == "completions":
        return "prompt"
    role = slot.role
    if (role is not None and role in untrusted_roles) or (
        slot.message is not None and slot.message in marked
    ):
        return "document"
    if role in _MODEL_ROLES or slot.kind == "args":
        return "document"
    if role in _OPERATOR_ROLES:
        # Not the guard's ``system`` kind (the model's threshold for operators' messages):
        # the role is the caller's to choose, and chat clients let their users write system
        # prompts, so an attack moved into a system message would meet a laxer threshold.
        # Keys the policy names as operators' are not screened here at all.
        return None if operator else "prompt"
    return "prompt"


@dataclass(frozen=True)
class Plan:
    """How each slot is screened (``prompt``, ``document`` or None) and what replaces a
    quarantined passage (None: the policy refuses instead)."""

    kinds: tuple[str | None, ...]
    notice: str | None
    action: str


def plan(
    endpoint: str,
    slots: Sequence[Slot],
    policy: Policy,
    marked: frozenset[int] = frozenset(),
    key_roles: Sequence[str] = (),
) -> Plan:
    """``marked``: indexes of messages the caller says hold content from outside
    (retrieved passages pasted into a user message, e-mails, web pages) — screened as
    untrusted whatever their role. Marking one's own words only gets an attack
    quarantined instead of refused: either way it never reaches the model."""
    untrusted = policy.untrusted or _MARKED_ONLY
    untrusted_roles = frozenset(untrusted.roles) if policy.untrusted is not None else frozenset()
    operator = bool(set(key_roles) & set(untrusted.operator_key_roles))
    kinds = tuple(_how(endpoint, s, untrusted_roles, marked, operator) for s in slots)
    notice = untrusted.notice if untrusted.action == "quarantine" else None
    return Plan(kinds, notice, untrusted.action)


def outcome(
    endpoint: str,
    slots: Sequence[Slot],
    the_plan: Plan,
    results: Sequence[InjectionResult | None],
) -> Screening:
    """The screening of a request from each slot's injection result."""
    out = Screening(list(slots))
    for i, (slot, kind, result) in enumerate(zip(slots, the_plan.kinds, results, strict=True)):
        if kind is None or result is None or not result.attack:
            continue
        role = slot.role or ("user" if endpoint == "completions" else "")
        if kind == "document" and slot.kind == "history":
            # The upstream holds it already: nothing can be replaced, so it is refused.
            out.untrusted_injection = True
            out.flagged.append(Flagged(slot.param, role, False, result, "deny"))
        elif kind == "document":
            if the_plan.notice is not None:
                out.slots[i] = slot.with_text(the_plan.notice)
            else:
                out.untrusted_injection = True
            out.flagged.append(Flagged(slot.param, role, False, result, the_plan.action))
        else:
            out.injection = True
            out.flagged.append(Flagged(slot.param, role, True, result, "deny"))
    return out
