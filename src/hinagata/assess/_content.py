"""Identification by content (特異な記述による識別): the combination rule, as policy data.

POLICY_DEFAULTS.md §1: a text is identifiable by content when what remains singles out one
person to a colleague or a neighbour — typically a combination of quasi-identifiers. The
rule (national default in the template's ``identification`` section; a municipality may
only tighten it):

- Each paragraph (text between blank lines) is weighed on its own. Its *kinds* are the
  QUASI_IDENTIFIER kinds found in it, plus ``area`` for a personal ADDRESS of town/area
  precision (full and block addresses identify directly, without this rule), plus
  ``matter`` for a personal special-care term or a personal matter (不登校, 苦情).
- Each kind counts once, at the highest weight of its findings: ``age_100`` for ages of
  100 and over, ``workplace_run`` for a workplace the person runs or works at,
  ``kin_described`` for a relative of a person described without a name (夫の失業 in a
  record about a 33歳女性: weaker than 佐藤さんの奥さん, whose family is known), a listed
  small area (``small_areas`` with at most ``small_area_households`` households) at
  ``small_area_weight``.
- The paragraph identifies when the sum reaches the threshold — the municipality's size
  band's threshold (``band_thresholds``, never above ``threshold``), else ``threshold``
  — **and** either two kinds
  other than ``matter`` are present, or one of the ``unique`` kinds (a public role, a
  school class, a singular, an age of 100 and over, a workplace the person runs) comes
  with a personal matter. So 「長谷川さんの奥様が入院された」 (kin + matter) never
  identifies by content, whatever the weights.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from hinagata._sizes import SIZE_BANDS
from hinagata.assess._precision import address_precision
from hinagata.detect import Finding
from hinagata.detect.quasi import QUASI_KINDS

__all__ = [
    "CONTENT_KINDS",
    "KIND_LABELS",
    "WEIGHT_KEYS",
    "ContentResult",
    "IdentificationRule",
    "SmallArea",
    "content_identification",
    "listed_area_findings",
]

#: The kinds the rule weighs, in the order reasons name them: every quasi-identifier kind
#: but ``person`` (a described person weighs nothing by itself).
CONTENT_KINDS: tuple[str, ...] = tuple(k for k in QUASI_KINDS if k != "person")
WeightKey = Literal[
    "area",
    "age",
    "age_100",
    "role",
    "school_class",
    "workplace",
    "workplace_run",
    "family",
    "rare_condition",
    "event_date",
    "kin",
    "kin_described",
    "singular",
    "matter",
]
WEIGHT_KEYS: tuple[str, ...] = get_args(WeightKey)
#: What each kind is called in a reason (「地域・年齢・役職の組合せ」).
KIND_LABELS: Mapping[str, tuple[str, str]] = {
    "area": ("地域", "area"),
    "age": ("年齢", "age"),
    "role": ("役職", "role"),
    "school_class": ("学校・学級", "school class"),
    "workplace": ("勤務先・店", "workplace"),
    "family": ("家族構成", "family composition"),
    "rare_condition": ("希少な疾病", "rare condition"),
    "event_date": ("出来事の日付", "event date"),
    "kin": ("親族関係", "kin"),
    "singular": ("特異な記述（最高齢・唯一など）", "singular description"),
    "matter": ("個人の事情", "personal matter"),
}

_PARAGRAPH = re.compile(r"\n[ \t\u3000]*\n")


class SmallArea(BaseModel):
    """A small area of the municipality (a hamlet, a 字) and its household count."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(min_length=1, max_length=40)
    households: int | None = Field(default=None, ge=0)


class IdentificationRule(BaseModel):
    """The content rule of a policy layer (``identification``); see the module docstring.

    The national template sets every field; a lower layer states only what it tightens
    (higher weights, lower thresholds, more unique kinds, its size band and small areas).
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    #: The clauses that govern it (they must exist in this layer or above).
    clauses: tuple[str, ...] = ()
    weights: dict[str, float] = Field(default_factory=dict)
    threshold: float = Field(default=4.0, gt=0, le=100)
    band_thresholds: dict[str, float] = Field(default_factory=dict)
    unique: tuple[WeightKey, ...] = ()
    #: The municipality's size band (set by the municipality layer; shared with the case
    #: catalog's SIZE_BANDS).
    size_band: str | None = None
    small_areas: tuple[SmallArea, ...] = ()
    small_area_weight: float = Field(default=3.0, ge=0, le=100)
    small_area_households: int = Field(default=100, ge=0)

    @field_validator("size_band")
    @classmethod
    def _band(cls, v: str | None) -> str | None:
        if v is not None and v not in SIZE_BANDS:
            raise ValueError(
                f"人口規模 {v!r} は {', '.join(SIZE_BANDS)} のいずれかで指定してください / unknown size band"
            )
        return v

    @field_validator("weights")
    @classmethod
    def _weight_keys(cls, v: dict[str, float]) -> dict[str, float]:
        for key in v:
            if key not in WEIGHT_KEYS:
                raise ValueError(
                    f"weights の種類 {key!r} は {', '.join(WEIGHT_KEYS)} のいずれかで指定してください / unknown kind"
                )
        return v

    @field_validator("band_thresholds")
    @classmethod
    def _bands(cls, v: dict[str, float]) -> dict[str, float]:
        for key in v:
            cls._band(key)
        return v

    @model_validator(mode="after")
    def _positive(self) -> IdentificationRule:
        for key, w in self.weights.items():
            if not 0 <= w <= 100:
                raise ValueError(f"weights.{key} は 0〜100 で指定してください / must be 0–100")
        for key, t in self.band_thresholds.items():
            if not 0 < t <= 100:
                raise ValueError(
                    f"band_thresholds.{key} は 0 より大きく 100 以下で指定してください / must be in (0, 100]"
                )
        return self

    @property
    def effective_threshold(self) -> float:
        """The size band's threshold where the layer states a band, never above ``threshold``."""
        if self.size_band is not None and self.size_band in self.band_thresholds:
            return min(self.threshold, self.band_thresholds[self.size_band])
        return self.threshold

    def weight(self, key: str) -> float:
        return float(self.weights.get(key, 0.0))


