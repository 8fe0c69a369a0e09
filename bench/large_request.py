"""One large request must not stall the others: small requests' latency while 1 MB
requests are being judged, with the worker process for large requests (the shipped
setting) and without it (every request judged on the event loop: the baseline), side by
side in the same run.

For each setting a fake upstream and a gateway (one uvicorn worker) run as separate
processes; small masked 1,000-character requests go at ``--rate`` req/s for
``--seconds``, first alone, then while a client sends 1 MB requests one after another.
Reported: p50/p99 of the small requests in both phases, the ratio of p99 under load to
p99 alone, and how long each large request took.

    .venv/bin/python bench/large_request.py [--rate 50] [--seconds 15] [--large-mb 1]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from _common import ROOT, write_result
from gateway import ERRORS, free_port, pct, prompt_of, run_load, wait_up


def _start(tmp: Path, up_port: int, large_chars: int) -> tuple[subprocess.Popen[bytes], int, str]:
    cfg = tmp / f"gateway-{large_chars}.yaml"
    cfg.write_text(
        f"database_url: 'sqlite:///{tmp / f'h{large_chars}.db'}'\nsecret_file: {tmp / 'k'}\ncreate_secret: true\n"
        f"limits: {{rate_per_minute_user: 0, rate_per_minute_department: 0, max_body_bytes: 4000000, max_concurrent_per_key: 0, large_request_chars: {large_chars}}}\n"
        f"models:\n  - {{name: bench, service: example-domestic-lgwan, upstream: {{base_url: 'http://127.0.0.1:{up_port}/v1', model: m}}}}\n",
        encoding="utf-8",
    )
    from hinagata.gateway import load_config
    from hinagata.store import Database, Keys

    db = Database(load_config(cfg).database())
    db.migrate()
    key = Keys(db).create(user="bench", department="福祉課", trained=True)[0]
    db.dispose()
    port = free_port()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "hinagata.server:app",
            "--factory",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--log-level",
            "warning",
            "--no-access-log",
        ],
        env={**os.environ, "HINAGATA_CONFIG": str(cfg)},
    )
    wait_up(f"http://127.0.0.1:{port}/healthz")
    return proc, port, key


async def _large_loop(url: str, headers: dict[str, str], body: dict, stop: float) -> list[float]:
    took: list[float] = []
    async with httpx.AsyncClient(timeout=600) as client:
        while time.perf_counter() < stop:
            t0 = time.perf_counter()
            r = await client.post(url, json=body, headers=headers)
            if r.status_code != 200:
                ERRORS[f"large_{r.status_code}"] = ERRORS.get(f"large_{r.status_code}", 0) + 1
            took.append(time.perf_counter() - t0)
    return took


async def _phase(
    url: str, headers: dict[str, str], small: dict, large: dict | None, rate: float, seconds: float
) -> tuple[list[float], list[float]]:
    if large is None:
        return await run_load(url, headers, small, rate, seconds), []
    stop = time.perf_counter() + seconds
    big = asyncio.create_task(_large_loop(url, headers, large, stop))
    await asyncio.sleep(0.2)  # the first large request is in flight
    lat = await run_load(url, headers, small, rate, seconds)
    return lat, await big


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rate", type=float, default=50)
    ap.add_argument("--seconds", type=float, default=15)
    ap.add_argument("--large-mb", type=float, default=1.0)
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp())
    up_port = free_port()
    up = subprocess.Popen([sys.executable, str(ROOT / "bench" / "_fake_upstream.py"), str(up_port)])
    wait_up(f"http://127.0.0.1:{up_port}/")
    small = {"model": "bench", "messages": [{"role": "user", "content": prompt_of(1000)}]}
    chars = int(args.large_mb * 1_000_000 / 3)  # Japanese text: 3 bytes a character
    large = {"model": "bench", "messages": [{"role": "user", "content": prompt_of(chars)}]}
    results: dict[str, dict[str, float]] = {}
    try:
        for label, large_chars in (
            ("worker process (shipped)", 10_000),
            ("inline (baseline)", 10**9),
        ):
            proc, port, key = _start(tmp, up_port, large_chars)
            url = f"http://127.0.0.1:{port}/v1/chat/completions"
            headers = {"authorization": f"Bearer {key}"}
            try:
                asyncio.run(_phase(url, headers, small, None, args.rate, 3))  # warm up
                alone, _ = asyncio.run(_phase(url, headers, small, None, args.rate, args.seconds))
                loaded, took = asyncio.run(
                    _phase(url, headers, small, large, args.rate, args.seconds)
                )
            finally:
                proc.terminate()
                proc.wait(10)
            results[label] = {
                "alone_p50_ms": round(pct(alone, 0.5), 1),
                "alone_p99_ms": round(pct(alone, 0.99), 1),
                "with_large_p50_ms": round(pct(loaded, 0.5), 1),
                "with_large_p99_ms": round(pct(loaded, 0.99), 1),
                "p99_ratio": round(pct(loaded, 0.99) / pct(alone, 0.99), 2),
                "small_completed": len(loaded),
                "large_requests": len(took),
                "large_mean_s": round(sum(took) / len(took), 2) if took else 0.0,
            }
    finally:
        up.terminate()
    print(
        f"small: 1,000 chars at {args.rate:g} req/s for {args.seconds:g} s; large: {args.large_mb:g} MB ({chars:,} chars)"
    )
    print(
        f"{'setting':28} {'alone p50/p99':>16} {'with 1 MB p50/p99':>20} {'p99 ×':>7} {'large s':>8}"
    )
    for label, r in results.items():
        print(
            f"{label:28} {r['alone_p50_ms']:>7.1f}/{r['alone_p99_ms']:<8.1f} "
            f"{r['with_large_p50_ms']:>9.1f}/{r['with_large_p99_ms']:<10.1f} {r['p99_ratio']:>7.2f} {r['large_mean_s']:>8.2f}"
        )
    if ERRORS:
        print("errors:", ERRORS)
    write_result("large_request", {"args": vars(args), "results": results, "errors": ERRORS})


if __name__ == "__main__":
    main()
