"""What users read for the project's codes, and when (表示の語と日時).

One source of wording for every face (the web pages, the CLI, the guideline): the
Japanese name of a finding type (``PERSON_NAME`` → 氏名), of a special-care category
(``medical`` → 病歴・診療), of a service attribute (ISMAP ``registered`` → 登録済み,
LGWAN ``True`` → 接続できる), the short plain-Japanese explanation of the terms a
verdict uses (機密性3B, WG基準適合, 約款型; wording from ``shared/DOMAIN.md`` and
``POLICY_DEFAULTS.md``), and the time in Japan (日本時間) every shown time is written in.

Japan keeps no daylight-saving time, so Japan time is the fixed offset UTC+9 (the same
:data:`JST` the dashboard's day roll-ups use): nothing depends on the machine's time-zone
database.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache

from hinagata._messages import TYPE_LABELS, default_lang

__all__ = [
    "CLASS_TERMS",
    "JST",
    "JST_MARK",
    "SERVICE_TERMS",
    "TERMS",
    "Term",
    "categories_text",
    "category_label",
    "class_term",
    "class_terms",
    "contract_label",
    "domicile_label",
    "finding_label",
    "findings_text",
    "ismap_label",
    "jst",
    "jst_date",
    "lgwan_label",
    "regions_label",
    "training_label",
]

JST = dt.timezone(dt.timedelta(hours=9), "JST")
#: How a shown time says its zone (「2026-12-01 16:34（日本時間）」).
JST_MARK = "（日本時間）"


def _aware(ts: dt.datetime) -> dt.datetime:
    """``ts`` with its zone; a naive time is UTC (the database stores UTC)."""
    return ts if ts.tzinfo is not None else ts.replace(tzinfo=dt.UTC)


#: How a demo model (the gateway's demo upstream) is labelled wherever it is shown.
DEMO_LABEL = "デモ用：実際のAIではありません"


def jst(ts: dt.datetime | None, *, mark: bool = True, seconds: bool = False) -> str:
    """``ts`` in Japan time, labelled; "" for None.

    >>> jst(dt.datetime(2026, 12, 1, 7, 34, tzinfo=dt.UTC))
    '2026-12-01 16:34（日本時間）'
    >>> jst(dt.datetime(2026, 12, 1, 23, 5, 9), mark=False, seconds=True)
    '2026-12-02 08:05:09'
    """
    if ts is None:
        return ""
    text = _aware(ts).astimezone(JST).strftime("%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M")
    return text + (JST_MARK if mark else "")


def jst_date(ts: dt.datetime | dt.date | None) -> str:
    """The day of ``ts`` in Japan (a date is shown as it is); "" for None.

    >>> jst_date(dt.datetime(2026, 12, 1, 15, 30, tzinfo=dt.UTC))
    '2026-12-02'
    """
    if ts is None:
        return ""
    if not isinstance(ts, dt.datetime):
        return ts.isoformat()
    return _aware(ts).astimezone(JST).strftime("%Y-%m-%d")


# ---------------------------------------------------------------------- findings


def _lang(lang: str | None) -> str:
    return lang if lang in ("ja", "en") else default_lang()


def finding_label(kind: str, lang: str | None = "ja") -> str:
    """The name of a finding type (``BIRTH_DATE`` → 生年月日); an unknown type as it is.

    >>> finding_label("BIRTH_DATE"), finding_label("PERSON_NAME", "en")
    ('生年月日', 'Person name')
    """
    if kind == "INJECTION":
        return "攻撃の疑い" if _lang(lang) == "ja" else "suspected attack"
    return TYPE_LABELS.get(kind, {}).get(_lang(lang), kind)


def findings_text(counts: Mapping[str, int], lang: str | None = "ja") -> str:
    """What was found, by type and number, as the audit search shows it.

    >>> findings_text({"BIRTH_DATE": 1, "PERSON_NAME": 3})
    '生年月日 1件、氏名 3件'
    >>> findings_text({"PERSON_NAME": 2}, "en")
    'Person name 2'
    """
    en = _lang(lang) == "en"
    parts = [f"{finding_label(k, lang)} {n}{'' if en else '件'}" for k, n in counts.items()]
    return (", " if en else "、").join(parts)


@cache
def _categories() -> dict[str, tuple[str, str]]:
    from hinagata.detect.sensitive import load_lexicon

    return {k: (c.label, c.label_en) for k, c in load_lexicon().categories.items()}


def category_label(key: str, lang: str | None = "ja") -> str:
    """The name of a special-care category of the bundled lexicon (``medical`` →
    病歴・診療); a category only a municipality's lexicon names is shown by its key.

    >>> category_label("medical"), category_label("dv_victim", "en")
    ('病歴・診療', 'domestic-violence victim status (ordinance example)')
    """
    found = _categories().get(key)
    if found is None:
        return key
    return found[1] if _lang(lang) == "en" else found[0]


def categories_text(keys: Iterable[str], lang: str | None = "ja") -> str:
    """Several categories, named (「病歴・診療、障害」).

    >>> categories_text(["medical", "disability"])
    '病歴・診療、障害'
    """
    sep = ", " if _lang(lang) == "en" else "、"
    return sep.join(category_label(k, lang) for k in keys)


# ---------------------------------------------------------------------- service attributes


def ismap_label(value: str) -> str:
    """ISMAP registration (``registered`` → 登録済み).

    >>> ismap_label("none"), ismap_label("liu")
    ('未登録', 'ISMAP-LIU 登録済み')
    """
    return {"registered": "登録済み", "liu": "ISMAP-LIU 登録済み", "none": "未登録",
            "unknown": "不明"}.get(value, "不明")  # fmt: skip


def _known(value: object, yes: str, no: str) -> str:
    return yes if value is True else no if value is False else "不明"


def lgwan_label(value: object) -> str:
    """Whether the service can be used from the LGWAN segment.

    >>> lgwan_label(True), lgwan_label(False), lgwan_label("unknown")
    ('接続できる', '接続できない', '不明')
    """
    return _known(value, "接続できる", "接続できない")


def training_label(value: object) -> str:
    """Whether the service learns from what is typed in (``training_on_input``).

    >>> training_label(False), training_label("unknown")
    ('学習しない', '不明（学習するものとして扱う）')
    """
    return (
        _known(value, "学習する", "学習しない")
        if value in (True, False)
        else ("不明（学習するものとして扱う）")
    )


def contract_label(value: str) -> str:
    """The kind of contract (``standard_terms`` → 約款型).

    >>> contract_label("negotiated"), contract_label("standard_terms")
    ('個別契約', '約款型（利用規約への同意）')
    """
    return {"negotiated": "個別契約", "standard_terms": "約款型（利用規約への同意）",
            "unknown": "不明"}.get(value, "不明")  # fmt: skip


def domicile_label(code: str) -> str:
    """The provider's country.

    >>> domicile_label("JP"), domicile_label("US"), domicile_label("unknown")
    ('国内', '国外（US）', '不明')
    """
    return "国内" if code == "JP" else "不明" if code == "unknown" else f"国外（{code}）"


def regions_label(regions: object) -> str:
    """Where input is processed.

    >>> regions_label(["JP"]), regions_label(["JP", "US"]), regions_label("unknown")
    ('国内', '国内・US', '不明')
    """
    if not isinstance(regions, list):
        return "不明"
    return "・".join("国内" if r == "JP" else str(r) for r in regions)


# ---------------------------------------------------------------------- glossary


@dataclass(frozen=True)
class Term:
    """A term of the verdicts, and what it means in plain words."""

    #: The anchor on the guideline page (``/guideline#term-3B``).
    key: str
    term: str
    text: str

    @property
    def anchor(self) -> str:
        return f"term-{self.key}"


#: The five-level classes (令和6年10月改定) and the older three.
CLASS_TERMS: dict[tuple[str, str], Term] = {
    ("five_level", "3A"): Term("3A", "機密性3A",
        "国の秘密文書に相当する、特に厳重に扱う情報です（市町村ではまれです）。"
        "「秘」「極秘」などの表示がある文書もここに入ります。どの生成AIにも入力できません。"),
    ("five_level", "3B"): Term("3B", "機密性3B",
        "漏れると個人の権利や業務に重大な影響がある情報です。個人を識別できる情報に病歴・障害・"
        "生活保護などの要配慮個人情報が含まれるとき、又は個人番号（マイナンバー）を含むときです。"),
    ("five_level", "3C"): Term("3C", "機密性3C",
        "漏れると個人や業務に影響がある、そのほかの要機密情報です。氏名、住所、生年月日など、"
        "特定の個人を識別できる情報を含むときです。"),
    ("five_level", "2"): Term("2", "機密性2",
        "直ちに公開することを想定していない情報です。姓だけの担当者名、個人を特定できない相談内容、"
        "「内部資料」「未定稿」などの表示がある資料です。"),
    ("five_level", "1"): Term("1", "機密性1",
        "公表済みの資料など、上のどれにもあたらない情報です。"),
    ("three_level", "3"): Term("3", "機密性3",
        "国の秘密文書に相当する、特に厳重に扱う情報です（「秘」「極秘」などの表示がある文書）。"),
    ("three_level", "2"): Term("2", "機密性2",
        "公開を想定していない情報です（要機密情報）。個人を識別できる情報、要配慮個人情報、"
        "個人番号、内部資料を含みます。"),
    ("three_level", "1"): Term("1", "機密性1",
        "公表済みの資料など、上のどれにもあたらない情報です。"),
}  # fmt: skip

#: The kinds of service (``ServiceType``) and the words around them.
SERVICE_TERMS: dict[str, Term] = {
    "wg_compliant": Term("wg", "WG基準適合",
        "国の作業部会が示した条件をすべて満たすサービスです。国内の事業者が提供し、入力を国内の"
        "サーバーだけで処理し、入力した内容をAIの学習に使わない設定になっています。個人情報は、"
        "伏字にすれば入力できます。"),
    "contracted_japan": Term("contracted", "個別契約・国内リージョン",
        "国外の事業者ですが、団体が個別に契約し、国内のサーバーだけで処理し、学習に使わない"
        "サービスです。個人を識別できる情報は、審査機関の許可があるときだけ、伏字にして入力できます"
        "（要配慮個人情報を含むものは入力できません）。"),
    "standard_or_unknown": Term("standard", "約款型",
        "利用規約に同意するだけで使う一般向けのサービス（約款型）や、処理する国・学習の有無が"
        "分からないサービスです。公開してよい情報（機密性1）だけを入力できます。"),
}  # fmt: skip

#: Further terms the pages use.
TERMS: dict[str, Term] = {
    "special_care": Term("special-care", "要配慮個人情報",
        "病歴、障害、犯罪の経歴、生活保護の受給など、不当な差別や偏見が生じないよう特に配慮して"
        "扱う個人情報です（個人情報保護法・条例）。"),
    "masking": Term("masking", "伏字",
        "氏名や電話番号などを〔氏名1〕〔電話番号1〕のような記号に置き換えて、特定の個人を識別"
        "できないようにすることです。回答の中では元の値に戻して表示します。"),
    "review": Term("review", "審査機関の許可",
        "個人情報を扱う使い方などを、審査機関（審査委員）が利用申請に基づいて認めたものです。"
        "許可の範囲（所属・サービス・分類・期限）の中でだけ送信できます。"),
}  # fmt: skip


def class_term(name: str, scheme: str = "five_level") -> Term | None:
    """The explanation of class ``name`` (``"3B"``) in ``scheme``; None for another name.

    >>> class_term("3B").term
    '機密性3B'
    >>> class_term("3", "three_level").key, class_term("9")
    ('3', None)
    """
    return CLASS_TERMS.get((scheme, name))


def class_terms(scheme: str = "five_level") -> list[Term]:
    """The classes of ``scheme``, strictest first."""
    return [t for (s, _), t in CLASS_TERMS.items() if s == scheme]
