"""The client libraries developers point at an OpenAI-compatible endpoint, against a real
gateway: langchain-openai (chat, tools, structured output, the Responses API, embeddings,
completions), the litellm SDK (chat, the Responses API, Anthropic Messages), the
official openai and anthropic SDKs' structured outputs, async streams and tool round
trips, llama-index (chat, completions, tools, its agent, structured output, the
Responses API) and Simon Willison's ``llm`` CLI (prompts streamed and not, piped input,
continued conversations, tools it runs, schemas, the Responses API, completions).
llama-index and ``llm`` run as processes of their own (llama-index in its own
environment: it requires openai<3), talking to the gateway on its port.

Whatever the client, each path asserts two things: nothing personal reaches the upstream
(on what the double received) and the answer comes back restored. A client that sends
what the gateway refuses is a finding: its test is a strict xfail naming the field, so
that it flips when the gateway learns it.

Nothing here reaches past the loopback: litellm reads the cost map it ships
(``LITELLM_LOCAL_MODEL_COST_MAP``), tracing is off, and a socket opened or a name looked
up anywhere else fails the test (in llama-index's process too; ``llm``'s proxies point
at a closed port). The clients do not depend on the database, so one
backend (SQLite) is enough.
"""

from __future__ import annotations

import asyncio
import functools
import importlib
import ipaddress
import json
import operator
import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from subprocess import CompletedProcess
from typing import Any

import anthropic
import openai
import pytest
import yaml
from langchain_core.messages import BaseMessage, BaseMessageChunk, HumanMessage, ToolMessage
from langchain_openai import ChatOpenAI, OpenAIEmbeddings
from langchain_openai import OpenAI as CompletionsLLM
from pydantic import BaseModel

from _gateway import Recorder, Running, free_port, running_gateway

# litellm's TypedDicts mark items ReadOnly, which pydantic warns about as it builds them.
pytestmark = pytest.mark.filterwarnings("ignore:.*`ReadOnly` qualifier:UserWarning")

RAW_VALUES = ("高橋 健一", "1988年11月2日", "090-1234-5678", "横浜市港北区新横浜三丁目12番5号")
PROMPT = (
    "転入届：高橋 健一、生年月日 1988年11月2日、電話 090-1234-5678、"
    "住所 横浜市港北区新横浜三丁目12番5号。要点をまとめて。"
)
MESSAGES = [{"role": "user", "content": PROMPT}]
#: The double's answer echoes the prompt as it received it: restored, it is this.
ANSWER = "回答: " + PROMPT
#: What the model answers with (tool arguments, a structured output): placeholders only.
ARGS = '{"name": "〔氏名1〕", "phone": "〔電話番号1〕"}'
RESTORED = {"name": "高橋 健一", "phone": "090-1234-5678"}
#: A tool's result as the client's tool returns it, and as the upstream must see it.
RESULT = "保存しました：高橋 健一（090-1234-5678）"
MASKED_RESULT = "保存しました：〔氏名1〕（〔電話番号1〕）"


class Resident(BaseModel):
    """A resident's record (住民記録): the structured output the clients ask for."""

    name: str
    phone: str


def save(name: str, phone: str) -> str:
    """Save a resident's record."""
    return f"保存しました：{name}（{phone}）"


RESPONSES_TOOL = {
    "type": "function",
    "name": "save",
    "description": "Save a resident's record.",
    "parameters": {
        "type": "object",
        "properties": {"name": {"type": "string"}, "phone": {"type": "string"}},
    },
}
CHAT_TOOL = {
    "type": "function",
    "function": {k: v for k, v in RESPONSES_TOOL.items() if k != "type"},
}
ANTHROPIC_TOOL = {
    "name": "save",
    "description": "住民記録を保存する",
    "input_schema": RESPONSES_TOOL["parameters"],
}


# ---------------------------------------------------------------------- fixtures


def _loopback(host: object) -> bool:
    if host is None or host == "localhost":
        return True
    try:
        return ipaddress.ip_address(str(host).partition("%")[0]).is_loopback
    except ValueError:
        return False


@pytest.fixture(scope="module")
def _offline() -> Iterator[list[object]]:
    """Every address a client tries beyond the loopback (refused, and recorded), from the
    module's first import of a client on: a cost map, a tokenizer or a tracer fetched
    from the internet would land here."""
    reached: list[object] = []
    connect, connect_ex, getaddrinfo = (
        socket.socket.connect,
        socket.socket.connect_ex,
        socket.getaddrinfo,
    )

    def guard(address: Any) -> None:
        if isinstance(address, tuple) and not _loopback(address[0]):
            reached.append(address)
            raise OSError(f"test_clients: no network beyond 127.0.0.1 ({address!r})")

    def guarded_connect(self: socket.socket, address: Any) -> None:
        guard(address)
        connect(self, address)

    def guarded_connect_ex(self: socket.socket, address: Any) -> int:
        guard(address)
        return connect_ex(self, address)

    def guarded_getaddrinfo(host: Any, *args: Any, **kw: Any) -> Any:
        guard((host,))
        return getaddrinfo(host, *args, **kw)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(socket.socket, "connect", guarded_connect)
        mp.setattr(socket.socket, "connect_ex", guarded_connect_ex)
        mp.setattr(socket, "getaddrinfo", guarded_getaddrinfo)
        for tracing in ("LANGSMITH_TRACING", "LANGCHAIN_TRACING_V2", "LANGCHAIN_TRACING"):
            mp.delenv(tracing, raising=False)
        yield reached


@pytest.fixture(autouse=True)
def _nothing_reached(_offline: list[object]) -> Iterator[None]:
    yield
    reached, _offline[:] = list(_offline), []
    assert not reached, f"a client reached past the loopback: {reached}"


