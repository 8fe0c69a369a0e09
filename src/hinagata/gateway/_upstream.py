"""Upstream models: any OpenAI-compatible endpoint over HTTP, or the built-in demo.

The demo is clearly labelled (「デモ用：実際のAIではありません」): it answers with what it
received, so a newcomer sees the masked text that left the building and the restored
answer, without any model.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
import uuid
from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import httpx

from hinagata.config import Upstream

__all__ = [
    "DEMO_LABEL",
    "DemoUpstream",
    "HttpUpstream",
    "UpstreamError",
    "UpstreamResponse",
    "make_upstream",
]

DEMO_LABEL = "デモ用：実際のAIではありません"


class UpstreamError(RuntimeError):
    """The upstream failed: ``status`` is what the client gets (502, 504 …)."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code


@dataclass
class UpstreamResponse:
    status: int
    body: Any = None
    #: For streams: the raw SSE lines (``data: {...}``) as they arrive.
    lines: AsyncIterator[str] | None = None
    close: Any = None


class HttpUpstream:
    def __init__(self, cfg: Upstream, client: httpx.AsyncClient) -> None:
        self.cfg = cfg
        self._client = client
        self._base = cfg.base_url.rstrip("/")

    def _headers(self) -> dict[str, str]:
        headers = {"content-type": "application/json", **self.cfg.headers}
        if self.cfg.api_key_env:
            key = os.environ.get(self.cfg.api_key_env, "")
            if key:
                name = self.cfg.api_key_header.lower()
                headers[name] = f"Bearer {key}" if name == "authorization" else key
        return headers

    async def call(
        self, endpoint: str, body: Mapping[str, Any], *, stream: bool
    ) -> UpstreamResponse:
        payload = dict(body)
        if self.cfg.model:
            payload["model"] = self.cfg.model
        url = f"{self._base}/{endpoint}"
        if self.cfg.query:
            url += "?" + urlencode(self.cfg.query)
        timeout = httpx.Timeout(self.cfg.timeout_s, connect=min(10.0, self.cfg.timeout_s))
        try:
            if not stream:
                r = await self._client.post(
                    url, json=payload, headers=self._headers(), timeout=timeout
                )
                try:
                    data = r.json()
                except ValueError:
                    raise UpstreamError(
                        502,
                        "upstream_bad_response",
                        "上流のAIから不正な応答がありました / the upstream returned an invalid response",
                    ) from None
                return UpstreamResponse(r.status_code, data)
            req = self._client.build_request(
                "POST", url, json=payload, headers=self._headers(), timeout=timeout
            )
            r = await self._client.send(req, stream=True)
            if r.status_code >= 400:
                raw = await r.aread()
                await r.aclose()
                try:
                    data = json.loads(raw)
                except ValueError:
                    data = {"error": {"message": "upstream error", "type": "upstream_error"}}
                return UpstreamResponse(r.status_code, data)
            return UpstreamResponse(r.status_code, None, r.aiter_lines(), r.aclose)
        except httpx.TimeoutException as exc:
            raise UpstreamError(
                504,
                "upstream_timeout",
                "上流のAIが時間内に応答しませんでした / the upstream timed out",
            ) from exc
        except httpx.HTTPError as exc:
            raise UpstreamError(
                502,
                "upstream_unreachable",
                "上流のAIに接続できませんでした / the upstream could not be reached",
            ) from exc


class DemoUpstream:
    """Answers with what it received (labelled as a demo), streaming in small pieces."""

    def __init__(self, name: str) -> None:
        self.name = name

    def _answer(self, endpoint: str, body: Mapping[str, Any]) -> str:
        if endpoint == "chat/completions":
            msgs = body.get("messages") or []
            last = next(
                (m for m in reversed(msgs) if m.get("role") == "user"), msgs[-1] if msgs else {}
            )
            content = last.get("content")
            if isinstance(content, list):
                content = "\n".join(p.get("text", "") for p in content if isinstance(p, dict))
            received = str(content or "")
        else:
            prompt = body.get("prompt", "")
            received = prompt if isinstance(prompt, str) else "\n".join(map(str, prompt))
        # The brackets are changed so that what the AI saw stays visible after restoring;
        # the second copy keeps them and comes back restored.
        shown = received.replace("〔", "［").replace("〕", "］")
        return f"【{DEMO_LABEL}】\nAIに届いた文章:\n{shown}\n\n元の値に戻した文章:\n{received}"

    async def call(
        self, endpoint: str, body: Mapping[str, Any], *, stream: bool
    ) -> UpstreamResponse:
        if endpoint == "embeddings":
            return self._embeddings(body)
        answer = self._answer(endpoint, body)
        reply = _DemoReply(
            rid="chatcmpl-demo-" + uuid.uuid4().hex[:12],
            created=int(time.time()),
            model=self.name,
            chat=endpoint == "chat/completions",
            usage={
                "prompt_tokens": 0,
                "completion_tokens": len(answer),
                "total_tokens": len(answer),
            },
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
        step = 7
        for i in range(0, len(answer), step):
            piece = answer[i : i + step]
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


def _fake_embedding(text: str, dim: int = 8) -> list[float]:
    h = hashlib.sha256(text.encode("utf-8")).digest()
    return [round(b / 255.0, 4) for b in h[:dim]]


def make_upstream(
    name: str, cfg: Upstream, client: httpx.AsyncClient
) -> HttpUpstream | DemoUpstream:
    return DemoUpstream(name) if cfg.demo else HttpUpstream(cfg, client)
