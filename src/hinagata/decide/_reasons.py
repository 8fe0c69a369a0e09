"""The judgment's reasons: the clause that decided, its explanation and remedy (理由).

Reasons are ordered by clause number — compared numerically part by part (4.9 < 4.10 <
12.1 < M-1) — then by the rule's position in the policy; their messages fill the rule's
templates with what the assessment found (the class, what identifies, the combination).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from hinagata.assess import KIND_LABELS, Assessment, ClassScheme
from hinagata.mask import PLACEHOLDER_LABELS, Masked
from hinagata.policy import Policy

_IDENTIFIABLE_JA = {
    "full_name": "氏名（姓と名）",
    "personal_email": "個人のメールアドレス",
    "email": "個人のメールアドレス",
    "personal_phone": "個人の電話番号",
    "residential_address": "番地までの住所",
    "ADDRESS": "住所",
    "BIRTH_DATE": "生年月日",
    "PHONE_NUMBER": "電話番号",
    "EMAIL": "メールアドレス",
}
_IDENTIFIABLE_EN = {
    "full_name": "a full name",
    "personal_email": "a personal e-mail address",
    "email": "a personal e-mail address",
    "personal_phone": "a personal phone number",
    "residential_address": "a complete residential address",
    "ADDRESS": "address",
    "BIRTH_DATE": "birth date",
    "PHONE_NUMBER": "phone number",
    "EMAIL": "e-mail",
}


@dataclass(frozen=True)
class Reason:
    """Why: the rule and clause that decided, an explanation, and what to do."""

    code: str
    clause: str
    title: str
    message: str
    remedy: str
    message_en: str = ""
    remedy_en: str = ""
    layer: str = ""

    def to_dict(self, lang: str = "ja") -> dict[str, str]:
        en = lang == "en"
        return {
            "clause": self.clause,
            "title": self.title,
            "message": (self.message_en or self.message) if en else self.message,
            "remedy": (self.remedy_en or self.remedy) if en else self.remedy,
            "code": self.code,
            "layer": self.layer,
        }


_NUMBER_OR_TEXT = re.compile(r"(\d+)|(\D+)")


def clause_sort_key(clause: str) -> tuple[tuple[int, int, str], ...]:
    """Sort key for clause ids: numeric parts compared as numbers, 4.9 < 4.10 < 12.1 < M-1.

    >>> sorted(["12.1", "4.10", "M-1", "4.9", "4.2"], key=clause_sort_key)
    ['4.2', '4.9', '4.10', '12.1', 'M-1']
    """
    return tuple(
        (0, int(num), "") if num else (1, 0, txt) for num, txt in _NUMBER_OR_TEXT.findall(clause)
    )


def _combination(kinds: Sequence[str], lang: str) -> str:
    """「地域・年齢・役職」 / "area, age and role" (a personal matter named last)."""
    i = 0 if lang == "ja" else 1
    names = [KIND_LABELS[k][i] for k in kinds if k != "matter" and k in KIND_LABELS]
    if "matter" in kinds:
        names.append(KIND_LABELS["matter"][i])
    if lang == "ja":
        return "・".join(names) or "記述"
    return (", ".join(names[:-1]) + " and " + names[-1]) if len(names) > 1 else "".join(names)


def _reason(
    policy: Policy,
    rule_id: str,
    a: Assessment,
    scheme: ClassScheme,
    masked: Assessment | None = None,
) -> Reason:
    er = policy.rules[rule_id]
    rule = er.rule
    left = masked.content_kinds if masked is not None else ()
    # What to remove: the descriptions still identifying, the personal matter last.
    removable = [k for k in left if k != "matter"] or list(left)
    values = {
        "class": scheme.label(a.rank),
        "identifiable": _describe(a.identifiable_because, _IDENTIFIABLE_JA, "、"),
        "combination": _combination(a.content_kinds, "ja"),
        "masked_combination": _combination(left, "ja"),
        "remove": _combination(removable, "ja"),
    }
    values_en = {
        "class": scheme.label(a.rank),
        "identifiable": _describe(a.identifiable_because, _IDENTIFIABLE_EN, ", "),
        "combination": _combination(a.content_kinds, "en"),
        "masked_combination": _combination(left, "en"),
        "remove": _combination(removable, "en"),
    }
    return Reason(
        code=rule_id,
        clause=er.clause_id,
        title=er.clause_title,
        message=_fill(rule.message, values),
        remedy=_fill(rule.remedy, values),
        message_en=_fill(rule.message_en, values_en),
        remedy_en=_fill(rule.remedy_en, values_en),
        layer=er.layer,
    )


def _describe(because: Sequence[str], words: Mapping[str, str], sep: str) -> str:
    from hinagata._messages import type_label

    parts: list[str] = []
    for b in because:
        if b.startswith("identifier_code:"):
            parts.append(type_label(b.split(":", 1)[1], "ja" if sep == "、" else "en"))
        elif b.startswith("content:"):
            kinds = b.split(":", 1)[1].split("+")
            parts.append(
                _combination(kinds, "ja") + "の組合せ（特異な記述）"
                if sep == "、"
                else "a combination of " + _combination(kinds, "en")
            )
        elif b.startswith("name_with:"):
            linked = [words.get(t, t) for t in b.split(":", 1)[1].split("+")]
            parts.append(
                ("氏名と" + "・".join(linked))
                if sep == "、"
                else ("a name with " + ", ".join(linked))
            )
        else:
            parts.append(words.get(b, b))
    return sep.join(parts) or ("個人に関する情報" if sep == "、" else "personal information")


def _fill(template: str, values: Mapping[str, str]) -> str:
    try:
        return template.format(**values)
    except (KeyError, IndexError, ValueError):
        return template


def _dedupe(reasons: Sequence[Reason]) -> list[Reason]:
    seen: set[str] = set()
    out = []
    for r in reasons:
        if r.code not in seen:
            seen.add(r.code)
            out.append(r)
    return out


def reasons_of(
    result: Any,
    policy: Policy,
    assessment: Assessment,
    masked_assessment: Assessment,
    position: Mapping[str, int],
) -> list[Reason]:
    """The reasons of one Cedar answer, in clause order, then the policy's order."""
    scheme = policy.scheme
    ids = result.diagnostics.id_annotations_by_reason
    got = [
        _reason(policy, ids.get(pid, pid), assessment, scheme, masked_assessment)
        for pid in result.diagnostics.reasons
    ]
    # Cedar reports its reasons in no fixed order: clause number, then the policy's order.
    got.sort(key=lambda r: (clause_sort_key(r.clause), position.get(r.code, len(position))))
    return got


