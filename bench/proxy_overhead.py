"""What each proxy adds, side by side in one run: Hinagata with all its screening, a LiteLLM
proxy without guardrails, and LiteLLM with its Presidio guardrail (issue 13's targets).

Processes on this machine, one worker each: the fast fake upstream (and a second one that
streams two characters every 20 ms, as a model generating tokens), the Hinagata gateway
(SQLite, the national template: detection, decision, audit, masking, restore, injection and
exit screening), a LiteLLM proxy 1.82.6 with no guardrail, and — only at the low rate — the
same LiteLLM with Presidio (analyzer and anonymizer as HTTP services). The client sends the
same masked 1,000-character chat request to each at 5 and 20 requests/s, alternating the
targets in rounds so that all see the same machine. Reported per target: latency added over
the direct call (p50, p99), server CPU per request (user+system time of the proxy's process
tree over the load, divided by the requests it answered; the load generator and the
upstream run on the same two cores), time to first token with the paced upstream, and the
ratios the issue sets as targets.

    bench/.venv/bin/python bench/proxy_overhead.py [--seconds 12] [--rounds 3] [--presidio-n 20]
        [--against REV [--after REV]]

``--against REV`` adds a fourth target in the same rounds: the gateway of commit ``REV``
(a temporary git worktree, its ``src`` first on the path), so a change is measured before
and after on the same load; ``--after REV`` runs the main Hinagata target from that commit
too instead of this checkout (uncommitted work of others left out).

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

import gateway as gw_bench
from _common import write_result
from gateway import bench_config, free_port, pct, prompt_of, ttft, wait_up
from litellm_compare import LITELLM, MASTER_KEY, _litellm_config

CLOCK = os.sysconf("SC_CLK_TCK")


def cpu_s(pid: int) -> float:
    """User + system CPU seconds of a process and its children (threads included)."""
    total = 0.0
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += (int(fields[11]) + int(fields[12])) / CLOCK
        for child in Path(f"/proc/{pid}/task").glob("*/children"):
            for c in child.read_text().split():
                total += cpu_s(int(c))
    except (OSError, IndexError, ValueError):
        pass
    return total


def _litellm_bare_config(path: Path, up_port: int) -> None:
    path.write_text(
        f"""\
model_list:
  - model_name: bench
    litellm_params:
      model: openai/m
      api_base: http://127.0.0.1:{up_port}/v1
      api_key: dummy
general_settings:
  master_key: {MASTER_KEY}
litellm_settings:
  telemetry: false
