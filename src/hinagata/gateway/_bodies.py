"""The OpenAI request bodies, declared field by field in the schema language of
:mod:`hinagata.gateway._spec`: content parts (text, refusals, the unreadable kinds),
messages, tools and tool calls, the sampling fields, and the chat, completions and
embeddings bodies (:data:`ENDPOINTS`: the fields and the required ones of each)."""

from __future__ import annotations

from typing import Any

from hinagata.gateway._spec import (
    CHAT_ROLES,
    KNOWN_PART_TYPES,
    BadRequest,
    Path,
    Spec,
    _Ctx,
    _shown,
    _type_error,
    _with,
    array,
    boolean,
    either,
    enum,
    free,
    in_message,
    integer,
    json_schema,
    judged_integer,
    mapping,
    model_name,
    nullable,
    number,
    obj,
    param_of,
    text,
    token_id,
)

__all__ = ["CHAT", "COMPLETIONS", "EMBEDDINGS", "ENDPOINTS"]


def _data_url_or_text(kind: str) -> Spec:
    """An image/file URL: a data: URL is the (unreadable) content itself; any other URL
    is judged text (a query string can carry a name)."""
    judged = text(kind)

    def walk(v: Any, path: Path, ctx: _Ctx) -> Any:
        if isinstance(v, str) and v[:5].lower() == "data:":
            return v
        return judged(v, path, ctx)

    return _with(walk, {"type": "string"})


def _opaque_string(v: Any, path: Path, ctx: _Ctx) -> Any:
    """Base64 bytes of an unreadable part (audio, file): forwarded only where the policy
    lets such parts go (clause 4.6); they cannot be read as text."""
    if not isinstance(v, str):
        raise _type_error(path, "文字列", "a string")
    return v


_with(_opaque_string, {"type": "string"})
_TEXT_PART = obj(
    {"type": enum("text", "input_text"), "text": text("content")}, required=("type", "text")
)
_REFUSAL_PART = obj({"type": enum("refusal"), "refusal": text("content")}, required=("type",))
_UNREADABLE_PARTS: dict[str, Spec] = {
    "image_url": obj(
        {
            "type": enum("image_url"),
            "image_url": either(
                str=_data_url_or_text("meta"),
                dict=obj(
                    {"url": _data_url_or_text("meta"), "detail": enum("auto", "low", "high")},
                    required=("url",),
                ),
            ),
        },
        required=("type", "image_url"),
    ),
    "input_image": obj(
        {
            "type": enum("input_image"),
            "image_url": _data_url_or_text("meta"),
            "file_id": text("meta"),
            "detail": enum("auto", "low", "high"),
        },
        required=("type",),
    ),
    "input_audio": obj(
        {
            "type": enum("input_audio"),
            "input_audio": obj(
                {"data": _opaque_string, "format": enum("wav", "mp3")}, required=("data",)
            ),
        },
        required=("type", "input_audio"),
    ),
    "file": obj(
        {
            "type": enum("file"),
            "file": obj(
                {"file_data": _opaque_string, "file_id": text("meta"), "filename": text("meta")}
            ),
        },
        required=("type", "file"),
    ),
    "input_file": obj(
        {
            "type": enum("input_file"),
            "file_data": _opaque_string,
            "file_id": text("meta"),
            "filename": text("meta"),
            "file_url": _data_url_or_text("meta"),
        },
        required=("type",),
    ),
}


def _part(v: Any, path: Path, ctx: _Ctx) -> Any:
    ctx.parts += 1
    if ctx.parts > ctx.max_parts:
        raise BadRequest(
            f"content の要素が多すぎます（上限 {ctx.max_parts}） / too many content parts",
            "messages",
            "too_many_parts",
        )
    if not isinstance(v, dict) or not isinstance(v.get("type"), str):
        p = param_of(path)
        raise BadRequest("content の各要素には type が必要です / each content part needs a type", p)
    ptype = v["type"]
    if ptype in ("text", "input_text"):
        return _TEXT_PART(v, path, ctx)
    if ptype == "refusal":
        return _REFUSAL_PART(v, path, ctx)
    spec = _UNREADABLE_PARTS.get(ptype)
    if spec is None:
        p = param_of((*path, "type"))
        raise BadRequest(
            f"{p} の種類「{_shown(ptype)}」はこのゲートウェイでは扱えません / unknown content part type",
            p,
            "unknown_part_type",
        )
    ctx.unreadable.append(ptype if ptype in KNOWN_PART_TYPES else "other")
    return spec(v, path, ctx)


