"""Every text of an answer a person reads is restored and exit-screened: list contents,
refusals, reasoning (vLLM/DeepSeek-style ``reasoning_content``), audio transcripts —
whole and streamed; a completion stream's held-back tail comes back as completion text."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from _gateway import Running, running_gateway
from hinagata.gateway._upstream import UpstreamResponse

NEW = "折り返しは080-9876-5432まで。![x](https://evil.example/p.png?d=abc) 以上。"


class _Answers:
    """An upstream whose answer carries text in every field a server may use."""

    def __init__(self) -> None:
        self.sent: list[dict[str, Any]] = []

    async def call(self, endpoint: str, body: Any, *, stream: bool) -> UpstreamResponse:
        self.sent.append(body)
        echo = json.dumps(body, ensure_ascii=False)
        placeholder = "〔氏名1〕" if "〔氏名1〕" in echo else ""
        if endpoint == "completions":
            if not stream:
                return UpstreamResponse(
                    200,
                    {
                        "object": "text_completion",
                        "choices": [{"index": 0, "text": NEW, "finish_reason": "stop"}],
                    },
                )

            async def lines_c() -> AsyncIterator[str]:
                for i in range(0, len(NEW), 4):
                    yield "data: " + json.dumps(
                        {
                            "object": "text_completion",
                            "choices": [
                                {"index": 0, "text": NEW[i : i + 4], "finish_reason": None}
                            ],
                        },
                        ensure_ascii=False,
                    )
                yield "data: [DONE]"

            return UpstreamResponse(200, None, lines_c(), None)
        if not stream:
            msg = {
                "role": "assistant",
                "content": [{"type": "text", "text": placeholder + "さんへ。" + NEW}],
                "refusal": NEW,
                "reasoning_content": placeholder + "さんの件。" + NEW,
                "audio": {"id": "a1", "transcript": NEW},
            }
            return UpstreamResponse(
                200,
                {
                    "object": "chat.completion",
                    "choices": [{"index": 0, "message": msg, "finish_reason": "stop"}],
                },
            )

        async def lines() -> AsyncIterator[str]:
            text = placeholder + "さんの件。" + NEW
            for i in range(0, len(text), 3):
                for name in ("reasoning_content", "refusal"):
                    yield "data: " + json.dumps(
                        {
                            "object": "chat.completion.chunk",
                            "choices": [
                                {
                                    "index": 0,
                                    "delta": {name: text[i : i + 3]},
                                    "finish_reason": None,
                                }
                            ],
                        },
                        ensure_ascii=False,
                    )
            yield "data: " + json.dumps(
                {
                    "object": "chat.completion.chunk",
                    "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}],
                }
            )
            yield "data: [DONE]"

        return UpstreamResponse(200, None, lines(), None)


@pytest.fixture
def gw(tmp_path: Path) -> Iterator[Running]:
    with running_gateway(tmp_path, f"sqlite:///{tmp_path / 'h.db'}") as running:
        running.gateway.upstreams["wg"] = _Answers()
        yield running


def _post(gw: Running, body: dict[str, Any], path: str = "chat/completions") -> httpx.Response:
    return httpx.post(
        f"{gw.base_url}/v1/{path}",
        json=body,
        headers={"authorization": f"Bearer {gw.key()}"},
        timeout=30,
    )


USER = [{"role": "user", "content": "高橋 健一さんへの連絡文を作って"}]


def _clean(text: str) -> None:
    assert "080-9876-5432" not in text and "evil.example" not in text, text


def test_every_answer_field_is_screened_and_restored(gw: Running) -> None:
    r = _post(gw, {"model": "wg", "messages": USER})
    assert r.status_code == 200
    msg = r.json()["choices"][0]["message"]
    for text in (
        msg["content"][0]["text"],
        msg["refusal"],
        msg["reasoning_content"],
        msg["audio"]["transcript"],
    ):
        _clean(text)
    assert msg["reasoning_content"].startswith("高橋 健一さんの件")
    assert msg["content"][0]["text"].startswith("高橋 健一さんへ")


def test_streamed_reasoning_and_refusal_are_screened_and_restored(gw: Running) -> None:
    fields: dict[str, str] = {}
    with httpx.stream(
        "POST",
        gw.base_url + "/v1/chat/completions",
        json={"model": "wg", "messages": USER, "stream": True},
        headers={"authorization": f"Bearer {gw.key()}"},
        timeout=30,
    ) as r:
        for line in r.iter_lines():
            if not line.startswith("data: {"):
                continue
            for choice in json.loads(line[6:]).get("choices", []):
                for k, v in (choice.get("delta") or {}).items():
                    if isinstance(v, str):
                        fields[k] = fields.get(k, "") + v
    assert set(fields) >= {"reasoning_content", "refusal"}
    for text in fields.values():
        _clean(text)
    assert fields["reasoning_content"].startswith("高橋 健一さんの件")


def test_a_completion_stream_keeps_its_shape_to_the_end(gw: Running) -> None:
    text = ""
    with httpx.stream(
        "POST",
        gw.base_url + "/v1/completions",
        json={"model": "wg", "prompt": "連絡文", "stream": True},
        headers={"authorization": f"Bearer {gw.key()}"},
        timeout=30,
    ) as r:
        for line in r.iter_lines():
            if line.startswith("data: {"):
                for choice in json.loads(line[6:]).get("choices", []):
                    assert "delta" not in choice
                    text += choice.get("text", "")
    _clean(text)
    assert text.endswith("以上。")
