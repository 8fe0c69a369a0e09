"""The Anthropic Messages body (``POST /v1/messages``), declared in the schema language
of :mod:`hinagata.gateway._spec`.

``system`` (a string or text blocks) is the operator's prompt; ``messages`` alternate
``user`` and ``assistant``, their content a string or blocks: text, images and
documents, the model's ``tool_use`` (its ``input`` judged like chat tool-call arguments),
the ``tool_result`` a program returned (screened as a tool result: untrusted by default),
and thinking blocks. Each message is one "message" for the judgment and for
``x-hinagata-untrusted-messages``. Server tools (web search, code execution, MCP
servers) are refused: they read or send data outside the request.
"""

from __future__ import annotations

from typing import Any

from hinagata.gateway._spec import (
    BadRequest,
    Path,
    Spec,
    _Ctx,
    _shown,
    _with,
    array,
    boolean,
    either,
    enum,
    free,
    in_message,
    integer,
    json_schema,
    model_name,
    nullable,
    number,
    obj,
    param_of,
    text,
)

__all__ = ["COUNT_TOKENS", "MESSAGES", "MESSAGE_ROLES"]

MESSAGE_ROLES = ("user", "assistant")

_CACHE = nullable(obj({"type": enum("ephemeral"), "ttl": enum("5m", "1h")}, required=("type",)))
#: Cited passages of the history are read by the model like the text: screened with it.
_CITATIONS = nullable(array(free("content"), max_items=256))
_TEXT = obj(
    {
        "type": enum("text"),
        "text": text("content"),
        "cache_control": _CACHE,
        "citations": _CITATIONS,
    },
    required=("type", "text"),
)


def _opaque(v: Any, path: Path, ctx: _Ctx) -> Any:
    """Base64 bytes (an image, a PDF): not text; whether it may go is the policy's
    decision on unreadable parts (clause 4.6)."""
    if not isinstance(v, str):
        raise BadRequest(f"{param_of(path)} は文字列です / must be a string", param_of(path))
    return v


_with(_opaque, {"type": "string"})


def _url(v: Any, path: Path, ctx: _Ctx) -> Any:
    return text("meta")(v, path, ctx)


_with(_url, {"type": "string"})

_MEDIA_SOURCE = obj(
    {
        "type": enum("base64", "url", "file"),
        "media_type": text("meta", max_len=128),
        "data": _opaque,
        "url": _url,
        "file_id": text("meta"),
    },
    required=("type",),
)


def _image(v: Any, path: Path, ctx: _Ctx) -> Any:
    ctx.unreadable.append("image")
    return _IMAGE(v, path, ctx)


_IMAGE = obj(
    {"type": enum("image"), "source": _MEDIA_SOURCE, "cache_control": _CACHE},
    required=("type", "source"),
)
_with(_image, json_schema(_IMAGE))

_DOC_TEXT_SOURCE = obj(
    {"type": enum("text"), "media_type": enum("text/plain"), "data": text("content")},
    required=("type", "data"),
)
_DOC_CONTENT_SOURCE = obj(
    {"type": enum("content"), "content": either(str=text("content"), list=array(_TEXT))},
    required=("type", "content"),
)
_DOCUMENT = obj(
    {
        "type": enum("document"),
        "source": free("meta"),  # replaced by _document's own walk
        "title": nullable(text("content")),
        "context": nullable(text("content")),
        "citations": nullable(obj({"enabled": boolean})),
        "cache_control": _CACHE,
    },
    required=("type", "source"),
)


def _document(v: Any, path: Path, ctx: _Ctx) -> Any:
    """A document block: plain text or content blocks are read and judged; a PDF (base64,
    a URL or a file id) is an unreadable part."""
    source = v.get("source") if isinstance(v, dict) else None
    kind = source.get("type") if isinstance(source, dict) else None
    rest = {k: x for k, x in v.items() if k != "source"} if isinstance(v, dict) else v
    out = _DOCUMENT({**rest, "source": None}, path, ctx) if isinstance(rest, dict) else rest
    spath = (*path, "source")
    if kind == "text":
        out["source"] = _DOC_TEXT_SOURCE(source, spath, ctx)
    elif kind == "content":
        out["source"] = _DOC_CONTENT_SOURCE(source, spath, ctx)
    else:
        ctx.unreadable.append("file")
        out["source"] = _MEDIA_SOURCE(source, spath, ctx)
    return out


_with(_document, json_schema(_DOCUMENT))


def _tool_use_input(v: Any, path: Path, ctx: _Ctx) -> Any:
    """A tool call's arguments (a JSON object the model wrote): every key and string
    judged as the model's words (``args``)."""
    if not isinstance(v, dict):
        p = param_of(path)
        raise BadRequest(f"{p} はオブジェクトです / {p} must be an object", p)
    return free("args")(v, path, ctx)


_with(_tool_use_input, {"type": "object"})

_TOOL_USE = obj(
    {
        "type": enum("tool_use"),
        "id": text("meta"),
        "name": text("meta", max_len=256),
        "input": _tool_use_input,
        "cache_control": _CACHE,
    },
    required=("type", "id", "name", "input"),
)
_TOOL_RESULT = obj(
    {
        "type": enum("tool_result"),
        "tool_use_id": text("meta"),
        "content": nullable(
            either(str=text("content"), list=array(lambda v, p, c: _block(v, p, c)))
        ),
        "is_error": nullable(boolean),
        "cache_control": _CACHE,
    },
    required=("type", "tool_use_id"),
)
_THINKING = obj(
    {"type": enum("thinking"), "thinking": text("content"), "signature": text("meta")},
    required=("type", "thinking"),
)
# The provider's own sealed thinking: judged like any string (a client could put text there).
_REDACTED = obj(
    {"type": enum("redacted_thinking"), "data": text("meta")}, required=("type", "data")
)

