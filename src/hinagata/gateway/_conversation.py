"""Going on with a conversation the upstream keeps (Responses API, ``previous_response_id``).

The earlier turns are not in the request, so the gateway brings back what it kept of them
(:class:`hinagata.store.Conversations`, ADR 0022): their texts become *history* parts —
judged with the new parts (a name then and an address now identify someone together),
never screened again and never sent (the upstream has them) — and their placeholder
table seeds this request's masking, so a value keeps the placeholder the upstream knows
it by and a new value never takes a number already used. After the answer, the turn is
kept under the upstream's response id.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from hinagata.gateway._errors import ApiError, unavailable
from hinagata.gateway._spec import Slot
from hinagata.guard import OutputRules, OutputScreen
from hinagata.policy import Policy
from hinagata.runtime import Caller, Runtime
from hinagata.store import Conversation, ConversationError

__all__ = [
    "HISTORY",
    "conversation_screen",
    "history_slots",
    "keep_turn",
    "load",
    "previous_id",
    "stored",
    "with_joined",
]

log = logging.getLogger("hinagata.gateway")

#: The kind of a part that carries an earlier turn (judged, not screened, not sent).
HISTORY = "history"

#: Retention of kept turns where the policy has no transcripts section (its default).
DEFAULT_RETENTION_DAYS = 30

_REFUSALS = {
    "not_found": (
        404,
        "previous_response_id の会話が見つかりません（このゲートウェイを通った、あなたの会話だけを続けられます）"
        " / no conversation of yours with this previous_response_id",
    ),
    "expired": (
        404,
        "previous_response_id の会話は保存期間を過ぎたため削除されました。会話の全体を input で送ってください"
        " / the conversation passed its retention and was deleted; send the whole conversation in input",
    ),
    "too_long": (
        400,
        "会話が長すぎるため続けられません。新しい会話として送ってください / the conversation is too long to continue",
    ),
    "sealed": (
        503,
        "会話の記録を開けません（会話の鍵が変わった可能性があります）。会話の全体を input で送ってください"
        " / the kept conversation cannot be opened (the conversation key changed?)",
    ),
}

_NO_KEY = (
    "このゲートウェイでは会話の続き（previous_response_id）を扱えません（会話の鍵が設定されていません）。"
    "会話の全体を input で送ってください / previous_response_id needs a conversation key in the "
    "gateway's config (conversation_key_env or conversation_key_file); send the whole conversation in input"
)


def previous_id(slots: Sequence[Slot]) -> str | None:
    """The request's ``previous_response_id``, if any."""
    for s in slots:
        if s.path == ("previous_response_id",):
            return s.text
    return None


def stored(body: Any) -> bool:
    """Whether the upstream keeps this response (``store`` is true unless set false)."""
    return not (isinstance(body, dict) and body.get("store") is False)


def load(runtime: Runtime, caller: Caller, response_id: str) -> Conversation:
    """The caller's conversation up to ``response_id``; ApiError when there is none."""
    if runtime.conversations is None:
        raise ApiError(
            400, _NO_KEY, type_="invalid_request_error", code="conversation_unavailable",
            param="previous_response_id",
        )  # fmt: skip
    try:
        return runtime.conversations.load(
            response_id, municipality=caller.municipality, user=caller.user
        )
    except ConversationError as exc:
        status, message = _REFUSALS[exc.code]
        raise ApiError(
            status,
            message,
            type_="invalid_request_error",
            code=f"previous_response_{exc.code}",
            param="previous_response_id",
        ) from None
    except Exception:
        log.error("conversation store unavailable")
        raise unavailable(
            "会話の記録を読めないため、送信を止めました / the conversation store is unavailable; nothing was sent",
            "conversation_store_unavailable",
        ) from None


def history_slots(conversation: Conversation) -> list[Slot]:
    """The earlier turns as parts (after the request's own: the template never refers to
    them, so they are judged and not sent)."""
    return [
        Slot(("history", i), text, role, HISTORY, None)
        for i, (role, text) in enumerate(conversation.texts)
    ]


def keep_turn(
    runtime: Runtime,
    caller: Caller,
    *,
    response_id: str,
    parent: str | None,
    model: str,
    request_id: str,
    slots: Sequence[Slot],
    answer: str,
    mapping: dict[str, str],
    retention_days: int,
) -> None:
    """Keep one turn: its judged texts (as judged: a quarantined passage as its notice),
    the answer as the upstream holds it (restored, not exit-screened: what the exit
    removed, such as an attack hidden in an image's text, is still in the upstream's
    context and is judged when the conversation goes on), and the whole placeholder table."""
    if runtime.conversations is None:
        return
    texts = [(s.role or "user", s.text) for s in slots if s.kind in ("content", "args")]
    if answer:
        texts.append(("assistant", answer))
    runtime.conversations.add(
        response_id,
        municipality=caller.municipality,
        user=caller.user,
        parent=parent,
        model=model,
        request_id=request_id,
        texts=texts,
        mapping=mapping,
        retention_days=retention_days,
    )


def conversation_screen(policy: Policy, conversation: Conversation) -> OutputScreen | None:
    """The exit screening of a stored response, against the conversation it answers."""
    o = policy.output
    if o is None:
        return None
    texts = conversation.texts
    screen = OutputScreen(
        OutputRules(o.exfiltration, o.system_prompt_leak, o.new_personal, o.allowed_domains),
        request_text="\n".join(t for _, t in texts),
        request_values=list(conversation.mapping.values()),
        system_texts=with_joined([t for r, t in texts if r in ("system", "developer")]),
    )
    return screen if screen.active else None


def with_joined(texts: list[str]) -> list[str]:
    """System texts, and all of them joined: a prompt given as several short blocks or
    parts is still one prompt to copy (the leak rule needs 30 characters in one text)."""
    return [*texts, "\n".join(texts)] if len(texts) > 1 else texts
