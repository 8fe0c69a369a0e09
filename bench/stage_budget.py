"""Where a gateway request's time goes, stage by stage (issue 13: detection, decision,
audit, HTTP), beside a bare pass-through app in the same run.

In one process, through the ASGI interface (no sockets), a masked 1,000-character chat
request is sent repeatedly to the Hinagata server (SQLite, the national template, an
upstream double that answers at once) and to a bare Starlette app that parses the JSON and
answers the same body (what any Python proxy pays for HTTP and JSON). Each pipeline step
is timed by wrapping it; medians over the requests. The outcome record is written after
the answer is sent (it costs CPU, not latency) and is listed apart.

    .venv/bin/python bench/stage_budget.py [--n 400]
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import statistics
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
) -> list[float]:
    out = []
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as c:
        for _ in range(30):
            await c.post(path, json=body, headers=headers)
        TIMES.clear()
        for _ in range(n):
            t0 = time.perf_counter()
            r = await c.post(path, json=body, headers=headers)
            out.append((time.perf_counter() - t0) * 1000)
            assert r.status_code == 200, r.text
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=400)
    args = ap.parse_args()
    for label, owner, name, is_async in STAGES:
        setattr(owner, name, _timed(label, getattr(owner, name), is_async))
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

    async def both() -> tuple[list[float], list[float], dict[str, list[float]]]:
        async with app.router.lifespan_context(app):
            key = app.state.gateway.keys.create(user="u", department="d", trained=True)[0]
            hg: list[float] = []
            base: list[float] = []
            stages: dict[str, list[float]] = {}
            for _ in range(4):  # alternate: both see the same machine
                base += await _run(bare, "/v1/chat/completions", body, {}, args.n // 4)
                hg += await _run(
                    app,
                    "/v1/chat/completions",
                    body,
                    {"authorization": f"Bearer {key}"},
                    args.n // 4,
                )
                await asyncio.sleep(0.3)  # the last outcome records
                for k, v in TIMES.items():
                    stages.setdefault(k, []).extend(v)
            return hg, base, stages

    hg, base, stages = asyncio.run(both())
    result = {
        "prompt_chars": 1000,
        "requests": len(hg),
        "hinagata_request_p50_ms": round(statistics.median(hg), 3),
        "bare_starlette_request_p50_ms": round(statistics.median(base), 3),
        "stages_p50_ms": {
            label: round(statistics.median(stages[label]), 3)
            for label, *_ in STAGES
            if label in stages
        },
    }
    print(result)
    write_result(
        "stage_budget", {"command": f"bench/stage_budget.py --n {args.n}", "results": result}
    )


if __name__ == "__main__":
    main()