_with(
    _part,
    {
        "oneOf": [
            json_schema(_TEXT_PART),
            json_schema(_REFUSAL_PART),
            *(json_schema(x) for x in _UNREADABLE_PARTS.values()),
        ]
    },
)
_CONTENT = either(str=text("content"), list=array(_part), null=lambda v, p, c: None)

_FUNCTION_DEF = obj(
    {
        "name": text("instruction", max_len=256),
        "description": text("instruction"),
        "parameters": free("schema"),
        "strict": nullable(boolean),
    },
    required=("name",),
)
_TOOL = obj(
    {
        "type": enum("function", "custom"),
        "function": _FUNCTION_DEF,
        "custom": obj(
            {
                "name": text("instruction", max_len=256),
                "description": text("instruction"),
                "format": free("schema"),
            },
            required=("name",),
        ),
    },
    required=("type",),
)
_TOOL_CALL = obj(
    {
        "id": text("meta"),
        "type": enum("function", "custom"),
        "index": integer(0, 1024),
        "function": obj(
            {"name": text("meta", max_len=256), "arguments": text("args")},
            required=("name", "arguments"),
        ),
        "custom": obj({"name": text("meta", max_len=256), "input": text("args")}),
    },
)


def _message(v: Any, path: Path, ctx: _Ctx) -> Any:
    if not isinstance(v, dict) or not isinstance(v.get("role"), str):
        raise BadRequest(
            "各メッセージには role が必要です / each message needs a role", param_of(path)
        )
    role = v["role"]
    if role not in CHAT_ROLES:
        p = param_of((*path, "role"))
        raise BadRequest(
            f"{p} は {', '.join(CHAT_ROLES)} のいずれかで指定してください（「{_shown(role)}」は使えません） / "
            f"{p} must be one of {', '.join(CHAT_ROLES)}",
            p,
            "invalid_role",
        )
    return in_message(_MESSAGE, role, v, path, ctx)


_MESSAGE = obj(
    {
        "role": enum(*CHAT_ROLES),
        "content": _CONTENT,
        "name": nullable(text("instruction", max_len=256)),
        "tool_calls": nullable(array(_TOOL_CALL, max_items=256)),
        "tool_call_id": nullable(text("meta")),
        "function_call": nullable(
            obj({"name": text("meta", max_len=256), "arguments": text("args")})
        ),
        "refusal": nullable(text("content")),
        "audio": nullable(obj({"id": text("meta")}, required=("id",))),
    },
    required=("role",),
)

_with(
    _message,
    {
        **json_schema(_MESSAGE),
        "properties": {
            **json_schema(_MESSAGE)["properties"],
            "role": {"type": "string", "enum": list(CHAT_ROLES)},
        },
    },
)

_STOP = either(str=text("meta"), list=array(text("meta"), max_items=4), null=lambda v, p, c: None)
_STREAM_OPTIONS = nullable(obj({"include_usage": boolean, "include_obfuscation": boolean}))
_SAMPLING: dict[str, Spec] = {
    "model": model_name,
    "stream": nullable(boolean),
    "stream_options": _STREAM_OPTIONS,
    "temperature": nullable(number(0, 2)),
    "top_p": nullable(number(0, 1)),
    "n": nullable(integer(1, 128)),
    "max_tokens": nullable(integer(0, 10_000_000)),
    "presence_penalty": nullable(number(-2, 2)),
    "frequency_penalty": nullable(number(-2, 2)),
    "logit_bias": nullable(mapping(token_id, number(-100, 100), max_items=1024)),
    "seed": nullable(judged_integer(-(2**63), 2**64)),
    "stop": _STOP,
    "user": nullable(text("meta")),
}

