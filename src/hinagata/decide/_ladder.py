"""The verdict ladder, and the facts about a text the policy is asked about (判定の段).

The policy answers three questions — may the text go as written (``send_raw``), masked
(``send_masked``), or to the review body (``request_review``)? — and the verdict is the
first yes: ``allow``, ``allow_masked``, ``review``, else ``deny``. The questions are asked
in that order and only as far as needed (most texts stop at ``send_raw``). Both the
judgment of a text (:func:`hinagata.decide.decide`) and the verdict for a typical text of
a class (the guideline's quick reference, a use case's pre-assessment) climb it here,
with the Cedar context built here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from hinagata.assess import Assessment

__all__ = ["VERDICTS", "Answers", "climb", "context_of"]

#: The four verdicts, from the most open to the strictest.
VERDICTS = ("allow", "allow_masked", "review", "deny")


def context_of(
    assessment: Assessment,
    masked: Assessment,
    *,
    granted: bool,
    unreadable: bool = False,
    injection: bool = False,
    untrusted_injection: bool = False,
) -> dict[str, object]:
    """The Cedar context of one request: the text as written (``assessment``), the text
    masked (``masked``), a review body's permission that applies, and what the caller's
    screening found (content it cannot read, an attack by the user or in content the user
    did not write)."""
    return {
        "class_rank": assessment.rank,
        "masked_class_rank": masked.rank,
        "identifiable": assessment.identifiable,
        "masked_identifiable": masked.identifiable,
        "special_care": bool(assessment.special_care),
        "my_number": assessment.my_number,
        "personal": assessment.personal,
        "granted": granted,
        "marking": assessment.marking or "",
        "unreadable": unreadable,
        "injection": injection,
        "untrusted_injection": untrusted_injection,
        "content_identifiable": assessment.content_identifiable,
        "masked_content_identifiable": masked.content_identifiable,
    }


@dataclass(frozen=True)
class Answers:
    """The verdict and the policy's answers asked on the way to it (None: not asked)."""

    verdict: str
    raw: Any
    masked: Any = None
    review: Any = None


def climb(ask: Callable[[str], Any]) -> Answers:
    """Up the ladder: ``ask(action)`` answers one of the three questions (its result has
    ``allowed``); the first yes is the verdict."""
    raw = ask("send_raw")
    if raw.allowed:
        return Answers("allow", raw)
    masked = ask("send_masked")
    if masked.allowed:
        return Answers("allow_masked", raw, masked)
    review = ask("request_review")
    return Answers("review" if review.allowed else "deny", raw, masked, review)
