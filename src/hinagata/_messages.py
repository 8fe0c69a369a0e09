"""User-facing messages, Japanese first with an English option (利用者向けメッセージ).

Every message a municipal user reads is looked up here by id, so wording is reviewed in
one place. ``lang`` is "ja" (default) or "en"; ``HINAGATA_LANG`` sets the default.
"""

from __future__ import annotations

import os

__all__ = ["LANGS", "default_lang", "message"]

LANGS = ("ja", "en")

_MESSAGES: dict[str, dict[str, str]] = {
    "not_found": {
        "ja": "ファイルまたはフォルダが見つかりません: {path}",
        "en": "No such file or directory: {path}",
    },
    "not_a_file": {
        "ja": "通常のファイルではありません: {path}",
        "en": "Not a regular file: {path}",
    },
    "unreadable": {
        "ja": "ファイルを読み込めません: {path}（{detail}）",
        "en": "Cannot read the file: {path} ({detail})",
    },
    "unsupported": {
        "ja": "対応していない形式のファイルです: {path}（{detail}）。テキスト、Word（.docx）、Excel（.xlsx）、PDF に対応しています。",
        "en": "Unsupported file format: {path} ({detail}). Text, Word (.docx), Excel (.xlsx) and PDF are supported.",
    },
    "undecodable": {
        "ja": "文字コードを判別できないか、文字化けしています: {path}（{detail}）。UTF-8、Shift_JIS（CP932）、EUC-JP で保存してください。",
        "en": "Cannot decode the text: {path} ({detail}). Save it as UTF-8, Shift_JIS (CP932) or EUC-JP.",
    },
    "empty": {
        "ja": "ファイルが空です（検査する文字がありません）: {path}",
        "en": "The file is empty (nothing to scan): {path}",
    },
    "too_large": {
        "ja": "ファイルが大きすぎます: {path}（{detail} バイト）。分割するか、--max-bytes で上限を引き上げてください。",
        "en": "The file is too large: {path} ({detail} bytes). Split it or raise the limit with --max-bytes.",
    },
    "over_limit": {
        "ja": "読み込みの上限を超えたため中止しました: {path}（{detail}）",
        "en": "Reading stopped at a limit: {path} ({detail})",
    },
    "lexicon_error": {
        "ja": "語彙ファイルに誤りがあります: {detail}",
        "en": "The lexicon file has an error: {detail}",
    },
    "internal_error": {
        "ja": "内部エラーのため検査を完了できませんでした（{detail}）。結果は出力していません。",
        "en": "The scan could not be completed because of an internal error ({detail}). No result was written.",
    },
    "dir_failed": {
        "ja": "{count} 件のファイルを検査できませんでした。",
        "en": "{count} file(s) could not be scanned.",
    },
    "no_findings": {
        "ja": "個人情報等は検出されませんでした。",
        "en": "No personal information was found.",
    },
    "findings_title": {"ja": "検出結果: {path}", "en": "Findings: {path}"},
    "summary_title": {"ja": "検査結果の概要", "en": "Summary"},
    "col_type": {"ja": "種別", "en": "Type"},
    "col_text": {"ja": "内容", "en": "Text"},
    "col_pos": {"ja": "位置", "en": "Offset"},
    "col_personal": {"ja": "個人", "en": "Personal"},
    "col_score": {"ja": "確度", "en": "Score"},
    "col_category": {"ja": "区分", "en": "Category"},
    "col_file": {"ja": "ファイル", "en": "File"},
    "col_count": {"ja": "件数", "en": "Findings"},
    "col_status": {"ja": "状態", "en": "Status"},
    "status_ok": {"ja": "完了", "en": "done"},
    "status_error": {"ja": "エラー", "en": "error"},
    "yes": {"ja": "はい", "en": "yes"},
    "no": {"ja": "いいえ", "en": "no"},
    "no_institution": {"ja": "いいえ（組織・施設）", "en": "no (institution)"},
    "scanning": {"ja": "検査中", "en": "Scanning"},
    "example_note": {
        "ja": "同梱の例文（架空の人物）を検査します: {path}",
        "en": "Scanning the bundled example (fictitious people): {path}",
    },
}

TYPE_LABELS: dict[str, dict[str, str]] = {
    "MY_NUMBER": {"ja": "個人番号（マイナンバー）", "en": "My Number"},
    "CORPORATE_NUMBER": {"ja": "法人番号", "en": "Corporate number"},
    "PHONE_NUMBER": {"ja": "電話番号", "en": "Phone number"},
    "EMAIL": {"ja": "メールアドレス", "en": "E-mail"},
    "POSTAL_CODE": {"ja": "郵便番号", "en": "Postal code"},
    "CREDIT_CARD": {"ja": "クレジットカード番号", "en": "Credit card"},
    "BANK_ACCOUNT": {"ja": "口座番号", "en": "Bank account"},
    "PASSPORT_NUMBER": {"ja": "旅券番号", "en": "Passport number"},
    "DRIVER_LICENSE_NUMBER": {"ja": "運転免許証番号", "en": "Driver's licence number"},
    "BASIC_PENSION_NUMBER": {"ja": "基礎年金番号", "en": "Basic pension number"},
    "HEALTH_INSURANCE_NUMBER": {"ja": "健康保険の記号・番号", "en": "Health insurance number"},
    "CARE_INSURANCE_NUMBER": {
        "ja": "介護保険被保険者番号",
        "en": "Long-term care insurance number",
    },
    "RESIDENT_RECORD_CODE": {"ja": "住民票コード", "en": "Resident record code"},
    "RESIDENCE_CARD_NUMBER": {"ja": "在留カード番号", "en": "Residence card number"},
    "BIRTH_DATE": {"ja": "生年月日", "en": "Birth date"},
    "PERSON_NAME": {"ja": "氏名", "en": "Person name"},
    "ADDRESS": {"ja": "住所", "en": "Address"},
    "SENSITIVE": {"ja": "要配慮個人情報", "en": "Special-care information"},
    "QUASI_IDENTIFIER": {"ja": "特異な記述", "en": "Quasi-identifier"},
}


def default_lang() -> str:
    lang = os.environ.get("HINAGATA_LANG", "ja").lower()[:2]
    return lang if lang in LANGS else "ja"


def message(key: str, lang: str | None = None, **kwargs: object) -> str:
    """The message ``key`` in ``lang``, formatted with ``kwargs``.

    >>> message("empty", "en", path="a.txt")
    'The file is empty (nothing to scan): a.txt'
    """
    lang = lang if lang in LANGS else default_lang()
    table = _MESSAGES[key]
    return table.get(lang or "ja", table["ja"]).format(**kwargs)


def type_label(finding_type: str, lang: str | None = None) -> str:
    lang = lang if lang in LANGS else default_lang()
    return TYPE_LABELS.get(finding_type, {}).get(lang or "ja", finding_type)
