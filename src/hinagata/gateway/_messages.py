"""What the gateway tells its callers, Japanese first, then English (利用者向けメッセージ).

Every text an API caller reads is here, so wording is reviewed in one place; the error
shapes around them (status, type, code) are in :mod:`hinagata.gateway._errors`.
"""

from __future__ import annotations

from hinagata.verdicts import LABELS

__all__ = [
    "AUDIT_UNAVAILABLE",
    "B64_NEEDS_FILENAME",
    "BAD_BASE64",
    "BAD_HASH",
    "BODY_NOT_OBJECT",
    "CHECK_INCOMPLETE",
    "DOCUMENT_CHECK_FAILED",
    "DOCUMENT_NOT_CHECKED",
    "FILENAME_NOT_TEXT",
    "INTERNAL_ERROR",
    "INVALID_KEY",
    "INVALID_USE_CASE",
    "KEY_STORE_UNAVAILABLE",
    "METHOD_NOT_ALLOWED",
    "MISSING_KEY",
    "NOT_FOUND",
    "NOT_UTF8",
    "OUTPUT_CHECK_FAILED",
    "PROVENANCE_UNAVAILABLE",
    "RATE_LIMITED",
    "RATE_LIMIT_UNAVAILABLE",
    "RESPONSE_NOT_HERE",
    "STREAM_BROKEN",
    "STREAM_OUTPUT_CHECK_FAILED",
    "TEXT_NOT_TEXT",
    "TEXT_OR_BASE64",
    "TRANSCRIPT_UNAVAILABLE",
    "UNTRUSTED_MESSAGES",
    "UPSTREAM_FAILED",
    "VERDICT",
    "caused_by",
    "field_too_long",
    "model_not_available",
    "model_not_here",
    "municipality_not_configured",
    "too_large",
    "too_many_concurrent",
]

CHECK_INCOMPLETE = (
    "確認を完了できなかったため、送信を止めました。時間をおいて再度お試しください"
    " / the check could not be completed; nothing was sent"
)
MISSING_KEY = "APIキーがありません / missing API key"
KEY_STORE_UNAVAILABLE = "認証を確認できませんでした / cannot check the key right now"
INVALID_KEY = "APIキーが無効か、取り消されています / invalid or revoked API key"
NOT_UTF8 = "本文が UTF-8 ではありません / the body is not valid UTF-8"
AUDIT_UNAVAILABLE = (
    "監査ログに記録できないため、送信を止めました / the audit log is unavailable; nothing was sent"
)
RATE_LIMIT_UNAVAILABLE = (
    "利用回数を確認できないため、送信を止めました。時間をおいて再度お試しください"
    " / the rate-limit store is unavailable; nothing was sent"
)
RATE_LIMITED = (
    "利用回数の上限に達しました。しばらく待ってから再度お試しください / rate limit exceeded"
)
INVALID_USE_CASE = (
    "x-hinagata-use-case は利用申請の番号（例: UC-12）で指定してください / "
    "x-hinagata-use-case must be a use-case id such as UC-12"
)
UNTRUSTED_MESSAGES = (
    "x-hinagata-untrusted-messages はメッセージの番号（0から）をカンマ区切りで指定してください / "
    "x-hinagata-untrusted-messages must list message indexes (from 0), comma-separated"
)
#: The first sentence of a refusal (403), before the clauses and remedies.
VERDICT = {v: LABELS[v].refusal for v in ("review", "deny")}
TRANSCRIPT_UNAVAILABLE = (
    "規定により全文を保存する必要がありますが、保存できないため送信を止めました"
    " / the policy requires keeping the transcript, which failed; nothing was sent"
)
OUTPUT_CHECK_FAILED = (
    "回答を確認できなかったため、表示を止めました。時間をおいて再度お試しください"
    " / the answer could not be checked and was withheld"
)
STREAM_OUTPUT_CHECK_FAILED = (
    "回答を確認できなかったため、続きの表示を止めました"
    " / the answer could not be checked; the rest was withheld"
)
UPSTREAM_FAILED = (
    "上流のAIへの送信か回答の処理で障害が起きました。依頼は記録されています（問い合わせ番号で照会できます）"
    " / the call to the upstream or the handling of its answer failed; the request is recorded"
)
RESPONSE_NOT_HERE = (
    "この応答は見つかりません（このゲートウェイを通った、あなたの会話の応答だけを取得できます）"
    " / no response of yours with this id is kept here"
)
STREAM_BROKEN = "上流のAIとの接続が切れました / the upstream connection broke"
DOCUMENT_CHECK_FAILED = (
    "文書を検査できませんでした。時間をおいて再度お試しください / the document could not be checked"
)
PROVENANCE_UNAVAILABLE = (
    "検査の記録を保存できなかったため、結果を返せません。索引に取り込まないでください"
    " / the check could not be recorded; do not index the document"
)
BAD_HASH = "SHA-256 は16進数64文字で指定してください / give the SHA-256 as 64 hex digits"
DOCUMENT_NOT_CHECKED = (
    "この文書の検査記録はありません。取り込む前に検査してください"
    " / this document has not been checked"
)
BODY_NOT_OBJECT = (
    "リクエストの本文はJSONオブジェクトでなければなりません / the body must be a JSON object"
)
FILENAME_NOT_TEXT = "filename は文字列で指定してください / filename must be a string"
TEXT_OR_BASE64 = (
    "text か content_base64 のどちらか一方を指定してください / give either text or content_base64"
)
TEXT_NOT_TEXT = "text は文字列で指定してください / text must be a string"
B64_NEEDS_FILENAME = (
    "content_base64 には filename（拡張子で形式を判断します）が必要です"
    " / content_base64 needs a filename"
)
BAD_BASE64 = "content_base64 が正しい Base64 ではありません / content_base64 is not valid base64"
NOT_FOUND = "そのURLはありません / not found"
METHOD_NOT_ALLOWED = "そのメソッドは使えません / method not allowed"
INTERNAL_ERROR = "内部エラーが発生しました。送信は行っていません / internal error; nothing was sent"