@pytest.fixture(scope="module")
def litellm(_offline: list[object]) -> Iterator[Any]:
    """The litellm SDK, imported offline: without ``LITELLM_LOCAL_MODEL_COST_MAP`` its
    import downloads the model cost map. No callbacks (the SDK has no telemetry of its
    own; the proxy's is not imported)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("LITELLM_LOCAL_MODEL_COST_MAP", "True")
        sdk = importlib.import_module("litellm")
        mp.setattr(sdk, "suppress_debug_info", True)
        mp.setattr(sdk, "disable_hf_tokenizer_download", True)
        for hooks in ("callbacks", "success_callback", "failure_callback"):
            mp.setattr(sdk, hooks, [])
        # litellm fakes a Responses stream (one whole request, the events made up after
        # it) for a model its cost map does not know: the route is declared as one that
        # streams, so what the client reads is the gateway's own stream.
        saved = dict(sdk.model_cost)
        sdk.register_model(
            {
                "openai/wg": {
                    "litellm_provider": "openai",
                    "mode": "chat",
                    "supports_native_streaming": True,
                    "input_cost_per_token": 0.0,
                    "output_cost_per_token": 0.0,
                    "cache_creation_input_token_cost": 0.0,
                    "cache_read_input_token_cost": 0.0,
                }
            }
        )
        yield sdk
        sdk.model_cost.clear()
        sdk.model_cost.update(saved)


@pytest.fixture
def gw(tmp_path: Path) -> Iterator[Running]:
    with running_gateway(tmp_path, f"sqlite:///{tmp_path / 'h.db'}") as running:
        yield running


def _sent(gw: Running) -> str:
    return json.dumps([body for _, body in gw.recorder.calls], ensure_ascii=False)


def _assert_masked(gw: Running) -> None:
    """No raw value in anything the upstream received; the placeholders in their place."""
    sent = _sent(gw)
    assert gw.recorder.calls
    for v in RAW_VALUES:
        assert v not in sent
    assert "〔氏名1〕" in sent and "〔電話番号1〕" in sent


def _sent_to(gw: Running) -> list[tuple[str, Any]]:
    """Each call's endpoint and whether it asked for a stream."""
    return [(endpoint, body.get("stream")) for endpoint, body in gw.recorder.calls]


def _chat(gw: Running, **kw: Any) -> ChatOpenAI:
    return ChatOpenAI(
        base_url=gw.base_url + "/v1", api_key=gw.key(), model="wg", max_retries=0, **kw
    )


def _merged(chunks: Iterator[BaseMessageChunk]) -> BaseMessage:
    """A stream's chunks added up, as langchain's agents read a streamed tool call."""
    return functools.reduce(operator.add, chunks)


def _openai(gw: Running) -> openai.OpenAI:
    return openai.OpenAI(base_url=gw.base_url + "/v1", api_key=gw.key(), max_retries=0)


def _anthropic(gw: Running) -> anthropic.Anthropic:
    return anthropic.Anthropic(base_url=gw.base_url, api_key=gw.key(), max_retries=0)


# ---------------------------------------------------------------------- langchain-openai


def test_langchain_invoke_and_stream(gw: Running) -> None:
    gw.recorder.chunk_size = 2  # every placeholder split over chunks
    model = _chat(gw)
    assert model.invoke(PROMPT).content == ANSWER
    assert "".join(chunk.text for chunk in model.stream(PROMPT)) == ANSWER
    _assert_masked(gw)
    assert _sent_to(gw) == [("chat/completions", False), ("chat/completions", True)]


def test_langchain_stream_usage_asks_for_usage_and_is_accepted(gw: Running) -> None:
    """``stream_usage=True`` sends ``stream_options`` (include_usage)."""
    model = _chat(gw, stream_usage=True)
    assert "".join(chunk.text for chunk in model.stream(PROMPT)) == ANSWER
    assert gw.recorder.calls[0][1]["stream_options"] == {"include_usage": True}
    _assert_masked(gw)


def test_langchain_tool_calls_are_restored_whole_and_streamed(gw: Running) -> None:
    gw.recorder.tool_call_args = ARGS
    gw.recorder.chunk_size = 2
    model = _chat(gw).bind_tools([save])
    assert model.invoke(PROMPT).tool_calls[0]["args"] == RESTORED
    streamed = _merged(model.stream(PROMPT))
    assert streamed.tool_calls[0]["args"] == RESTORED
    _assert_masked(gw)
    assert gw.recorder.calls[0][1]["tools"][0]["function"]["name"] == "save"


@pytest.mark.parametrize("responses_api", [False, True], ids=["chat", "responses"])
def test_langchain_tool_round_trip_masks_the_result_on_the_way_out(
    gw: Running, responses_api: bool
) -> None:
    """An agent's loop: the model calls the tool with placeholders, the client runs it
    with the restored values, and the tool's result (personal again) and the call in the
    history go back masked."""
    model = _chat(gw, use_responses_api=responses_api).bind_tools([save])
    gw.recorder.tool_call_args = ARGS
    called = model.invoke([HumanMessage(PROMPT)])
    call = called.tool_calls[0]
    assert call["args"] == RESTORED
    gw.recorder.tool_call_args = None
    result = ToolMessage(save(**call["args"]), tool_call_id=call["id"])
    assert result.content == RESULT
    final = model.invoke([HumanMessage(PROMPT), called, result])
    assert final.text == ANSWER
    _assert_masked(gw)
    second = json.dumps(gw.recorder.calls[1][1], ensure_ascii=False)
    assert MASKED_RESULT in second
    assert json.dumps(ARGS, ensure_ascii=False) in second  # the call, as the model made it


@pytest.mark.parametrize(
    ("method", "asked_with"),
    [
        ("json_schema", "response_format"),
        ("function_calling", "tool_choice"),
        ("json_mode", "response_format"),
    ],
)
def test_langchain_structured_output(gw: Running, method: str, asked_with: str) -> None:
    """``with_structured_output(Resident)`` each way: the JSON the model answers with
    placeholders comes back as the restored model."""
    gw.recorder.answer = ARGS
    if method == "function_calling":
        gw.recorder.tool_name, gw.recorder.tool_call_args = "Resident", ARGS
    structured = _chat(gw).with_structured_output(Resident, method=method)
    assert structured.invoke(PROMPT) == Resident(**RESTORED)
    _assert_masked(gw)
    assert asked_with in gw.recorder.calls[0][1]


def test_langchain_responses_api_plain_and_streamed(gw: Running) -> None:
    gw.recorder.chunk_size = 2
    model = _chat(gw, use_responses_api=True)
    assert model.invoke(PROMPT).text == ANSWER
    assert "".join(chunk.text for chunk in model.stream(PROMPT)) == ANSWER
    _assert_masked(gw)
    assert _sent_to(gw) == [("responses", False), ("responses", True)]


def test_langchain_responses_api_tools_and_structured_output(gw: Running) -> None:
    gw.recorder.tool_call_args = ARGS
    gw.recorder.chunk_size = 2
    model = _chat(gw, use_responses_api=True)
    tools = model.bind_tools([save])
    assert tools.invoke(PROMPT).tool_calls[0]["args"] == RESTORED
    streamed = _merged(tools.stream(PROMPT))
    assert streamed.tool_calls[0]["args"] == RESTORED
    gw.recorder.tool_call_args, gw.recorder.answer = None, ARGS
    assert model.with_structured_output(Resident).invoke(PROMPT) == Resident(**RESTORED)
    _assert_masked(gw)
    assert gw.recorder.calls[-1][1]["text"]["format"]["name"] == "Resident"


