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

from collections.abc import Iterable, Sequence
from typing import Any

from hinagata.gateway._bodies import ENDPOINTS as _OPENAI
from hinagata.gateway._bodies_messages import COUNT_TOKENS, MESSAGES
from hinagata.gateway._bodies_responses import RESPONSES
from hinagata.gateway._spec import (
    CHAT_ROLES,
    BadRequest,
    NumRef,
    Parsed,
    Ref,
    Slot,
    _Ctx,
    free,
    json_schema,
    obj,
    param_of,
)

#: Each endpoint's fields and the required ones.
_ENDPOINTS = {
    **_OPENAI,
    "responses": (RESPONSES, ("model", "input")),
    "messages": (MESSAGES, ("model", "messages", "max_tokens")),
    "count_tokens": (COUNT_TOKENS, ("model", "messages")),
}

#: Where each endpoint's list of messages is (counted against ``max_messages``).
_MESSAGE_LISTS = {
    "chat": "messages",
    "messages": "messages",
    "count_tokens": "messages",
    "responses": "input",
}

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
    name = _MESSAGE_LISTS.get(endpoint)
    if name is not None:
        messages = body.get(name)
        if not (isinstance(messages, list) and messages) and not (
            endpoint == "responses" and isinstance(messages, str)
        ):
            raise BadRequest(
                f"{name} は1件以上の配列で指定してください / {name} must be a non-empty list",
                name,
            )
        if isinstance(messages, list) and len(messages) > max_messages:
            raise BadRequest(
                f"{name} が多すぎます（上限 {max_messages}） / too many messages",
                name,
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
        ("responses", "/v1/responses"),
        ("messages", "/v1/messages"),
        ("count_tokens", "/v1/messages/count_tokens"),
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
