"""The built-in demo upstream, and the choice between it and a real one (:func:`make_upstream`).

The demo is clearly labelled (「デモ用：実際のAIではありません」): it answers with what it
received, so a newcomer sees the masked text that left the building and the restored
answer, without any model — on every endpoint, in each protocol's own shape (chat and
completion chunks, the Responses API's events, Anthropic Messages' events).
"""

from __future__ import annotations

import hashlib
import json
import time
import uuid
from collections.abc import AsyncIterator, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import httpx

from hinagata.config import Upstream
from hinagata.gateway._upstream import HttpUpstream, UpstreamResponse
from hinagata.labels import DEMO_LABEL

__all__ = ["DEMO_LABEL", "DemoUpstream", "make_upstream"]


#: Characters per streamed piece.
_STEP = 7


def _text_of(content: Any) -> str:
    if isinstance(content, list):
        return "\n".join(
            str(p.get("text", ""))
            for p in content
            if isinstance(p, dict) and p.get("type") in ("text", "input_text", "output_text")
        )
    return str(content or "")


def _received(endpoint: str, body: Mapping[str, Any]) -> str:
    """The last user message (or the prompt) as the demo received it."""
    if endpoint in ("chat/completions", "messages", "responses"):
        items = body.get("input" if endpoint == "responses" else "messages") or []
        if isinstance(items, str):
            return items
        users = [m for m in items if isinstance(m, dict) and m.get("role") == "user"]
        last = users[-1] if users else (items[-1] if items else {})
        return _text_of(last.get("content") if isinstance(last, dict) else "")
    prompt = body.get("prompt", "")
    return prompt if isinstance(prompt, str) else "\n".join(map(str, prompt))


class DemoUpstream:
    """Answers with what it received (labelled as a demo), streaming in small pieces."""

    def __init__(self, name: str) -> None:
        self.name = name

    def _answer(self, endpoint: str, body: Mapping[str, Any]) -> str:
        received = _received(endpoint, body)
        # The brackets are changed so that what the AI saw stays visible after restoring;
        # the second copy keeps them and comes back restored.
        shown = received.replace("〔", "［").replace("〕", "］")
        return f"【{DEMO_LABEL}】\nAIに届いた文章:\n{shown}\n\n元の値に戻した文章:\n{received}"

    async def call(
        self, endpoint: str, body: Mapping[str, Any], *, stream: bool
    ) -> UpstreamResponse:
        if endpoint == "embeddings":
            return self._embeddings(body)
        if endpoint == "messages/count_tokens":
            return UpstreamResponse(
                200, {"input_tokens": len(json.dumps(body, ensure_ascii=False))}
            )
        answer = self._answer(endpoint, body)
        created = int(time.time())
        usage = {"prompt_tokens": 0, "completion_tokens": len(answer), "total_tokens": len(answer)}
        if endpoint == "responses":
            r = _DemoResponse("resp_demo_" + uuid.uuid4().hex[:12], created, self.name, answer)
            return (
                UpstreamResponse(200, None, _lines(r.events()), None)
                if stream
                else UpstreamResponse(200, r.whole())
            )
        if endpoint == "messages":
            m = _DemoMessage("msg_demo_" + uuid.uuid4().hex[:12], self.name, answer)
            return (
                UpstreamResponse(200, None, _lines(m.events()), None)
                if stream
                else UpstreamResponse(200, m.whole())
            )
        reply = _DemoReply(
            rid="chatcmpl-demo-" + uuid.uuid4().hex[:12],
            created=created,
            model=self.name,
            chat=endpoint == "chat/completions",
            usage=usage,
        )
        if not stream:
            return UpstreamResponse(200, reply.whole(answer))
        return UpstreamResponse(200, None, reply.lines(answer), None)

    def _embeddings(self, body: Mapping[str, Any]) -> UpstreamResponse:
        inputs = body.get("input")
        items = [inputs] if isinstance(inputs, str) else list(inputs or [])
        data = [
            {"object": "embedding", "index": i, "embedding": _fake_embedding(str(t))}
            for i, t in enumerate(items)
        ]
        usage = {
            "prompt_tokens": sum(len(str(t)) for t in items),
            "total_tokens": sum(len(str(t)) for t in items),
        }
        return UpstreamResponse(
            200, {"object": "list", "data": data, "model": self.name, "usage": usage}
        )


async def _lines(events: Iterator[dict[str, Any]]) -> AsyncIterator[str]:
    for e in events:
        yield f"event: {e['type']}"
        yield "data: " + json.dumps(e, ensure_ascii=False)
        yield ""


def _pieces(text: str) -> list[str]:
    return [text[i : i + _STEP] for i in range(0, len(text), _STEP)]


