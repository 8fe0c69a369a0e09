"""What prompt-injection and exit screening cost in the gateway, side by side.

Three targets in one run: the fake upstream directly, the gateway with screening switched
off (bench/_noscreen_factory.py: the same code with the screening functions replaced by
no-ops), and the gateway as shipped (entrance screening of the user message and a tool
result, exit screening of the answer). Each gateway is one uvicorn worker with its own
SQLite audit log. The request is a system message, a 1,000-character user message with
personal information (the masked path) and a 1,000-character tool result (an FAQ page).

1. Added latency at a fixed rate (non-streamed), alternating the three targets.
2. Time to first token, streamed, with the upstream pacing two characters per
   ``--token-ms`` milliseconds as a model would: exit screening releases text a sentence
   at a time, so the first token waits for the end of the first sentence.

    .venv/bin/python bench/gateway_screening.py [--rate 50] [--seconds 20] [--token-ms 20]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import httpx

from _common import ROOT, write_result
from gateway import bench_config, free_port, pct, prompt_of, run_load, ttft, wait_up

FAQ = (
    "よくある質問：住民票の写しの交付について。住民票の写しは、市民課窓口又はコンビニエンスストアで取得できます。"
    "手数料は1通300円です。本人確認書類をお持ちください。代理人の場合は委任状が必要です。"
) * 8


def _gateway(
    py: str, factory: str, cfg: Path, port: int, env: dict[str, str]
) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [py, "-m", "uvicorn", factory, "--factory", "--host", "127.0.0.1", "--port", str(port),
         "--log-level", "warning", "--no-access-log"],
        env={**env, "HINAGATA_CONFIG": str(cfg)},
        cwd=str(ROOT / "bench"),
    )  # fmt: skip


def _config(tmp: Path, name: str, up_port: int) -> tuple[Path, str]:
    from hinagata.gateway import load_config
    from hinagata.store import Database, Keys

    cfg = bench_config(
        tmp / f"{name}.yaml", f"sqlite:///{tmp / name}.db", tmp / f"{name}.key", up_port
    )
    db = Database(load_config(cfg).database())
    db.migrate()
    key = Keys(db).create(user="bench", department="福祉課", trained=True)[0]
    db.dispose()
    return cfg, key


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rate", type=float, default=50)
    ap.add_argument("--seconds", type=float, default=20)
    ap.add_argument("--token-ms", type=float, default=20)
    ap.add_argument("--ttft-requests", type=int, default=60)
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp())
    py = sys.executable
    up_port, paced_port = free_port(), free_port()
    up = subprocess.Popen([py, str(ROOT / "bench" / "_fake_upstream.py"), str(up_port)])
    paced = subprocess.Popen(
        [py, str(ROOT / "bench" / "_fake_upstream.py"), str(paced_port), str(args.token_ms)]
    )
    env = dict(os.environ)
    procs = [up, paced]
    try:
        ports = {"off": free_port(), "on": free_port()}
        keys = {}
        for name, factory in (
            ("off", "_noscreen_factory:app"),
            ("on", "hinagata.server:app"),
        ):
            cfg, keys[name] = _config(tmp, name, up_port)
            procs.append(_gateway(py, factory, cfg, ports[name], env))
        # Streams for TTFT go to the paced upstream through a second pair of gateways.
        paced_ports = {"off": free_port(), "on": free_port()}
        paced_keys = {}
        for name, factory in (
            ("off", "_noscreen_factory:app"),
            ("on", "hinagata.server:app"),
        ):
            cfg, paced_keys[name] = _config(tmp, f"paced-{name}", paced_port)
            procs.append(_gateway(py, factory, cfg, paced_ports[name], env))
        wait_up(f"http://127.0.0.1:{up_port}/last")
        wait_up(f"http://127.0.0.1:{paced_port}/last")
        for p in (*ports.values(), *paced_ports.values()):
            wait_up(f"http://127.0.0.1:{p}/healthz")
        body = {
            "model": "bench",
            "messages": [
                {"role": "system", "content": "あなたは市役所の職員を支援するアシスタントです。"},
                {"role": "user", "content": "住民票のFAQを検索して"},
                {
                    "role": "assistant",
                    "content": None,
                    "tool_calls": [
                        {
                            "id": "c1",
                            "type": "function",
                            "function": {"name": "search_faq", "arguments": '{"q": "住民票"}'},
                        }
                    ],
                },
                {"role": "tool", "tool_call_id": "c1", "content": FAQ[:1000]},
                {"role": "user", "content": prompt_of(1000)},
            ],
        }
        urls = {n: f"http://127.0.0.1:{p}/v1/chat/completions" for n, p in ports.items()}
        direct = f"http://127.0.0.1:{up_port}/v1/chat/completions"
        for n in ("off", "on"):
            r = httpx.post(
                urls[n], json=body, headers={"authorization": f"Bearer {keys[n]}"}, timeout=30
            )
            assert r.headers.get("x-hinagata-verdict") == "allow_masked", (n, r.text)
            asyncio.run(run_load(urls[n], {"authorization": f"Bearer {keys[n]}"}, body, 20, 2))
        lat: dict[str, list[float]] = {"direct": [], "off": [], "on": []}
        rounds = 4
        for _ in range(rounds):
            lat["direct"] += asyncio.run(
                run_load(direct, {}, body, args.rate, args.seconds / rounds)
            )
            for n in ("off", "on"):
                h = {"authorization": f"Bearer {keys[n]}"}
                lat[n] += asyncio.run(run_load(urls[n], h, body, args.rate, args.seconds / rounds))
        t: dict[str, list[float]] = {"direct": [], "off": [], "on": []}
        paced_urls = {
            n: f"http://127.0.0.1:{p}/v1/chat/completions" for n, p in paced_ports.items()
        }
        for _ in range(3):  # alternate
            t["direct"] += asyncio.run(
                ttft(
                    f"http://127.0.0.1:{paced_port}/v1/chat/completions",
                    {},
                    body,
                    args.ttft_requests // 3,
                )
            )
            for n in ("off", "on"):
                h = {"authorization": f"Bearer {paced_keys[n]}"}
                t[n] += asyncio.run(ttft(paced_urls[n], h, body, args.ttft_requests // 3))
        result = {
            "rate_per_s": args.rate,
            "requests_each": {k: len(v) for k, v in lat.items()},
            "latency_ms": {
                k: {"p50": round(pct(v, 0.5), 2), "p99": round(pct(v, 0.99), 2)}
                for k, v in lat.items()
            },
            "screening_adds_ms": {
                "p50": round(pct(lat["on"], 0.5) - pct(lat["off"], 0.5), 2),
                "p99": round(pct(lat["on"], 0.99) - pct(lat["off"], 0.99), 2),
            },
            "token_ms": args.token_ms,
            "ttft_p50_ms": {k: round(statistics.median(v), 1) for k, v in t.items()},
            "ttft_exit_screening_adds_p50_ms": round(
                statistics.median(t["on"]) - statistics.median(t["off"]), 1
            ),
        }
        print(result)
        write_result(
            "gateway_screening",
            {
                "command": f"bench/gateway_screening.py --rate {args.rate} --seconds {args.seconds} --token-ms {args.token_ms}",
                "results": result,
            },
        )
    finally:
        for p in procs:
            p.terminate()
        for p in procs:
            p.wait(10)


if __name__ == "__main__":
    main()
