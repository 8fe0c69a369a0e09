"""Where a gateway request's time goes, stage by stage (issue 13: detection, decision,
audit, HTTP), beside a bare pass-through app in the same run.

In one process, through the ASGI interface (no sockets), a masked 1,000-character chat
request is sent repeatedly to the Hinagata server (SQLite, the national template, an
upstream double that answers at once) and to a bare Starlette app that parses the JSON and
answers the same body (what any Python proxy pays for HTTP and JSON). Each pipeline step
is timed by wrapping it; medians over the requests. The outcome record is written after
the answer is sent (it costs CPU, not latency) and is listed apart.

``--against REV`` measures this checkout (or the commit ``--after``) and the commit ``REV``
(temporary git worktrees) in one run: child processes of this script, alternating between the two sources in
``--rounds`` rounds, each importing ``hinagata`` from its own ``src``; the figures are
medians over all rounds, and the difference per stage. ``--outcome-on-loop`` writes the
outcome record on the event loop instead of Starlette's thread pool (what ADR 0024 asks
of the pipeline: on SQLite, like the decision record), to measure that change before it
is made.

    .venv/bin/python bench/stage_budget.py [--n 400]
    .venv/bin/python bench/stage_budget.py --against d5c2734 [--after REV] --rounds 4 [--n 400]
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from _common import write_result
from gateway import prompt_of
from hinagata import runtime as runtime_module
from hinagata.config import load_config
from hinagata.gateway import _app as app_module
from hinagata.gateway import _pipeline as pipeline_module
from hinagata.gateway._upstream import UpstreamResponse
from hinagata.server import create_app

TIMES: dict[str, list[float]] = {}

#: (label, object, attribute, is a coroutine function)
STAGES: list[tuple[str, Any, str, bool]] = [
    ("authenticate (key lookup)", app_module, "authenticate", False),
    ("read (body, schema walk)", pipeline_module.Pipeline, "read", True),
    ("screen (injection + detection)", pipeline_module.Pipeline, "screen", True),
    ("decide (judgment)", pipeline_module.Pipeline, "_judge", False),
    ("  of which grants lookup", runtime_module.Runtime, "grants_for", False),
    ("audit: decision record", pipeline_module.Pipeline, "_record_decision", False),
    ("prepare exit (masking)", pipeline_module.Pipeline, "prepare_exit", True),
    ("restore + exit screening", pipeline_module.Pipeline, "restore", True),
    ("audit: outcome record (after the answer)", pipeline_module.Pipeline, "record_outcome", False),
]


def _timed(label: str, fn: Callable[..., Any], is_async: bool) -> Callable[..., Any]:
    if is_async:

        @functools.wraps(fn)
        async def aw(*a: Any, **k: Any) -> Any:
            t0 = time.perf_counter()
            try:
                return await fn(*a, **k)
            finally:
                TIMES.setdefault(label, []).append((time.perf_counter() - t0) * 1000)

        return aw

    @functools.wraps(fn)
    def w(*a: Any, **k: Any) -> Any:
        t0 = time.perf_counter()
        try:
            return fn(*a, **k)
        finally:
            TIMES.setdefault(label, []).append((time.perf_counter() - t0) * 1000)

    return w


class Upstream:
    async def call(self, endpoint: str, body: Any, *, stream: bool) -> UpstreamResponse:
        return UpstreamResponse(200, _answer(body))


def _answer(body: Any) -> dict[str, Any]:
    text = "要約: " + str(body["messages"][-1]["content"])[:80]
    return {
        "id": "x",
        "object": "chat.completion",
        "created": 1,
        "model": "m",
        "choices": [
            {"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}
        ],
        "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
    }


async def _bare(request: Request) -> JSONResponse:
    return JSONResponse(_answer(await request.json()))


async def _run(
    app: Any, path: str, body: dict[str, Any], headers: dict[str, str], n: int
) -> tuple[list[float], float]:
    """The times of ``n`` requests (after 30 to warm up), and the process's CPU time when
    they began."""
    out = []
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as c:
        for _ in range(30):
            await c.post(path, json=body, headers=headers)
        TIMES.clear()
        cpu = time.process_time()
        for _ in range(n):
            t0 = time.perf_counter()
            r = await c.post(path, json=body, headers=headers)
            out.append((time.perf_counter() - t0) * 1000)
            assert r.status_code == 200, r.text
    return out, cpu


def measure(n: int, *, outcome_on_loop: bool = False) -> dict[str, Any]:
    """Every request's time and every stage's times (ms) of ``n`` requests to each app."""
    for label, owner, name, is_async in STAGES:
        if hasattr(owner, name):  # an older checkout may lack a step
            setattr(owner, name, _timed(label, getattr(owner, name), is_async))
    if outcome_on_loop:
        pipeline_module.BackgroundTask = _OnLoop  # type: ignore[attr-defined]
    tmp = Path(tempfile.mkdtemp())
    cfg = tmp / "g.yaml"
    cfg.write_text(
        f"database_url: sqlite:///{tmp}/h.db\nsecret_file: {tmp}/a.key\ncreate_secret: true\n"
        "limits: {rate_per_minute_user: 0, rate_per_minute_department: 0}\n"
        "models:\n  - {name: bench, service: example-domestic-lgwan, upstream: {demo: true}}\n",
        encoding="utf-8",
    )
    app = create_app(load_config(cfg), upstreams={"bench": Upstream()})
    bare = Starlette(routes=[Route("/v1/chat/completions", _bare, methods=["POST"])])
    body = {"model": "bench", "messages": [{"role": "user", "content": prompt_of(1000)}]}

    async def both() -> dict[str, Any]:
        async with app.router.lifespan_context(app):
            key = app.state.gateway.keys.create(user="u", department="d", trained=True)[0]
            hg: list[float] = []
            base: list[float] = []
            stages: dict[str, list[float]] = {}
            cpu = {"hinagata": 0.0, "bare": 0.0}
            for _ in range(4):  # alternate: both see the same machine
                times, start = await _run(bare, "/v1/chat/completions", body, {}, n // 4)
                cpu["bare"] += time.process_time() - start
                base += times
                times, start = await _run(
                    app,
                    "/v1/chat/completions",
                    body,
                    {"authorization": f"Bearer {key}"},
                    n // 4,
                )
                await asyncio.sleep(0.3)  # the last outcome records
                cpu["hinagata"] += time.process_time() - start
                hg += times
                for k, v in TIMES.items():
                    stages.setdefault(k, []).extend(v)
            # CPU of the whole process (client, server, every thread) per request.
            cpu_ms = {k: [v * 1000 / (n // 4 * 4)] for k, v in cpu.items()}
            return {"hinagata": hg, "bare": base, "stages": stages, "cpu_ms": cpu_ms}

    return asyncio.run(both())


class _OnLoop:
    """A background task run on the event loop (``--outcome-on-loop``)."""

    def __init__(self, func: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        self.func, self.args, self.kwargs = func, args, kwargs

    async def __call__(self) -> None:
        self.func(*self.args, **self.kwargs)


def summary(raw: dict[str, Any]) -> dict[str, Any]:
    hg, base, stages = raw["hinagata"], raw["bare"], raw["stages"]
    return {
        "prompt_chars": 1000,
        "requests": len(hg),
        "hinagata_request_p50_ms": round(statistics.median(hg), 3),
        "hinagata_request_p99_ms": round(statistics.quantiles(hg, n=100)[98], 3),
        "bare_starlette_request_p50_ms": round(statistics.median(base), 3),
        # Median over the runs; the process includes the client (httpx), alike for both.
        "cpu_ms_per_request": {
            k: round(statistics.median(v), 3) for k, v in raw.get("cpu_ms", {}).items()
        },
        "stages_p50_ms": {
            label: round(statistics.median(stages[label]), 3)
            for label, *_ in STAGES
            if label in stages
        },
    }


def against(rev: str, n: int, rounds: int, flags: list[str], after: str | None) -> dict[str, Any]:
    """This checkout (or the commit ``after``) and ``rev``, in alternating child processes."""
    root = Path(__file__).resolve().parent.parent
    work = Path(tempfile.mkdtemp())
    trees = {"before": rev, "after": after}
    sources: dict[str, Path] = {}
    for label, commit in trees.items():
        if commit is None:
            sources[label] = root / "src"
            continue
        tree = work / label
        subprocess.run(
            ["git", "-C", str(root), "worktree", "add", "--detach", "-q", str(tree), commit],
            check=True,
        )
        sources[label] = tree / "src"
    pooled: dict[str, dict[str, Any]] = {
        k: {"hinagata": [], "bare": [], "stages": {}} for k in sources
    }
    try:
        for r in range(rounds):
            order = list(sources) if r % 2 == 0 else list(sources)[::-1]
            for label in order:
                out = work / f"{label}-{r}.json"
                env = {**os.environ, "PYTHONPATH": str(sources[label])}
                cmd = [sys.executable, __file__, "--n", str(n), "--raw", str(out), *flags]
                subprocess.run(cmd, check=True, env=env, cwd=root)
                raw = json.loads(out.read_text(encoding="utf-8"))
                into = pooled[label]
                into["hinagata"] += raw["hinagata"]
                into["bare"] += raw["bare"]
                for k, v in raw.get("cpu_ms", {}).items():
                    into.setdefault("cpu_ms", {}).setdefault(k, []).extend(v)
                for k, v in raw["stages"].items():
                    into["stages"].setdefault(k, []).extend(v)
    finally:
        for label, commit in trees.items():
            if commit is not None:
                subprocess.run(
                    ["git", "-C", str(root), "worktree", "remove", "--force", str(work / label)],
                    check=False,
                )
    result = {k: summary(v) for k, v in pooled.items()}
    b, a = result["before"], result["after"]
    result["change_ms"] = {
        "request_p50": round(a["hinagata_request_p50_ms"] - b["hinagata_request_p50_ms"], 3),
        "request_p99": round(a["hinagata_request_p99_ms"] - b["hinagata_request_p99_ms"], 3),
        "cpu_per_request": round(
            a["cpu_ms_per_request"]["hinagata"] - b["cpu_ms_per_request"]["hinagata"], 3
        ),
        **{
            k: round(v - b["stages_p50_ms"][k], 3)
            for k, v in a["stages_p50_ms"].items()
            if k in b["stages_p50_ms"]
        },
    }
    result["before_commit"] = rev
    result["after_commit"] = after or "the working tree"
    result["rounds"] = rounds
    return result


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=400)
    ap.add_argument("--against", metavar="REV", help="also measure this commit, alternating")
    ap.add_argument("--after", metavar="REV", help="with --against: this commit, not the tree")
    ap.add_argument("--rounds", type=int, default=4, help="with --against")
    ap.add_argument("--outcome-on-loop", action="store_true")
    ap.add_argument("--raw", type=Path, help=argparse.SUPPRESS)  # a child of --against
    args = ap.parse_args()
    flags = ["--outcome-on-loop"] if args.outcome_on_loop else []
    if args.raw is not None:
        raw = measure(args.n, outcome_on_loop=args.outcome_on_loop)
        args.raw.write_text(json.dumps(raw), encoding="utf-8")
        brief = summary(raw)
        print(brief["cpu_ms_per_request"], brief["stages_p50_ms"], file=sys.stderr)
        return
    if args.against:
        result = against(args.against, args.n, args.rounds, flags, args.after)
        command = (
            f"bench/stage_budget.py --against {args.against} --rounds {args.rounds} --n {args.n}"
        )
        if args.after:
            command += f" --after {args.after}"
    else:
        result = summary(measure(args.n, outcome_on_loop=args.outcome_on_loop))
        command = f"bench/stage_budget.py --n {args.n}"
    command += "".join(f" {f}" for f in flags)
    print(json.dumps(result, ensure_ascii=False, indent=1))
    write_result("stage_budget", {"command": command, "results": result})


if __name__ == "__main__":
    main()
