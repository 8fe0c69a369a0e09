"""Information classes (自治体機密性) as data: the schemes and the rules that assign them.

Internally every text gets a *rank* on the 2024 five-level scheme (1 < 2 < 3C < 3B < 3A);
a municipality that still uses the older three levels sees the mapped label (3A → 3,
3B/3C/2 → 2, 1 → 1, POLICY_DEFAULTS.md §1). Which facts raise the class is policy: rules
are data in the template, and a lower layer can only add rules, so the class (the highest
that applies) can only go up.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "CLASS_RANKS",
    "ClassCondition",
    "ClassRule",
    "ClassScheme",
    "rank_of",
]

#: Five-level class names by rank.
CLASS_RANKS: Mapping[str, int] = {"1": 1, "2": 2, "3C": 3, "3B": 4, "3A": 5}
_BY_RANK = {v: k for k, v in CLASS_RANKS.items()}


def rank_of(name: str, scheme: ClassScheme | None = None) -> int:
    """The five-level rank of a class name (in ``scheme``'s names when given).

    >>> rank_of("3B"), rank_of("2", ClassScheme.THREE_LEVEL), rank_of("3", ClassScheme.THREE_LEVEL)
    (4, 2, 5)
    """
    if scheme is ClassScheme.THREE_LEVEL:
        # The old scheme's 2 covers 3B/3C/2: a declared "2" can only mean the lowest of them.
        return {"1": 1, "2": 2, "3": 5}[name]
    return CLASS_RANKS[name]


@dataclass(frozen=True)
class _SchemeInfo:
    labels: Mapping[int, str]
    names: tuple[str, ...]


class ClassScheme:
    """A way of naming the ranks: ``five_level`` (2024) or ``three_level`` (older)."""

    FIVE_LEVEL: ClassScheme
    THREE_LEVEL: ClassScheme

    def __init__(self, key: str, info: _SchemeInfo) -> None:
        self.key = key
        self._info = info

    def label(self, rank: int) -> str:
        """The class name for a five-level rank, in this scheme."""
        return self._info.labels[rank]

    @property
    def names(self) -> tuple[str, ...]:
        return self._info.names

    @classmethod
    def get(cls, key: str) -> ClassScheme:
        return {"five_level": cls.FIVE_LEVEL, "three_level": cls.THREE_LEVEL}[key]

    def __repr__(self) -> str:
        return f"ClassScheme({self.key!r})"


ClassScheme.FIVE_LEVEL = ClassScheme(
    "five_level", _SchemeInfo(dict(_BY_RANK), ("1", "2", "3C", "3B", "3A"))
)
ClassScheme.THREE_LEVEL = ClassScheme(
    "three_level", _SchemeInfo({1: "1", 2: "2", 3: "2", 4: "2", 5: "3"}, ("1", "2", "3"))
)


class ClassCondition(BaseModel):
    """Facts of an assessment that a class rule requires (all must hold)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    identifiable: bool | None = None
    personal: bool | None = None
    special_care: bool | None = None
    my_number: bool | None = None
    marking: Literal["secret", "internal"] | None = None
    #: Any personal finding of these types.
    finding_types: tuple[str, ...] = ()
    #: Any personal special-care finding of these categories.
    categories: tuple[str, ...] = ()


class ClassRule(BaseModel):
    """``class`` applies when ``when`` holds; the text's class is the highest that applies."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    id: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
    class_: Literal["1", "2", "3C", "3B", "3A"] = Field(alias="class")
    when: ClassCondition
    reason: str = Field(min_length=1)
    reason_en: str = ""

    @property
    def rank(self) -> int:
        return CLASS_RANKS[self.class_]
