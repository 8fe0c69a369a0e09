"""AI use cases brought to the review body (利用申請): fields, kinds, the automatic
pre-assessment (事前評価), the risk sheet (リスク判定シート) and the risk level.

The pre-assessment asks the municipality's policy what it decides for typical text of
each declared information class on the chosen service (the same question the guideline's
quick reference asks).

The risk sheet follows the structure of the high-risk assessment of the Digital Agency's
「行政の進化と革新のための生成AIの調達・利活用に係るガイドライン」 (DS-920, デジタル社会推進
会議幹事会決定, 2025-05-27,
https://www.digital.go.jp/assets/contents/node/basic_page/field_ref_resources/e2a06143-ed29-4f1d-9c31-0f06fca67afc/80419aea/20250527_resources_standard_guidelines_guideline_01.pdf):
its 高リスク判定シート judges a use of generative AI from four perspectives — the range
and kind of users (利用者範囲・種別), the nature of the work (利用業務の性格), the learning
of confidential information (機密情報の学習等) and staff judgment of the output (出力結果の
職員判断) — and a use judged high-risk goes to the advisory board (先進的AI利活用
アドバイザリーボード) with its mitigations. The perspectives are as secondary summaries of
the guideline name them (we could not read the sheet itself: its exact questions and its
threshold are not reproduced here); the choices, and :func:`risk_level`'s rule, follow
``DOMAIN.md`` (the working group's four perspectives) and are marked as ours. The
handling of personal information (:data:`RISK_QUESTIONS` ``personal``) is the third part
the sheet's structure names beside the confidentiality classes the form already asks
for. The related 「テキスト生成AI利活用におけるリスクへの対策ガイドブック（α版）」
(Digital Agency, 2025-06-06) lists risks and mitigations by project stage; it is not a
sheet and is not encoded here.

The applicant answers the sheet on the form; the reviewer answers it again on the review
page (the applicant's answers preselected), and the outcome — the reviewer's answers,
level and notes — is recorded with the decision, beside the policy's pre-assessment
(:func:`hinagata.governance.check_review`).
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
    "RISK_SHEET_SOURCE",
    "STATUSES",
    "PreAssessment",
    "pre_assess",
    "risk_level",
    "risky_answers",
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
#: The risk sheet, in the order of the Digital Agency's high-risk assessment (see the
#: module's docstring): who uses it, the nature of the work, the handling of personal
#: and confidential information (personal information, learning), staff judgment of the
#: output. key → (perspective, {choice: label}); the first choice of each is the
#: lower-risk one, :data:`_RISKY` the higher-risk ones.
RISK_QUESTIONS: dict[str, tuple[str, dict[str, str]]] = {
    "users": (
        "利用者の範囲・種別（誰が使うか）",
        {"staff": "職員だけが使う", "residents": "住民が直接使う、又は出力を住民に直接示す"},
    ),
    "nature": (
        "利用業務の性格",
        {
            "internal": "内部事務の補助（文案作成・要約など）",
            "rights": "住民の権利義務に関わる判断・処分に関わる",
        },
    ),
    "personal": (
        "個人情報の取扱い",
        {
            "none": "個人情報を入力しない",
            "masked": "個人情報は伏字にしてから入力する",
            "raw": "個人情報をそのまま入力する",
            "special": "要配慮個人情報（病歴・障害・犯罪歴など）を入力する",
        },
    ),
    "learning": (
        "機密情報の学習等",
        {"no": "機密情報を学習させない", "yes": "機密情報を学習・追加学習させる"},
    ),
    "human": (
        "出力結果の職員による判断",
        {
            "yes": "職員が出力を確認・判断してから使う",
            "no": "出力をそのまま使う、又は自動で処理する",
        },
    ),
}
_RISKY: dict[str, frozenset[str]] = {
    "users": frozenset({"residents"}),
    "nature": frozenset({"rights"}),
    "personal": frozenset({"raw", "special"}),
    "learning": frozenset({"yes"}),
    "human": frozenset({"no"}),
}
#: Where the sheet's perspectives come from, as the pages cite it.
RISK_SHEET_SOURCE = (
    "デジタル庁「行政の進化と革新のための生成AIの調達・利活用に係るガイドライン」"
    "（2025年5月27日）の高リスク判定シートの観点（利用者の範囲・種別、利用業務の性格、"
    "機密情報の学習等、出力結果の職員判断）に、個人情報の取扱いを加えたもの"
)
RISK_LABELS = {"low": "低", "medium": "中", "high": "高"}


def risky_answers(answers: Mapping[str, str]) -> set[str]:
    """The perspectives whose answer is a higher-risk one; an unanswered or unknown
    answer counts as higher-risk (fail closed)."""
    return {
        k
        for k, (_label, choices) in RISK_QUESTIONS.items()
        if answers.get(k) not in choices or answers.get(k) in _RISKY[k]
    }


def risk_level(answers: Mapping[str, str]) -> str:
    """ "high", "medium" or "low" from the sheet's answers (:data:`RISK_QUESTIONS`).

    High: two or more higher-risk answers, or rights-affecting work whose output staff
    do not judge; medium: one; low: none. An unanswered perspective is higher-risk.
    """
    risky = risky_answers(answers)
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
