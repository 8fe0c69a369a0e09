"""What the gateway forwards: a declared schema per endpoint, and a body rebuilt from it.

Every field a client may send is declared here, each as one of

* **judged text** — every string that will leave the building (message content, names,
  tool definitions and their JSON schemas, stop strings, ``user``, metadata keys and
  values …) becomes a :class:`Slot`, judged with the rest of the request and masked in
  place when the verdict is ``allow_masked``;
* **a structured value** — numbers, booleans, enums, token ids — validated by type and
  range, so that no text can hide in it;
* **refused** — anything not declared: a 400 naming the field. A gateway route may list
  extra fields its upstream understands (``extra_fields`` in the config); they are
  forwarded as free JSON, every key and string judged.

:func:`parse` walks the client's body along the schema and returns the slots and a
*template*: the body with each judged string replaced by a :class:`Ref` to its slot. The
upstream receives :func:`render` of that template with the judged (masked) texts — a new
body built from the declared parts, never the client's dict. Images, files and audio are
recorded as unreadable part types; whether they may go is the policy's decision (4.6).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

__all__ = [
    "CHAT_ROLES",
    "BadRequest",
    "NumRef",
    "Parsed",
    "Ref",
    "Slot",
    "openapi",
    "param_of",
    "parse",
    "render",
]

#: Message roles of the chat API; any other role is refused.
CHAT_ROLES = ("system", "developer", "user", "assistant", "tool", "function")

#: Part types recorded by name in the audit log; anything else is recorded as "other".
KNOWN_PART_TYPES = frozenset(
    {"image_url", "input_image", "input_audio", "audio", "file", "input_file", "video_url"}
)

#: Nesting accepted inside free JSON (tool parameters, response schemas, extra fields).
MAX_FREE_DEPTH = 32
#: Strings in one request (every judged text counts, keys included).
MAX_STRINGS = 20_000


class BadRequest(ValueError):
    """A request the gateway cannot judge; ``param`` names the offending field."""

    def __init__(
        self, message: str, param: str | None = None, code: str = "invalid_request"
    ) -> None:
        super().__init__(message)
        self.param = param
        self.code = code


@dataclass(frozen=True)
class Slot:
    """One judged string of a request.

    ``kind``: ``content`` (a message's text, screened for injection by its role),
    ``args`` (tool-call arguments in the history), ``instruction`` (text the model reads
    as instructions although no message carries it: tool and schema descriptions,
    predictions, every string and key of a tool's or a response's JSON schema, tool and
    message names), ``key`` (a key of metadata or other free JSON) or ``meta`` (ids, stop
    strings, metadata values, numbers: judged, not screened).
    """

    path: tuple[str | int, ...]
    text: str
    role: str | None = None
    kind: str = "content"
    #: The message index (chat) the slot belongs to; None outside messages.
    message: int | None = None

    def with_text(self, text: str) -> Slot:
        return replace(self, text=text)


@dataclass(frozen=True)
class Ref:
    """A judged string's place in a template: filled by :func:`render`."""

    index: int


@dataclass(frozen=True)
class NumRef(Ref):
    """A number inside free JSON (a schema's ``enum``/``const``/``default``, an extra
    field), judged as its digits: rendered as the number when judging left it as it was,
    as the masked text otherwise."""

    value: int | float = 0


@dataclass
class Parsed:
    slots: list[Slot]
    template: Any
    unreadable: list[str] = field(default_factory=list)


def param_of(path: Iterable[str | int]) -> str:
    """The OpenAI-style parameter name of a path: ``messages[3].content``."""
    out = ""
    for p in path:
        out += f"[{p}]" if isinstance(p, int) else (f".{p}" if out else p)
    return out


def _shown(name: str) -> str:
    """A client-chosen name, shortened for an error message (never logged)."""
    return name if len(name) <= 64 else name[:61] + "…"


# ---------------------------------------------------------------------- the walk


@dataclass
class _Ctx:
    slots: list[Slot] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)
    role: str | None = None
    message: int | None = None
    parts: int = 0
    max_parts: int = 2048

    def add(self, path: tuple[str | int, ...], text: str, kind: str) -> Ref:
        if len(self.slots) >= MAX_STRINGS:
            raise BadRequest(
                f"文字列が多すぎます（上限 {MAX_STRINGS}） / too many strings in one request",
                param_of(path),
                "too_many_strings",
            )
        self.slots.append(Slot(path, text, self.role, kind, self.message))
        return Ref(len(self.slots) - 1)


Path = tuple[str | int, ...]
Spec = Callable[[Any, Path, _Ctx], Any]


