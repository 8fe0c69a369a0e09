"""One request id per HTTP request, on every response (``x-request-id``).

The OpenAI SDK reads ``x-request-id`` into ``_request_id``, and a helpdesk asked about a
refusal needs the same id the audit chain holds. The id is made here, before routing, so the
pipeline uses it (``request.state.request_id``) for its audit records and its
``x-hinagata-request-id``; every other answer — an unknown key, a 404, the model list, a
page — carries it too. An id the client sent is not trusted: it is never an audit key.
"""

from __future__ import annotations

import uuid
from typing import Any

__all__ = ["RequestIdMiddleware", "new_request_id"]

Scope = dict[str, Any]


def new_request_id() -> str:
    return "req_" + uuid.uuid4().hex[:20]


class RequestIdMiddleware:
    """Pure ASGI (streaming bodies pass through untouched)."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        rid = new_request_id()
        scope.setdefault("state", {})["request_id"] = rid
        header = (b"x-request-id", rid.encode("ascii"))

        async def send_with_id(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                headers = [
                    (k, v) for k, v in message.get("headers", []) if k.lower() != b"x-request-id"
                ]
                message = {**message, "headers": [*headers, header]}
            await send(message)

        await self.app(scope, receive, send_with_id)
