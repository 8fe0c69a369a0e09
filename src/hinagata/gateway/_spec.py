"""The schema language of the declared requests: each field is a small *walker* (a
:data:`Spec`) that checks a value, turns judged strings into :class:`Slot` entries (a
:class:`Ref` in the template) and knows its JSON Schema (:func:`json_schema`).

The combinators — :func:`text`, :func:`number`, :func:`enum`, :func:`array`,
:func:`obj`, :func:`either`, :func:`free` … — are what :mod:`hinagata.gateway._bodies`
declares the OpenAI request bodies with.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

__all__ = [
    "CHAT_ROLES",
    "KNOWN_PART_TYPES",
    "BadRequest",
    "NumRef",
    "Parsed",
    "Path",
    "Ref",
    "Slot",
    "Spec",
    "array",
    "boolean",
    "either",
    "enum",
    "free",
    "in_message",
    "integer",
    "json_schema",
    "judged_integer",
    "mapping",
    "model_name",
    "nullable",
    "number",
    "obj",
    "param_of",
    "text",
    "token_id",
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
    #: Where to say the slot is, when its path runs into free JSON (tool-call arguments,
    #: schemas, metadata): the path of that JSON value, never the client's own keys (a key
    #: may be a name or a number; it would go into headers and the audit chain).
    where: tuple[str | int, ...] | None = None

    @property
    def param(self) -> str:
        """The slot's place as a parameter name, without free JSON's keys."""
        return param_of(self.where if self.where is not None else self.path)

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

    def add(
        self,
        path: tuple[str | int, ...],
        text: str,
        kind: str,
        where: tuple[str | int, ...] | None = None,
    ) -> Ref:
        if len(self.slots) >= MAX_STRINGS:
            raise BadRequest(
                f"文字列が多すぎます（上限 {MAX_STRINGS}） / too many strings in one request",
                param_of(path),
                "too_many_strings",
            )
        self.slots.append(Slot(path, text, self.role, kind, self.message, where))
        return Ref(len(self.slots) - 1)


Path = tuple[str | int, ...]
Spec = Callable[[Any, Path, _Ctx], Any]


#: The JSON Schema of each spec (for the published OpenAPI document).
_JSON_SCHEMA: dict[Any, dict[str, Any]] = {}


def in_message(spec: Spec, role: str, v: Any, path: Path, ctx: _Ctx) -> Any:
    """``v`` read by ``spec`` as the message (or input item) at ``path``: its texts carry
    ``role`` for the injection rules, and its index for the caller's marks."""
    ctx.role, ctx.message = role, int(path[-1]) if isinstance(path[-1], int) else None
    try:
        return spec(v, path, ctx)
    finally:
        ctx.role, ctx.message = None, None


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
        return _free(v, path, ctx, kind, 0, path)

    return walk


def _free(v: Any, path: Path, ctx: _Ctx, kind: str, depth: int, root: Path) -> Any:
    if depth > MAX_FREE_DEPTH:
        p = param_of(root)
        raise BadRequest(f"{p} の入れ子が深すぎます / {p} is nested too deeply", p, "too_deep")
    # In a tool's or a response's schema every string and key is read by the model as
    # part of its instructions (descriptions, enums, defaults, examples, property names):
    # all are screened as instructions and judged; elsewhere they are judged only.
    told = "instruction" if kind == "schema" else kind
    if isinstance(v, str):
        return ctx.add(path, v, told, root)
    if isinstance(v, dict):
        out: dict[Any, Any] = {}
        for k, x in v.items():
            # The keys of tool-call arguments are the model's words like the values.
            key_kind = "instruction" if kind == "schema" else "args" if kind == "args" else "key"
            key = ctx.add((*path, k), k, key_kind, root)
            out[key] = _free(x, (*path, k), ctx, kind, depth + 1, root)
        return out
    if isinstance(v, list):
        return [_free(x, (*path, i), ctx, kind, depth + 1, root) for i, x in enumerate(v)]
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        # A number can be a phone or an identifier code written without quotes.
        ref = ctx.add(path, repr(v) if isinstance(v, float) else str(v), "meta", root)
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