def too_large(limit: int) -> str:
    return f"リクエストが大きすぎます（上限 {limit} バイト） / request too large"


def too_many_concurrent(limit: int) -> str:
    return (
        f"同じキーで同時に送れるのは {limit} 件までです。前の送信が終わってから再度お試しください / "
        f"at most {limit} requests at once per key"
    )


def municipality_not_configured(municipality: str) -> str:
    return (
        f"このキーの団体「{municipality}」の規定がゲートウェイに設定されていません。管理者に連絡してください / "
        "no policy is configured for this key's municipality"
    )


def model_not_available(model: object, models: list[str]) -> str:
    return f"モデル「{model}」は利用できません。利用できるモデル: {', '.join(models)} / model not available"


def model_not_here(model: str) -> str:
    return f"モデル「{model}」はこの団体では利用できません / model not available here"


def field_too_long(name: str, limit: int, *, required: bool) -> str:
    return (
        f"{name} は{limit}文字以内の文字列で指定してください"
        + ("（必須）" if required else "")
        + f" / {name} must be a string of at most {limit} characters"
        + (" (required)" if required else "")
    )


#: After a refusal for an attacked earlier answer (previous_response_id): the remedy.
EARLIER_ANSWER_ATTACKED = (
    " この会話の以前の回答に、AIへの攻撃の疑いがある指示が含まれています。AIサービスはその回答を会話として"
    "保持しているため、この会話は続けられません。previous_response_id を付けずに、新しい会話として送ってください。"
    " / An earlier answer of this conversation carries a suspected injection, and the upstream keeps it: "
    "start a new conversation (without previous_response_id)."
)


def caused_by(messages: list[tuple[int | None, str | None]]) -> str:
    """The sentence after a refusal's first one that names the messages its reasons rest
    on: ``(index, place in the body)`` each (「3番目のメッセージ（messages[2]）」); empty
    where they rest on the request as a whole."""
    named = [f"{i + 1}番目（{p}）" for i, p in messages if i is not None and p]
    if not named:
        return ""
    return f"理由となる情報があるのは、{'・'.join(named)}のメッセージです。"
