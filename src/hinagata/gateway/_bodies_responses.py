"""The Responses API body (``POST /v1/responses``), declared in the schema language of
:mod:`hinagata.gateway._spec`.

``input`` is a string (one user message) or a list of *items*: messages (``role`` user,
system, developer or assistant; content a string or parts), the model's earlier
function and custom tool calls, their outputs, and reasoning items. Each item is one
"message" for the judgment and for ``x-hinagata-untrusted-messages`` (its index), with
the role the injection rules read: a call's arguments are the model's words (screened as
a document, like chat tool calls), an output is a tool result (``tool``: untrusted by
default), ``instructions`` is the operator's system prompt.

Refused with a 400 naming the field: items that point at text the gateway cannot see
(``item_reference``, ``conversation``, a stored ``prompt``), built-in tools that fetch or
send data outside the request (web search, file search, computer use, MCP, code
interpreter) and ``background`` runs (answered later, out of the gateway's sight).
``previous_response_id`` is handled by the pipeline (:mod:`hinagata.gateway._chains`).
"""

from __future__ import annotations

from typing import Any

from hinagata.gateway._bodies import _STREAM_OPTIONS
from hinagata.gateway._bodies import _part as _CONTENT_PART
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
    mapping,
    model_name,
    nullable,
    number,
    obj,
    param_of,
    text,
)

__all__ = ["RESPONSES", "RESPONSE_ROLES"]

#: Message roles of a Responses input item.
RESPONSE_ROLES = ("user", "system", "developer", "assistant")

_OUTPUT_TEXT = obj(
    {
        "type": enum("output_text"),
        "text": text("content"),
        # A citation's title and link in the history: read by the model like the text.
        "annotations": nullable(array(free("content"), max_items=256)),
        "logprobs": nullable(array(free("meta"))),
        "id": text("meta"),
    },
    required=("type", "text"),
)


def _part(v: Any, path: Path, ctx: _Ctx) -> Any:
    """A content part of an input message: the chat parts, plus ``output_text`` (an
    assistant message of the history)."""
    if isinstance(v, dict) and v.get("type") == "output_text":
        return _OUTPUT_TEXT(v, path, ctx)
    return _CONTENT_PART(v, path, ctx)


_with(_part, {"oneOf": [json_schema(_OUTPUT_TEXT), json_schema(_CONTENT_PART)]})

_MESSAGE = obj(
    {
        "type": enum("message"),
        "role": enum(*RESPONSE_ROLES),
        "content": either(str=text("content"), list=array(_part)),
        "id": text("meta"),
        "status": enum("in_progress", "completed", "incomplete"),
    },
    required=("role", "content"),
)
_FUNCTION_CALL = obj(
    {
        "type": enum("function_call"),
        "call_id": text("meta"),
        "name": text("meta", max_len=256),
        "arguments": text("args"),
        "id": text("meta"),
        "status": enum("in_progress", "completed", "incomplete"),
    },
    required=("type", "call_id", "name", "arguments"),
)
_CUSTOM_CALL = obj(
    {
        "type": enum("custom_tool_call"),
        "call_id": text("meta"),
        "name": text("meta", max_len=256),
        "input": text("args"),
        "id": text("meta"),
    },
    required=("type", "call_id", "name", "input"),
)
_CALL_OUTPUT = either(str=text("content"), list=array(_CONTENT_PART))
_FUNCTION_OUTPUT = obj(
    {
        "type": enum("function_call_output"),
        "call_id": text("meta"),
        "output": _CALL_OUTPUT,
        "id": nullable(text("meta")),
        "status": nullable(enum("in_progress", "completed", "incomplete")),
    },
    required=("type", "call_id", "output"),
)
_CUSTOM_OUTPUT = obj(
    {
        "type": enum("custom_tool_call_output"),
        "call_id": text("meta"),
        "output": _CALL_OUTPUT,
        "id": text("meta"),
    },
    required=("type", "call_id", "output"),
)
_SUMMARY = obj(
    {"type": enum("summary_text", "reasoning_text"), "text": text("content")},
    required=("type", "text"),
)
_REASONING = obj(
    {
        "type": enum("reasoning"),
        "id": text("meta"),
        "summary": array(_SUMMARY, max_items=256),
        "content": nullable(array(_SUMMARY, max_items=256)),
        # The upstream's own sealed copy of its reasoning: judged like any string.
        "encrypted_content": nullable(text("meta")),
        "status": enum("in_progress", "completed", "incomplete"),
    },
    required=("type", "summary"),
)

