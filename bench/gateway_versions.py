"""The gateway's latency at two commits, side by side in the same run (issue 12's measure:
"gateway latency unchanged or better, same run before/after").

Each commit's ``src/`` is exported (``git archive``) into a temporary folder and served by
its own gateway process (uvicorn, one worker, its own new SQLite audit log and key made by
that commit's code) in front of one fast fake upstream. The client sends the 1,000-character
masked-path prompt of ``bench/gateway.py`` at a fixed rate, alternating between the two
gateways and the upstream directly round by round (the order of the two gateways swapped
each round), so all three see the same machine. Reported: p50/p99 of each, what each adds
over the upstream, the ratio of the added p50s, and — since the engine changed between the
commits too — each commit's ``check`` of the same prompt (its own process, in turn), so
that what the gateway adds beyond the judgment can be told apart.

    .venv/bin/python bench/gateway_versions.py [--before 2bd1b28] [--after HEAD]
        [--rate 50] [--rounds 6] [--seconds 30]

``--before`` defaults to the last commit before the runtime redesign (issue 12), i.e.
after the security issue. A web session's per-message verdicts are not on this path: the
API answers for the request as a whole.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import subprocess
import sys
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path

import httpx

from _common import ROOT, write_result
from gateway import ERRORS, bench_config, free_port, pct, prompt_of, run_load, wait_up

BASELINE = "2bd1b28"

_MAKE_KEY = """
import sys
from hinagata.gateway import load_config
from hinagata.store import Database, Keys
db = Database(load_config(sys.argv[1]).database())
db.migrate()
print(Keys(db).create(user="bench", department="福祉課", trained=True)[0])
db.dispose()
"""


_TIME_CHECK = """
import json, sys, time
from hinagata import check
text = sys.argv[1]
for _ in range(30):
    check(text, "example-domestic-lgwan")
out = []
for _ in range(int(sys.argv[2])):
    t0 = time.perf_counter()
    check(text, "example-domestic-lgwan")
    out.append((time.perf_counter() - t0) * 1000)