@dataclass(frozen=True)
class ContentResult:
    """The paragraph that identifies by content (the highest score), or why none does."""

    identifiable: bool
    #: The kinds that make the combination, in CONTENT_KINDS order.
    kinds: tuple[str, ...]
    score: float
    threshold: float
    #: The quasi-identifier findings of that paragraph (what generalisation must change).
    findings: tuple[Finding, ...] = ()
    #: Every finding the rule weighed in that paragraph (the area's address and the
    #: personal matter too): where the combination lies.
    evidence: tuple[Finding, ...] = ()


def _precision(f: Finding) -> str:
    return address_precision(f)


def _key_of(f: Finding) -> tuple[str, str] | None:
    """(kind, weight key) of a finding the rule weighs, or None."""
    if f.type == "QUASI_IDENTIFIER" and f.category:
        kind = f.category
        if kind not in CONTENT_KINDS:
            return None  # ``person`` (30代女性): personal, but weighs nothing
        if kind == "matter":
            return ("matter", "matter") if f.personal else None
        if kind == "age" and f.detail == "100_plus":
            return kind, "age_100"
        if kind == "workplace" and f.detail == "run":
            return kind, "workplace_run"
        if kind == "kin" and f.detail == "described":
            return kind, "kin_described"
        if kind == "role" and f.detail == "source":
            return None  # 民生委員から：… the informant, not the person the text is about
        return kind, kind
    if f.type == "SENSITIVE" and f.personal:
        return "matter", "matter"
    if f.type == "ADDRESS" and f.personal and _precision(f) in ("town", "area"):
        return "area", "area"
    return None


def _paragraph_ids(text: str, findings: Sequence[Finding]) -> list[int]:
    breaks = [m.start() for m in _PARAGRAPH.finditer(text)] if "\n" in text else []
    if not breaks:
        return [0] * len(findings)
    from bisect import bisect_right

    return [bisect_right(breaks, f.start) for f in findings]


def content_identification(
    findings: Sequence[Finding], text: str, rule: IdentificationRule | None
) -> ContentResult:
    """Whether ``findings`` of ``text`` identify a person by their combination under ``rule``.

    ``text`` is the text the findings' offsets index (paragraphs are cut in it).
    """
    if rule is None:
        return ContentResult(False, (), 0.0, 0.0)
    threshold = rule.effective_threshold
    weighed = [(f, k) for f in findings if (k := _key_of(f)) is not None]
    if not weighed:
        return ContentResult(False, (), 0.0, threshold)
    small = {
        a.name
        for a in rule.small_areas
        if a.households is None or a.households <= rule.small_area_households
    }
    paragraphs: dict[int, list[tuple[Finding, tuple[str, str]]]] = {}
    for (f, k), pid in zip(weighed, _paragraph_ids(text, [f for f, _ in weighed]), strict=True):
        paragraphs.setdefault(pid, []).append((f, k))
    best = ContentResult(False, (), 0.0, threshold)
    unique = set(rule.unique)
    for items in paragraphs.values():
        by_kind: dict[str, float] = {}
        keys: set[str] = set()
        for f, (kind, key) in items:
            w = rule.weight(key)
            if kind == "area" and small and any(name in f.text for name in small):
                w = max(w, rule.small_area_weight)
            by_kind[kind] = max(by_kind.get(kind, 0.0), w)
            keys.add(key)
        score = sum(by_kind.values())
        others = [k for k in by_kind if k != "matter"]
        matter = "matter" in by_kind
        unique_here = bool(unique & (keys - {"matter"}))
        ok = score >= threshold and (len(others) >= 2 or (unique_here and matter))
        kinds = tuple(k for k in CONTENT_KINDS if k in by_kind)
        result = ContentResult(
            ok,
            kinds,
            score,
            threshold,
            tuple(f for f, (kind, _) in items if f.type == "QUASI_IDENTIFIER" and kind != "matter"),
            tuple(f for f, _ in items),
        )
        if (result.identifiable, result.score) > (best.identifiable, best.score):
            best = result
    return best


def listed_area_findings(
    text: str, rule: IdentificationRule | None, findings: Sequence[Finding]
) -> list[Finding]:
    """The municipality's listed small areas written in ``text`` without 字/大字 (東谷の集落),
    as ``area`` quasi-identifiers, where no finding already covers them."""
    if rule is None or not rule.small_areas:
        return []
    covered = [(f.start, f.end) for f in findings if f.type in ("QUASI_IDENTIFIER", "ADDRESS")]
    out: list[Finding] = []
    for area in rule.small_areas:
        name = area.name
        pos = text.find(name)
        while pos >= 0:
            end = pos + len(name)
            if not any(s <= pos and end <= e for s, e in covered):
                out.append(
                    Finding("QUASI_IDENTIFIER", pos, end, name, 0.6, False, "area", "listed")
                )
                covered.append((pos, end))
            pos = text.find(name, end)
    return out
