"""The gateway beside a LiteLLM proxy with its Presidio guardrail, same upstream, one run.

Four processes on this machine: the fast fake upstream, Presidio's analyzer/anonymizer as
HTTP services (GiNZA for Japanese, as the detector baseline), a LiteLLM proxy (pinned
1.82.6 in bench/.venv-litellm; never 1.82.7/1.82.8 or 1.107.0, reported compromised) with
the ``presidio`` guardrail in ``pre_call`` mode and ``output_parse_pii`` (mask, then
restore), and the Hinagata gateway. The same 1,000-character prompt with personal
information goes to each, alternating, at a rate both can sustain and at the issue's
100 requests/s. Reported per proxy: latency added over the direct call (p50/p99), how many
requests completed, time-to-first-token when streaming, and what reached the upstream
(the raw values that leaked) and whether the answer came back restored.

    bench/.venv/bin/python bench/litellm_compare.py [--low-rate 0.5] [--low-n 30]
        [--high-rate 100] [--high-seconds 3]

Setup: ``bash bench/setup.sh`` then ``bash bench/setup-litellm.sh``.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

import gateway as gw_bench
from _common import ROOT, write_result
from gateway import bench_config, free_port, pct, prompt_of, rss_tree_kb, ttft, wait_up

LITELLM = ROOT / "bench" / ".venv-litellm" / "bin" / "litellm"
RAW_VALUES = ("高橋 健一", "高橋花子", "昭和63年11月2日", "090-1234-5678", "新横浜三丁目12番5号")
MASTER_KEY = "sk-bench-not-a-secret"


def _litellm_config(path: Path, up_port: int) -> None:
    path.write_text(
        f"""\
model_list:
  - model_name: bench
    litellm_params:
      model: openai/m
      api_base: http://127.0.0.1:{up_port}/v1
      api_key: dummy
guardrails:
  - guardrail_name: presidio-pii
    litellm_params:
      guardrail: presidio
      mode: pre_call
      default_on: true
      presidio_language: ja
      output_parse_pii: true
general_settings:
  master_key: {MASTER_KEY}