print(json.dumps(out))
"""


def judgment_ms(src: Path, text: str, n: int) -> list[float]:
    """``check`` of the prompt, timed ``n`` times by that commit's engine (its own process)."""
    env = {**os.environ, "PYTHONPATH": str(src)}
    done = subprocess.run(
        [sys.executable, "-c", _TIME_CHECK, text, str(n)],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return list(json.loads(done.stdout))


def export(commit: str, into: Path) -> tuple[Path, str]:
    """The commit's ``src/`` under ``into``, and the ASGI factory it serves."""
    blob = subprocess.run(
        ["git", "-C", str(ROOT), "archive", "--format=tar", commit, "src"],
        check=True,
        capture_output=True,
    ).stdout
    with tarfile.open(fileobj=BytesIO(blob)) as tar:
        tar.extractall(into, filter="data")
    src = into / "src"
    app = (
        "hinagata.server:app"
        if (src / "hinagata" / "server.py").exists()
        else "hinagata.gateway._factory:app"
    )
    return src, app


def start(commit: str, up_port: int, tmp: Path) -> tuple[subprocess.Popen[bytes], int, str, Path]:
    """A gateway of ``commit``: its process, port, key and source folder."""
    here = tmp / commit
    here.mkdir()
    src, app = export(commit, here)
    cfg = bench_config(here / "gateway.yaml", f"sqlite:///{here / 'h.db'}", here / "k", up_port)
    env = {**os.environ, "HINAGATA_CONFIG": str(cfg), "PYTHONPATH": str(src)}
    key = subprocess.run(
        [sys.executable, "-c", _MAKE_KEY, str(cfg)],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", app, "--factory", "--host", "127.0.0.1",
         "--port", str(port), "--log-level", "warning", "--no-access-log"],
        env=env,
    )  # fmt: skip
    return proc, port, key, src


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--before", default=BASELINE)
    ap.add_argument("--after", default="HEAD")
    ap.add_argument("--rate", type=float, default=50)
    ap.add_argument("--rounds", type=int, default=6)
    ap.add_argument("--seconds", type=float, default=30, help="per target, all rounds together")
    args = ap.parse_args()
    commits = {
        name: subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "--short", ref],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
        for name, ref in (("before", args.before), ("after", args.after))
    }
    tmp = Path(tempfile.mkdtemp())
    up_port = free_port()
    up = subprocess.Popen([sys.executable, str(ROOT / "bench" / "_fake_upstream.py"), str(up_port)])
    procs: list[subprocess.Popen[bytes]] = [up]
    try:
        wait_up(f"http://127.0.0.1:{up_port}/")
        body = {"model": "bench", "messages": [{"role": "user", "content": prompt_of(1000)}]}
        targets: dict[str, tuple[str, dict[str, str]]] = {
            "direct": (f"http://127.0.0.1:{up_port}/v1/chat/completions", {})
        }
        sources: dict[str, Path] = {}
        for name, commit in commits.items():
            proc, port, key, sources[name] = start(commit, up_port, tmp)
            procs.append(proc)
            wait_up(f"http://127.0.0.1:{port}/healthz")
            url = f"http://127.0.0.1:{port}/v1/chat/completions"
            h = {"authorization": f"Bearer {key}"}
            r = httpx.post(url, json=body, headers=h, timeout=30)
            assert r.headers.get("x-hinagata-verdict") == "allow_masked", (name, r.text)
            targets[name] = (url, h)
        for url, h in targets.values():
            asyncio.run(run_load(url, h, body, 20, 3))  # warm-up
        seen: dict[str, list[float]] = {name: [] for name in targets}
        per_round = args.seconds / args.rounds
        for i in range(args.rounds):
            order = ["direct", "before", "after"] if i % 2 == 0 else ["direct", "after", "before"]
            for name in order:
                url, h = targets[name]
                seen[name] += asyncio.run(run_load(url, h, body, args.rate, per_round))
        # The engine's own share: the same prompt judged by each commit's ``check``, in turn.
        judged: dict[str, list[float]] = {"before": [], "after": []}
        for _ in range(3):
            for name in ("before", "after"):
                judged[name] += judgment_ms(sources[name], prompt_of(1000), 200)
        direct50, direct99 = pct(seen["direct"], 0.5), pct(seen["direct"], 0.99)
        result: dict[str, object] = {
            "prompt_chars": len(body["messages"][0]["content"]),
            "rate_per_s": args.rate,
            "rounds": args.rounds,
            "requests_each": {k: len(v) for k, v in seen.items()},
            "commits": commits,
            "client_errors": dict(ERRORS),
        }
        for name, v in seen.items():
            result[f"{name}_ms"] = {"p50": round(pct(v, 0.5), 2), "p99": round(pct(v, 0.99), 2)}
            if name != "direct":
                result[f"{name}_added_ms"] = {
                    "p50": round(pct(v, 0.5) - direct50, 2),
                    "p99": round(pct(v, 0.99) - direct99, 2),
                }
        added = {n: pct(seen[n], 0.5) - direct50 for n in ("before", "after")}
        result["after_over_before_added_p50"] = round(added["after"] / added["before"], 3)
        for name, v in judged.items():
            j50 = pct(v, 0.5)
            result[f"{name}_judgment_ms_p50"] = round(j50, 2)
            # What the gateway adds beyond judging the text: reading, audit, masking,
            # forwarding, restoring (p50 less p50: an estimate, not a measured split).
            result[f"{name}_beyond_judgment_ms_p50"] = round(added[name] - j50, 2)
        print(result)
        write_result(
            f"gateway_versions_{int(args.rate)}rps",
            {
                "command": f"bench/gateway_versions.py --before {args.before} --after {args.after} "
                f"--rate {args.rate} --rounds {args.rounds} --seconds {args.seconds}",
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