#: The JSON Schema of each spec (for the published OpenAPI document).
_JSON_SCHEMA: dict[Any, dict[str, Any]] = {}


def _with(walk: Spec, schema: dict[str, Any]) -> Spec:
    _JSON_SCHEMA[walk] = schema
    return walk


def json_schema(spec: Spec) -> dict[str, Any]:
    """The JSON Schema a spec accepts ({} for any JSON value)."""
    return _JSON_SCHEMA.get(spec, {})


def _type_error(path: Path, ja: str, en: str) -> BadRequest:
    p = param_of(path)
    return BadRequest(f"{p} は{ja}で指定してください / {p} must be {en}", p)


def text(kind: str = "meta", *, max_len: int | None = None) -> Spec:
    def walk(v: Any, path: Path, ctx: _Ctx) -> Any:
        if not isinstance(v, str):
            raise _type_error(path, "文字列", "a string")
        if max_len is not None and len(v) > max_len:
            p = param_of(path)
            raise BadRequest(
                f"{p} が長すぎます（上限 {max_len} 文字） / {p} is longer than {max_len}", p
            )
        return ctx.add(path, v, kind)

    schema: dict[str, Any] = {"type": "string"}
    if max_len is not None:
        schema["maxLength"] = max_len
    return _with(walk, schema)


def boolean(v: Any, path: Path, ctx: _Ctx) -> Any:
    if not isinstance(v, bool):
        raise _type_error(path, "true か false", "a boolean")
    return v


_with(boolean, {"type": "boolean"})


def number(lo: float, hi: float) -> Spec:
    def walk(v: Any, path: Path, ctx: _Ctx) -> Any:
        if isinstance(v, bool) or not isinstance(v, (int, float)) or not lo <= v <= hi:
            raise _type_error(path, f"{lo}〜{hi} の数値", f"a number from {lo} to {hi}")
        return v

    return _with(walk, {"type": "number", "minimum": lo, "maximum": hi})


def integer(lo: int, hi: int) -> Spec:
    def walk(v: Any, path: Path, ctx: _Ctx) -> Any:
        if isinstance(v, bool) or not isinstance(v, int) or not lo <= v <= hi:
            raise _type_error(path, f"{lo}〜{hi} の整数", f"an integer from {lo} to {hi}")
        return v

    return _with(walk, {"type": "integer", "minimum": lo, "maximum": hi})


def judged_integer(lo: int, hi: int) -> Spec:
    """An integer that could carry a number about a person (``seed``): validated, and its
    digits judged like free JSON numbers."""
    check = integer(lo, hi)

    def walk(v: Any, path: Path, ctx: _Ctx) -> Any:
        check(v, path, ctx)
        return NumRef(ctx.add(path, str(v), "meta").index, v)

    return _with(walk, json_schema(check))


def enum(*values: str) -> Spec:
    allowed = frozenset(values)

    def walk(v: Any, path: Path, ctx: _Ctx) -> Any:
        if not isinstance(v, str) or v not in allowed:
            raise _type_error(
                path, "次のいずれか（" + "、".join(values) + "）", "one of " + ", ".join(values)
            )
        return v

    return _with(walk, {"type": "string", "enum": list(values)})


def nullable(spec: Spec) -> Spec:
    def walk(v: Any, path: Path, ctx: _Ctx) -> Any:
        return None if v is None else spec(v, path, ctx)

    return _with(walk, {"anyOf": [json_schema(spec), {"type": "null"}]})


def array(item: Spec, *, max_items: int = 4096, min_items: int = 0) -> Spec:
    def walk(v: Any, path: Path, ctx: _Ctx) -> Any:
        if not isinstance(v, list):
            raise _type_error(path, "配列", "an array")
        if not min_items <= len(v) <= max_items:
            p = param_of(path)
            raise BadRequest(
                f"{p} の要素の数は {min_items}〜{max_items} 個です / {p} must have {min_items} to {max_items} items",
                p,
            )
        return [item(x, (*path, i), ctx) for i, x in enumerate(v)]

    return _with(
        walk,
        {"type": "array", "items": json_schema(item), "minItems": min_items, "maxItems": max_items},
    )


