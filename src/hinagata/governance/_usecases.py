"""AI use cases brought to the review body (利用申請): fields, kinds, the automatic
pre-assessment (事前評価) and the risk level.

The pre-assessment asks the municipality's policy what it decides for typical text of
each declared information class on the chosen service (the same question the guideline's
quick reference asks). The risk level follows the four perspectives of the national
high-risk check sheet: who uses it, the nature of the work, whether confidential data is
learned, and whether staff judge the output before it is used.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from hinagata.assess import rank_of
from hinagata.decide import verdict_for_rank
from hinagata.policy import Policy
from hinagata.verdicts import strictest

__all__ = [
    "AI_KINDS",
    "FIELDS",
    "RISK_LABELS",
    "RISK_QUESTIONS",
    "STATUSES",
    "PreAssessment",
    "pre_assess",
    "risk_level",
]

FIELDS = {
    "welfare": "福祉",
    "education": "教育",
    "health": "医療・保健",
    "tax": "税務",
    "resident": "戸籍・住民",
    "childcare": "子育て",
    "publicity": "広報・広聴",
    "disaster": "防災",
    "assembly": "議会",
    "general": "総務",
    "industry": "産業・観光",
    "infrastructure": "都市整備・建設",
    "environment": "環境",
    "other": "その他",
}
AI_KINDS = {
    "rule_based": "ルールベース・RPA（AIの対象外として記録のみ）",
    "traditional": "従来型AI（画像認識・予測・分類など）",
    "generative": "生成AI",
}
STATUSES = {
    "submitted": "審査待ち",
    "approved": "承認",
    "conditional": "条件付き承認",
    "returned": "差戻し",
    "rejected": "却下",
}
#: The four perspectives; the first choice of each is the lower-risk one.
RISK_QUESTIONS: dict[str, tuple[str, dict[str, str]]] = {
    "users": (
        "誰が使うか",
        {"staff": "職員だけが使う", "residents": "住民が直接使う、又は出力を住民に直接示す"},
    ),
    "nature": (
        "業務の性質",
        {
            "internal": "内部事務の補助（文案作成・要約など）",
            "rights": "住民の権利義務に関わる判断・処分に関わる",
        },
    ),
    "learning": (
        "機密情報の学習",
        {"no": "機密情報を学習させない", "yes": "機密情報を学習・追加学習させる"},
    ),
    "human": (
        "出力の確認",
        {
            "yes": "職員が出力を確認・判断してから使う",
            "no": "出力をそのまま使う、又は自動で処理する",
        },
    ),
}
_RISKY = {"users": "residents", "nature": "rights", "learning": "yes", "human": "no"}
RISK_LABELS = {"low": "低", "medium": "中", "high": "高"}


def risk_level(answers: Mapping[str, str]) -> str:
    """ "high", "medium" or "low" from the four answers.

    High: two or more risky answers, or rights-affecting work whose output staff do not
    judge; medium: one; low: none.
    """
    risky = {k for k, v in _RISKY.items() if answers.get(k) == v}
    if len(risky) >= 2 or {"nature", "human"} <= risky:
        return "high"
    return "medium" if risky else "low"


@dataclass(frozen=True)
class PreAssessment:
    """What the policy decides for each class of information a use case declares
    (事前評価): not the text's :class:`hinagata.assess.Assessment`, nor the risk level."""

    #: Per declared class: (class name, verdict).
    per_class: tuple[tuple[str, str], ...]
    #: The strictest of them ("" when the use is outside the AI scope).
    overall: str
    outside_scope: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "per_class": [list(x) for x in self.per_class],
            "overall": self.overall,
            "outside_scope": self.outside_scope,
        }


def pre_assess(
    policy: Policy, service_id: str, classes: Sequence[str], ai_kind: str
) -> PreAssessment:
    """What the policy decides for each declared class on the service."""
    if ai_kind == "rule_based":
        return PreAssessment((), "", outside_scope=True)
    service = policy.catalog.get(service_id)
    per = tuple((c, verdict_for_rank(policy, service, rank_of(c, policy.scheme))) for c in classes)
    return PreAssessment(per, strictest(v for _, v in per))
