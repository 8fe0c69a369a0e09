"""Log probabilities restored like the text they spell (tokens and bytes of the values,
never pieces of placeholders), and never showing what the exit screening removed."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import openai
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from _gateway import Running, running_gateway
from hinagata.gateway._logprobs import LogprobStream, restore_entries
from hinagata.gateway._upstream import UpstreamResponse
from hinagata.mask import restore

MAPPING = {"〔氏名1〕": "高橋 健一", "〔電話番号1〕": "090-1234-5678"}
PROMPT = "高橋 健一さん（電話 090-1234-5678）への案内文を作って"
TOKENS = ["ご", "案内", ":", " 〔", "氏名", "1〕", "様", "、", "〔電話", "番号1", "〕", "まで"]


def _entry(token: str) -> dict[str, Any]:
    return {"token": token, "logprob": -0.25, "bytes": list(token.encode()),
            "top_logprobs": [{"token": token, "logprob": -0.25, "bytes": None}]}  # fmt: skip


def _check(entries: list[dict[str, Any]], text: str) -> None:
    assert "".join(e["token"] for e in entries) == restore(text, MAPPING)
    for e in entries:
        assert bytes(e["bytes"]) == e["token"].encode()
        assert "〔" not in e["token"] and "〕" not in e["token"]


def test_tokens_that_spell_a_placeholder_become_its_value() -> None:
    out = restore_entries([_entry(t) for t in TOKENS], MAPPING)
    _check(out, "".join(TOKENS))
    merged = next(e for e in out if "高橋" in e["token"])
    assert merged["token"] == " 高橋 健一" and merged["logprob"] == pytest.approx(-0.75)
    assert merged["top_logprobs"] == []
    assert out[0] == _entry("ご")  # untouched tokens stay as they were


@settings(max_examples=200, deadline=None)
@given(
    text=st.lists(
        st.sampled_from(
            ["〔氏名1〕", "〔電話番号1〕", "様", "、", "〔", "〕", "氏名", "1", "です。"]
        ),
        max_size=12,
    ).map("".join),
    cuts=st.lists(st.integers(1, 4), max_size=40),
    chunks=st.lists(st.integers(1, 3), max_size=40),
)
def test_restoring_does_not_depend_on_how_tokens_or_chunks_fall(
    text: str, cuts: list[int], chunks: list[int]
) -> None:
    """However the text is cut into tokens, and the tokens into stream chunks: the
    tokens spell the restored text, and the stream gives what the whole gives."""
    tokens, pos = [], 0
    for c in [*cuts, len(text)]:
        if pos >= len(text):
            break
        tokens.append(text[pos : pos + c])
        pos += c
    entries = [_entry(t) for t in tokens]
    whole = restore_entries(entries, MAPPING)
    assert "".join(e["token"] for e in whole) == restore(text, MAPPING)
    stream = LogprobStream(MAPPING)
    got: list[dict[str, Any]] = []
    i = 0
    for n in [*chunks, len(entries)]:
        got += stream.feed(entries[i : i + n])
        i += n
        if i >= len(entries):
            break
    got += stream.flush()
    assert [e["token"] for e in got] == [e["token"] for e in whole]


# ---------------------------------------------------------------------- through the gateway


@dataclass
class WithLogprobs:
    """An upstream double whose chat answer carries log probabilities (whole or streamed)."""

    tokens: list[str]
    calls: list[dict[str, Any]] = field(default_factory=list)

    async def call(
        self, endpoint: str, body: Mapping[str, Any], *, stream: bool
    ) -> UpstreamResponse:
        self.calls.append(json.loads(json.dumps(body)))
        text = "".join(self.tokens)
        if not stream:
            return UpstreamResponse(200, {
                "id": "x", "object": "chat.completion", "created": 1, "model": "up",
                "choices": [{"index": 0, "finish_reason": "stop",
                             "message": {"role": "assistant", "content": text},
                             "logprobs": {"content": [_entry(t) for t in self.tokens],
                                          "refusal": None}}],
            })  # fmt: skip

        async def lines() -> AsyncIterator[str]:
            for t in self.tokens:
                chunk = {"id": "x", "object": "chat.completion.chunk", "created": 1,
                         "model": "up", "choices": [{"index": 0, "delta": {"content": t},
                         "logprobs": {"content": [_entry(t)], "refusal": None},
                         "finish_reason": None}]}  # fmt: skip
                yield "data: " + json.dumps(chunk, ensure_ascii=False)
            last = {"id": "x", "object": "chat.completion.chunk", "created": 1, "model": "up",
                    "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]}  # fmt: skip
            yield "data: " + json.dumps(last)
            yield "data: [DONE]"

        return UpstreamResponse(200, None, lines(), None)


def _gw(tmp_path: Path, tokens: list[str]) -> Iterator[Running]:
    up = WithLogprobs(tokens)
    with running_gateway(tmp_path, f"sqlite:///{tmp_path / 'h.db'}", recorder=up) as gw:  # type: ignore[arg-type]
        yield gw


def _ask(gw: Running, stream: bool) -> tuple[str, list[dict[str, Any]] | None]:
    client = openai.OpenAI(base_url=gw.base_url + "/v1", api_key=gw.key(), max_retries=0)
    messages: Any = [{"role": "user", "content": PROMPT}]
    if not stream:
        r = client.chat.completions.create(model="wg", messages=messages, logprobs=True)
        lp = r.choices[0].logprobs
        content = [e.model_dump() for e in lp.content] if lp and lp.content else None
        return r.choices[0].message.content or "", content
    text, entries, any_lp = "", [], False
    for c in client.chat.completions.create(
        model="wg", messages=messages, logprobs=True, stream=True
    ):
        if not c.choices:
            continue
        text += c.choices[0].delta.content or ""
        if c.choices[0].logprobs and c.choices[0].logprobs.content:
            any_lp = True
            entries += [e.model_dump() for e in c.choices[0].logprobs.content]
    return text, entries if any_lp else None


@pytest.mark.parametrize("stream", [False, True])
def test_the_gateway_restores_logprobs_with_the_text(tmp_path: Path, stream: bool) -> None:
    for gw in _gw(tmp_path, TOKENS):
        text, entries = _ask(gw, stream)
        assert text == restore("".join(TOKENS), MAPPING)
        assert entries is not None
        _check(entries, "".join(TOKENS))


@pytest.mark.parametrize("stream", [False, True])
def test_logprobs_never_show_what_the_exit_screening_masked(tmp_path: Path, stream: bool) -> None:
    """A phone number the request did not contain is masked in the answer; its tokens
    are not sent either."""
    new = ["折り返しは", "080-", "9876-", "5432", "へ", "どうぞ。"]
    for gw in _gw(tmp_path, new):
        text, entries = _ask(gw, stream)
        assert "080-9876-5432" not in text
        assert entries is None or "5432" not in json.dumps(entries, ensure_ascii=False)


# ---------------------------------------------------------------------- Responses API


@dataclass
class ResponsesWithLogprobs:
    """A Responses upstream double whose output text carries log probabilities."""

    tokens: list[str]

    async def call(
        self, endpoint: str, body: Mapping[str, Any], *, stream: bool
    ) -> UpstreamResponse:
        text = "".join(self.tokens)
        part = {"type": "output_text", "text": text, "annotations": [],
                "logprobs": [_entry(t) for t in self.tokens]}  # fmt: skip
        whole = {"id": "resp_lp", "object": "response", "created_at": 1, "status": "completed",
                 "model": "up", "output": [{"id": "m1", "type": "message", "role": "assistant",
                 "status": "completed", "content": [part]}], "tools": [],
                 "parallel_tool_calls": True, "tool_choice": "auto"}  # fmt: skip
        if not stream:
            return UpstreamResponse(200, whole)
        ids = {"item_id": "m1", "output_index": 0, "content_index": 0}
        events = [
            *({"type": "response.output_text.delta", **ids, "delta": t, "logprobs": [_entry(t)]}
              for t in self.tokens),
            {"type": "response.output_text.done", **ids, "text": text,
             "logprobs": part["logprobs"]},
            {"type": "response.completed", "response": whole},
        ]  # fmt: skip

        async def lines() -> AsyncIterator[str]:
            for n, e in enumerate(events):
                yield "data: " + json.dumps({**e, "sequence_number": n}, ensure_ascii=False)

        return UpstreamResponse(200, None, lines(), None)


def _responses_logprobs(tmp_path: Path, tokens: list[str], stream: bool) -> tuple[str, list[Any]]:
    with running_gateway(
        tmp_path,
        f"sqlite:///{tmp_path / 'h.db'}",
        recorder=ResponsesWithLogprobs(tokens),  # type: ignore[arg-type]
    ) as gw:
        client = openai.OpenAI(base_url=gw.base_url + "/v1", api_key=gw.key(), max_retries=0)
        if not stream:
            r = client.responses.create(model="wg", input=PROMPT)
            part = r.output[0].content[0]  # type: ignore[union-attr]
            return part.text, [e.model_dump() for e in part.logprobs or []]  # type: ignore[union-attr]
        text, entries = "", []
        for e in client.responses.create(model="wg", input=PROMPT, stream=True):
            if e.type == "response.output_text.delta":
                text += e.delta
                entries += [x.model_dump() for x in e.logprobs or []]
        return text, entries


@pytest.mark.parametrize("stream", [False, True])
def test_responses_logprobs_are_restored(tmp_path: Path, stream: bool) -> None:
    text, entries = _responses_logprobs(tmp_path, TOKENS, stream)
    assert text == restore("".join(TOKENS), MAPPING)
    _check(entries, "".join(TOKENS))


@pytest.mark.parametrize("stream", [False, True])
def test_responses_logprobs_never_show_what_the_exit_screening_masked(
    tmp_path: Path, stream: bool
) -> None:
    text, entries = _responses_logprobs(
        tmp_path, ["折り返しは", "080-", "9876-", "5432", "へ", "どうぞ。"], stream
    )
    assert "080-9876-5432" not in text
    assert "5432" not in json.dumps(entries, ensure_ascii=False)