def either(**by_type: Spec) -> Spec:
    """One spec per JSON type: ``str``, ``list``, ``dict``, ``number``, ``bool``, ``null``."""
    names = {
        "str": "文字列",
        "list": "配列",
        "dict": "オブジェクト",
        "number": "数値",
        "bool": "真偽値",
        "null": "null",
    }

    def walk(v: Any, path: Path, ctx: _Ctx) -> Any:
        kind = (
            "null"
            if v is None
            else "bool"
            if isinstance(v, bool)
            else "number"
            if isinstance(v, (int, float))
            else type(v).__name__
        )
        spec = by_type.get(kind)
        if spec is None:
            allowed = sorted(by_type)
            raise _type_error(path, "・".join(names[a] for a in allowed), " or ".join(allowed))
        return spec(v, path, ctx)

    return _with(
        walk,
        {"anyOf": [json_schema(by_type[k]) or _ANY_OF[k] for k in sorted(by_type)]},
    )


_ANY_OF: dict[str, dict[str, Any]] = {
    "str": {"type": "string"},
    "list": {"type": "array"},
    "dict": {"type": "object"},
    "number": {"type": "number"},
    "bool": {"type": "boolean"},
    "null": {"type": "null"},
}


def obj(
    fields: Mapping[str, Spec],
    *,
    required: Sequence[str] = (),
    extra: Mapping[str, Spec] | None = None,
) -> Spec:
    def walk(v: Any, path: Path, ctx: _Ctx) -> Any:
        if not isinstance(v, dict):
            raise _type_error(path, "オブジェクト", "an object")
        for name in required:
            if name not in v:
                p = param_of((*path, name))
                raise BadRequest(f"{p} が必要です / {p} is required", p, "missing_field")
        out: dict[Any, Any] = {}
        for name, value in v.items():
            spec = fields.get(name)
            if spec is None and extra is not None:
                spec = extra.get(name)
            if spec is None:
                p = param_of((*path, _shown(name)))
                raise BadRequest(
                    f"{p} はこのゲートウェイが転送しない項目です。項目を除いて送ってください / "
                    f"{p} is not a field this gateway forwards; remove it",
                    p,
                    "unknown_field",
                )
            out[name] = spec(value, (*path, name), ctx)
        return out

    props = {**fields, **(extra or {})}
    return _with(
        walk,
        {
            "type": "object",
            "properties": {k: json_schema(v) for k, v in props.items()},
            "required": list(required),
            "additionalProperties": False,
        },
    )


def mapping(key: Spec, value: Spec, *, max_items: int = 64) -> Spec:
    """An object whose keys are data (metadata, logit_bias): keys go through ``key``."""

    def walk(v: Any, path: Path, ctx: _Ctx) -> Any:
        if not isinstance(v, dict):
            raise _type_error(path, "オブジェクト", "an object")
        if len(v) > max_items:
            p = param_of(path)
            raise BadRequest(f"{p} の項目が多すぎます（上限 {max_items}） / too many keys", p)
        return {key(k, (*path, k), ctx): value(x, (*path, k), ctx) for k, x in v.items()}

    return _with(
        walk,
        {
            "type": "object",
            "additionalProperties": json_schema(value),
            "maxProperties": max_items,
            **({"propertyNames": json_schema(key)} if json_schema(key) else {}),
        },
    )


def free(kind: str = "meta") -> Spec:
    """Any JSON value: every key and string judged (``description``/``title`` strings as
    ``instruction``, the model reads them), depth bounded."""

    def walk(v: Any, path: Path, ctx: _Ctx) -> Any:
        return _free(v, path, ctx, kind, 0)

    return walk


def _free(v: Any, path: Path, ctx: _Ctx, kind: str, depth: int) -> Any:
    if depth > MAX_FREE_DEPTH:
        p = param_of(path)
        raise BadRequest(f"{p} の入れ子が深すぎます / {p} is nested too deeply", p, "too_deep")
    # In a tool's or a response's schema every string and key is read by the model as
    # part of its instructions (descriptions, enums, defaults, examples, property names):
    # all are screened as instructions and judged; elsewhere they are judged only.
    told = "instruction" if kind == "schema" else kind
    if isinstance(v, str):
        return ctx.add(path, v, told)
    if isinstance(v, dict):
        out: dict[Any, Any] = {}
        for k, x in v.items():
            key = ctx.add((*path, k), k, "instruction" if kind == "schema" else "key")
            out[key] = _free(x, (*path, k), ctx, kind, depth + 1)
        return out
    if isinstance(v, list):
        return [_free(x, (*path, i), ctx, kind, depth + 1) for i, x in enumerate(v)]
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        # A number can be a phone or an identifier code written without quotes.
        ref = ctx.add(path, repr(v) if isinstance(v, float) else str(v), "meta")
        return NumRef(ref.index, v)
    return v  # booleans, null


def model_name(v: Any, path: Path, ctx: _Ctx) -> Any:
    """The route name: checked against the configured models by the gateway."""
    if not isinstance(v, str):
        raise _type_error(path, "文字列", "a string")
    return v