""",
        encoding="utf-8",
    )


#: Short enough that the fake upstream echoes all of it (it repeats 80 characters), so the
#: restored answer must equal the direct one exactly.
CHECK_PROMPT = "高橋 健一（昭和63年11月2日生、電話 090-1234-5678、住所 横浜市港北区新横浜三丁目12番5号）と母の高橋花子へ"


def _what_reached(up: str, url: str, headers: dict[str, str]) -> dict:
    """One request: which raw values reached the upstream; did the answer come back whole."""
    body = {"model": "bench", "messages": [{"role": "user", "content": CHECK_PROMPT}]}
    direct = httpx.post(f"{up}/v1/chat/completions", json=body, timeout=120).json()
    expected = direct["choices"][0]["message"]["content"]
    r = httpx.post(url, json=body, headers=headers, timeout=120)
    got = r.json()["choices"][0]["message"]["content"] if r.status_code == 200 else None
    sent = httpx.get(f"{up}/last").json()["messages"][0]["content"]
    return {
        "status": r.status_code,
        "raw_values_at_upstream": [v for v in RAW_VALUES if v in sent],
        "raw_values_total": len(RAW_VALUES),
        "answer_restored_exactly": got == expected,
        "answer": got,
        "sent_upstream": sent,
    }


def _load(url: str, headers: dict[str, str], body: dict, rate: float, n: int) -> dict:
    gw_bench.ERRORS.clear()
    t0 = time.perf_counter()
    lat = asyncio.run(gw_bench.run_load(url, headers, body, rate, n / rate))
    wall = time.perf_counter() - t0
    return {
        "sent": n,
        "completed": len(lat),
        "errors": dict(gw_bench.ERRORS),
        "p50_ms": round(pct(lat, 0.5), 1) if lat else None,
        "p99_ms": round(pct(lat, 0.99), 1) if lat else None,
        "wall_s": round(wall, 1),
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--low-rate", type=float, default=0.5)
    ap.add_argument("--low-n", type=int, default=30)
    ap.add_argument("--high-rate", type=float, default=100.0)
    ap.add_argument("--high-seconds", type=float, default=3.0)
    args = ap.parse_args()
    if not LITELLM.exists():
        print("SKIP: bench/.venv-litellm missing (bash bench/setup-litellm.sh)", file=sys.stderr)
        raise SystemExit(0)
    tmp = Path(tempfile.mkdtemp())
    up_port, pr_port, ll_port, gw_port = free_port(), free_port(), free_port(), free_port()
    py = sys.executable
    bench_dir = ROOT / "bench"
    procs: list[subprocess.Popen] = []

    def start(cmd: list[str], **kw: Any) -> subprocess.Popen:
        p = subprocess.Popen(
            cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=bench_dir, **kw
        )
        procs.append(p)
        return p

    try:
        start([py, "_fake_upstream.py", str(up_port)])
        start([py, "_presidio_server.py", str(pr_port)])
        _litellm_config(tmp / "litellm.yaml", up_port)
        presidio = f"http://127.0.0.1:{pr_port}"
        ll = start(
            [
                str(LITELLM),
                "--config",
                str(tmp / "litellm.yaml"),
                "--port",
                str(ll_port),
                "--host",
                "127.0.0.1",
                "--num_workers",
                "1",
            ],
            env={
                **os.environ,
                "PRESIDIO_ANALYZER_API_BASE": presidio,
                "PRESIDIO_ANONYMIZER_API_BASE": presidio,
                "LITELLM_LOG": "ERROR",
            },
        )
        bench_config(tmp / "gateway.yaml", f"sqlite:///{tmp / 'h.db'}", tmp / "k", up_port)
        from hinagata.gateway import load_config
        from hinagata.store import Database, Keys

        db = Database(load_config(tmp / "gateway.yaml").database())
        db.migrate()
        key = Keys(db).create(user="bench", department="福祉課", trained=True)[0]
        db.dispose()
        hg = start(
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
            ],
            env={**os.environ, "HINAGATA_CONFIG": str(tmp / "gateway.yaml")},
        )
        up = f"http://127.0.0.1:{up_port}"
        wait_up(up + "/last")
        wait_up(presidio + "/health")
        wait_up(f"http://127.0.0.1:{ll_port}/health/liveliness")
        wait_up(f"http://127.0.0.1:{gw_port}/healthz")

        body = {"model": "bench", "messages": [{"role": "user", "content": prompt_of(1000)}]}
        targets = {
            "direct": (f"{up}/v1/chat/completions", {}),
            "hinagata": (
                f"http://127.0.0.1:{gw_port}/v1/chat/completions",
                {"authorization": f"Bearer {key}"},
            ),
            "litellm_presidio": (
                f"http://127.0.0.1:{ll_port}/v1/chat/completions",
                {"authorization": f"Bearer {MASTER_KEY}"},
            ),
        }
        reached = {
            name: _what_reached(up, url, h)
            for name, (url, h) in targets.items()
            if name != "direct"
        }
        for url, h in targets.values():  # warm-up
            _load(url, h, body, 2, 4)

        low: dict[str, list[dict]] = {name: [] for name in targets}
        rounds = 3
        for _ in range(rounds):  # alternate so all see the same machine conditions
            for name, (url, h) in targets.items():
                low[name].append(_load(url, h, body, args.low_rate, args.low_n // rounds))
        low_summary = {}
        for name, runs in low.items():
            lat_p50 = statistics.median(r["p50_ms"] for r in runs if r["p50_ms"] is not None)
            lat_p99 = max(r["p99_ms"] for r in runs if r["p99_ms"] is not None)
            low_summary[name] = {
                "p50_ms": round(lat_p50, 1),
                "p99_ms": round(lat_p99, 1),
                "completed": sum(r["completed"] for r in runs),
                "sent": sum(r["sent"] for r in runs),
            }
        for name in ("hinagata", "litellm_presidio"):
            low_summary[name]["added_p50_ms"] = round(
                low_summary[name]["p50_ms"] - low_summary["direct"]["p50_ms"], 1
            )

        streams = {name: asyncio.run(ttft(url, h, body, 10)) for name, (url, h) in targets.items()}
        ttft_ms = {
            name: round(statistics.median(v), 1) if v else None for name, v in streams.items()
        }

        n_high = int(args.high_rate * args.high_seconds)
        high = {
            name: _load(url, h, body, args.high_rate, n_high) for name, (url, h) in targets.items()
        }
        result = {
            "prompt_chars": len(body["messages"][0]["content"]),
            "litellm_version": "1.82.6",
            "what_reached_the_upstream": reached,
            f"at_{args.low_rate:g}_per_s": low_summary,
            "ttft_p50_ms": ttft_ms,
            f"at_{args.high_rate:g}_per_s_for_{args.high_seconds:g}s": high,
            "rss_kb": {"hinagata": rss_tree_kb(hg.pid), "litellm": rss_tree_kb(ll.pid)},
        }
        print(result)
        write_result(
            "litellm_compare",
            {
                "command": "bench/litellm_compare.py "
                f"--low-rate {args.low_rate} --low-n {args.low_n} "
                f"--high-rate {args.high_rate} --high-seconds {args.high_seconds}",
                "results": result,
            },
        )
    finally:
        for p in procs:
            p.terminate()
        for p in procs:
            try:
                p.wait(15)
            except subprocess.TimeoutExpired:
                p.kill()


if __name__ == "__main__":
    main()