""",
        encoding="utf-8",
    )


def _load(
    url: str, headers: dict[str, str], body: dict, rate: float, seconds: float, pid: int | None
) -> dict[str, Any]:
    gw_bench.ERRORS.clear()
    before = cpu_s(pid) if pid else 0.0
    lat = asyncio.run(gw_bench.run_load(url, headers, body, rate, seconds))
    after = cpu_s(pid) if pid else 0.0
    return {
        "lat": lat,
        "errors": dict(gw_bench.ERRORS),
        "cpu_ms_per_request": round((after - before) * 1000 / len(lat), 2) if pid and lat else None,
    }


def _summed(counts: Any) -> dict[str, int]:
    """The error counts of every round added up."""
    total: dict[str, int] = {}
    for c in counts:
        for k, v in c.items():
            total[k] = total.get(k, 0) + v
    return total


def _wait_up(url: str, tries: int = 4) -> None:
    """:func:`wait_up`, longer: LiteLLM takes over a minute to start on a busy machine."""
    for attempt in range(tries):
        try:
            wait_up(url)
            return
        except RuntimeError:
            if attempt == tries - 1:
                raise


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=float, default=12.0, help="per target, rate and round")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--rates", type=float, nargs="+", default=[5.0, 20.0])
    ap.add_argument("--presidio-n", type=int, default=20)
    ap.add_argument("--against", metavar="REV", help="also run the gateway of this commit")
    ap.add_argument("--after", metavar="REV", help="the main gateway from this commit")
    args = ap.parse_args()
    if not LITELLM.exists():
        print("SKIP: bench/.venv-litellm missing (bash bench/setup-litellm.sh)", file=sys.stderr)
        raise SystemExit(0)
    tmp = Path(tempfile.mkdtemp())
    ports = {
        k: free_port()
        for k in ("up", "paced", "presidio", "bare", "guard", "hg", "hg_paced", "hg_before")
    }
    py = sys.executable
    bench_dir = Path(__file__).resolve().parent
    procs: list[subprocess.Popen[bytes]] = []

    def start(cmd: list[str], **kw: Any) -> subprocess.Popen[bytes]:
        p = subprocess.Popen(
            cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=bench_dir, **kw
        )
        procs.append(p)
        return p

    def litellm(
        config: Path, port: int, env: dict[str, str] | None = None
    ) -> subprocess.Popen[bytes]:
        return start(
            [
                str(LITELLM),
                "--config",
                str(config),
                "--port",
                str(port),
                "--host",
                "127.0.0.1",
                "--num_workers",
                "1",
            ],
            env={
                **os.environ,
                "LITELLM_LOG": "ERROR",
                "LITELLM_LOCAL_MODEL_COST_MAP": "True",
                **(env or {}),
            },
        )

    root = bench_dir.parent
    trees: dict[str, Path] = {}

    def tree(label: str, rev: str) -> Path:
        """The ``src`` of ``rev``, checked out in a temporary worktree."""
        path = tmp / f"tree-{label}"
        subprocess.run(
            ["git", "-C", str(root), "worktree", "add", "--detach", "-q", str(path), rev],
            check=True,
        )
        trees[label] = path
        return path / "src"

    def hinagata(config: Path, port: int, src: Path | None = None) -> subprocess.Popen[bytes]:
        path = {"PYTHONPATH": str(src)} if src is not None else {}
        return start(
            [py, "-m", "uvicorn", "hinagata.server:app", "--factory", "--host", "127.0.0.1",
             "--port", str(port), "--log-level", "warning", "--no-access-log"],
            env={**os.environ, "HINAGATA_CONFIG": str(config), **path},
        )  # fmt: skip

    try:
        start([py, "_fake_upstream.py", str(ports["up"])])
        start([py, "_fake_upstream.py", str(ports["paced"]), "20"])
        start([py, "_presidio_server.py", str(ports["presidio"])])
        _litellm_bare_config(tmp / "bare.yaml", ports["up"])
        _litellm_config(tmp / "guard.yaml", ports["up"])
        bare = litellm(tmp / "bare.yaml", ports["bare"])
        presidio = f"http://127.0.0.1:{ports['presidio']}"
        guard = litellm(
            tmp / "guard.yaml",
            ports["guard"],
            {"PRESIDIO_ANALYZER_API_BASE": presidio, "PRESIDIO_ANONYMIZER_API_BASE": presidio},
        )
        bench_config(tmp / "gateway.yaml", f"sqlite:///{tmp / 'h.db'}", tmp / "k", ports["up"])
        bench_config(tmp / "paced.yaml", f"sqlite:///{tmp / 'p.db'}", tmp / "k", ports["paced"])
        from hinagata.config import load_config
        from hinagata.store import Database, Keys

        if args.against:
            bench_config(tmp / "before.yaml", f"sqlite:///{tmp / 'b.db'}", tmp / "k", ports["up"])
        keys = {}
        for name in ("gateway", "paced", *(("before",) if args.against else ())):
            db = Database(load_config(tmp / f"{name}.yaml").database())
            db.migrate()
            keys[name] = Keys(db).create(user="bench", department="福祉課", trained=True)[0]
            db.dispose()
        after_src = tree("after", args.after) if args.after else None
        hg = hinagata(tmp / "gateway.yaml", ports["hg"], after_src)
        hinagata(tmp / "paced.yaml", ports["hg_paced"], after_src)
        before = (
            hinagata(tmp / "before.yaml", ports["hg_before"], tree("before", args.against))
            if args.against
            else None
        )
        up = f"http://127.0.0.1:{ports['up']}"
        for url in (up + "/last", f"http://127.0.0.1:{ports['paced']}/last", presidio + "/health",
                    f"http://127.0.0.1:{ports['bare']}/health/liveliness",
                    f"http://127.0.0.1:{ports['guard']}/health/liveliness",
                    f"http://127.0.0.1:{ports['hg']}/healthz",
                    f"http://127.0.0.1:{ports['hg_paced']}/healthz",
                    *([f"http://127.0.0.1:{ports['hg_before']}/healthz"] if before else [])):  # fmt: skip
            _wait_up(url)

        body = {"model": "bench", "messages": [{"role": "user", "content": prompt_of(1000)}]}
        llh = {"authorization": f"Bearer {MASTER_KEY}"}
        targets: dict[str, tuple[str, dict[str, str], int | None]] = {
            "direct": (f"{up}/v1/chat/completions", {}, None),
            "hinagata": (f"http://127.0.0.1:{ports['hg']}/v1/chat/completions",
                         {"authorization": f"Bearer {keys['gateway']}"}, hg.pid),
            "litellm_bare": (f"http://127.0.0.1:{ports['bare']}/v1/chat/completions", llh, bare.pid),
        }  # fmt: skip
        if before is not None:
            targets["hinagata_before"] = (
                f"http://127.0.0.1:{ports['hg_before']}/v1/chat/completions",
                {"authorization": f"Bearer {keys['before']}"},
                before.pid,
            )
        for url, h, _ in targets.values():  # warm-up
            asyncio.run(gw_bench.run_load(url, h, body, 5, 2))

        by_rate: dict[str, Any] = {}
        for rate in args.rates:
            runs: dict[str, list[dict[str, Any]]] = {name: [] for name in targets}
            for _ in range(args.rounds):
                for name, (url, h, pid) in targets.items():
                    runs[name].append(_load(url, h, body, rate, args.seconds, pid))
            summary: dict[str, Any] = {}
            for name, rs in runs.items():
                lat = [x for r in rs for x in r["lat"]]
                cpu = [r["cpu_ms_per_request"] for r in rs if r["cpu_ms_per_request"] is not None]
                summary[name] = {
                    "completed": len(lat),
                    "sent": int(rate * args.seconds) * args.rounds,
                    "p50_ms": round(pct(lat, 0.5), 2) if lat else None,
                    "p99_ms": round(pct(lat, 0.99), 2) if lat else None,
                    "cpu_ms_per_request": round(statistics.median(cpu), 2) if cpu else None,
                    "errors": _summed(r["errors"] for r in rs),
                }
            d = summary["direct"]
            for name in ("hinagata", "litellm_bare", "hinagata_before"):
                if name not in summary:
                    continue
                s = summary[name]
                if s["p50_ms"] is None:
                    raise SystemExit(f"{name}: no request answered: {s['errors']}")
                s["added_p50_ms"] = round(s["p50_ms"] - d["p50_ms"], 2)
                s["added_p99_ms"] = round(s["p99_ms"] - d["p99_ms"], 2)
            h, b = summary["hinagata"], summary["litellm_bare"]
            summary["ratios_hinagata_to_litellm_bare"] = {
                "added_p50": round(h["added_p50_ms"] / b["added_p50_ms"], 2) if b["added_p50_ms"] > 0 else None,
                "added_p99": round(h["added_p99_ms"] / b["added_p99_ms"], 2) if b["added_p99_ms"] > 0 else None,
                "cpu_per_request": round(h["cpu_ms_per_request"] / b["cpu_ms_per_request"], 2)
                if h["cpu_ms_per_request"] and b["cpu_ms_per_request"] else None,
            }  # fmt: skip
            if "hinagata_before" in summary:
                old = summary["hinagata_before"]
                summary["ratios_hinagata_before_to_litellm_bare"] = {
                    "added_p50": round(old["added_p50_ms"] / b["added_p50_ms"], 2) if b["added_p50_ms"] > 0 else None,
                    "added_p99": round(old["added_p99_ms"] / b["added_p99_ms"], 2) if b["added_p99_ms"] > 0 else None,
                    "cpu_per_request": round(old["cpu_ms_per_request"] / b["cpu_ms_per_request"], 2)
                    if old["cpu_ms_per_request"] and b["cpu_ms_per_request"] else None,
                }  # fmt: skip
            by_rate[f"{rate:g}_per_s"] = summary
            print(f"{rate:g}/s", summary, flush=True)

        # LiteLLM + Presidio: only at a rate it sustains (each request waits on Presidio).
        guard_url = f"http://127.0.0.1:{ports['guard']}/v1/chat/completions"
        wait = args.presidio_n / 0.5
        pres = _load(guard_url, llh, body, 0.5, wait, guard.pid)
        direct_low = _load(targets["direct"][0], {}, body, 0.5, wait / 2, None)
        hg_low = _load(targets["hinagata"][0], targets["hinagata"][1], body, 0.5, wait / 2, hg.pid)
        presidio_added = (
            pct(pres["lat"], 0.5) - pct(direct_low["lat"], 0.5) if pres["lat"] else None
        )
        hg_added_low = pct(hg_low["lat"], 0.5) - pct(direct_low["lat"], 0.5)
        litellm_presidio = {
            "completed": len(pres["lat"]),
            "added_p50_ms": round(presidio_added, 1) if presidio_added is not None else None,
            "hinagata_added_p50_ms_same_rate": round(hg_added_low, 2),
            "times_lower": round(presidio_added / hg_added_low, 1) if presidio_added and hg_added_low > 0 else None,
        }  # fmt: skip

        # Time to first token: a model pacing two characters every 20 ms.
        paced_body = {**body}
        t_direct = asyncio.run(
            ttft(f"http://127.0.0.1:{ports['paced']}/v1/chat/completions", {}, paced_body, 15)
        )
        t_hg = asyncio.run(ttft(f"http://127.0.0.1:{ports['hg_paced']}/v1/chat/completions",
                                {"authorization": f"Bearer {keys['paced']}"}, paced_body, 15))  # fmt: skip
        ttft_ms = {
            "direct_p50": round(statistics.median(t_direct), 1),
            "hinagata_p50": round(statistics.median(t_hg), 1),
            "hinagata_added_p50": round(statistics.median(t_hg) - statistics.median(t_direct), 1),
        }
        result = {
            "prompt_chars": len(body["messages"][0]["content"]),
            "litellm_version": "1.82.6",
            "seconds_per_target_rate_round": args.seconds,
            "rounds": args.rounds,
            "hinagata_commit": args.after or "the working tree",
            "hinagata_before_commit": args.against,
            "by_rate": by_rate,
            "litellm_presidio_at_0.5_per_s": litellm_presidio,
            "ttft_paced_2chars_per_20ms_exit_screening_on": ttft_ms,
        }
        print(result)
        write_result(
            "proxy_overhead",
            {
                "command": f"bench/proxy_overhead.py --seconds {args.seconds} --rounds {args.rounds} "
                f"--rates {' '.join(f'{r:g}' for r in args.rates)} --presidio-n {args.presidio_n}"
                + (f" --against {args.against}" if args.against else "")
                + (f" --after {args.after}" if args.after else ""),
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
        time.sleep(0.2)
        for path in trees.values():
            subprocess.run(
                ["git", "-C", str(root), "worktree", "remove", "--force", str(path)], check=False
            )


if __name__ == "__main__":
    main()