#: Each item type, and the role its text is screened under.
_ITEMS: dict[str, tuple[Spec, str]] = {
    "function_call": (_FUNCTION_CALL, "assistant"),
    "custom_tool_call": (_CUSTOM_CALL, "assistant"),
    "function_call_output": (_FUNCTION_OUTPUT, "tool"),
    "custom_tool_call_output": (_CUSTOM_OUTPUT, "tool"),
    "reasoning": (_REASONING, "assistant"),
}

#: Items whose text the gateway cannot see or whose tool acts outside the request.
_UNSEEN = frozenset(
    {
        "item_reference",
        "web_search_call",
        "file_search_call",
        "computer_call",
        "computer_call_output",
        "code_interpreter_call",
        "image_generation_call",
        "local_shell_call",
        "local_shell_call_output",
        "shell_call",
        "shell_call_output",
        "mcp_call",
        "mcp_list_tools",
        "mcp_approval_request",
        "mcp_approval_response",
    }
)


def _item(v: Any, path: Path, ctx: _Ctx) -> Any:
    if not isinstance(v, dict):
        raise BadRequest(
            "input の各要素はオブジェクトです / each input item must be an object", param_of(path)
        )
    kind = v.get("type", "message")
    if kind == "message":
        role = v.get("role")
        if role not in RESPONSE_ROLES:
            p = param_of((*path, "role"))
            raise BadRequest(
                f"{p} は {', '.join(RESPONSE_ROLES)} のいずれかで指定してください / "
                f"{p} must be one of {', '.join(RESPONSE_ROLES)}",
                p,
                "invalid_role",
            )
        spec, role_ = _MESSAGE, str(role)
    elif isinstance(kind, str) and kind in _ITEMS:
        spec, role_ = _ITEMS[kind]
    else:
        p = param_of((*path, "type"))
        shown = _shown(kind) if isinstance(kind, str) else str(kind)
        why = (
            "このゲートウェイからは内容を確認できないため、受け付けません。項目の内容そのものを送ってください"
            if isinstance(kind, str) and kind in _UNSEEN
            else "このゲートウェイでは扱えません"
        )
        raise BadRequest(
            f"{p} の種類「{shown}」は{why} / input item type not accepted by this gateway",
            p,
            "unknown_item_type",
        )
    return in_message(spec, role_, v, path, ctx)


_with(
    _item,
    {
        "oneOf": [
            json_schema(_MESSAGE),
            *(json_schema(spec) for spec, _ in _ITEMS.values()),
        ]
    },
)


def _input(v: Any, path: Path, ctx: _Ctx) -> Any:
    """A string (one user message, index 0) or a list of items."""
    if isinstance(v, str):
        ctx.role, ctx.message = "user", 0
        try:
            return ctx.add(path, v, "content")
        finally:
            ctx.role, ctx.message = None, None
    return _ITEM_LIST(v, path, ctx)


_ITEM_LIST = array(_item, min_items=1, max_items=4096)
_with(_input, {"anyOf": [{"type": "string"}, json_schema(_ITEM_LIST)]})


def _instructions(v: Any, path: Path, ctx: _Ctx) -> Any:
    """The operator's system prompt, outside ``input`` (no message index)."""
    ctx.role = "system"
    try:
        return text("content")(v, path, ctx)
    finally:
        ctx.role = None