CHAT: dict[str, Spec] = {
    **_SAMPLING,
    "messages": array(_message, min_items=1),
    "max_completion_tokens": nullable(integer(0, 10_000_000)),
    "logprobs": nullable(boolean),
    "top_logprobs": nullable(integer(0, 20)),
    "tools": nullable(array(_TOOL, max_items=512)),
    "tool_choice": nullable(
        either(
            str=enum("none", "auto", "required"),
            dict=obj(
                {
                    "type": enum("function", "custom", "allowed_tools"),
                    "function": obj({"name": text("meta", max_len=256)}, required=("name",)),
                    "custom": obj({"name": text("meta", max_len=256)}, required=("name",)),
                    "allowed_tools": obj(
                        {"mode": enum("auto", "required"), "tools": array(free("meta"))},
                        required=("mode", "tools"),
                    ),
                },
                required=("type",),
            ),
        )
    ),
    "parallel_tool_calls": nullable(boolean),
    "functions": nullable(array(_FUNCTION_DEF, max_items=128)),
    "function_call": nullable(
        either(
            str=enum("none", "auto"),
            dict=obj({"name": text("meta", max_len=256)}, required=("name",)),
        )
    ),
    "response_format": nullable(
        obj(
            {
                "type": enum("text", "json_object", "json_schema"),
                "json_schema": obj(
                    {
                        "name": text("instruction", max_len=256),
                        "description": text("instruction"),
                        "schema": free("schema"),
                        "strict": nullable(boolean),
                    },
                    required=("name",),
                ),
            },
            required=("type",),
        )
    ),
    "store": nullable(boolean),
    "metadata": nullable(mapping(text("key", max_len=64), text("meta", max_len=512), max_items=16)),
    "modalities": nullable(array(enum("text", "audio"), max_items=2)),
    "audio": nullable(
        obj(
            {
                "voice": text("meta", max_len=64),
                "format": enum("wav", "aac", "mp3", "flac", "opus", "pcm16"),
            },
            required=("voice", "format"),
        )
    ),
    "prediction": nullable(
        obj(
            {
                "type": enum("content"),
                "content": either(str=text("instruction"), list=array(_TEXT_PART)),
            },
            required=("type", "content"),
        )
    ),
    "reasoning_effort": nullable(enum("none", "minimal", "low", "medium", "high", "xhigh")),
    "verbosity": nullable(enum("low", "medium", "high")),
    "service_tier": nullable(enum("auto", "default", "flex", "scale", "priority")),
    "safety_identifier": nullable(text("meta", max_len=256)),
    "prompt_cache_key": nullable(text("meta", max_len=1024)),
    "prompt_cache_retention": nullable(enum("in-memory", "24h")),
    "web_search_options": nullable(
        obj(
            {
                "search_context_size": enum("low", "medium", "high"),
                "user_location": nullable(
                    obj(
                        {
                            "type": enum("approximate"),
                            "approximate": obj(
                                {
                                    "city": text("meta"),
                                    "country": text("meta"),
                                    "region": text("meta"),
                                    "timezone": text("meta"),
                                }
                            ),
                        },
                        required=("type", "approximate"),
                    )
                ),
            }
        )
    ),
}


def _prompt_item(v: Any, path: Path, ctx: _Ctx) -> Any:
    if isinstance(v, str):
        return ctx.add(path, v, "content")
    p = param_of(path[:1])
    raise BadRequest(
        "トークン列の入力は内容を確認できないため受け付けません。文字列で送ってください / token arrays cannot be checked; send strings",
        p,
        "unreadable_content",
    )


def _strings(name: str) -> Spec:
    """``prompt`` / ``input``: a string or a list of strings (token arrays refused)."""
    items = array(_prompt_item, min_items=1)

    def walk(v: Any, path: Path, ctx: _Ctx) -> Any:
        if isinstance(v, str):
            return ctx.add(path, v, "content")
        if isinstance(v, list):
            if len(v) > ctx.max_parts:
                raise BadRequest(
                    f"{name} が多すぎます（上限 {ctx.max_parts}） / too many inputs",
                    name,
                    "too_many_parts",
                )
            return items(v, path, ctx)
        raise BadRequest(
            f"{name} は文字列か文字列の配列で指定してください / {name} must be a string or a list of strings",
            name,
        )

    return _with(
        walk,
        {
            "anyOf": [
                {"type": "string"},
                {"type": "array", "items": {"type": "string"}, "minItems": 1},
            ]
        },
    )


COMPLETIONS: dict[str, Spec] = {
    **_SAMPLING,
    "prompt": _strings("prompt"),
    "suffix": nullable(text("content")),
    "echo": nullable(boolean),
    "best_of": nullable(integer(0, 128)),
    "logprobs": nullable(integer(0, 5)),
}

EMBEDDINGS: dict[str, Spec] = {
    "model": model_name,
    "input": _strings("input"),
    "encoding_format": nullable(enum("float", "base64")),
    "dimensions": nullable(integer(1, 100_000)),
    "user": nullable(text("meta")),
}

ENDPOINTS: dict[str, tuple[dict[str, Spec], tuple[str, ...]]] = {
    "chat": (CHAT, ("model", "messages")),
    "completions": (COMPLETIONS, ("model", "prompt")),
    "embeddings": (EMBEDDINGS, ("model", "input")),
}
