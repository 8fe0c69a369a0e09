"""Latency of the judgment for a 1,000-character text, side by side with detection alone.

For each text, in the same loop: SudachiPy's tokenisation alone (the floor), detection
alone (`scan`), and the full judgment (`check`: detection, assessment, masking, the Cedar
decision, reasons). Texts are 1,000 characters: half person-free administrative prose (our
invented set), half Wikipedia sentences mixed with invented municipal case records. Times are per call, single process, after a warm-up;
reported as p50 / p90 over every call.

    .venv/bin/python bench/judgment.py [--texts 200] [--passes 5]

Side by side with another engine (issue 11: "within 1.2x of the start commit, both in the
same run"): ``--engine-src DIR`` is the ``src`` folder of that engine (for instance
``git archive a28f414 src | tar -x -C /tmp/pre11``). Both engines then run in worker
processes on the same texts, pass by pass in turn (old, new, old, new …) so that a noisy
machine slows both alike; each reports wall and CPU time per ``check``. The result goes to
bench/results/judgment_side_by_side.json.

    .venv/bin/python bench/judgment.py --engine-src /tmp/pre11/src --texts 100 --passes 6
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from _common import ROOT, write_result
from hinagata import check, scan
from hinagata._check import national_policy
from hinagata.detect._document import analyzer
from throughput import documents


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


def bench_texts(n: int) -> list[str]:
    """``n`` texts of 1,000 characters: half administrative prose, half Wikipedia and records."""
    docs = documents(n * 2)
    mixed = [(a + "\n" + b)[:1000] for a, b in zip(docs[::2], docs[1::2], strict=False)]
    prose_lines = [
        ln
        for ln in (ROOT / "tests" / "data" / "admin_prose_ja.txt").read_text("utf-8").splitlines()
        if ln.strip() and not ln.startswith("#")
    ]
    public = []
    for i in range(n):
        text = ""
        k = i
        while len(text) < 1000:
            text += prose_lines[k % len(prose_lines)] + "\n"
            k += 7
        public.append(text[:1000])
    # Half person-free administrative prose, half Wikipedia and case records (names in them).
    return [public[i] if i % 2 == 0 else mixed[i] for i in range(n)]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--texts", type=int, default=200)
    ap.add_argument("--passes", type=int, default=5)
    ap.add_argument("--service", default="example-domestic-lgwan")
    ap.add_argument(
        "--engine-src",
        type=Path,
        help="src folder of another engine to time side by side with this one",
    )
    ap.add_argument("--worker", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker is not None:
        worker(args.worker, args.service)
        return
    texts = bench_texts(args.texts)
    if args.engine_src is not None:
        side_by_side(texts, args.engine_src, args.passes, args.service)
        return
    policy = national_policy()
    service = policy.catalog.get(args.service)
    tok = analyzer()
    check(texts[0], service, policy)  # warm-up
    times: dict[str, list[float]] = {"tokenize": [], "scan": [], "check": []}
    verdicts: dict[str, int] = {}
    for _ in range(args.passes):
        for t in texts:
            t0 = time.perf_counter()
            tok.tokenize(t)
            t1 = time.perf_counter()
            scan(t)
            t2 = time.perf_counter()
            d = check(t, service, policy)
            t3 = time.perf_counter()
            times["tokenize"].append((t1 - t0) * 1000)
            times["scan"].append((t2 - t1) * 1000)
            times["check"].append((t3 - t2) * 1000)
            verdicts[d.verdict] = verdicts.get(d.verdict, 0) + 1
    result: dict[str, object] = {
        "texts": len(texts),
        "chars_mean": round(statistics.mean(map(len, texts))),
        "passes": args.passes,
        "service": args.service,
        "verdicts": verdicts,
    }
    for k, v in times.items():
        result[f"{k}_ms_p50"] = round(pct(v, 0.5), 3)
        result[f"{k}_ms_p90"] = round(pct(v, 0.9), 3)
    overhead = pct(times["check"], 0.5) / pct(times["scan"], 0.5) - 1
    result["decision_overhead_p50"] = round(overhead, 3)
    per_call = [c / s - 1 for c, s in zip(times["check"], times["scan"], strict=True)]
    result["decision_overhead_median_per_text"] = round(statistics.median(per_call), 3)
    print(result)
    write_result(
        "judgment",
        {
            "command": f"bench/judgment.py --texts {args.texts} --passes {args.passes}",
            "results": result,
        },
    )


def worker(texts_file: Path, service_name: str) -> None:
    """Time ``check`` over the texts once per ``run`` line on stdin; one JSON line back."""
    texts = json.loads(texts_file.read_text("utf-8"))
    policy = national_policy()
    service = policy.catalog.get(service_name)
    for t in texts:  # warm-up: every lazily built table and cache of this engine
        check(t, service, policy)
    print(json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        if line.strip() != "run":
            break
        wall: list[float] = []
        cpu: list[float] = []
        verdicts: dict[str, int] = {}
        for t in texts:
            w0 = time.perf_counter()
            c0 = time.process_time()
            d = check(t, service, policy)
            cpu.append((time.process_time() - c0) * 1000)
            wall.append((time.perf_counter() - w0) * 1000)
            verdicts[d.verdict] = verdicts.get(d.verdict, 0) + 1
        print(json.dumps({"wall": wall, "cpu": cpu, "verdicts": verdicts}), flush=True)


def _start_worker(src: Path, texts_file: Path, service: str) -> subprocess.Popen[str]:
    env = dict(os.environ, PYTHONPATH=str(src))
    proc = subprocess.Popen(
        [
            sys.executable,
            str(Path(__file__).resolve()),
            *("--worker", str(texts_file), "--service", service),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=env,
        cwd=Path(__file__).resolve().parent,
    )
    assert proc.stdout is not None
    if not json.loads(proc.stdout.readline() or "{}").get("ready"):
        raise SystemExit(f"the engine in {src} did not start")
    return proc


def _one_pass(proc: subprocess.Popen[str]) -> dict[str, Any]:
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.write("run\n")
    proc.stdin.flush()
    result: dict[str, Any] = json.loads(proc.stdout.readline())
    return result


def side_by_side(texts: list[str], engine_src: Path, passes: int, service: str) -> None:
    """This engine and the one in ``engine_src`` on the same texts, pass by pass in turn."""
    import hinagata

    this_src = Path(hinagata.__file__).resolve().parent.parent
    other_src = engine_src.resolve()
    if not (other_src / "hinagata" / "__init__.py").is_file():
        raise SystemExit(f"no hinagata package in {other_src}")
    with tempfile.TemporaryDirectory() as tmp:
        texts_file = Path(tmp) / "texts.json"
        texts_file.write_text(json.dumps(texts, ensure_ascii=False), "utf-8")
        engines = {"old": other_src, "new": this_src}
        procs = {k: _start_worker(src, texts_file, service) for k, src in engines.items()}
        runs: dict[str, list[dict[str, Any]]] = {k: [] for k in engines}
        try:
            for p in range(passes):
                # Alternate which engine goes first, so neither always runs on a warmer CPU.
                order = ("old", "new") if p % 2 == 0 else ("new", "old")
                for k in order:
                    runs[k].append(_one_pass(procs[k]))
        finally:
            for proc in procs.values():
                assert proc.stdin is not None
                proc.stdin.close()
                proc.wait(timeout=60)
    result: dict[str, Any] = {
        "texts": len(texts),
        "chars_mean": round(statistics.mean(map(len, texts))),
        "passes": passes,
        "service": service,
        "engine_src_old": str(other_src),
        "engine_src_new": str(this_src),
    }
    for k in engines:
        wall = [x for r in runs[k] for x in r["wall"]]
        cpu = [x for r in runs[k] for x in r["cpu"]]
        result[f"{k}_check_ms_p50"] = round(pct(wall, 0.5), 3)
        result[f"{k}_check_ms_p90"] = round(pct(wall, 0.9), 3)
        result[f"{k}_check_cpu_ms_p50"] = round(pct(cpu, 0.5), 3)
        result[f"{k}_check_cpu_ms_total_per_pass_min"] = round(
            min(sum(r["cpu"]) for r in runs[k]), 1
        )
        result[f"{k}_verdicts"] = runs[k][-1]["verdicts"]
    result["ratio_wall_p50"] = round(result["new_check_ms_p50"] / result["old_check_ms_p50"], 3)
    result["ratio_cpu_p50"] = round(
        result["new_check_cpu_ms_p50"] / result["old_check_cpu_ms_p50"], 3
    )
    # Per text, the median over passes of each engine, then the median of new/old.
    per_text = [
        statistics.median(r["cpu"][i] for r in runs["new"])
        / statistics.median(r["cpu"][i] for r in runs["old"])
        for i in range(len(texts))
    ]
    result["ratio_cpu_median_per_text"] = round(statistics.median(per_text), 3)
    result["ratio_cpu_per_pass"] = [
        round(sum(n["cpu"]) / sum(o["cpu"]), 3)
        for o, n in zip(runs["old"], runs["new"], strict=True)
    ]
    result["ratio_cpu_total_best_pass"] = round(
        result["new_check_cpu_ms_total_per_pass_min"]
        / result["old_check_cpu_ms_total_per_pass_min"],
        3,
    )
    print(json.dumps(result, ensure_ascii=False, indent=2))
    write_result(
        "judgment_side_by_side",
        {
            "command": f"bench/judgment.py --engine-src {engine_src} --texts {len(texts)} "
            f"--passes {passes}",
            "results": result,
        },
    )


if __name__ == "__main__":
    main()