def masked_reasons(reasons: Sequence[Reason], masked: Masked) -> list[Reason]:
    """The send_raw reasons of an ``allow_masked``, their remedy: what the masked text hides."""
    labels = "・".join(dict.fromkeys(PLACEHOLDER_LABELS[f.type] for f in masked.replaced))
    kinds = "・".join(
        dict.fromkeys(
            KIND_LABELS[g.kind][0] if g.kind in KIND_LABELS else "要配慮情報"
            for g in masked.generalised
        )
    )
    if labels and kinds:
        remedy = f"{labels}を伏字にし、{kinds}を一般化した文章であれば送信できます（一般化した記述は回答の中で元に戻りません）。"
    elif kinds:
        remedy = f"{kinds}を一般化した文章であれば送信できます（一般化した記述は回答の中で元に戻りません）。"
    elif labels:
        remedy = f"{labels}を伏字にした文章であれば送信できます。"
    else:
        remedy = ""
    remedy_en = "The masked text may be sent" + (
        " (generalised descriptions are not restored in the answer)." if kinds else "."
    )
    return [
        Reason(
            r.code,
            r.clause,
            r.title,
            r.message,
            remedy or r.remedy,
            r.message_en,
            remedy_en if remedy else r.remedy_en,
            r.layer,
        )
        for r in reasons
    ]
