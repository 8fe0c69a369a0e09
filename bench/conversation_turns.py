"""What a conversation's later turns cost the gateway (issue 13: the 20th turn ≤ 1.3× the
first): the same chat sent at its 1st, 5th, 10th and 20th turn (the whole history each
time, as chat clients send it), alternating, in one process through ASGI, with an upstream
double that answers at once. Injection results of messages already screened are reused
(the per-text memo); detection still reads the whole conversation on every turn. The
baseline, in the same run and alternating: the same with the memo turned off.

    .venv/bin/python bench/conversation_turns.py [--n 40]
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
from hinagata.judge import _read
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


def conversation(turns: int) -> list[dict[str, str]]:
    out = [{"role": "system", "content": "あなたは市役所の窓口案内を手伝う職員です。"}]
    for i in range(turns):
        out.append({"role": "user", "content": f"{USER[i % 3]}（{i + 1}回目）"})
        if i < turns - 1:
            out.append({"role": "assistant", "content": ASSISTANT[i % 2]})
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=40, help="requests per turn count and round")
    ap.add_argument("--rounds", type=int, default=3)
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

    async def run() -> dict[str, dict[int, list[float]]]:
        times: dict[str, dict[int, list[float]]] = {
            m: {t: [] for t in turns} for m in ("memo", "no_memo")
        }
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
                for _ in range(args.rounds):
                    for mode in ("memo", "no_memo"):
                        _read._MEMO = memo if mode == "memo" else _NoMemo()  # type: ignore[assignment]
                        for t in turns:
                            body = {"model": "bench", "messages": conversation(t)}
                            for _ in range(args.n):
                                t0 = time.perf_counter()
                                r = await c.post("/v1/chat/completions", json=body, headers=h)
                                times[mode][t].append((time.perf_counter() - t0) * 1000)
                                assert r.status_code == 200, r.text
        _read._MEMO = memo
        return times

    times = asyncio.run(run())
    result: dict[str, Any] = {
        "chars": {t: sum(len(m["content"]) for m in conversation(t)) for t in turns}
    }
    for mode, by_turn in times.items():
        p50 = {t: statistics.median(v) for t, v in by_turn.items()}
        result[mode] = {
            "request_p50_ms": {t: round(v, 2) for t, v in p50.items()},
            "ratio_to_first_turn": {t: round(p50[t] / p50[1], 2) for t in turns},
        }
    print(result)
    write_result(
        "conversation_turns",
        {
            "command": f"bench/conversation_turns.py --n {args.n} --rounds {args.rounds}",
            "results": result,
        },
    )


if __name__ == "__main__":
    main()
