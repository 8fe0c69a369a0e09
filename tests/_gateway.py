"""A gateway on a real port for tests, with an upstream double that records what it got."""

from __future__ import annotations

import asyncio
import json
import socket
import threading
import time
from collections.abc import AsyncIterator, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import uvicorn

import _shaped_upstream as shaped
from hinagata.config import load_config
from hinagata.gateway._upstream import UpstreamResponse
from hinagata.server import create_app


@dataclass
class Recorder:
    """The upstream double: records every body, answers with what it was told to."""

    calls: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    #: The answer text; "{echo}" is replaced by the last user message as received. A JSON
    #: text (a structured output, placeholders in its values) is answered as it is.
    answer: str = "回答: {echo}"
    chunk_size: int = 3
    delay_after_first: float = 0.0
    tool_call_args: str | None = None
    #: The name of the tool the answer calls (with ``tool_call_args``).
    tool_name: str = "save"
    fail: Exception | None = None
    #: Set when a streamed answer was abandoned before its end (the client went away).
    cancelled: bool = False
    hang_after_first: bool = False
    #: Responses the double "stores" (``GET responses/{id}``), by id.
    stored: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: The paths of ``get`` calls.
    gets: list[str] = field(default_factory=list)

    async def get(self, path: str) -> UpstreamResponse:
        self.gets.append(path)
        found = self.stored.get(path.rpartition("/")[2])
        if found is None:
            return UpstreamResponse(404, {"error": {"message": "not found"}})
        return UpstreamResponse(200, json.loads(json.dumps(found)))

    async def call(
        self, endpoint: str, body: Mapping[str, Any], *, stream: bool
    ) -> UpstreamResponse:
        self.calls.append((endpoint, json.loads(json.dumps(body))))
        if self.fail is not None:
            raise self.fail
        if endpoint == "embeddings":
            items = body["input"] if isinstance(body["input"], list) else [body["input"]]
            return UpstreamResponse(
                200,
                {
                    "object": "list",
                    "model": "x",
                    "data": [
                        {"object": "embedding", "index": i, "embedding": [0.1, 0.2]}
                        for i, _ in enumerate(items)
                    ],
                    "usage": {"prompt_tokens": 1, "total_tokens": 1},
                },
            )
        if endpoint == "messages/count_tokens":
            return UpstreamResponse(
                200, {"input_tokens": len(json.dumps(body, ensure_ascii=False))}
            )
        if endpoint in ("responses", "messages"):
            return self._shaped(endpoint, body, stream)
        echo = ""
        if endpoint == "chat/completions":
            users = [m for m in body["messages"] if m.get("role") == "user"]
            content = users[-1].get("content") if users else ""
            echo = (
                content
                if isinstance(content, str)
                else " ".join(p.get("text", "") for p in content or [] if isinstance(p, dict))
            )
        else:
            echo = body["prompt"] if isinstance(body["prompt"], str) else " ".join(body["prompt"])
        text = self.answer.replace("{echo}", echo)
        chat = endpoint == "chat/completions"
        if not stream:
            message: dict[str, Any] = {"role": "assistant", "content": text}
            if self.tool_call_args is not None:
                message["tool_calls"] = [
                    {
                        "id": "call_1",
                        "type": "function",
                        "function": {"name": self.tool_name, "arguments": self.tool_call_args},
                    }
                ]
            choice = (
                {"index": 0, "message": message, "finish_reason": "stop"}
                if chat
                else {"index": 0, "text": text, "finish_reason": "stop"}
            )
            return UpstreamResponse(
                200,
                {
                    "id": "x1",
                    "object": "chat.completion" if chat else "text_completion",
                    "created": 1,
                    "model": "up",
                    "choices": [choice],
                    "usage": {"prompt_tokens": 3, "completion_tokens": 5, "total_tokens": 8},
                },
            )

        async def lines() -> AsyncIterator[str]:
            pieces = [text[i : i + self.chunk_size] for i in range(0, len(text), self.chunk_size)]
            for n, piece in enumerate(pieces):
                delta: dict[str, Any] = {"content": piece}
                choice = (
                    {"index": 0, "delta": delta, "finish_reason": None}
                    if chat
                    else {"index": 0, "text": piece, "finish_reason": None}
                )
                yield "data: " + json.dumps(
                    {
                        "id": "x1",
                        "object": "chat.completion.chunk",
                        "created": 1,
                        "model": "up",
                        "choices": [choice],
                    },
                    ensure_ascii=False,
                )
                if n == 0 and self.delay_after_first:
                    await asyncio.sleep(self.delay_after_first)
                if n == 0 and self.hang_after_first:
                    try:
                        await asyncio.sleep(30)
                    except (asyncio.CancelledError, GeneratorExit):
                        self.cancelled = True
                        raise
            if self.tool_call_args is not None and chat:
                args = self.tool_call_args
                for i in range(0, len(args), self.chunk_size):
                    call = {"index": 0, "function": {"arguments": args[i : i + self.chunk_size]}}
                    if i == 0:
                        call.update(
                            {
                                "id": "call_1",
                                "type": "function",
                                "function": {
                                    "name": self.tool_name,
                                    "arguments": args[i : i + self.chunk_size],
                                },
                            }
                        )
                    yield "data: " + json.dumps(
                        {
                            "id": "x1",
                            "object": "chat.completion.chunk",
                            "created": 1,
                            "model": "up",
                            "choices": [
                                {"index": 0, "delta": {"tool_calls": [call]}, "finish_reason": None}
                            ],
                        },
                        ensure_ascii=False,
                    )
            last = (
                {"index": 0, "delta": {}, "finish_reason": "stop"}
                if chat
                else {"index": 0, "text": "", "finish_reason": "stop"}
            )
            yield "data: " + json.dumps(
                {
                    "id": "x1",
                    "object": "chat.completion.chunk",
                    "created": 1,
                    "model": "up",
                    "choices": [last],
                },
                ensure_ascii=False,
            )
            yield "data: [DONE]"

        return UpstreamResponse(200, None, lines(), None)

    def _shaped(self, endpoint: str, body: Mapping[str, Any], stream: bool) -> UpstreamResponse:
        """The Responses API's or Anthropic Messages' answer (:mod:`_shaped_upstream`)."""
        text = self.answer.replace("{echo}", shaped.last_user_text(endpoint, body))
        if endpoint == "responses":
            instructions = body.get("instructions")
            rid = f"resp_{len(self.calls)}"
            whole = shaped.response_whole(
                text, self.tool_call_args, instructions, rid, name=self.tool_name
            )
            self.stored[rid] = whole
            if not stream:
                return UpstreamResponse(200, whole)
            events = shaped.response_events(
                text, self.tool_call_args, self.chunk_size, instructions, rid, name=self.tool_name
            )
            return UpstreamResponse(200, None, events, None)
        tool = json.loads(self.tool_call_args) if self.tool_call_args is not None else None
        if not stream:
            return UpstreamResponse(200, shaped.message_whole(text, tool, name=self.tool_name))
        events = shaped.message_events(text, tool, self.chunk_size, name=self.tool_name)
        return UpstreamResponse(200, None, events, None)


