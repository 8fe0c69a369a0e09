"""Assessment: what the findings mean for the text as a whole (評価).

Identifiability follows POLICY_DEFAULTS.md §1 (単体で特定の個人を識別できる): an identifier
code; a full name; a surname or partial name *together with* an address, a birth date, a
personal phone or a personal e-mail; a personal e-mail that contains a name. A lone
surname with an honorific (千葉さん) or an anonymous description (80代男性) is personal but
does not identify by itself. The class is the highest that the policy's rules give.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from hinagata.assess._classes import ClassRule
from hinagata.assess._content import IdentificationRule, content_identification
from hinagata.assess._precision import address_precision
from hinagata.detect import IDENTIFIER_CODE_TYPES, Finding

__all__ = ["Assessment", "Markings", "address_precision", "assess"]

_LINKING_TYPES = frozenset({"ADDRESS", "BIRTH_DATE", "PHONE_NUMBER", "EMAIL"})
_NAME_LIKE_LOCAL_PART = re.compile(r"[A-Za-z]{3,}")


class _Unset:
    pass


_UNSET = _Unset()


@dataclass(frozen=True)
class Markings:
    """Document markings that set a class by themselves (秘, 内部資料 …); data from the policy."""

    secret: tuple[re.Pattern[str], ...] = ()
    internal: tuple[re.Pattern[str], ...] = ()

    @classmethod
    def from_patterns(cls, secret: Iterable[str], internal: Iterable[str]) -> Markings:
        return cls(tuple(re.compile(p) for p in secret), tuple(re.compile(p) for p in internal))

    def find(self, text: str) -> str | None:
        """'secret', 'internal' or None, looking at the normalised text (and ㊙ as written)."""
        # Offsets are not needed here, so plain NFKC (in C) is enough.
        norm = unicodedata.normalize("NFKC", text)
        if "㊙" in text or any(p.search(norm) for p in self.secret):
            return "secret"
        if any(p.search(norm) for p in self.internal):
            return "internal"
        return None


@dataclass(frozen=True)
class Assessment:
    """Facts about a text that the decision weighs."""

    findings: tuple[Finding, ...]
    personal: bool
    identifiable: bool
    #: Why the text identifies someone, as short codes (identifier_code:MY_NUMBER, full_name …).
    identifiable_because: tuple[str, ...]
    special_care: tuple[str, ...]
    my_number: bool
    marking: str | None
    rank: int
    #: The class rules that applied (the highest rank decides).
    class_rules: tuple[ClassRule, ...] = field(default=())
    declared_rank: int | None = None
    #: Identifiable by content (特異な記述): the combination of quasi-identifiers under
    #: the policy's content rule, and the kinds that make it (area, age, role …).
    content_identifiable: bool = False
    content_kinds: tuple[str, ...] = ()
    #: The quasi-identifiers of the identifying combination (what generalisation changes).
    content_findings: tuple[Finding, ...] = ()
    #: Every finding weighed in that combination (the area's address, the matter too).
    content_evidence: tuple[Finding, ...] = ()

    @property
    def personal_findings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.personal)


def _identifiable(personal: Sequence[Finding]) -> tuple[str, ...]:
    why: list[str] = []
    codes = sorted({f.type for f in personal if f.type in IDENTIFIER_CODE_TYPES})
    why.extend(f"identifier_code:{t}" for t in codes)
    names = [f for f in personal if f.type == "PERSON_NAME"]
    if any(f.detail == "full" for f in names):
        why.append("full_name")
    linking = sorted({f.type for f in personal if f.type in _LINKING_TYPES})
    if names and linking:
        why.append("name_with:" + "+".join(linking))
    emails = [f for f in personal if f.type == "EMAIL"]
    if any(
        _NAME_LIKE_LOCAL_PART.search(f.text.replace("＠", "@").split("@", 1)[0]) for f in emails
    ):
        why.append("personal_email")
    elif emails:
        # POLICY_DEFAULTS §1: a personal e-mail points to one person even without a name.
        why.append("email")
    # A personal phone or a complete residential address (down to the block or lot
    # number) points to one household even without a name (POLICY_DEFAULTS §1).
    if any(f.type == "PHONE_NUMBER" for f in personal):
        why.append("personal_phone")
    if any(f.type == "ADDRESS" and address_precision(f) in ("full", "block") for f in personal):
        why.append("residential_address")
    return tuple(why)


def assess(
    findings: Sequence[Finding],
    text: str,
    rules: Sequence[ClassRule],
    markings: Markings | None = None,
    *,
    declared_rank: int | None = None,
    marking: str | _Unset | None = _UNSET,
    content: IdentificationRule | None = None,
) -> Assessment:
    """Assess ``findings`` of ``text`` under the class ``rules`` (highest applicable wins).

    A declared class can raise the result, never lower it. ``marking`` passes an already
    computed document marking (the masked text keeps the original's). ``content``: the
    policy's rule for identification by content (None: only direct identifiers count);
    ``text`` is then the text the findings' offsets index.
    """
    personal = [f for f in findings if f.personal]
    because = _identifiable(personal)
    by_content = content_identification(findings, text, content)
    if by_content.identifiable:
        because = (*because, "content:" + "+".join(by_content.kinds))
    categories = tuple(
        sorted({f.category for f in personal if f.type == "SENSITIVE" and f.category})
    )
    facts = _Facts(
        identifiable=bool(because),
        personal=bool(personal) or by_content.identifiable,
        special_care=bool(categories),
        my_number=any(f.type == "MY_NUMBER" for f in personal),
        marking=(markings or Markings()).find(text) if isinstance(marking, _Unset) else marking,
        types=frozenset(f.type for f in personal),
        categories=frozenset(categories),
    )
    applied = [r for r in rules if _holds(r, facts)]
    rank = max((r.rank for r in applied), default=1)
    if declared_rank is not None:
        rank = max(rank, declared_rank)
    top = tuple(r for r in applied if r.rank == rank)
    return Assessment(
        findings=tuple(findings),
        personal=facts.personal,
        identifiable=facts.identifiable,
        identifiable_because=because,
        special_care=categories,
        my_number=facts.my_number,
        marking=facts.marking,
        rank=rank,
        class_rules=top,
        declared_rank=declared_rank,
        content_identifiable=by_content.identifiable,
        content_kinds=by_content.kinds if by_content.identifiable else (),
        content_findings=by_content.findings if by_content.identifiable else (),
        content_evidence=by_content.evidence if by_content.identifiable else (),
    )


@dataclass(frozen=True)
class _Facts:
    identifiable: bool
    personal: bool
    special_care: bool
    my_number: bool
    marking: str | None
    types: frozenset[str]
    categories: frozenset[str]


def _holds(rule: ClassRule, facts: _Facts) -> bool:
    w = rule.when
    for key in ("identifiable", "personal", "special_care", "my_number"):
        want = getattr(w, key)
        if want is not None and getattr(facts, key) != want:
            return False
    # A secret marking also satisfies a rule that asks for an internal one.
    marking_ok = (
        w.marking is None
        or facts.marking == w.marking
        or (w.marking, facts.marking) == ("internal", "secret")
    )
    if not marking_ok:
        return False
    if w.finding_types and not (set(w.finding_types) & facts.types):
        return False
    return not (w.categories and not (set(w.categories) & facts.categories))