def test_langchain_responses_reasoning_include_and_truncation_are_accepted(gw: Running) -> None:
    model = _chat(
        gw,
        use_responses_api=True,
        reasoning={"effort": "low", "summary": "auto"},
        include=["reasoning.encrypted_content"],
        store=False,
        truncation="auto",
    )
    assert model.invoke(PROMPT).text == ANSWER
    _assert_masked(gw)
    assert gw.recorder.calls[0][1]["include"] == ["reasoning.encrypted_content"]


def test_langchain_previous_response_id_masks_the_new_turn_from_the_first(gw: Running) -> None:
    """``use_previous_response_id``: only the new turn is sent, masked with the earlier
    turn's table (the same person, the same placeholder), and restored with it."""
    model = _chat(gw, use_responses_api=True, use_previous_response_id=True)
    first = model.invoke(PROMPT)
    second = model.invoke([HumanMessage(PROMPT), first, HumanMessage("高橋 健一さんに電話して。")])
    assert second.text == "回答: 高橋 健一さんに電話して。"
    _assert_masked(gw)
    body = gw.recorder.calls[1][1]
    assert body["previous_response_id"] == first.response_metadata["id"]
    assert [item["content"] for item in body["input"]] == ["〔氏名1〕さんに電話して。"]


def test_langchain_embeddings_and_completions(gw: Running) -> None:
    embeddings = OpenAIEmbeddings(
        base_url=gw.base_url + "/v1",
        api_key=gw.key(),
        model="wg",
        max_retries=0,
        check_embedding_ctx_length=False,  # strings, not token ids (see the xfail below)
    )
    assert len(embeddings.embed_documents([PROMPT])) == 1
    llm = CompletionsLLM(
        base_url=gw.base_url + "/v1",
        api_key=gw.key(),
        model="wg",
        max_retries=0,
    )
    assert llm.invoke(PROMPT) == ANSWER
    _assert_masked(gw)
    assert [e for e, _ in gw.recorder.calls] == ["embeddings", "completions"]


