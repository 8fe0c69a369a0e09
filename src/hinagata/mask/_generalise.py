"""Generalisation (一般化) of quasi-identifiers, so that masked text no longer identifies.

Placeholders (〔氏名1〕) hide values that identify by themselves and come back in the answer.
Generalisation changes descriptions that identify in combination (POLICY_DEFAULTS §1):

=================  =============================================  ==========================
kind               how                                            example
=================  =============================================  ==========================
age                to the decade (100 and over: 100歳以上)          87歳 → 80代
area               a numbered label                               大字北原 → 〔地域1〕
role               a numbered label                               元町議会議員 → 〔役職1〕
event_date         to the month                                   令和6年4月3日 → 令和6年4月
kin                a numbered label                               佐藤さんの奥さん → 〔関係者1〕
school_class       a numbered label                               第二中学校3年1組 → 〔学校・学級1〕
workplace          a numbered label                               駅前のパン屋 → 〔勤務先1〕
family             a numbered label                               長男と二人暮らし → 〔家族構成1〕
singular           removed (…の) or a label                        一軒だけの → (removed)
rare_condition     a numbered label                               パーキンソン病 → 〔病名1〕
SENSITIVE          a numbered label (last resort)                 うつ病 → 〔要配慮情報1〕
=================  =============================================  ==========================

The labels look like placeholders but are **not restored** in the answer: nobody keeps
what they stood for (the CLI and the check page say so). The same value gets the same
label within one request.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from hinagata.detect import Finding
from hinagata.detect.quasi import kanji_number

__all__ = [
    "GENERALISATION_STAGES",
    "GENERALISED_LABELS",
    "Generalisation",
    "Generaliser",
    "generalise_age",
    "generalise_date",
    "kind_of",
]

#: Labels of the kinds that become a numbered label.
GENERALISED_LABELS: Mapping[str, str] = {
    "area": "地域",
    "role": "役職",
    "kin": "関係者",
    "school_class": "学校・学級",
    "workplace": "勤務先",
    "family": "家族構成",
    "singular": "特異な記述",
    "rare_condition": "病名",
    "SENSITIVE": "要配慮情報",
}

#: The order in which kinds are generalised; the judgment stops at the first stage after
#: which the text no longer identifies. Area, age, role, dates and kin first; a
#: special-care condition only if the text still identifies after everything else.
GENERALISATION_STAGES: tuple[frozenset[str], ...] = (
    frozenset({"area", "age", "role", "event_date", "kin"}),
    frozenset({"school_class", "workplace", "family", "singular"}),
    frozenset({"rare_condition", "SENSITIVE"}),
)

_AGE = re.compile(r"([0-9]+|[〇一二三四五六七八九十百]+)(?:歳|才)")
_DAY = re.compile(r"[0-9０-９]{1,2}日(?:\s*[(（][月火水木金土日][)）])?$")


def _number(s: str) -> int | None:
    s = unicodedata.normalize("NFKC", s)
    return int(s) if s.isdigit() else kanji_number(s)


def generalise_age(text: str) -> str:
    """87歳 → 80代, 105歳 → 100歳以上, 7歳 → 10歳未満.

    >>> generalise_age("87歳"), generalise_age("百五歳"), generalise_age("7歳")
    ('80代', '100歳以上', '10歳未満')
    """
    m = _AGE.search(unicodedata.normalize("NFKC", text))
    value = _number(m.group(1)) if m else None
    if value is None:
        return "年齢不詳"
    if value >= 100:
        return "100歳以上"
    if value < 10:
        return "10歳未満"
    return f"{value // 10 * 10}代"


def generalise_date(text: str) -> str:
    """The exact date of an event to its month: 令和6年4月3日 → 令和6年4月."""
    out = _DAY.sub("", text.rstrip())
    return out if out != text else "ある日"


@dataclass(frozen=True)
class Generalisation:
    """One description that was generalised (shown to the user; never logged with values)."""

    kind: str
    start: int
    end: int
    #: The description as written.
    text: str
    #: What replaced it ("" when it was removed).
    replacement: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "generalised": self.replacement,
        }


def kind_of(f: Finding) -> str:
    """The generalisation kind of a finding: its quasi kind, or SENSITIVE."""
    return f.category or "" if f.type == "QUASI_IDENTIFIER" else f.type


class Generaliser:
    """Numbered labels for one request: the same description always gets the same label."""

    def __init__(self) -> None:
        self._labels: dict[tuple[str, str], str] = {}
        self._counters: dict[str, int] = {}

    def replacement(self, f: Finding) -> str:
        kind = kind_of(f)
        if kind == "age":
            return generalise_age(f.text)
        if kind == "event_date":
            return generalise_date(f.text)
        if kind == "singular" and f.text.endswith("の"):
            return ""  # 市内に一軒だけの鍛冶屋 → 市内に〔勤務先1〕
        label = GENERALISED_LABELS.get(kind, "記述")
        key = (label, re.sub(r"\s+", "", unicodedata.normalize("NFKC", f.text)))
        found = self._labels.get(key)
        if found is None:
            self._counters[label] = self._counters.get(label, 0) + 1
            found = f"〔{label}{self._counters[label]}〕"
            self._labels[key] = found
        return found