_with(model_name, {"type": "string"})


def token_id(k: Any, path: Path, ctx: _Ctx) -> Any:
    """A ``logit_bias`` key: a token id (at most 7 digits), never a place for a number."""
    if not isinstance(k, str) or not k.isascii() or not k.isdigit() or len(k) > 7:
        p = param_of(path[:-1])
        raise BadRequest(
            f"{p} のキーはトークン番号（7桁以内の数字）です / {p} keys must be token ids",
            p,
        )
    return k


_with(token_id, {"type": "string", "pattern": "^[0-9]{1,7}$"})


# ---------------------------------------------------------------------- parts, messages


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
    ctx.role, ctx.message = role, int(path[-1]) if isinstance(path[-1], int) else None
    try:
        return _MESSAGE(v, path, ctx)
    finally:
        ctx.role, ctx.message = None, None


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

_ENDPOINTS: dict[str, tuple[dict[str, Spec], tuple[str, ...]]] = {
    "chat": (CHAT, ("model", "messages")),
    "completions": (COMPLETIONS, ("model", "prompt")),
    "embeddings": (EMBEDDINGS, ("model", "input")),
}


def parse(
    endpoint: str,
    body: Any,
    *,
    max_messages: int = 512,
    max_parts: int = 2048,
    extra_fields: Iterable[str] = (),
) -> Parsed:
    """The judged slots and the template of a request body; :class:`BadRequest` when a
    field is unknown, of the wrong type or out of range (``param`` names it)."""
    if not isinstance(body, dict):
        raise BadRequest(
            "リクエストの本文はJSONオブジェクトでなければなりません / the body must be a JSON object"
        )
    fields, required = _ENDPOINTS[endpoint]
    if endpoint == "chat":
        messages = body.get("messages")
        if not isinstance(messages, list) or not messages:
            raise BadRequest(
                "messages は1件以上の配列で指定してください / messages must be a non-empty list",
                "messages",
            )
        if len(messages) > max_messages:
            raise BadRequest(
                f"messages が多すぎます（上限 {max_messages}） / too many messages",
                "messages",
                "too_many_messages",
            )
    ctx = _Ctx(max_parts=max_parts)
    extra = {name: free("meta") for name in extra_fields if name not in fields}
    template = obj(fields, required=required, extra=extra)(body, (), ctx)
    return Parsed(ctx.slots, template, ctx.unreadable)


def render(template: Any, texts: Sequence[str]) -> Any:
    """The body to forward: ``template`` with each :class:`Ref` replaced by its text."""
    if isinstance(template, NumRef):
        text = texts[template.index]
        original = (
            repr(template.value) if isinstance(template.value, float) else str(template.value)
        )
        return template.value if text == original else text
    if isinstance(template, Ref):
        return texts[template.index]
    if isinstance(template, dict):
        return {
            (texts[k.index] if isinstance(k, Ref) else k): render(v, texts)
            for k, v in template.items()
        }
    if isinstance(template, list):
        return [render(v, texts) for v in template]
    return template


def openapi(models: Sequence[str] = ()) -> dict[str, Any]:
    """The declared request bodies as an OpenAPI 3.1 document: what the gateway forwards
    (for clients, and for fuzzers such as schemathesis). ``models``: the route names."""
    paths: dict[str, Any] = {}
    for endpoint, path in (
        ("chat", "/v1/chat/completions"),
        ("completions", "/v1/completions"),
        ("embeddings", "/v1/embeddings"),
    ):
        fields, required = _ENDPOINTS[endpoint]
        schema = json_schema(obj(fields, required=required))
        if models:
            schema["properties"]["model"] = {"type": "string", "enum": list(models)}
        paths[path] = {
            "post": {
                "operationId": endpoint,
                "security": [{"bearer": []}],
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": schema}},
                },
                "responses": {
                    code: {"description": text_}
                    for code, text_ in (
                        ("200", "forwarded (as written or masked) and answered"),
                        (
                            "400",
                            "a field unknown, of the wrong type or out of range (param names it)",
                        ),
                        ("401", "no or invalid API key"),
                        ("403", "refused by the policy (reasons with clauses and remedies)"),
                        ("404", "model not available"),
                        ("413", "body too large"),
                        ("429", "rate or concurrency limit"),
                        ("502", "upstream error"),
                        ("503", "the check could not be completed; nothing was sent"),
                    )
                },
            }
        }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Hinagata gateway",
            "version": "1",
            "description": "OpenAI-compatible endpoints; every field listed here is judged or validated, any other is refused.",
        },
        "paths": paths,
        "components": {"securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}}},
    }