CONFIG = """\
database_url: {db}
secret_file: {tmp}/audit.key
conversation_key_file: {tmp}/conversation.key
create_secret: true
limits: {{max_body_bytes: 200000, max_messages: 50, rate_per_minute_user: 0, rate_per_minute_department: 0}}
models:
  - {{name: wg, service: example-domestic-lgwan, upstream: {{demo: true}}}}
  - {{name: jp, service: example-foreign-japan-region, upstream: {{demo: true}}}}
  - {{name: consumer, service: example-consumer-chat, upstream: {{demo: true}}}}
{extra}
"""


@dataclass
class Running:
    base_url: str
    app: Any
    recorder: Recorder

    @property
    def gateway(self) -> Any:
        return self.app.state.gateway

    @property
    def runtime(self) -> Any:
        return self.app.state.runtime

    @property
    def web(self) -> Any:
        return self.app.state.web

    def key(self, **kw: Any) -> str:
        kw.setdefault("user", "tester")
        kw.setdefault("department", "市民課")
        kw.setdefault("trained", True)
        return self.gateway.keys.create(**kw)[0]

    def outcomes(self, rid: str) -> list[dict[str, Any]]:
        """The outcome records of request ``rid``, waiting up to 5 s for the first (a whole
        answer's outcome is written after it is sent), then a moment for any more."""
        deadline = time.time() + 5
        while True:
            found = [
                r
                for r in self.gateway.audit.records()
                if r["kind"] == "outcome" and r["request_id"] == rid
            ]
            if found or time.time() > deadline:
                time.sleep(0.1)  # and nothing more comes after the first
                return [
                    r
                    for r in self.gateway.audit.records()
                    if r["kind"] == "outcome" and r["request_id"] == rid
                ]
            time.sleep(0.05)


def free_port() -> int:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


@contextmanager
def running_gateway(
    tmp_path: Path,
    db_url: str,
    *,
    extra: str = "",
    recorder: Recorder | None = None,
    port: int | None = None,
) -> Iterator[Running]:
    cfg_path = tmp_path / "gateway.yaml"
    cfg_path.write_text(CONFIG.format(db=db_url, tmp=tmp_path, extra=extra), encoding="utf-8")
    rec = recorder or Recorder()
    app = create_app(load_config(cfg_path), upstreams={"wg": rec, "jp": rec, "consumer": rec})
    port = port or free_port()
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.time() + 20
    while not server.started and time.time() < deadline:
        time.sleep(0.02)
    try:
        yield Running(f"http://127.0.0.1:{port}", app, rec)
    finally:
        server.should_exit = True
        thread.join(timeout=10)
