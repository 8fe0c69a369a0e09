"""What a conversation's later turns cost the gateway (issue 13: the 20th turn ≤ 1.3× the
first): the same chat sent at its 1st, 5th, 10th and 20th turn (the whole history each
time, as chat clients send it), alternating, in one process through ASGI, with an upstream
double that answers at once.

Three settings, alternating in the same run: ``cache`` — injection results of messages
already screened are reused (the per-text memo) and so are the findings of each message's
window and each seam's (the finding cache, ADR 0023), as shipped; ``memo`` — the memo
only (detection reads the whole conversation on every turn, as before the cache);
``neither``. Each measured request is a conversation never sent before (a number in its
user messages) whose previous turn was sent just before it, unmeasured: what the memo and
the cache hold is what a real conversation's previous turn left, and the message just
typed is new. (``--repeat``: the same request every time instead, as the first
measurement of this script did: everything but the first request is remembered.)

    .venv/bin/python bench/conversation_turns.py [--n 40] [--rounds 3]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

from _common import write_result
from hinagata.config import load_config
from hinagata.gateway._upstream import UpstreamResponse
from hinagata.judge import _cache, _read
from hinagata.server import create_app

USER = [
    "高橋 健一さんの転入届について、必要書類を教えてください。住所は横浜市港北区新横浜三丁目12番5号です。",
    "児童手当の申請期限はいつまでですか。子どもは二人います。",
    "窓口の受付時間と、土曜開庁の有無を確認したいです。",
]
ASSISTANT = [
    "転入届には本人確認書類と転出証明書が必要です。マイナンバーカードをお持ちの場合は、手続きが簡単になります。",
    "児童手当は出生日の翌日から15日以内に申請してください。所得の確認書類もお持ちください。",
]


class _NoMemo:
    """Every text screened again (the behaviour before the memo)."""

    def scan(self, detector: Any, text: str, kind: str) -> Any:
        return detector.scan(text, kind)


class Upstream:
    async def call(self, endpoint: str, body: Any, *, stream: bool) -> UpstreamResponse:
        return UpstreamResponse(200, {
            "id": "x", "object": "chat.completion", "created": 1, "model": "m",
            "choices": [{"index": 0, "finish_reason": "stop",
                         "message": {"role": "assistant", "content": "承知しました。"}}],
            "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
        })  # fmt: skip


def conversation(turns: int, newest: int | None = None) -> list[dict[str, str]]:
    """The chat at its ``turns``-th turn; ``newest``: a number making the newest user
    message one never sent before."""
    out = [{"role": "system", "content": "あなたは市役所の窓口案内を手伝う職員です。"}]
    for i in range(turns):
        tail = (
            f"（{i + 1}回目）" if newest is None or i < turns - 1 else f"（{i + 1}回目・{newest}）"
        )
        out.append({"role": "user", "content": f"{USER[i % 3]}{tail}"})
        if i < turns - 1:
            out.append({"role": "assistant", "content": ASSISTANT[i % 2]})
    return out


def _read_alone(turns: tuple[int, ...], n: int, counter: Any) -> dict[str, dict[int, float]]:
    """The detection stage alone (``judge.read``: injection screening and detection), CPU
    time, the cache on and off alternating, each measured turn after its previous one."""
    out: dict[str, dict[int, list[float]]] = {m: {t: [] for t in turns} for m in ("cache", "off")}

    def parts(t: int, chat: int) -> list[_read.Part]:
        return [
            _read.Part(m["content"], None if m["role"] == "assistant" else "prompt")
            for m in conversation(t, chat)
        ]

    for _ in range(n):
        for t in turns:
            for mode in ("cache", "off"):
                _cache._OFF = mode == "off"
                chat = next(counter)
                if t > 1:
                    _read.read(parts(t - 1, chat))
                body = parts(t, chat)
                c0 = time.process_time()
                _read.read(body)
                out[mode][t].append((time.process_time() - c0) * 1000)
    _cache._OFF = False
    return {m: {t: round(statistics.median(v), 2) for t, v in by.items()} for m, by in out.items()}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=40, help="requests per turn count and round")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--repeat", action="store_true", help="the same request every time")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp())
    cfg = tmp / "g.yaml"
    cfg.write_text(
        f"database_url: sqlite:///{tmp}/h.db\nsecret_file: {tmp}/a.key\ncreate_secret: true\n"
        "limits: {rate_per_minute_user: 0, rate_per_minute_department: 0, max_messages: 100}\n"
        "models:\n  - {name: bench, service: example-domestic-lgwan, upstream: {demo: true}}\n",
        encoding="utf-8",
    )
    app = create_app(load_config(cfg), upstreams={"bench": Upstream()})
    turns = (1, 5, 10, 20)

    memo = _read._MEMO
    modes = ("cache", "memo", "neither")
    counter = iter(range(10**9))
    #: CPU time of this process per request (the work is all here; a shared machine's
    #: other load lengthens the wall clock, not this)
    cpu: dict[str, dict[int, list[float]]] = {}

    async def run() -> dict[str, dict[int, list[float]]]:
        times: dict[str, dict[int, list[float]]] = {m: {t: [] for t in turns} for m in modes}
        cpu.update({m: {t: [] for t in turns} for m in modes})
        async with app.router.lifespan_context(app):
            key = app.state.gateway.keys.create(user="u", department="d", trained=True)[0]
            h = {"authorization": f"Bearer {key}"}
            async with httpx.AsyncClient(
                transport=httpx.ASGITransport(app=app), base_url="http://t"
            ) as c:
                for t in turns:  # warm-up (and the memo learns the history, as in use)
                    await c.post(
                        "/v1/chat/completions",
                        json={"model": "bench", "messages": conversation(t)},
                        headers=h,
                    )
                # the settings alternate request by request (a shared machine's load
                # drifts; it then weighs on all three alike)
                for _ in range(args.rounds):
                    for t in turns:
                        for _ in range(args.n):
                            for mode in modes:
                                _read._MEMO = memo if mode != "neither" else _NoMemo()  # type: ignore[assignment]
                                _cache._OFF = mode != "cache"
                                chat = None if args.repeat else next(counter)
                                if chat is not None and t > 1:  # its previous turn
                                    before = conversation(t - 1, chat)
                                    await c.post(
                                        "/v1/chat/completions",
                                        json={"model": "bench", "messages": before},
                                        headers=h,
                                    )
                                body = {"model": "bench", "messages": conversation(t, chat)}
                                t0, c0 = time.perf_counter(), time.process_time()
                                r = await c.post("/v1/chat/completions", json=body, headers=h)
                                times[mode][t].append((time.perf_counter() - t0) * 1000)
                                cpu[mode][t].append((time.process_time() - c0) * 1000)
                                assert r.status_code == 200, r.text
        _read._MEMO = memo
        _cache._OFF = False
        return times

    times = asyncio.run(run())
    reading = _read_alone(turns, args.n * args.rounds, counter)
    result: dict[str, Any] = {
        "chars": {t: sum(len(m["content"]) for m in conversation(t)) for t in turns}
    }
    for mode, by_turn in times.items():
        p50 = {t: statistics.median(v) for t, v in by_turn.items()}
        c50 = {t: statistics.median(v) for t, v in cpu[mode].items()}
        result[mode] = {
            "request_p50_ms": {t: round(v, 2) for t, v in p50.items()},
            "ratio_to_first_turn": {t: round(p50[t] / p50[1], 2) for t in turns},
            "cpu_p50_ms": {t: round(v, 2) for t, v in c50.items()},
            "cpu_ratio_to_first_turn": {t: round(c50[t] / c50[1], 2) for t in turns},
        }
    result["read_cpu_p50_ms"] = reading
    print(result)
    if args.repeat:
        return  # printed, not kept: conversation_turns.json is the realistic measurement
    write_result(
        "conversation_turns",
        {
            "command": f"bench/conversation_turns.py --n {args.n} --rounds {args.rounds}"
            + (" --repeat" if args.repeat else ""),
            "results": result,
        },
    )


if __name__ == "__main__":
    main()