@pytest.mark.xfail(
    strict=True,
    raises=openai.BadRequestError,
    reason="finding: OpenAIEmbeddings by default (check_embedding_ctx_length=True) "
    "tokenizes with tiktoken and sends `input` as token-id arrays, which the gateway "
    "refuses (400, param input: token arrays cannot be checked)",
)
def test_langchain_embeddings_default_sends_token_arrays(
    gw: Running, litellm: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # tiktoken would download its encoding; litellm ships it (cl100k_base).
    bundled = Path(litellm.__file__).parent / "litellm_core_utils" / "tokenizers"
    monkeypatch.setenv("TIKTOKEN_CACHE_DIR", str(bundled))
    embeddings = OpenAIEmbeddings(
        base_url=gw.base_url + "/v1",
        api_key=gw.key(),
        model="wg",
        max_retries=0,
    )
    assert len(embeddings.embed_documents([PROMPT])) == 1
    for v in RAW_VALUES:
        assert v not in _sent(gw)


# ---------------------------------------------------------------------- litellm


def _litellm_openai(gw: Running) -> dict[str, Any]:
    return {"model": "openai/wg", "api_base": gw.base_url + "/v1", "api_key": gw.key()}


def _litellm_anthropic(gw: Running) -> dict[str, Any]:
    return {"model": "anthropic/wg", "api_base": gw.base_url, "api_key": gw.key()}


def test_litellm_completion_plain_and_streamed(gw: Running, litellm: Any) -> None:
    kw = _litellm_openai(gw)
    gw.recorder.chunk_size = 2
    plain = litellm.completion(messages=MESSAGES, **kw)
    assert plain.choices[0].message.content == ANSWER
    chunks = litellm.completion(
        messages=MESSAGES, stream=True, stream_options={"include_usage": True}, **kw
    )
    assert "".join(c.choices[0].delta.content or "" for c in chunks if c.choices) == ANSWER
    _assert_masked(gw)
    assert _sent_to(gw) == [("chat/completions", None), ("chat/completions", True)]


def test_litellm_async_completion_stream(gw: Running, litellm: Any) -> None:
    kw = _litellm_openai(gw)

    async def go() -> str:
        chunks = await litellm.acompletion(messages=MESSAGES, stream=True, **kw)
        return "".join([c.choices[0].delta.content or "" async for c in chunks if c.choices])

    assert asyncio.run(go()) == ANSWER
    _assert_masked(gw)


def test_litellm_tool_calls_are_restored_whole_and_streamed(gw: Running, litellm: Any) -> None:
    kw = _litellm_openai(gw)
    gw.recorder.tool_call_args = ARGS
    gw.recorder.chunk_size = 2
    plain = litellm.completion(messages=MESSAGES, tools=[CHAT_TOOL], **kw)
    assert json.loads(plain.choices[0].message.tool_calls[0].function.arguments) == RESTORED
    chunks = list(litellm.completion(messages=MESSAGES, tools=[CHAT_TOOL], stream=True, **kw))
    built = litellm.stream_chunk_builder(chunks, messages=MESSAGES)
    assert json.loads(built.choices[0].message.tool_calls[0].function.arguments) == RESTORED
    _assert_masked(gw)


def test_litellm_structured_output(gw: Running, litellm: Any) -> None:
    gw.recorder.answer = ARGS
    r = litellm.completion(messages=MESSAGES, response_format=Resident, **_litellm_openai(gw))
    assert Resident.model_validate_json(r.choices[0].message.content) == Resident(**RESTORED)
    _assert_masked(gw)
    assert gw.recorder.calls[0][1]["response_format"]["type"] == "json_schema"


def test_litellm_embedding_and_text_completion(gw: Running, litellm: Any) -> None:
    kw = _litellm_openai(gw)
    assert len(litellm.embedding(input=[PROMPT], **kw).data) == 1
    kw["model"] = "text-completion-openai/wg"
    assert litellm.text_completion(prompt=PROMPT, **kw).choices[0].text == ANSWER
    _assert_masked(gw)
    assert [e for e, _ in gw.recorder.calls] == ["embeddings", "completions"]


@pytest.mark.filterwarnings("ignore:Pydantic serializer warnings:UserWarning")  # litellm's usage
def test_litellm_responses_plain_streamed_and_tools(gw: Running, litellm: Any) -> None:
    kw = _litellm_openai(gw)
    plain = litellm.responses(input=PROMPT, instructions="あなたは市役所の職員です。", **kw)
    assert plain.output[0].content[0].text == ANSWER
    gw.recorder.tool_call_args = ARGS
    gw.recorder.chunk_size = 2
    events = list(litellm.responses(input=PROMPT, tools=[RESPONSES_TOOL], stream=True, **kw))
    deltas = "".join(e.delta for e in events if e.type == "response.output_text.delta")
    assert deltas == ANSWER
    done = next(e for e in events if e.type == "response.function_call_arguments.done")
    assert json.loads(done.arguments) == RESTORED
    _assert_masked(gw)
    assert _sent_to(gw) == [("responses", None), ("responses", True)]
    assert gw.recorder.calls[0][1]["instructions"] == "あなたは市役所の職員です。"


@pytest.mark.filterwarnings("ignore:Pydantic serializer warnings:UserWarning")
def test_litellm_responses_previous_response_id(gw: Running, litellm: Any) -> None:
    """litellm wraps the response id (provider and id, base64); unwrapped on the way out,
    the gateway finds its conversation."""
    kw = _litellm_openai(gw)
    first = litellm.responses(input=PROMPT, **kw)
    second = litellm.responses(
        input="高橋 健一さんに電話して。", previous_response_id=first.id, **kw
    )
    assert second.output[0].content[0].text == "回答: 高橋 健一さんに電話して。"
    _assert_masked(gw)
    body = gw.recorder.calls[1][1]
    assert body["input"] == "〔氏名1〕さんに電話して。"
    assert body["previous_response_id"].startswith("resp_")


def test_litellm_completion_through_anthropic_messages(gw: Running, litellm: Any) -> None:
    """``anthropic/…`` routes: litellm translates chat into ``/v1/messages``."""
    kw = {**_litellm_anthropic(gw), "max_tokens": 64}
    gw.recorder.chunk_size = 2
    plain = litellm.completion(messages=MESSAGES, **kw)
    assert plain.choices[0].message.content == ANSWER
    chunks = litellm.completion(messages=MESSAGES, stream=True, **kw)
    assert "".join(c.choices[0].delta.content or "" for c in chunks if c.choices) == ANSWER
    gw.recorder.tool_call_args = ARGS
    tools = litellm.completion(messages=MESSAGES, tools=[CHAT_TOOL], **kw)
    assert json.loads(tools.choices[0].message.tool_calls[0].function.arguments) == RESTORED
    _assert_masked(gw)
    assert _sent_to(gw) == [("messages", None), ("messages", True), ("messages", None)]


def test_litellm_anthropic_messages_interface(gw: Running, litellm: Any) -> None:
    """``litellm.anthropic.messages.acreate``: the Messages protocol as it is (its sync
    ``create`` is not implemented in litellm)."""
    message = asyncio.run(
        litellm.anthropic.messages.acreate(
            messages=MESSAGES, max_tokens=64, **_litellm_anthropic(gw)
        )
    )
    assert message["content"][0]["text"] == ANSWER
    _assert_masked(gw)
    assert _sent_to(gw) == [("messages", False)]


@pytest.mark.xfail(
    strict=True,
    raises=ModuleNotFoundError,
    reason="litellm (not the gateway): its Anthropic messages stream iterator imports "
    "litellm.proxy, which needs fastapi (litellm[proxy]); the request itself reaches "
    "the gateway",
)
def test_litellm_anthropic_messages_interface_streamed(gw: Running, litellm: Any) -> None:
    gw.recorder.chunk_size = 2

    async def go() -> list[Any]:
        stream = await litellm.anthropic.messages.acreate(
            messages=MESSAGES, max_tokens=64, stream=True, **_litellm_anthropic(gw)
        )
        return [event async for event in stream]

    events = asyncio.run(go())
    assert ANSWER in json.dumps(events, ensure_ascii=False, default=str)
    _assert_masked(gw)


# ---------------------------------------------------------------------- openai, more


def test_openai_chat_parse_structured_output_and_strict_tool(gw: Running) -> None:
    client = _openai(gw)
    gw.recorder.answer = ARGS
    parsed = client.chat.completions.parse(model="wg", messages=MESSAGES, response_format=Resident)
    assert parsed.choices[0].message.parsed == Resident(**RESTORED)
    gw.recorder.tool_name, gw.recorder.tool_call_args = "Resident", ARGS
    called = client.chat.completions.parse(
        model="wg", messages=MESSAGES, tools=[openai.pydantic_function_tool(Resident)]
    )
    call = called.choices[0].message.tool_calls[0]
    assert call.function.parsed_arguments == Resident(**RESTORED)
    _assert_masked(gw)
    first, second = (body for _, body in gw.recorder.calls)
    assert first["response_format"]["json_schema"]["name"] == "Resident"
    assert second["tools"][0]["function"]["strict"] is True


def test_openai_chat_stream_helper_parses_the_restored_json(gw: Running) -> None:
    gw.recorder.answer, gw.recorder.chunk_size = ARGS, 2
    with _openai(gw).chat.completions.stream(
        model="wg", messages=MESSAGES, response_format=Resident
    ) as stream:
        for _ in stream:
            pass
        final = stream.get_final_completion()
    assert final.choices[0].message.parsed == Resident(**RESTORED)
    _assert_masked(gw)


def test_openai_responses_parse_whole_and_streamed(gw: Running) -> None:
    client = _openai(gw)
    gw.recorder.answer, gw.recorder.chunk_size = ARGS, 2
    whole = client.responses.parse(model="wg", input=PROMPT, text_format=Resident)
    assert whole.output_parsed == Resident(**RESTORED)
    with client.responses.stream(model="wg", input=PROMPT, text_format=Resident) as stream:
        for _ in stream:
            pass
        final = stream.get_final_response()
    assert final.output_parsed == Resident(**RESTORED)
    _assert_masked(gw)
    assert gw.recorder.calls[0][1]["text"]["format"]["name"] == "Resident"


def test_openai_async_responses_stream_restores_text_and_tool_arguments(gw: Running) -> None:
    gw.recorder.tool_call_args = ARGS
    gw.recorder.chunk_size = 2

    async def go() -> tuple[str, Any]:
        client = openai.AsyncOpenAI(base_url=gw.base_url + "/v1", api_key=gw.key(), max_retries=0)
        async with client.responses.stream(
            model="wg",
            input=PROMPT,
            tools=[RESPONSES_TOOL],
        ) as stream:
            deltas = [e.delta async for e in stream if e.type == "response.output_text.delta"]
            return "".join(deltas), await stream.get_final_response()

    text, final = asyncio.run(go())
    assert text == final.output_text == ANSWER
    call = next(o for o in final.output if o.type == "function_call")
    assert json.loads(call.arguments) == RESTORED
    _assert_masked(gw)


def test_openai_responses_round_trip_with_output_items_fed_back(gw: Running) -> None:
    """The documented loop: the response's output items are sent back as they came, with
    the function's output; every one goes out masked."""
    client = _openai(gw)
    gw.recorder.tool_call_args = ARGS
    first = client.responses.create(model="wg", input=PROMPT, tools=[RESPONSES_TOOL])
    call = next(o for o in first.output if o.type == "function_call")
    gw.recorder.tool_call_args = None
    output = save(**json.loads(call.arguments))
    second = client.responses.create(
        model="wg",
        tools=[RESPONSES_TOOL],
        input=[
            {"role": "user", "content": PROMPT},
            *first.output,
            {"type": "function_call_output", "call_id": call.call_id, "output": output},
        ],
    )
    assert second.output_text == ANSWER
    _assert_masked(gw)
    items = gw.recorder.calls[1][1]["input"]
    assert items[-1]["output"] == MASKED_RESULT
    assert json.loads(items[-2]["arguments"]) == json.loads(ARGS)


# ---------------------------------------------------------------------- anthropic, more


def test_anthropic_async_stream_restores_text_and_tool_input(gw: Running) -> None:
    gw.recorder.tool_call_args = ARGS
    gw.recorder.chunk_size = 2

    async def go() -> tuple[str, Any]:
        client = anthropic.AsyncAnthropic(base_url=gw.base_url, api_key=gw.key(), max_retries=0)
        async with client.messages.stream(
            model="wg",
            max_tokens=256,
            tools=[ANTHROPIC_TOOL],
            messages=MESSAGES,
        ) as stream:
            text = "".join([piece async for piece in stream.text_stream])
            return text, await stream.get_final_message()

    text, final = asyncio.run(go())
    assert text == ANSWER
    tool = next(b for b in final.content if b.type == "tool_use")
    assert tool.input == RESTORED
    _assert_masked(gw)
    assert _sent_to(gw) == [("messages", True)]


def test_anthropic_tool_use_round_trip_masks_the_result_on_the_way_out(gw: Running) -> None:
    """tool_use (placeholders) → the client's tool runs with the restored values → the
    assistant turn as the SDK returned it and the tool_result go back, both masked."""
    client = _anthropic(gw)
    gw.recorder.tool_call_args = ARGS
    messages: list[Any] = list(MESSAGES)
    first = client.messages.create(
        model="wg",
        max_tokens=256,
        tools=[ANTHROPIC_TOOL],
        messages=messages,
    )
    assert first.stop_reason == "tool_use"
    use = next(b for b in first.content if b.type == "tool_use")
    assert use.input == RESTORED
    gw.recorder.tool_call_args = None
    messages += [
        {"role": "assistant", "content": first.content},
        {
            "role": "user",
            "content": [
                {"type": "tool_result", "tool_use_id": use.id, "content": save(**use.input)}
            ],
        },
    ]
    second = client.messages.create(
        model="wg",
        max_tokens=256,
        tools=[ANTHROPIC_TOOL],
        messages=messages,
    )
    assert second.content[0].type == "text"
    _assert_masked(gw)
    masked_prompt = gw.recorder.calls[0][1]["messages"][0]["content"]
    _, assistant, result = gw.recorder.calls[1][1]["messages"]
    assert assistant["content"][0]["text"] == "回答: " + masked_prompt
    assert assistant["content"][1]["input"] == json.loads(ARGS)
    assert result["content"][0]["content"] == MASKED_RESULT


def test_anthropic_parse_structured_output(gw: Running) -> None:
    """``output_config`` (a JSON schema for the answer): its schema judged like a tool's."""
    gw.recorder.answer = ARGS
    message = _anthropic(gw).messages.parse(
        model="wg", max_tokens=256, messages=MESSAGES, output_format=Resident
    )
    assert message.parsed_output == Resident(**RESTORED)
    _assert_masked(gw)
    sent = gw.recorder.calls[-1][1]
    assert sent["output_config"]["format"]["type"] == "json_schema"


def test_anthropic_count_tokens_is_judged_and_masked(gw: Running) -> None:
    """Counting tokens sends the text to the provider too: masked like a message."""
    n = _anthropic(gw).messages.count_tokens(model="wg", messages=MESSAGES)
    assert n.input_tokens > 0
    endpoint, _ = gw.recorder.calls[-1]
    assert endpoint == "messages/count_tokens"
    _assert_masked(gw)


# ---------------------------------------------------------------------- llama-index


class _ToolOnce(Recorder):
    """The double, calling the tool in its first answer only: a client that runs the
    tool and sends its result back (an agent, the ``llm`` CLI) gets text in answer to
    that (no endless chain)."""

    async def call(self, endpoint: str, body: Any, *, stream: bool) -> Any:
        if self.calls:
            self.tool_call_args = None
        return await super().call(endpoint, body, stream=stream)


#: llama-index's OpenAI integration requires openai below 3 (its structured output
#: imports a private helper of openai 2), while this suite tests the current openai: it
#: runs in an environment of its own, as pip resolves it for a user (``scripts/setup.sh``
#: makes it), and talks to the gateway from there.
LLAMA_INDEX_PY = Path(__file__).resolve().parents[1] / ".venv" / "llama-index" / "bin" / "python"

#: The client, run there: one scenario, its input on stdin, what it got as JSON on stdout.
#: It refuses and records any address beyond the loopback, as ``_offline`` does here.
#: ``OpenAILike`` and ``OpenAILikeResponses`` are llama-index's classes for an
#: OpenAI-compatible server: its ``OpenAI`` refuses a model name it does not know
#: (``ValueError: Unknown model 'wg'``, on the client, before any request: it looks the
#: name up for a context window and whether it chats), and these subclasses only
#: declare those; the requests are ``OpenAI``'s and ``OpenAIResponses``'. No tokenizer
#: is given, so nothing asks tiktoken for an encoding (the agent's memory uses the one
#: llama-index ships).
LLAMA_INDEX_CLIENT = r'''
import asyncio, ipaddress, json, socket, sys

reached = []
connect, getaddrinfo = socket.socket.connect, socket.getaddrinfo


def loopback(host):
    if host is None or host == "localhost":
        return True
    try:
        return ipaddress.ip_address(str(host).partition("%")[0]).is_loopback
    except ValueError:
        return False


def guarded_connect(self, address):
    if isinstance(address, tuple) and not loopback(address[0]):
        reached.append(repr(address))
        raise OSError("no network beyond 127.0.0.1")
    return connect(self, address)


def guarded_getaddrinfo(host, *args, **kw):
    if not loopback(host):
        reached.append(repr(host))
        raise OSError("no network beyond 127.0.0.1")
    return getaddrinfo(host, *args, **kw)


socket.socket.connect, socket.getaddrinfo = guarded_connect, guarded_getaddrinfo

from pydantic import BaseModel
from llama_index.core import PromptTemplate
from llama_index.core.agent.workflow import FunctionAgent
from llama_index.core.llms import ChatMessage
from llama_index.core.tools import FunctionTool
from llama_index.llms.openai_like import OpenAILike, OpenAILikeResponses

given = json.load(sys.stdin)
PROMPT = given["prompt"]


class Resident(BaseModel):
    """A resident's record."""

    name: str
    phone: str


def save(name: str, phone: str) -> str:
    """Save a resident's record."""
    return f"保存しました：{name}（{phone}）"


TOOL = FunctionTool.from_defaults(fn=save)
USER = [ChatMessage(role="user", content=PROMPT)]
common = dict(
    model="wg", api_base=given["base_url"], api_key=given["key"], max_retries=0,
    is_function_calling_model=True, context_window=32000,
)


def chat_model(**kw):
    kw.setdefault("is_chat_model", True)
    return OpenAILike(**common, **kw)


def deltas(stream):
    return "".join(r.delta or "" for r in stream)


def kwargs_of(llm, response):
    return [(c.tool_name, c.tool_kwargs) for c in llm.get_tool_calls_from_response(response)]


def chat():
    llm = chat_model()
    return {
        "chat": llm.chat(USER).message.content,
        "complete": llm.complete(PROMPT).text,
        "stream_chat": deltas(llm.stream_chat(USER)),
        "stream_complete": deltas(llm.stream_complete(PROMPT)),
    }


def async_system():
    llm = chat_model()
    messages = [ChatMessage(role="system", content=given["system"]), *USER]

    async def go():
        return "".join([r.delta or "" async for r in await llm.astream_chat(messages)])

    return asyncio.run(go())


def completions_model():
    llm = chat_model(is_chat_model=False)
    return [llm.complete(PROMPT).text, deltas(llm.stream_complete(PROMPT))]


def tools():
    llm = chat_model()
    whole = llm.chat_with_tools([TOOL], user_msg=PROMPT)
    *_, last = llm.stream_chat_with_tools([TOOL], user_msg=PROMPT)
    return {
        "whole": kwargs_of(llm, whole),
        "streamed": kwargs_of(llm, last),
        "predict_and_call": llm.predict_and_call([TOOL], user_msg=PROMPT).response,
    }


def round_trip():
    llm, history = chat_model(), list(USER)
    first = llm.chat_with_tools([TOOL], chat_history=history)
    (call,) = llm.get_tool_calls_from_response(first)
    output = TOOL(**call.tool_kwargs)
    history += [
        first.message,
        ChatMessage(
            role="tool",
            content=output.content,
            additional_kwargs={"tool_call_id": call.tool_id, "name": call.tool_name},
        ),
    ]
    final = llm.chat_with_tools([TOOL], chat_history=history)
    return {"args": call.tool_kwargs, "output": output.content, "final": final.message.content}


def agent():
    workflow = FunctionAgent(tools=[TOOL], llm=chat_model())

    async def go():
        return await workflow.run(user_msg=PROMPT)

    out = asyncio.run(go())
    calls = [(c.tool_kwargs, c.tool_output.content) for c in out.tool_calls]
    return {"answer": out.response.content, "calls": calls}


def structured():
    llm = chat_model(should_use_structured_outputs=given["structured_outputs"])
    return llm.structured_predict(Resident, PromptTemplate("{text}"), text=PROMPT).model_dump()


def responses():
    llm = OpenAILikeResponses(**common)
    return [llm.chat(USER).message.content, deltas(llm.stream_chat(USER))]


def responses_tools():
    llm = OpenAILikeResponses(**common)
    whole = llm.chat_with_tools([TOOL], user_msg=PROMPT)
    *_, last = llm.stream_chat_with_tools([TOOL], user_msg=PROMPT)
    return {"whole": kwargs_of(llm, whole), "streamed": kwargs_of(llm, last)}


def responses_previous():
    llm = OpenAILikeResponses(**common, track_previous_responses=True)
    llm.chat(USER)
    return llm.chat([ChatMessage(role="user", content=given["next"])]).message.content


got = globals()[given["scenario"]]()
print(json.dumps({"got": got, "reached": reached}, ensure_ascii=False))
'''


def _llama_index(gw: Running, scenario: str, **given: Any) -> Any:
    """What llama-index got in ``scenario`` (a function of ``LLAMA_INDEX_CLIENT``),
    against the gateway."""
    assert LLAMA_INDEX_PY.exists(), "llama-index's environment is missing: bash scripts/setup.sh"
    given.update(scenario=scenario, base_url=gw.base_url + "/v1", key=gw.key(), prompt=PROMPT)
    done = subprocess.run(
        [str(LLAMA_INDEX_PY), "-c", LLAMA_INDEX_CLIENT],
        input=json.dumps(given, ensure_ascii=False),
        capture_output=True,
        encoding="utf-8",
        env=_client_env(),
        timeout=180,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert not out["reached"], f"llama-index reached past the loopback: {out['reached']}"
    return out["got"]


def _client_env(**extra: str) -> dict[str, str]:
    """The environment of a client run as a process: no key or setting of the
    developer's, and every proxy variable at a closed loopback port (a request to
    anywhere but the gateway fails instead of leaving the machine)."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("OPENAI_", "LLM_", "PYTHON")) and k != "VIRTUAL_ENV"
    }
    closed = f"http://127.0.0.1:{free_port()}"
    env.update(
        HTTP_PROXY=closed,
        HTTPS_PROXY=closed,
        ALL_PROXY=closed,
        NO_PROXY="127.0.0.1,localhost",
        PYTHONIOENCODING="utf-8",
        **extra,
    )
    return env


def _tool_once(tmp_path: Path) -> Any:
    recorder = _ToolOnce(tool_call_args=ARGS, chunk_size=2)
    return running_gateway(tmp_path, f"sqlite:///{tmp_path / 'h.db'}", recorder=recorder)


def test_llama_index_chat_complete_and_streamed(gw: Running) -> None:
    gw.recorder.chunk_size = 2
    got = _llama_index(gw, "chat")
    assert got == dict.fromkeys(("chat", "complete", "stream_chat", "stream_complete"), ANSWER)
    _assert_masked(gw)
    assert _sent_to(gw) == [
        ("chat/completions", False),
        ("chat/completions", False),
        ("chat/completions", True),
        ("chat/completions", True),
    ]


def test_llama_index_async_stream_and_system_prompt(gw: Running) -> None:
    """The system message (a resident's name in it too) goes out masked as well."""
    gw.recorder.chunk_size = 2
    assert _llama_index(gw, "async_system", system="担当: 高橋 健一の件。") == ANSWER
    _assert_masked(gw)
    system = gw.recorder.calls[0][1]["messages"][0]
    assert system == {"role": "system", "content": "担当: 〔氏名1〕の件。"}


def test_llama_index_completions_model(gw: Running) -> None:
    """``is_chat_model=False``: ``complete`` and ``stream_complete`` use ``/completions``."""
    gw.recorder.chunk_size = 2
    assert _llama_index(gw, "completions_model") == [ANSWER, ANSWER]
    _assert_masked(gw)
    assert _sent_to(gw) == [("completions", False), ("completions", True)]


def test_llama_index_tool_calls_whole_streamed_and_predict_and_call(gw: Running) -> None:
    """``chat_with_tools`` and its stream read the call restored; ``predict_and_call``
    runs the tool with the restored values."""
    gw.recorder.tool_call_args = ARGS
    gw.recorder.chunk_size = 2
    got = _llama_index(gw, "tools")
    assert got["whole"] == got["streamed"] == [["save", RESTORED]]
    assert got["predict_and_call"] == RESULT
    _assert_masked(gw)
    # chat_with_tools, its stream, predict_and_call
    assert [stream for _, stream in _sent_to(gw)] == [False, True, False]
    assert gw.recorder.calls[0][1]["tools"][0]["function"]["name"] == "save"


def test_llama_index_tool_round_trip_masks_the_result_on_the_way_out(tmp_path: Path) -> None:
    """An agent's loop by hand: the call (placeholders upstream, restored here), the
    tool's result (personal again) and the assistant turn go back masked."""
    with _tool_once(tmp_path) as gw:
        got = _llama_index(gw, "round_trip")
        assert got == {"args": RESTORED, "output": RESULT, "final": ANSWER}
        _assert_masked(gw)
        sent = gw.recorder.calls[1][1]["messages"]
    assert sent[-1]["content"] == MASKED_RESULT
    assert json.loads(sent[-2]["tool_calls"][0]["function"]["arguments"]) == json.loads(ARGS)


def test_llama_index_function_agent_runs_the_tool_with_restored_values(tmp_path: Path) -> None:
    """llama-index's agent (``FunctionAgent``, a workflow with its memory): it streams
    the model's call, runs the tool with the restored values, sends the result back
    masked, and its answer comes back restored."""
    with _tool_once(tmp_path) as gw:
        got = _llama_index(gw, "agent")
        assert got == {"answer": ANSWER, "calls": [[RESTORED, RESULT]]}
        _assert_masked(gw)
        assert _sent_to(gw) == [("chat/completions", True), ("chat/completions", True)]
        sent = gw.recorder.calls[1][1]["messages"]
    assert sent[-1] == {"role": "tool", "content": MASKED_RESULT, "tool_call_id": "call_1"}


@pytest.mark.parametrize(
    ("structured_outputs", "asked_with"),
    [(False, "tool_choice"), (True, "response_format")],
    ids=["function_calling", "response_format"],
)
def test_llama_index_structured_predict(
    gw: Running, structured_outputs: bool, asked_with: str
) -> None:
    """``structured_predict``: by a forced tool call (the default for a function-calling
    model) or, with ``should_use_structured_outputs``, a strict JSON schema."""
    gw.recorder.answer = ARGS
    if not structured_outputs:
        gw.recorder.tool_name, gw.recorder.tool_call_args = "Resident", ARGS
    got = _llama_index(gw, "structured", structured_outputs=structured_outputs)
    assert got == RESTORED
    _assert_masked(gw)
    assert asked_with in gw.recorder.calls[0][1]


def test_llama_index_responses_chat_streamed_and_tools(gw: Running) -> None:
    """``OpenAIResponses`` (as ``OpenAILikeResponses``, for the same reason): the
    Responses API, plain and streamed, then with a tool."""
    gw.recorder.chunk_size = 2
    assert _llama_index(gw, "responses") == [ANSWER, ANSWER]
    gw.recorder.tool_call_args = ARGS
    got = _llama_index(gw, "responses_tools")
    assert got["whole"] == got["streamed"] == [["save", RESTORED]]
    _assert_masked(gw)
    assert _sent_to(gw) == [("responses", False), ("responses", True)] * 2


def test_llama_index_responses_tracks_previous_response(gw: Running) -> None:
    """``track_previous_responses``: the second turn sends only the new message with the
    first response's id, masked with that conversation's table and restored with it."""
    got = _llama_index(gw, "responses_previous", next="高橋 健一さんに電話して。")
    assert got == "回答: 高橋 健一さんに電話して。"
    _assert_masked(gw)
    body = gw.recorder.calls[1][1]
    assert body["previous_response_id"].startswith("resp_")
    assert "〔氏名1〕さんに電話して。" in json.dumps(body["input"], ensure_ascii=False)


# ---------------------------------------------------------------------- the llm CLI


#: Simon Willison's ``llm``, as a user would configure it for an OpenAI-compatible
#: server: the gateway in ``extra-openai-models.yaml`` (chat, the Responses API and
#: completions), the key in ``keys.json``.
LLM_MODELS = [
    {"model_id": "hinagata", "model_name": "wg", "supports_tools": True, "supports_schema": True},
    {"model_id": "hinagata-responses", "model_name": "wg", "responses": True},
    {"model_id": "hinagata-completion", "model_name": "wg", "completion": True},
]
LLM_SAVE = f'def save(name: str, phone: str) -> str:\n    """{save.__doc__}"""\n    return f"保存しました：{{name}}（{{phone}}）"\n'


def _llm_run(gw: Running, home: Path, *args: str, stdin: str = "") -> CompletedProcess[str]:
    """``python -m llm ARGS`` with a user directory of its own (``LLM_USER_PATH``: the
    models, the key, the log of conversations), no plugins, the proxies closed."""
    home.mkdir(exist_ok=True)
    models = [
        {**m, "api_base": gw.base_url + "/v1", "api_key_name": "hinagata"} for m in LLM_MODELS
    ]
    (home / "extra-openai-models.yaml").write_text(yaml.safe_dump(models), encoding="utf-8")
    if not (home / "keys.json").exists():
        (home / "keys.json").write_text(json.dumps({"hinagata": gw.key()}), encoding="utf-8")
    env = _client_env(LLM_USER_PATH=str(home), LLM_LOAD_PLUGINS="")
    done = subprocess.run(
        [sys.executable, "-m", "llm", *args],
        input=stdin,
        capture_output=True,
        encoding="utf-8",
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done


def _llm(gw: Running, home: Path, *args: str, stdin: str = "") -> str:
    """What ``llm ARGS`` printed."""
    return _llm_run(gw, home, *args, stdin=stdin).stdout


def test_llm_cli_prompt_streamed_and_not(gw: Running, tmp_path: Path) -> None:
    gw.recorder.chunk_size = 2
    assert _llm(gw, tmp_path / "llm", "-m", "hinagata", PROMPT) == ANSWER + "\n"
    assert _llm(gw, tmp_path / "llm", "-m", "hinagata", "--no-stream", PROMPT) == ANSWER + "\n"
    _assert_masked(gw)
    assert [e for e, _ in gw.recorder.calls] == ["chat/completions"] * 2
    assert [body.get("stream") for _, body in gw.recorder.calls] == [True, False]


def test_llm_cli_stdin_system_prompt_and_continued_conversation(
    gw: Running, tmp_path: Path
) -> None:
    """A document piped in with an instruction and a system prompt, then ``-c``: the
    second request carries the first turn (the prompt and the restored answer) again,
    masked with the same placeholders."""
    home = tmp_path / "llm"
    out = _llm(
        gw, home, "-m", "hinagata", "-s", "担当: 高橋 健一。", "要点をまとめて。", stdin=PROMPT
    )
    assert out.startswith("回答: " + PROMPT) and out.endswith("要点をまとめて。\n")
    again = _llm(gw, home, "-c", "高橋 健一さんに電話して。")
    assert again == "回答: 高橋 健一さんに電話して。\n"
    _assert_masked(gw)
    first, second = (body["messages"] for _, body in gw.recorder.calls)
    assert first[0] == {"role": "system", "content": "担当: 〔氏名1〕。"}
    assert second[-1]["content"] == "〔氏名1〕さんに電話して。"
    assert [m["role"] for m in second] == ["system", "user", "assistant", "user"]
    assert second[2]["content"] == "回答: " + first[1]["content"]


def _llm_tool_round_trip(tmp_path: Path, *flags: str) -> list[dict[str, Any]]:
    """``--functions``: the model calls ``save`` with placeholders, the CLI runs it with
    the restored values (``--td`` shows both), and its result goes back masked. The
    bodies the upstream received."""
    recorder = _ToolOnce(tool_call_args=ARGS, chunk_size=2)
    with running_gateway(tmp_path, f"sqlite:///{tmp_path / 'h.db'}", recorder=recorder) as gw:
        args = ["-m", "hinagata", "--functions", LLM_SAVE, "--td", *flags, PROMPT]
        done = _llm_run(gw, tmp_path / "llm", *args)
        # --td shows the call and the tool's output (on stderr): both restored.
        assert f"save({RESTORED!r})" in done.stderr and RESULT in done.stderr
        # The text the double answers beside the call, then its answer to the result.
        assert done.stdout.startswith(ANSWER) and done.stdout.endswith(ANSWER + "\n")
        _assert_masked(gw)
        first, second = (body for _, body in gw.recorder.calls)
    assert first["tools"][0]["function"]["name"] == "save"
    sent = second["messages"]
    assert sent[-1]["role"] == "tool" and sent[-1]["content"] == MASKED_RESULT
    return [first, second]


@pytest.mark.parametrize("stream", [True, False], ids=["streamed", "no-stream"])
def test_llm_cli_tool_round_trip(tmp_path: Path, stream: bool) -> None:
    _, second = _llm_tool_round_trip(tmp_path, *([] if stream else ["--no-stream"]))
    # The call as the CLI sends it back (its arguments as json.dumps writes them,
    # \u-escaped), masked too.
    call = second["messages"][-2]["tool_calls"][0]["function"]["arguments"]
    assert json.loads(call)["phone"] == "〔電話番号1〕"
    assert json.loads(call)["name"].startswith("〔氏名")


def test_llm_cli_escaped_call_arguments_keep_the_person_s_placeholder(tmp_path: Path) -> None:
    _, second = _llm_tool_round_trip(tmp_path, "--no-stream")
    call = second["messages"][-2]["tool_calls"][0]["function"]["arguments"]
    assert json.loads(call) == json.loads(ARGS)


def test_llm_cli_schema_and_json_object(gw: Running, tmp_path: Path) -> None:
    """``--schema`` (a JSON schema for the answer) and ``-o json_object 1``: the JSON the
    model answers with placeholders comes back restored."""
    gw.recorder.answer = ARGS
    home = tmp_path / "llm"
    out = _llm(gw, home, "-m", "hinagata", "--schema", "name, phone", PROMPT)
    assert json.loads(out) == RESTORED
    out = _llm(gw, home, "-m", "hinagata", "-o", "json_object", "1", PROMPT + " JSONで。")
    assert json.loads(out) == RESTORED
    _assert_masked(gw)
    first, second = (body["response_format"] for _, body in gw.recorder.calls)
    assert first["type"] == "json_schema"
    assert second == {"type": "json_object"}


def test_llm_cli_responses_and_completion_models(gw: Running, tmp_path: Path) -> None:
    """``responses: true`` (the Responses API) and ``completion: true`` (``/completions``)
    models, streamed and not."""
    gw.recorder.chunk_size = 2
    home = tmp_path / "llm"
    for model in ("hinagata-responses", "hinagata-completion"):
        assert _llm(gw, home, "-m", model, PROMPT) == ANSWER + "\n"
        assert _llm(gw, home, "-m", model, "--no-stream", PROMPT) == ANSWER + "\n"
    _assert_masked(gw)
    assert [e for e, _ in gw.recorder.calls] == ["responses"] * 2 + ["completions"] * 2
