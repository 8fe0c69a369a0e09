"""What the rendered guideline contains, computed from the effective policy.

The quick-reference table is not written by hand: each cell is the judgment the policy
itself gives for a text of that class on that service, so a municipality's tightening
shows up in its guideline automatically.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from hinagata.decide import verdict_for_rank
from hinagata.labels import (
    contract_label,
    domicile_label,
    ismap_label,
    lgwan_label,
    regions_label,
    training_label,
)
from hinagata.policy import Policy
from hinagata.services import Service
from hinagata.verdicts import LABELS

__all__ = ["LEGEND", "Cell", "GuidelineDoc", "ServiceRow", "build_document"]

_CLASS_EXAMPLES = {
    1: "公表済みの資料、挨拶文の案、統計の数値",
    2: "職員の姓だけの担当者名、個人を特定できない相談内容、未定稿の内部資料",
    3: "氏名、氏名と住所・生年月日の組合せ、個人識別符号を含む情報",
    4: "個人を識別できる情報と病歴・障害・生活保護等の要配慮個人情報、個人番号を含む情報",
    5: "秘密文書に相当する情報",
}


#: The quick-reference table's key: each verdict's mark and what staff may type in.
LEGEND = "　".join(f"{label.mark} {label.guideline}" for label in LABELS.values())


@dataclass(frozen=True)
class Cell:
    verdict: str

    @property
    def mark(self) -> str:
        return LABELS[self.verdict].mark

    @property
    def text(self) -> str:
        return LABELS[self.verdict].guideline


@dataclass(frozen=True)
class ServiceRow:
    service: Service

    @property
    def cells(self) -> list[str]:
        """The service's attributes in the words of :mod:`hinagata.labels` (the same
        as the web's service catalog)."""
        s = self.service
        return [
            s.name,
            s.service_type.label,
            domicile_label(s.provider.domicile),
            regions_label(s.processing_regions),
            training_label(s.training_on_input),
            contract_label(s.contract),
            ismap_label(s.ismap),
            lgwan_label(s.lgwan),
        ]


SERVICE_HEADERS = [
    "サービス",
    "区分",
    "提供事業者",
    "処理地域",
    "入力の学習",
    "契約",
    "ISMAP",
    "LGWAN",
]


@dataclass(frozen=True)
class GuidelineDoc:
    title: str
    municipality: str
    version: str
    content_hash: str
    date: str
    layers: list[tuple[str, str, str]]
    chapters: list[dict[str, object]]
    services: list[ServiceRow]
    service_headers: list[str]
    quick_classes: list[tuple[str, str]]
    quick_cells: list[list[Cell]]
    local_additions: list[tuple[str, str, str]] = field(default_factory=list)
    extensions: list[tuple[str, str, str]] = field(default_factory=list)
    scheme_note: str = ""
    #: The key under the quick-reference table (:data:`LEGEND`).
    legend: str = LEGEND


_ITEM = re.compile(r"^\s*[(（]\d+[)）]")


def paragraphs(text: str) -> list[str]:
    r"""Paragraphs of clause text: YAML lines are wrapped for editing, not meaning.

    A blank line or an enumerated item ((1), (2) …) starts a paragraph; other line breaks
    are joined without a space, as Japanese is written.

    >>> paragraphs("一行目の続き\nである。\n(1) 項目\n(2) 次")
    ['一行目の続きである。', '(1) 項目', '(2) 次']
    """
    out: list[str] = []
    current = ""
    for raw in text.strip().splitlines():
        line = raw.strip()
        if not line or _ITEM.match(line):
            if current:
                out.append(current)
            current = line
            continue
        current += line
    if current:
        out.append(current)
    return out


def build_document(policy: Policy, *, date: dt.date | None = None) -> GuidelineDoc:
    """Everything the renderers need, in guideline order."""
    national_ids = {policy.layers[0].id}
    chapters: list[dict[str, object]] = []
    additions: list[tuple[str, str, str]] = []
    layer_names = {layer.id: layer.name for layer in policy.layers}
    for ch, clauses, lid in policy.chapters:
        items = []
        for c in clauses:
            local = c.layer not in national_ids
            if local:
                additions.append(
                    (
                        f"{c.clause.id} {c.clause.title}",
                        layer_names.get(c.layer, c.layer),
                        "条項の追加",
                    )
                )
            for lay, _ in c.appended:
                additions.append(
                    (f"{c.clause.id} {c.clause.title}", layer_names.get(lay, lay), "本文への追記")
                )
            items.append(
                {
                    "id": c.clause.id,
                    "title": c.clause.title,
                    "paragraphs": paragraphs(c.clause.text),
                    "appended": [
                        (
                            layer_names.get(lay, lay),
                            paragraphs(t),
                        )
                        for lay, t in c.appended
                    ],
                    "layer": layer_names.get(c.layer, c.layer),
                    "local": local,
                }
            )
        chapters.append(
            {"id": ch.id, "title": ch.title, "clauses": items, "local": lid not in national_ids}
        )
    extensions = [
        (
            u.id,
            layer_names.get(lid, lid),
            f"所属: {'、'.join(u.departments) or '全所属'}／サービス: {'、'.join(u.services) or '全サービス'}{('（' + u.note + '）') if u.note else ''}",
        )
        for u, lid in policy.extensions
    ]
    services = list(policy.catalog.services)
    quick_classes = [
        (
            policy.scheme.label(r) + ("（" + k + "）" if policy.scheme.key != "five_level" else ""),
            _CLASS_EXAMPLES[r],
        )
        for r, k in ((1, "1"), (2, "2"), (3, "3C"), (4, "3B"), (5, "3A"))
    ]
    quick_cells = [[Cell(verdict_for_rank(policy, s, r)) for s in services] for r in range(1, 6)]
    scheme_note = (
        "機密性の分類は旧来の3段階で表示しています（3A→3、3B・3C・2→2、1→1）。"
        if policy.scheme.key == "three_level"
        else "機密性の分類は令和6年10月改定の5段階（3A・3B・3C・2・1）です。"
    )
    return GuidelineDoc(
        title=policy.title or "生成AI利用ガイドライン",
        municipality=policy.municipality or "（団体名）",
        version=policy.version,
        content_hash=policy.content_hash,
        date=(date or dt.date.today()).isoformat(),
        layers=[(layer.name, layer.level, layer.version) for layer in policy.layers],
        chapters=chapters,
        services=[ServiceRow(s) for s in services],
        service_headers=SERVICE_HEADERS,
        quick_classes=quick_classes,
        quick_cells=quick_cells,
        local_additions=additions,
        extensions=extensions,
        scheme_note=scheme_note,
    )
