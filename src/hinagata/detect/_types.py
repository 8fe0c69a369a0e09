"""The values passed between detection stages."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["PERSONAL_TYPES", "Candidate", "Finding"]

#: Every finding type the detector reports, in a stable order (docs/finding-types.md).
FINDING_TYPES: tuple[str, ...] = (
    "MY_NUMBER",
    "CORPORATE_NUMBER",
    "PHONE_NUMBER",
    "EMAIL",
    "POSTAL_CODE",
    "CREDIT_CARD",
    "BANK_ACCOUNT",
    "PASSPORT_NUMBER",
    "DRIVER_LICENSE_NUMBER",
    "BASIC_PENSION_NUMBER",
    "HEALTH_INSURANCE_NUMBER",
    "CARE_INSURANCE_NUMBER",
    "RESIDENT_RECORD_CODE",
    "RESIDENCE_CARD_NUMBER",
    "BIRTH_DATE",
    "PERSON_NAME",
    "ADDRESS",
    "SENSITIVE",
    "QUASI_IDENTIFIER",
)

#: Types that are 個人識別符号 (identifier codes): each identifies a person by itself.
IDENTIFIER_CODE_TYPES: frozenset[str] = frozenset(
    {
        "MY_NUMBER",
        "PASSPORT_NUMBER",
        "DRIVER_LICENSE_NUMBER",
        "BASIC_PENSION_NUMBER",
        "HEALTH_INSURANCE_NUMBER",
        "CARE_INSURANCE_NUMBER",
        "RESIDENT_RECORD_CODE",
        "RESIDENCE_CARD_NUMBER",
    }
)

#: Types that are about a person unless context shows otherwise.
PERSONAL_TYPES: frozenset[str] = frozenset(FINDING_TYPES) - {"CORPORATE_NUMBER", "QUASI_IDENTIFIER"}


@dataclass(frozen=True, slots=True)
class Candidate:
    """A possible finding in *normalised* text offsets, before validation and scoring."""

    type: str
    start: int
    end: int
    score: float
    category: str | None = None
    personal: bool = True
    #: Recognizer-specific facts passed from ``candidates`` to ``validate``/``score``.
    meta: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def length(self) -> int:
        return self.end - self.start

    # dataclasses.replace() introspects the class on every call; these run per finding.
    def rescored(self, score: float) -> Candidate:
        return Candidate(
            self.type, self.start, self.end, score, self.category, self.personal, self.meta
        )

    def marked(self, personal: bool) -> Candidate:
        return Candidate(
            self.type, self.start, self.end, self.score, self.category, personal, self.meta
        )


@dataclass(frozen=True, slots=True)
class Finding:
    """A piece of personal (or institutional) information found in the text (検出結果).

    ``start``/``end`` index the *original* input in Python string indices, so
    ``text == input[start:end]`` always holds.
    """

    type: str
    start: int
    end: int
    text: str
    score: float
    personal: bool = True
    category: str | None = None
    #: For PERSON_NAME: "full" (surname and given name) or "partial" (a surname alone…);
    #: for ADDRESS: "precision=full|block|town|area"; for QUASI_IDENTIFIER age: "100_plus".
    detail: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of the CLI and API (``category`` and ``detail`` only when set)."""
        d: dict[str, Any] = {
            "type": self.type,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "score": round(self.score, 3),
            "personal": self.personal,
        }
        if self.category is not None:
            d["category"] = self.category
        if self.detail is not None:
            d["detail"] = self.detail
        return d
