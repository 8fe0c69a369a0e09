"""Every byte judged or refused: personal values in every field a client can send.

Each placement puts a name, a phone number, a My Number and an address where a client
could put them; the recording upstream must never receive one raw — the request is either
forwarded masked, or refused (400 naming the field, 403 with the clause). A Hypothesis
property does the same for generated bodies with values in random string positions.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import openai
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from _db import BACKENDS, database_url
from _gateway import Running, running_gateway

NAME, PHONE, MYNUMBER, ADDRESS = (
    "高橋 健一",
    "090-1234-5678",
    "123456789018",
    "横浜市港北区新横浜三丁目12番5号",
)
VALUES = (NAME, PHONE, MYNUMBER, ADDRESS)
#: All four in one string, as a careless caseworker would write it.
V = f"相談者 {NAME}（電話 {PHONE}、住所 {ADDRESS}、個人番号 {MYNUMBER}）"
USER = {"role": "user", "content": "次の件の要点をまとめてください。"}


@pytest.fixture(scope="module", params=BACKENDS)
def gw(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Running]:
    tmp = tmp_path_factory.mktemp("fields")
    for url in database_url(request.param, tmp):
        with running_gateway(tmp, url) as running:
            yield running


@pytest.fixture(scope="module")
def key(gw: Running) -> str:
    return gw.key()


def _raw_in(sent: Any) -> list[str]:
    """Raw values (or their digits) found in what the upstream received."""
    text = json.dumps(sent, ensure_ascii=False)
    digits = "".join(c for c in text if c.isdigit())
    out = [v for v in VALUES if v in text or v.replace(" ", "") in text]
    out += [v for v in (PHONE, MYNUMBER) if v.replace("-", "") in digits]
    return out


def _post(gw: Running, key: str, body: Any, path: str = "chat/completions") -> httpx.Response:
    before = len(gw.recorder.calls)
    r = httpx.post(
        f"{gw.base_url}/v1/{path}",
        content=json.dumps(body, ensure_ascii=False).encode(),
        headers={"authorization": f"Bearer {key}", "content-type": "application/json"},
        timeout=30,
    )
    sent = [b for _, b in gw.recorder.calls[before:]]
    assert not _raw_in(sent), (r.status_code, _raw_in(sent))
    assert r.status_code in (200, 400, 403), (r.status_code, r.text)
    return r


def _chat(**extra: Any) -> dict[str, Any]:
    return {"model": "wg", "messages": [USER], **extra}


def _tool(description: str = "記録を保存する", **params: Any) -> dict[str, Any]:
    return {
        "type": "function",
        "function": {
            "name": "save",
            "description": description,
            "parameters": {"type": "object", "properties": params or {"x": {"type": "string"}}},
        },
    }


PLACEMENTS: dict[str, Callable[[str], tuple[str, Any]]] = {
    "content": lambda v: ("chat/completions", _chat(messages=[{"role": "user", "content": v}])),
    "system content": lambda v: (
        "chat/completions",
        _chat(messages=[{"role": "system", "content": v}, USER]),
    ),
    "text part": lambda v: (
        "chat/completions",
        _chat(messages=[{"role": "user", "content": [{"type": "text", "text": v}]}]),
    ),
    "message name": lambda v: (
        "chat/completions",
        _chat(messages=[{**USER, "name": v}]),
    ),
    "tool description": lambda v: ("chat/completions", _chat(tools=[_tool(v)])),
    "tool name": lambda v: (
        "chat/completions",
        _chat(tools=[{"type": "function", "function": {"name": v}}]),
    ),
    "parameters description": lambda v: (
        "chat/completions",
        _chat(tools=[_tool(x={"type": "string", "description": v})]),
    ),
    "parameters default": lambda v: (
        "chat/completions",
        _chat(tools=[_tool(x={"type": "string", "default": v})]),
    ),
    "parameters enum": lambda v: (
        "chat/completions",
        _chat(tools=[_tool(x={"type": "string", "enum": [v, "b"]})]),
    ),
    "parameters property name": lambda v: (
        "chat/completions",
        _chat(tools=[_tool(**{v: {"type": "string"}})]),
    ),
    "tool_call id": lambda v: (
        "chat/completions",
        _chat(
            messages=[
                USER,
                {
                    "role": "assistant",
                    "content": None,
                    "tool_calls": [
                        {
                            "id": v,
                            "type": "function",
                            "function": {"name": "save", "arguments": "{}"},
                        }
                    ],
                },
                {"role": "tool", "tool_call_id": v, "content": "保存しました"},
            ]
        ),
    ),
    "tool_call function name": lambda v: (
        "chat/completions",
        _chat(
            messages=[
                USER,
                {
                    "role": "assistant",
                    "tool_calls": [
                        {"id": "c1", "type": "function", "function": {"name": v, "arguments": "{}"}}
                    ],
                },
            ]
        ),
    ),
    "tool_call arguments": lambda v: (
        "chat/completions",
        _chat(
            messages=[
                USER,
                {
                    "role": "assistant",
                    "tool_calls": [
                        {
                            "id": "c1",
                            "type": "function",
                            "function": {
                                "name": "save",
                                "arguments": json.dumps({"note": v}, ensure_ascii=False),
                            },
                        }
                    ],
                },
            ]
        ),
    ),
    "tool_call arguments as object": lambda v: (
        "chat/completions",
        _chat(
            messages=[
                USER,
                {
                    "role": "assistant",
                    "tool_calls": [
                        {
                            "id": "c1",
                            "type": "function",
                            "function": {"name": "save", "arguments": {"note": v}},
                        }
                    ],
                },
            ]
        ),
    ),
    "legacy function_call arguments": lambda v: (
        "chat/completions",
        _chat(
            messages=[
                USER,
                {
                    "role": "assistant",
                    "function_call": {
                        "name": "save",
                        "arguments": json.dumps({"note": v}, ensure_ascii=False),
                    },
                },
            ]
        ),
    ),
    "refusal": lambda v: (
        "chat/completions",
        _chat(messages=[USER, {"role": "assistant", "content": None, "refusal": v}]),
    ),
    "audio transcript": lambda v: (
        "chat/completions",
        _chat(messages=[USER, {"role": "assistant", "audio": {"id": "a1", "transcript": v}}]),
    ),
    "assistant audio id": lambda v: (
        "chat/completions",
        _chat(messages=[USER, {"role": "assistant", "audio": {"id": v}}]),
    ),
    "extra message key": lambda v: ("chat/completions", _chat(messages=[{**USER, "note": v}])),
    "extra part key": lambda v: (
        "chat/completions",
        _chat(messages=[{"role": "user", "content": [{"type": "text", "text": "要約", "x": v}]}]),
    ),
    "response_format json_schema": lambda v: (
        "chat/completions",
        _chat(
            response_format={
                "type": "json_schema",
                "json_schema": {
                    "name": "out",
                    "description": v,
                    "schema": {"type": "object", "properties": {"a": {"const": v}}},
                },
            }
        ),
    ),
    "stop": lambda v: ("chat/completions", _chat(stop=[v])),
    "stop string": lambda v: ("chat/completions", _chat(stop=v)),
    "user": lambda v: ("chat/completions", _chat(user=v)),
    "safety_identifier": lambda v: ("chat/completions", _chat(safety_identifier=v)),
    "metadata value": lambda v: ("chat/completions", _chat(metadata={"case": v})),
    "metadata key": lambda v: ("chat/completions", _chat(metadata={v[:60]: "x"})),
    "prediction": lambda v: (
        "chat/completions",
        _chat(prediction={"type": "content", "content": v}),
    ),
    "logit_bias key": lambda v: (
        "chat/completions",
        _chat(logit_bias={"".join(c for c in v if c.isdigit()): 1}),
    ),
    "unknown top-level key": lambda v: ("chat/completions", _chat(case_note=v)),
    "tool_choice": lambda v: (
        "chat/completions",
        _chat(tools=[_tool()], tool_choice={"type": "function", "function": {"name": v}}),
    ),
    "functions": lambda v: (
        "chat/completions",
        _chat(functions=[{"name": "save", "description": v, "parameters": {}}]),
    ),
    "web_search_options": lambda v: (
        "chat/completions",
        _chat(
            web_search_options={
                "user_location": {"type": "approximate", "approximate": {"city": v}}
            }
        ),
    ),
    "image url query": lambda v: (
        "chat/completions",
        _chat(
            messages=[
                {
                    "role": "user",
                    "content": [
                        {"type": "text", "text": "画像"},
                        {"type": "image_url", "image_url": {"url": f"https://e.example/?q={v}"}},
                    ],
                }
            ]
        ),
    ),
    "file name": lambda v: (
        "chat/completions",
        _chat(
            messages=[
                {
                    "role": "user",
                    "content": [{"type": "file", "file": {"filename": v, "file_data": "QUJD"}}],
                }
            ]
        ),
    ),
    "value split across two parts": lambda v: (
        "chat/completions",
        _chat(
            messages=[
                {
                    "role": "user",
                    "content": [
                        {"type": "text", "text": v + "、電話は" + PHONE[:8]},
                        {"type": "text", "text": PHONE[8:] + "です"},
                    ],
                }
            ]
        ),
    ),
    "value split across two messages": lambda v: (
        "chat/completions",
        _chat(
            messages=[
                {"role": "user", "content": v + "、電話は" + PHONE[:6]},
                {"role": "user", "content": PHONE[6:] + "です。"},
            ]
        ),
    ),
    "completions prompt": lambda v: ("completions", {"model": "wg", "prompt": v}),
    "completions suffix": lambda v: ("completions", {"model": "wg", "prompt": "要約", "suffix": v}),
    "completions stop": lambda v: ("completions", {"model": "wg", "prompt": "要約", "stop": [v]}),
    "completions user": lambda v: ("completions", {"model": "wg", "prompt": "要約", "user": v}),
    "completions unknown key": lambda v: (
        "completions",
        {"model": "wg", "prompt": "要約", "note": v},
    ),
    "embeddings input": lambda v: ("embeddings", {"model": "wg", "input": [v]}),
    "embeddings user": lambda v: ("embeddings", {"model": "wg", "input": "要約", "user": v}),
    "embeddings extra key": lambda v: ("embeddings", {"model": "wg", "input": "要約", "x": v}),
}


@pytest.mark.parametrize("where", sorted(PLACEMENTS))
@pytest.mark.parametrize("value", [NAME, f"{NAME} {PHONE}", V], ids=["name", "name+phone", "all"])
def test_no_raw_value_reaches_the_upstream_from_any_field(
    gw: Running, key: str, where: str, value: str
) -> None:
    path, body = PLACEMENTS[where](value)
    r = _post(gw, key, body, path)
    if r.status_code == 400:
        assert r.json()["error"]["param"], r.text  # the field is named


def test_deny_cannot_be_bypassed_through_another_field(gw: Running, key: str) -> None:
    """Text refused (403) in content is refused in metadata too, never forwarded."""
    refused = f"{NAME}さんの生活保護の記録"
    body = {"model": "consumer", "messages": [{"role": "user", "content": refused}]}
    assert _post(gw, key, body).status_code == 403
    hidden = {"model": "consumer", "messages": [USER], "metadata": {"note": refused}}
    assert _post(gw, key, hidden).status_code == 403


def test_masked_fields_are_forwarded_masked_and_the_fields_kept(gw: Running, key: str) -> None:
    before = len(gw.recorder.calls)
    r = _post(gw, key, _chat(tools=[_tool(f"{NAME}さんの記録を保存する")], user=NAME))
    assert r.status_code == 200
    sent = gw.recorder.calls[before][1]
    assert sent["user"] == "〔氏名1〕"
    assert sent["tools"][0]["function"]["description"] == "〔氏名1〕さんの記録を保存する"
    assert sent["tools"][0]["function"]["parameters"]["type"] == "object"


def test_real_clients_fields_keep_working(gw: Running, key: str) -> None:
    """What the openai SDK and agents send — stream_options, parallel_tool_calls, store,
    max_completion_tokens, seed, response_format — is declared and forwarded."""
    client = openai.OpenAI(base_url=gw.base_url + "/v1", api_key=key, max_retries=0)
    before = len(gw.recorder.calls)
    stream = client.chat.completions.create(
        model="wg",
        messages=[{"role": "developer", "content": "簡潔に答える。"}, USER],
        stream=True,
        stream_options={"include_usage": True},
        parallel_tool_calls=False,
        tools=[_tool()],  # type: ignore[list-item]
        store=False,
        max_completion_tokens=200,
        seed=7,
        temperature=0.2,
        response_format={"type": "text"},
        metadata={"case": "一般"},
    )
    assert "".join(c.choices[0].delta.content or "" for c in stream if c.choices)
    sent = gw.recorder.calls[before][1]
    assert sent["stream_options"] == {"include_usage": True}
    assert sent["max_completion_tokens"] == 200 and sent["parallel_tool_calls"] is False


@pytest.mark.parametrize(
    ("body", "param"),
    [
        (_chat(temperature="hot"), "temperature"),
        (_chat(n=10**9), "n"),
        (_chat(messages=[{"role": "User", "content": "x"}]), "messages[0].role"),
        (_chat(messages=[{"role": "human", "content": "x"}]), "messages[0].role"),
        (_chat(logit_bias={"abc": 1}), "logit_bias"),
        (_chat(tool_choice="sometimes"), "tool_choice"),
        (_chat(frobnicate=True), "frobnicate"),
    ],
)
def test_values_are_validated_and_unknown_fields_named(
    gw: Running, key: str, body: Any, param: str
) -> None:
    r = _post(gw, key, body)
    assert r.status_code == 400
    assert r.json()["error"]["param"] == param


# ---------------------------------------------------------------- generated bodies

_text = st.text(alphabet="あいう要約記録 abc123", max_size=12)
_json_leaf = st.one_of(_text, st.integers(-5, 5), st.booleans(), st.none())
_free = st.recursive(
    _json_leaf,
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(_text, inner, max_size=3)),
    max_leaves=8,
)


@st.composite
def _bodies(draw: st.DrawFn) -> dict[str, Any]:
    msgs = draw(
        st.lists(
            st.fixed_dictionaries(
                {
                    "role": st.sampled_from(["user", "system", "assistant", "developer"]),
                    "content": st.one_of(
                        _text,
                        st.lists(
                            st.fixed_dictionaries({"type": st.just("text"), "text": _text}),
                            min_size=1,
                            max_size=3,
                        ),
                    ),
                },
                optional={"name": _text},
            ),
            min_size=1,
            max_size=4,
        )
    )
    body: dict[str, Any] = {"model": "wg", "messages": msgs}
    optional = {
        "user": _text,
        "stop": st.lists(_text, max_size=3),
        "metadata": st.dictionaries(st.text("abc", min_size=1, max_size=5), _text, max_size=3),
        "tools": st.lists(
            st.builds(
                lambda d, p: {
                    "type": "function",
                    "function": {"name": "f", "description": d, "parameters": {"x": p}},
                },
                _text,
                _free,
            ),
            max_size=2,
        ),
        "response_format": st.builds(
            lambda d, s: {
                "type": "json_schema",
                "json_schema": {"name": "o", "description": d, "schema": {"a": s}},
            },
            _text,
            _free,
        ),
    }
    for name, strat in optional.items():
        if draw(st.booleans()):
            body[name] = draw(strat)
    return body


def _string_positions(obj: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out: list[tuple[Any, ...]] = []
    if isinstance(obj, str):
        return [path]
    if isinstance(obj, dict):
        for k, v in obj.items():
            if k not in ("model", "role", "type"):
                out += _string_positions(v, (*path, k))
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            out += _string_positions(v, (*path, i))
    return out


def _put(obj: Any, path: tuple[Any, ...], value: str) -> None:
    for p in path[:-1]:
        obj = obj[p]
    obj[path[-1]] = obj[path[-1]] + value


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    body=_bodies(),
    pick=st.integers(0, 10_000),
    value=st.sampled_from([NAME, f"{NAME} {PHONE}", f"{NAME} {ADDRESS}"]),
)
def test_generated_bodies_never_leak_a_value(
    gw: Running, key: str, body: dict[str, Any], pick: int, value: str
) -> None:
    positions = _string_positions(body)
    if not positions:
        return
    _put(body, positions[pick % len(positions)], " " + value + " ")
    _post(gw, key, body)


def test_the_welfare_note_address_is_judged(tmp_path: Path) -> None:
    """The canonical welfare note of the issue: every value masked."""
    note = "生活保護の相談に来所した佐藤花子さん（昭和45年5月3日生、横浜市港北区日吉本町三丁目12番5号）"
    with running_gateway(tmp_path, f"sqlite:///{tmp_path / 'h.db'}") as g:
        r = _post(g, g.key(), _chat(messages=[{"role": "user", "content": note}]))
        assert r.status_code in (200, 403)
        sent = json.dumps([b for _, b in g.recorder.calls], ensure_ascii=False)
        assert "佐藤花子" not in sent and "昭和45年5月3日" not in sent


def test_the_welfare_note_street_address_is_masked(tmp_path: Path) -> None:
    note = "生活保護の相談に来所した佐藤花子さん（昭和45年5月3日生、横浜市港北区日吉本町三丁目12番5号）"
    with running_gateway(tmp_path, f"sqlite:///{tmp_path / 'h.db'}") as g:
        _post(g, g.key(), _chat(messages=[{"role": "user", "content": note}]))
        sent = json.dumps([b for _, b in g.recorder.calls], ensure_ascii=False)
        assert "日吉本町三丁目12番5号" not in sent


def test_nulls_that_client_libraries_send_are_accepted(gw: Running, key: str) -> None:
    body = _chat(
        messages=[{"role": "user", "content": "要約", "name": None}],
        user=None,
        stop=None,
        tools=None,
        tool_choice=None,
        temperature=None,
        stream=None,
        stream_options=None,
        response_format=None,
        metadata=None,
    )
    assert _post(gw, key, body).status_code == 200


@pytest.mark.parametrize(
    "body",
    [
        {"tools": [_tool(x={"type": "integer", "enum": [int(MYNUMBER)]})]},
        {"tools": [_tool(x={"type": "integer", "const": int(MYNUMBER)})]},
        {"seed": int(MYNUMBER)},
        {
            "response_format": {
                "type": "json_schema",
                "json_schema": {"name": "o", "schema": {"default": int(MYNUMBER)}},
            }
        },
    ],
    ids=["enum", "const", "seed", "schema default"],
)
def test_numbers_are_judged_like_text(gw: Running, key: str, body: dict[str, Any]) -> None:
    """A My Number written as a JSON number is refused or masked like the same digits in
    text (it never reaches the upstream); ordinary numbers stay numbers."""
    before = len(gw.recorder.calls)
    r = _post(gw, key, {"model": "consumer", "messages": [USER], **body})
    assert r.status_code == 403
    r = _post(gw, key, {"model": "wg", "messages": [USER], **body})
    assert MYNUMBER not in json.dumps(gw.recorder.calls[before:])
    ok = _post(gw, key, _chat(seed=7, tools=[_tool(x={"type": "integer", "maximum": 10})]))
    assert ok.status_code == 200
    sent = gw.recorder.calls[-1][1]
    assert (
        sent["seed"] == 7
        and sent["tools"][0]["function"]["parameters"]["properties"]["x"]["maximum"] == 10
    )


@pytest.mark.parametrize(
    "messages_and_more",
    [
        {
            "messages": [
                {"role": "user", "content": f"{NAME}さん、電話090-", "name": "x"},
                {"role": "user", "content": "1234-5678です"},
            ]
        },
        {
            "messages": [
                {"role": "user", "content": f"{NAME}さん、電話は 090-1234"},
                {
                    "role": "assistant",
                    "content": "確認します",
                    "tool_calls": [
                        {
                            "id": "c1",
                            "type": "function",
                            "function": {"name": "f", "arguments": "{}"},
                        }
                    ],
                },
                {"role": "tool", "tool_call_id": "c1", "content": "-5678"},
            ]
        },
        {
            "messages": [{"role": "user", "content": f"{NAME}さん、電話は 090-1234"}],
            "metadata": {"tail": "-5678"},
        },
    ],
    ids=["around a name", "around tool calls", "content then metadata"],
)
def test_a_value_split_around_other_fields_is_found(
    gw: Running, key: str, messages_and_more: dict[str, Any]
) -> None:
    before = len(gw.recorder.calls)
    _post(gw, key, {"model": "wg", **messages_and_more})
    sent = json.dumps(gw.recorder.calls[before:], ensure_ascii=False)
    assert "5678" not in sent, sent