@dataclass(frozen=True)
class _DemoReply:
    """The demo's answer in the shape of a chat or completion response (whole or SSE)."""

    rid: str
    created: int
    model: str
    chat: bool
    usage: dict[str, int]

    def whole(self, answer: str) -> dict[str, Any]:
        choice: dict[str, Any] = (
            {
                "index": 0,
                "message": {"role": "assistant", "content": answer},
                "finish_reason": "stop",
            }
            if self.chat
            else {"index": 0, "text": answer, "finish_reason": "stop"}
        )
        return {
            "id": self.rid,
            "object": "chat.completion" if self.chat else "text_completion",
            "created": self.created,
            "model": self.model,
            "choices": [choice],
            "usage": self.usage,
        }

    async def lines(self, answer: str) -> AsyncIterator[str]:
        for piece in _pieces(answer):
            choice = (
                {"index": 0, "delta": {"content": piece}, "finish_reason": None}
                if self.chat
                else {"index": 0, "text": piece, "finish_reason": None}
            )
            yield self._chunk(choice)
        last = (
            {"index": 0, "delta": {}, "finish_reason": "stop"}
            if self.chat
            else {"index": 0, "text": "", "finish_reason": "stop"}
        )
        yield self._chunk(last, usage=True)
        yield "data: [DONE]"

    def _chunk(self, choice: dict[str, Any], *, usage: bool = False) -> str:
        obj: dict[str, Any] = {
            "id": self.rid,
            "object": "chat.completion.chunk" if self.chat else "text_completion",
            "created": self.created,
            "model": self.model,
            "choices": [choice],
        }
        if usage:
            obj["usage"] = self.usage
        return "data: " + json.dumps(obj, ensure_ascii=False)


@dataclass(frozen=True)
class _DemoResponse:
    """The demo's answer as a Responses API response, whole or as its events."""

    rid: str
    created: int
    model: str
    answer: str

    def _message(self, text: str, status: str) -> dict[str, Any]:
        part = {"type": "output_text", "text": text, "annotations": []}
        return {
            "id": "msg_" + self.rid,
            "type": "message",
            "role": "assistant",
            "status": status,
            "content": [part] if status == "completed" else [],
        }

    def whole(self, status: str = "completed") -> dict[str, Any]:
        n = len(self.answer)
        return {
            "id": self.rid,
            "object": "response",
            "created_at": self.created,
            "status": status,
            "model": self.model,
            "output": [self._message(self.answer, "completed")] if status == "completed" else [],
            "parallel_tool_calls": True,
            "tool_choice": "auto",
            "tools": [],
            "usage": (
                {"input_tokens": 0, "output_tokens": n, "total_tokens": n}
                if status == "completed"
                else None
            ),
        }

    def events(self) -> Iterator[dict[str, Any]]:
        ids = {"item_id": "msg_" + self.rid, "output_index": 0, "content_index": 0}
        events: list[dict[str, Any]] = [
            {"type": "response.created", "response": self.whole("in_progress")},
            {"type": "response.in_progress", "response": self.whole("in_progress")},
            {
                "type": "response.output_item.added",
                "output_index": 0,
                "item": self._message("", "in_progress"),
            },
            {
                "type": "response.content_part.added",
                **ids,
                "part": {"type": "output_text", "text": "", "annotations": []},
            },
            *(
                {"type": "response.output_text.delta", **ids, "delta": p}
                for p in _pieces(self.answer)
            ),
            {"type": "response.output_text.done", **ids, "text": self.answer},
            {
                "type": "response.content_part.done",
                **ids,
                "part": {"type": "output_text", "text": self.answer, "annotations": []},
            },
            {
                "type": "response.output_item.done",
                "output_index": 0,
                "item": self._message(self.answer, "completed"),
            },
            {"type": "response.completed", "response": self.whole()},
        ]
        for seq, e in enumerate(events):
            yield {**e, "sequence_number": seq}


@dataclass(frozen=True)
class _DemoMessage:
    """The demo's answer as an Anthropic Messages message, whole or as its events."""

    mid: str
    model: str
    answer: str

    def whole(self) -> dict[str, Any]:
        return {
            "id": self.mid,
            "type": "message",
            "role": "assistant",
            "model": self.model,
            "content": [{"type": "text", "text": self.answer}],
            "stop_reason": "end_turn",
            "stop_sequence": None,
            "usage": {"input_tokens": 0, "output_tokens": len(self.answer)},
        }

    def events(self) -> Iterator[dict[str, Any]]:
        start = {**self.whole(), "content": [], "stop_reason": None}
        start["usage"] = {"input_tokens": 0, "output_tokens": 0}
        yield {"type": "message_start", "message": start}
        yield {
            "type": "content_block_start",
            "index": 0,
            "content_block": {"type": "text", "text": ""},
        }
        for p in _pieces(self.answer):
            yield {
                "type": "content_block_delta",
                "index": 0,
                "delta": {"type": "text_delta", "text": p},
            }
        yield {"type": "content_block_stop", "index": 0}
        yield {
            "type": "message_delta",
            "delta": {"stop_reason": "end_turn", "stop_sequence": None},
            "usage": {"output_tokens": len(self.answer)},
        }
        yield {"type": "message_stop"}


def _fake_embedding(text: str, dim: int = 8) -> list[float]:
    h = hashlib.sha256(text.encode("utf-8")).digest()
    return [round(b / 255.0, 4) for b in h[:dim]]


def make_upstream(
    name: str, cfg: Upstream, client: httpx.AsyncClient
) -> HttpUpstream | DemoUpstream:
    return DemoUpstream(name) if cfg.demo else HttpUpstream(cfg, client)