_with(_instructions, {"type": "string"})

_TOOL = obj(
    {
        "type": enum("function", "custom"),
        "name": text("instruction", max_len=256),
        "description": nullable(text("instruction")),
        "parameters": nullable(free("schema")),
        "strict": nullable(boolean),
        "format": free("schema"),
    },
    required=("type", "name"),
)


def _tool(v: Any, path: Path, ctx: _Ctx) -> Any:
    kind = v.get("type") if isinstance(v, dict) else None
    if isinstance(kind, str) and kind not in ("function", "custom"):
        p = param_of((*path, "type"))
        raise BadRequest(
            f"{p} の組み込みツール「{_shown(kind)}」は、要求の外の情報を読み書きするため、このゲートウェイでは使えません"
            " / built-in tools that read or send data outside the request are not forwarded",
            p,
            "unsupported_tool",
        )
    return _TOOL(v, path, ctx)


_with(_tool, json_schema(_TOOL))

_FORMAT = obj(
    {
        "type": enum("text", "json_object", "json_schema"),
        "name": text("instruction", max_len=256),
        "description": text("instruction"),
        "schema": free("schema"),
        "strict": nullable(boolean),
    },
    required=("type",),
)


def _not_background(v: Any, path: Path, ctx: _Ctx) -> Any:
    if v is not False:
        p = param_of(path)
        raise BadRequest(
            f"{p} は使えません：バックグラウンド実行の回答はゲートウェイを通らず確認できません / "
            "background responses are answered outside the gateway and cannot be checked",
            p,
            "unsupported_background",
        )
    return v


_with(_not_background, {"const": False})

RESPONSES: dict[str, Spec] = {
    "model": model_name,
    "input": _input,
    "instructions": nullable(_instructions),
    "stream": nullable(boolean),
    "stream_options": _STREAM_OPTIONS,
    "temperature": nullable(number(0, 2)),
    "top_p": nullable(number(0, 1)),
    "top_logprobs": nullable(integer(0, 20)),
    "max_output_tokens": nullable(integer(1, 10_000_000)),
    "max_tool_calls": nullable(integer(1, 1024)),
    "tools": nullable(array(_tool, max_items=512)),
    "tool_choice": nullable(
        either(
            str=enum("none", "auto", "required"),
            dict=obj(
                {
                    "type": enum("function", "custom", "allowed_tools"),
                    "name": text("meta", max_len=256),
                    "mode": enum("auto", "required"),
                    "tools": array(free("meta")),
                },
                required=("type",),
            ),
        )
    ),
    "parallel_tool_calls": nullable(boolean),
    "text": nullable(
        obj({"format": nullable(_FORMAT), "verbosity": nullable(enum("low", "medium", "high"))})
    ),
    "reasoning": nullable(
        obj(
            {
                "effort": nullable(enum("none", "minimal", "low", "medium", "high", "xhigh")),
                "summary": nullable(enum("auto", "concise", "detailed")),
                "generate_summary": nullable(enum("auto", "concise", "detailed")),
            }
        )
    ),
    "include": nullable(
        array(
            enum(
                "reasoning.encrypted_content",
                "message.output_text.logprobs",
                "message.input_image.image_url",
            ),
            max_items=8,
        )
    ),
    "previous_response_id": nullable(text("meta", max_len=256)),
    "store": nullable(boolean),
    "background": nullable(_not_background),
    "truncation": nullable(enum("auto", "disabled")),
    "metadata": nullable(mapping(text("key", max_len=64), text("meta", max_len=512), max_items=16)),
    "user": nullable(text("meta")),
    "safety_identifier": nullable(text("meta", max_len=256)),
    "prompt_cache_key": nullable(text("meta", max_len=1024)),
    "prompt_cache_retention": nullable(enum("in-memory", "24h")),
    "service_tier": nullable(enum("auto", "default", "flex", "scale", "priority")),
}