_BLOCKS: dict[str, Spec] = {
    "text": _TEXT,
    "image": _image,
    "document": _document,
    "tool_use": _TOOL_USE,
    "thinking": _THINKING,
    "redacted_thinking": _REDACTED,
}


def _block(v: Any, path: Path, ctx: _Ctx) -> Any:
    ctx.parts += 1
    if ctx.parts > ctx.max_parts:
        raise BadRequest(
            f"content の要素が多すぎます（上限 {ctx.max_parts}） / too many content blocks",
            "messages",
            "too_many_parts",
        )
    kind = v.get("type") if isinstance(v, dict) else None
    if kind == "tool_result":
        # What a program returned: screened as a tool result, whoever's turn carries it.
        role, ctx.role = ctx.role, "tool"
        try:
            return _TOOL_RESULT(v, path, ctx)
        finally:
            ctx.role = role
    spec = _BLOCKS.get(kind) if isinstance(kind, str) else None
    if spec is None:
        p = param_of((*path, "type"))
        raise BadRequest(
            f"{p} の種類「{_shown(str(kind))}」はこのゲートウェイでは扱えません / unknown content block type",
            p,
            "unknown_part_type",
        )
    return spec(v, path, ctx)


_with(
    _block,
    {"oneOf": [json_schema(s) for s in (*_BLOCKS.values(), _TOOL_RESULT)]},
)


def _message(v: Any, path: Path, ctx: _Ctx) -> Any:
    role = v.get("role") if isinstance(v, dict) else None
    if role not in MESSAGE_ROLES:
        p = param_of((*path, "role"))
        raise BadRequest(
            f"{p} は user か assistant で指定してください / {p} must be user or assistant",
            p,
            "invalid_role",
        )
    return in_message(_MESSAGE, str(role), v, path, ctx)


_MESSAGE = obj(
    {
        "role": enum(*MESSAGE_ROLES),
        "content": either(str=text("content"), list=array(_block)),
    },
    required=("role", "content"),
)
_with(_message, json_schema(_MESSAGE))


def _system(v: Any, path: Path, ctx: _Ctx) -> Any:
    ctx.role = "system"
    try:
        return _SYSTEM(v, path, ctx)
    finally:
        ctx.role = None


_SYSTEM = either(str=text("content"), list=array(_TEXT, max_items=256))
_with(_system, json_schema(_SYSTEM))

_TOOL = obj(
    {
        "type": enum("custom"),
        "name": text("instruction", max_len=256),
        "description": text("instruction"),
        "input_schema": free("schema"),
        "cache_control": _CACHE,
    },
    required=("name", "input_schema"),
)


def _tool(v: Any, path: Path, ctx: _Ctx) -> Any:
    kind = v.get("type") if isinstance(v, dict) else None
    if isinstance(kind, str) and kind != "custom":
        p = param_of((*path, "type"))
        raise BadRequest(
            f"{p} のサーバーツール「{_shown(kind)}」は、要求の外の情報を読み書きするため、このゲートウェイでは使えません"
            " / server tools that read or send data outside the request are not forwarded",
            p,
            "unsupported_tool",
        )
    return _TOOL(v, path, ctx)


_with(_tool, json_schema(_TOOL))

MESSAGES: dict[str, Spec] = {
    "model": model_name,
    "messages": array(_message, min_items=1),
    "system": nullable(_system),
    "max_tokens": integer(1, 10_000_000),
    "stream": nullable(boolean),
    "temperature": nullable(number(0, 1)),
    "top_p": nullable(number(0, 1)),
    "top_k": nullable(integer(0, 1_000_000)),
    "stop_sequences": nullable(array(text("meta"), max_items=16)),
    "metadata": nullable(obj({"user_id": nullable(text("meta", max_len=256))})),
    "tools": nullable(array(_tool, max_items=512)),
    "tool_choice": nullable(
        obj(
            {
                "type": enum("auto", "any", "tool", "none"),
                "name": text("meta", max_len=256),
                "disable_parallel_tool_use": nullable(boolean),
            },
            required=("type",),
        )
    ),
    "thinking": nullable(
        obj(
            {"type": enum("enabled", "disabled"), "budget_tokens": integer(0, 10_000_000)},
            required=("type",),
        )
    ),
    "service_tier": nullable(enum("auto", "standard_only")),
    "output_config": nullable(
        obj(
            {
                "effort": nullable(enum("low", "medium", "high", "xhigh", "max")),
                "format": nullable(
                    obj(
                        {"type": enum("json_schema"), "schema": free("schema")},
                        required=("type", "schema"),
                    )
                ),
            }
        )
    ),
}

#: ``POST /v1/messages/count_tokens``: the same body without the answer's settings (the
#: text still goes to the provider, so it is judged and masked like a message).
COUNT_TOKENS: dict[str, Spec] = {
    k: v
    for k, v in MESSAGES.items()
    if k not in ("max_tokens", "stream", "temperature", "top_p", "top_k", "stop_sequences",
                 "metadata", "service_tier")
}  # fmt: skip
