"""The policy's verdict for a typical text of a class (no grant, a trained member of staff).

The guideline's quick-reference table and a use case's pre-assessment (事前評価) ask the
same question the judgment asks of a real text, along the same ladder, about the facts a
typical text of each class has: what its class rules would have seen.
"""

from __future__ import annotations

from hinagata.assess import Assessment
from hinagata.decide._decide import Asker, User
from hinagata.decide._ladder import climb, context_of
from hinagata.policy import Policy
from hinagata.services import Service

__all__ = ["verdict_for_rank"]


def _typical(
    rank: int, *, identifiable: bool, personal: bool, special_care: bool, marking: str = ""
) -> Assessment:
    return Assessment(
        findings=(),
        personal=personal,
        identifiable=identifiable,
        identifiable_because=(),
        special_care=("typical",) if special_care else (),
        my_number=False,
        marking=marking or None,
        rank=rank,
    )


# A typical text of each class, as written and masked.
_TYPICAL = {
    1: (_typical(1, identifiable=False, personal=False, special_care=False), 1),
    2: (_typical(2, identifiable=False, personal=True, special_care=False), 2),
    3: (_typical(3, identifiable=True, personal=True, special_care=False), 1),
    4: (_typical(4, identifiable=True, personal=True, special_care=True), 2),
    5: (_typical(5, identifiable=False, personal=False, special_care=False, marking="secret"), 5),
}


def verdict_for_rank(policy: Policy, service: Service, rank: int) -> str:
    """The policy's verdict for typical text of class ``rank`` on ``service`` (no grant)."""
    written, masked_rank = _TYPICAL[rank]
    masked = _typical(masked_rank, identifiable=False, personal=False, special_care=False)
    context = context_of(written, masked, granted=False)
    return climb(Asker(policy, User(id="staff"), service, context)).verdict
