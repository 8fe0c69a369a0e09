"""Reading a request: the body (bounded, UTF-8, strict JSON), the model it asks for, the
headers that qualify it, and the declared parts it holds (:func:`read_request`)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from starlette.requests import Request

from hinagata.config import Limits, ModelRoute
from hinagata.gateway import _messages as say
from hinagata.gateway._schema import BadRequest, Parsed, Slot, parse
from hinagata.gateway._strictjson import BadJSON
from hinagata.gateway._strictjson import loads as strict_loads
from hinagata.runtime import Caller

__all__ = ["ReadRequest", "read_json", "read_request"]

_USE_CASE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")


@dataclass(frozen=True)
class ReadRequest:
    """A request as the gateway will judge it: its route and its declared parts."""

    model: str
    route: ModelRoute
    parsed: Parsed
    stream: bool
    #: ``x-hinagata-use-case``: the use case (利用申請) the caller acts under.
    use_case: str | None
    #: ``x-hinagata-untrusted-messages``: messages the caller says came from outside.
    marked: frozenset[int]

    @property
    def slots(self) -> list[Slot]:
        return self.parsed.slots

    @property
    def unreadable(self) -> list[str]:
        return self.parsed.unreadable


async def read_json(request: Request, limit: int) -> Any:
    """The body as strict JSON, at most ``limit`` bytes; BadRequest otherwise."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise BadRequest(say.too_large(limit), None, "request_too_large")
    chunks = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise BadRequest(say.too_large(limit), None, "request_too_large")
        chunks.append(chunk)
    raw = b"".join(chunks)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise BadRequest(say.NOT_UTF8, None, "invalid_utf8") from None
    try:
        return strict_loads(text)
    except BadJSON as exc:
        raise BadRequest(str(exc), None, exc.code) from None


async def read_request(
    request: Request,
    endpoint: str,
    caller: Caller,
    routes: Mapping[str, ModelRoute],
    limits: Limits,
) -> ReadRequest:
    """Read and validate a request for ``endpoint``; BadRequest names what is wrong."""
    body = await read_json(request, limits.max_body_bytes)
    model = body.get("model") if isinstance(body, dict) else None
    if not isinstance(model, str) or model not in routes:
        raise BadRequest(say.model_not_available(model, list(routes)), "model", "model_not_found")
    route = routes[model]
    if route.municipalities and caller.municipality not in route.municipalities:
        raise BadRequest(say.model_not_here(model), "model", "model_not_found")
    use_case = request.headers.get("x-hinagata-use-case") or None
    if use_case is not None and not _USE_CASE.fullmatch(use_case):
        raise BadRequest(say.INVALID_USE_CASE, "x-hinagata-use-case", "invalid_use_case")
    marked = _marked_messages(request, body)
    parsed = parse(
        endpoint,
        body,
        max_messages=limits.max_messages,
        max_parts=limits.max_parts,
        extra_fields=route.extra_fields,
    )
    stream = bool(body.get("stream")) if endpoint != "embeddings" else False
    return ReadRequest(model, route, parsed, stream, use_case, marked)


def _marked_messages(request: Request, body: Any) -> frozenset[int]:
    """``x-hinagata-untrusted-messages: 2,3``: messages the caller says came from outside."""
    raw = request.headers.get("x-hinagata-untrusted-messages", "").strip()
    if not raw:
        return frozenset()
    listed = (
        body.get("input" if "input" in body else "messages") if isinstance(body, dict) else None
    )
    count = len(listed) if isinstance(listed, list) else 1 if isinstance(listed, str) else 0
    try:
        marked = frozenset(int(x) for x in raw.split(",") if x.strip())
    except ValueError:
        marked = frozenset({-1})
    if any(i < 0 or i >= count for i in marked):
        raise BadRequest(
            say.UNTRUSTED_MESSAGES, "x-hinagata-untrusted-messages", "invalid_untrusted_messages"
        )
    return marked
