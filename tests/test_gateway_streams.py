"""Streams exactly as the client's endpoint shapes them, whatever the upstream sends: the
chunk shapes real servers use for completions and chat (OpenAI, vLLM, routers that send
chat deltas on the completions endpoint, a last chunk with no text, usage-only chunks, no
``[DONE]``), with exit screening on and text that never ends a sentence."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import openai
import pytest

from _gateway import Running, running_gateway
from hinagata.gateway._upstream import UpstreamResponse

#: No sentence end anywhere (the exit screening held such text to the end before).
ANSWER = "高橋 健一さんの転入手続きは市民課の窓口で受け付けます 電話は〔電話番号1〕です"
PROMPT = "高橋 健一さんの電話 090-1234-5678 の件で、手続きの窓口を教えて"
RESTORED = ANSWER.replace("〔電話番号1〕", "090-1234-5678")


def _pieces(text: str, n: int = 3) -> list[str]:
    return [text[i : i + n] for i in range(0, len(text), n)]


def _completion(piece: str | None, finish: str | None = None, **extra: Any) -> dict[str, Any]:
    choice: dict[str, Any] = {"index": 0, "finish_reason": finish, **extra}
    if piece is not None:
        choice["text"] = piece
    return {"id": "c1", "object": "text_completion", "created": 1, "model": "up",
            "choices": [choice]}  # fmt: skip


def _chat(piece: str | None, finish: str | None = None) -> dict[str, Any]:
    delta = {} if piece is None else {"content": piece}
    return {"id": "c1", "object": "chat.completion.chunk", "created": 1, "model": "up",
            "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}  # fmt: skip


def _openai_completions() -> list[dict[str, Any] | str]:
    return [*(_completion(p) for p in _pieces(ANSWER)), _completion("", "stop"), "[DONE]"]


def _vllm_completions() -> list[dict[str, Any] | str]:
    body = [_completion(p, logprobs=None, stop_reason=None) for p in _pieces(ANSWER)]
    usage = {"id": "c1", "object": "text_completion", "created": 1, "model": "up",
             "choices": [], "usage": {"prompt_tokens": 3, "completion_tokens": 9}}  # fmt: skip
    return [*body, _completion("", "length", logprobs=None, stop_reason=None), usage, "[DONE]"]


def _last_without_text() -> list[dict[str, Any] | str]:
    return [*(_completion(p) for p in _pieces(ANSWER)), _completion(None, "stop"), "[DONE]"]


def _chat_deltas_on_completions() -> list[dict[str, Any] | str]:
    """A router that answers the completions endpoint with chat-shaped chunks."""
    return [*(_chat(p) for p in _pieces(ANSWER)), _chat(None, "stop"), "[DONE]"]


def _no_done() -> list[dict[str, Any] | str]:
    return [_completion(p) for p in _pieces(ANSWER)]


SHAPES = {
    "openai": _openai_completions,
    "vllm": _vllm_completions,
    "last-without-text": _last_without_text,
    "chat-deltas": _chat_deltas_on_completions,
    "no-done": _no_done,
}


@dataclass
class Lines:
    """An upstream double that streams the given chunks as they are."""

    chunks: list[dict[str, Any] | str]
    calls: list[tuple[str, dict[str, Any]]] = field(default_factory=list)

    async def call(
        self, endpoint: str, body: Mapping[str, Any], *, stream: bool
    ) -> UpstreamResponse:
        self.calls.append((endpoint, json.loads(json.dumps(body))))

        async def lines() -> AsyncIterator[str]:
            for c in self.chunks:
                yield "data: " + (c if isinstance(c, str) else json.dumps(c, ensure_ascii=False))

        return UpstreamResponse(200, None, lines(), None)


@pytest.fixture
def tmp(tmp_path: Path) -> Path:
    return tmp_path


def _gateway(tmp_path: Path, chunks: list[dict[str, Any] | str]) -> Iterator[Running]:
    with running_gateway(
        tmp_path,
        f"sqlite:///{tmp_path / 'h.db'}",
        recorder=Lines(chunks),  # type: ignore[arg-type]
    ) as gw:
        yield gw


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_a_completion_stream_loses_nothing_whatever_the_upstreams_chunks(
    tmp_path: Path, shape: str
) -> None:
    for gw in _gateway(tmp_path, SHAPES[shape]()):
        client = openai.OpenAI(base_url=gw.base_url + "/v1", api_key=gw.key(), max_retries=0)
        chunks = list(client.completions.create(model="wg", prompt=PROMPT, stream=True))
        text = "".join(c.choices[0].text for c in chunks if c.choices)
        assert text == RESTORED
        assert all(c.object == "text_completion" for c in chunks)
        sent = json.dumps(gw.recorder.calls, ensure_ascii=False)
        assert "090-1234-5678" not in sent


@pytest.mark.parametrize("shape", ["openai", "no-done"])
def test_a_chat_stream_in_completion_shape_reads_as_chat(tmp_path: Path, shape: str) -> None:
    """The other way round: completion-shaped chunks on the chat endpoint reach a chat
    client as deltas (a stray ``text`` is never passed on unscreened)."""
    for gw in _gateway(tmp_path, SHAPES[shape]()):
        client = openai.OpenAI(base_url=gw.base_url + "/v1", api_key=gw.key(), max_retries=0)
        stream = client.chat.completions.create(
            model="wg", messages=[{"role": "user", "content": PROMPT}], stream=True
        )
        text = "".join(c.choices[0].delta.content or "" for c in stream if c.choices)
        assert text == RESTORED
