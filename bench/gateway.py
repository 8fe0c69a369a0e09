"""Latency the gateway adds over calling the same upstream directly, side by side.

A fast fake upstream and the gateway run as separate processes (uvicorn, one worker
each) on this 2-core machine; the client sends a 1,000-character prompt with personal
information (the masked path: detection, decision, audit, masking, restore) at a fixed
rate, alternating between the gateway and the upstream directly. Reported: p50/p99 of
each and the difference; time-to-first-token for streams; the gateway's memory before and
after the run.

    .venv/bin/python bench/gateway.py [--rate 100] [--seconds 20] [--memory-requests 10000]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from _common import ROOT, write_result

PROMPT_BASE = (
    "相談記録の要約をお願いします。相談者は高橋 健一さん（昭和63年11月2日生、電話 090-1234-5678、"
    "住所 横浜市港北区新横浜三丁目12番5号）。母の高橋花子さんが先月から入院中で、世帯として生活保護の申請を検討している。"
)


def prompt_of(n: int = 1000) -> str:
    filler = "来庁時の聞き取りでは、介護の負担が大きく、就労の継続が難しいとの話があった。次回は必要書類を確認する。"
    text = PROMPT_BASE
    while len(text) < n:
        text += filler
    return text[:n]


def bench_config(path: Path, db_url: str, secret: Path, up_port: int) -> Path:
    """Write the benchmarks' gateway config at ``path``: one model ``bench`` (a domestic
    LGWAN service) in front of the fake upstream, no rate limits."""
    path.write_text(
        f"database_url: '{db_url}'\nsecret_file: {secret}\ncreate_secret: true\n"
        "limits: {rate_per_minute_user: 0, rate_per_minute_department: 0}\n"
        "models:\n  - {name: bench, service: example-domestic-lgwan, upstream: "
        f"{{base_url: 'http://127.0.0.1:{up_port}/v1', model: m}}}}\n",
        encoding="utf-8",
    )
    return path


def free_port() -> int:
    import socket

    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    p = s.getsockname()[1]
    s.close()
    return p


def wait_up(url: str) -> None:
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            httpx.get(url, timeout=1)
            return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not start")


def rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def rss_tree_kb(pid: int) -> int:
    """RSS of a process and its children (uvicorn workers)."""
    total = rss_kb(pid)
    for child in Path(f"/proc/{pid}/task").glob("*/children"):
        for c in child.read_text().split():
            total += rss_tree_kb(int(c))
    return total


ERRORS: dict[str, int] = {}


async def run_load(
    url: str, headers: dict[str, str], body: dict, rate: float, seconds: float
) -> list[float]:
    latencies: list[float] = []
    async with httpx.AsyncClient(timeout=30, limits=httpx.Limits(max_connections=200)) as client:

        async def one() -> None:
            t0 = time.perf_counter()
            try:
                r = await client.post(url, json=body, headers=headers)
                r.raise_for_status()
            except httpx.HTTPError as exc:
                ERRORS[type(exc).__name__] = ERRORS.get(type(exc).__name__, 0) + 1
                return
            latencies.append((time.perf_counter() - t0) * 1000)

        tasks = []
        start = time.perf_counter()
        n = int(rate * seconds)
        for i in range(n):
            target = start + i / rate
            delay = target - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            tasks.append(asyncio.create_task(one()))
        await asyncio.gather(*tasks)
    return latencies


def _has_text(line: str) -> bool:
    """Whether an SSE line carries visible text (not an empty or role-only delta)."""
    if not line.startswith("data:") or '"content"' not in line:
        return False
    try:
        obj = json.loads(line[5:])
    except ValueError:
        return False
    return any((c.get("delta") or {}).get("content") for c in obj.get("choices") or [])


async def ttft(url: str, headers: dict[str, str], body: dict, n: int) -> list[float]:
    out: list[float] = []
    async with httpx.AsyncClient(timeout=30) as client:
        for _ in range(n):
            t0 = time.perf_counter()
            async with client.stream(
                "POST", url, json={**body, "stream": True}, headers=headers
            ) as r:
                first = None
                async for line in r.aiter_lines():
                    if first is None and _has_text(line):
                        first = (time.perf_counter() - t0) * 1000
                if first is not None:
                    out.append(first)
    return out


def pct(v: list[float], q: float) -> float:
    v = sorted(v)
    return v[min(len(v) - 1, int(q * len(v)))]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rate", type=float, default=100)
    ap.add_argument("--seconds", type=float, default=20)
    ap.add_argument("--memory-requests", type=int, default=10000)
    ap.add_argument("--workers", type=int, default=1, help="gateway worker processes")
    ap.add_argument(
        "--database-url",
        default="",
        help="an empty database for the audit log (default: a new SQLite file)",
    )
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp())
    up_port, gw_port = free_port(), free_port()
    py = sys.executable
    up = subprocess.Popen([py, str(ROOT / "bench" / "_fake_upstream.py"), str(up_port)])
    db_url = args.database_url or f"sqlite:///{tmp / 'h.db'}"
    cfg = bench_config(tmp / "gateway.yaml", db_url, tmp / "k", up_port)
    from hinagata.gateway import load_config
    from hinagata.store import Database, Keys

    conf = load_config(cfg)
    db = Database(conf.database())
    db.migrate()
    key = Keys(db).create(user="bench", department="福祉課", trained=True)[0]
    db.dispose()
    env = {**os.environ, "HINAGATA_CONFIG": str(cfg)}
    gw = subprocess.Popen(
        [
            py,
            "-m",
            "uvicorn",
            "hinagata.server:app",
            "--factory",
            "--host",
            "127.0.0.1",
            "--port",
            str(gw_port),
            "--log-level",
            "warning",
            "--no-access-log",
            "--workers",
            str(args.workers),
        ],
        env=env,
    )
    try:
        wait_up(f"http://127.0.0.1:{up_port}/")
        wait_up(f"http://127.0.0.1:{gw_port}/healthz")
        body = {"model": "bench", "messages": [{"role": "user", "content": prompt_of(1000)}]}
        h = {"authorization": f"Bearer {key}"}
        direct_url = f"http://127.0.0.1:{up_port}/v1/chat/completions"
        gw_url = f"http://127.0.0.1:{gw_port}/v1/chat/completions"
        check = httpx.post(gw_url, json=body, headers=h, timeout=30)
        assert check.headers.get("x-hinagata-verdict") == "allow_masked", check.text
        asyncio.run(run_load(gw_url, h, body, 20, 2))  # warm-up
        asyncio.run(run_load(direct_url, {}, body, 20, 2))
        rss_start = rss_tree_kb(gw.pid)
        direct, via = [], []
        rounds = 4
        for _ in range(rounds):  # alternate so both see the same machine conditions
            direct += asyncio.run(run_load(direct_url, {}, body, args.rate, args.seconds / rounds))
            via += asyncio.run(run_load(gw_url, h, body, args.rate, args.seconds / rounds))
        t_direct = asyncio.run(ttft(direct_url, {}, body, 100))
        t_via = asyncio.run(ttft(gw_url, h, body, 100))
        done = len(via) + 200
        series = [(done, rss_start)]
        while done < args.memory_requests:
            batch = min(2000, args.memory_requests - done)
            asyncio.run(run_load(gw_url, h, body, 200, batch / 200))
            done += batch
            series.append((done, rss_tree_kb(gw.pid)))
        rss_end = rss_tree_kb(gw.pid)
        result = {
            "prompt_chars": len(body["messages"][0]["content"]),
            "rate_per_s": args.rate,
            "gateway_workers": args.workers,
            "database": "postgresql" if args.database_url.startswith("postgresql") else "sqlite",
            "requests_each": len(via),
            "direct_ms": {"p50": round(pct(direct, 0.5), 2), "p99": round(pct(direct, 0.99), 2)},
            "gateway_ms": {"p50": round(pct(via, 0.5), 2), "p99": round(pct(via, 0.99), 2)},
            "added_ms": {
                "p50": round(pct(via, 0.5) - pct(direct, 0.5), 2),
                "p99": round(pct(via, 0.99) - pct(direct, 0.99), 2),
            },
            "ttft_ms": {
                "direct_p50": round(statistics.median(t_direct), 2),
                "gateway_p50": round(statistics.median(t_via), 2),
                "added_p50": round(statistics.median(t_via) - statistics.median(t_direct), 2),
            },
            "client_errors": dict(ERRORS),
            "memory_kb": {
                "after_warmup": rss_start,
                "after": rss_end,
                "requests": done,
                "growth": rss_end - rss_start,
                "series_requests_kb": series,
            },
        }
        print(result)
        write_result(
            f"gateway_{int(args.rate)}rps"
            + (f"_{args.workers}w" if args.workers > 1 else "")
            + ("_pg" if args.database_url.startswith("postgresql") else ""),
            {
                "command": f"bench/gateway.py --rate {args.rate} --seconds {args.seconds} --memory-requests {args.memory_requests} --workers {args.workers}"
                + (" --database-url postgresql+psycopg://…" if args.database_url else ""),
                "results": result,
            },
        )
    finally:
        gw.terminate()
        up.terminate()
        gw.wait(10)
        up.wait(10)


if __name__ == "__main__":
    main()
