"""Detection's speed beside SudachiPy's and beside another engine, in one run.

Two engines (``--baseline-src``, the ``src`` folder of a baseline commit, and this
checkout's or ``--engine-src``) run in worker processes on the same texts, pass by pass in
turn (base, new, new, base …) so that a noisy machine slows both alike. Each worker times,
per text, in the same loop: SudachiPy's tokenisation of the normalised text alone (the
floor: ``Tokenizer.tokenize``, nothing read from the morphemes), the detector's token
wrapping (``analyzer().tokenize``: the morphemes read into tokens), detection (``scan``)
and the judgment (``check`` for ``example-domestic-lgwan``); and SudachiPy once more right
after a call of itself (``sudachi_warm``: what it costs with its tables in the CPU caches,
which the other steps' work evicts). CPU time per call
(``time.process_time``: another process on the machine does not count), p50 and p90;
the order of the four steps turns each pass (use a multiple of 4 passes).

Texts: the 1,000-character texts of bench/judgment.py (half administrative prose, half
Wikipedia and case records) and, as a second group, the short records of
bench/data/judgment_dev (median about 150 characters: what a chat message is).

    git worktree add /tmp/wt-d <baseline commit>
    .venv/bin/python bench/detect_speed.py --baseline-src /tmp/wt-d/src --engine-src SRC \
        --texts 100 --passes 4 --rounds 3

``--rounds``: fresh worker processes each round (one process can run a few per cent
faster than another for no reason in the code); each round's p50s are kept in the result,
and ``*_per_sudachi`` divides each side by its own process's SudachiPy time.
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

STEPS = ("sudachi", "tokens", "scan", "check")
#: Also timed: SudachiPy again right after itself (its tables warm in the CPU caches).
ALL_STEPS = (*STEPS, "sudachi_warm")


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


def texts_of(n: int) -> dict[str, list[str]]:
    from judgment import bench_texts

    short: list[str] = []
    for path in sorted((ROOT / "bench" / "data" / "judgment_dev").glob("*.jsonl")):
        for line in path.read_text("utf-8").splitlines():
            if line.strip():
                short.append(json.loads(line)["text"])
    return {"1000": bench_texts(n), "short": short[: n * 2]}


def worker(texts_file: Path, service_name: str) -> None:
    """Time every step over the texts once per ``run`` line on stdin; one JSON line back."""
    from hinagata import check, scan
    from hinagata._check import national_policy
    from hinagata.detect._document import analyzer
    from hinagata.text import normalize_for_detection

    groups: dict[str, list[str]] = json.loads(texts_file.read_text("utf-8"))
    policy = national_policy()
    service = policy.catalog.get(service_name)
    an = analyzer()
    sudachi = an.tokenizer()
    norms = {g: [normalize_for_detection(t).text for t in ts] for g, ts in groups.items()}
    for ts in groups.values():  # warm-up: every lazily built table and cache
        for t in ts:
            check(t, service, policy)
    print(json.dumps({"ready": True}), flush=True)
    clock = time.process_time
    steps = {
        "sudachi": lambda t, norm: sudachi.tokenize(norm),
        "tokens": lambda t, norm: an.tokenize(norm),
        "scan": lambda t, norm: scan(t),
        "check": lambda t, norm: check(t, service, policy),
    }
    for run, line in enumerate(sys.stdin):
        if line.strip() != "run":
            break
        # The first step on a text pays for cold caches (the previous text's work evicted
        # them): the order of the steps turns by one each pass, so each goes first as often.
        order = [*STEPS[run % 4 :], *STEPS[: run % 4]]
        out: dict[str, dict[str, list[float]]] = {}
        for g, ts in groups.items():
            times: dict[str, list[float]] = {s: [] for s in ALL_STEPS}
            for t, norm in zip(ts, norms[g], strict=True):
                for s in order:
                    f = steps[s]
                    t0 = clock()
                    f(t, norm)
                    times[s].append((clock() - t0) * 1000)
                sudachi.tokenize(norm)
                t0 = clock()
                sudachi.tokenize(norm)
                times["sudachi_warm"].append((clock() - t0) * 1000)
            out[g] = times
        print(json.dumps(out), flush=True)


def _start(src: Path | None, texts_file: Path, service: str) -> subprocess.Popen[str]:
    env = dict(os.environ)
    if src is not None:
        env["PYTHONPATH"] = str(src)
    proc = subprocess.Popen(
        [sys.executable, __file__, "--worker", str(texts_file), "--service", service],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert proc.stdout is not None
    json.loads(proc.stdout.readline())  # ready
    return proc


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--baseline-src", type=Path, required=False)
    ap.add_argument("--engine-src", type=Path, help="src of the engine under test (default: here)")
    ap.add_argument("--baseline-label", default="baseline")
    ap.add_argument("--texts", type=int, default=200)
    ap.add_argument("--passes", type=int, default=8)
    ap.add_argument("--rounds", type=int, default=1, help="fresh worker processes each round")
    ap.add_argument("--service", default="example-domestic-lgwan")
    ap.add_argument("--out", default="detect_speed")
    ap.add_argument("--worker", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker is not None:
        worker(args.worker, args.service)
        return
    groups = texts_of(args.texts)
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as fh:
        json.dump(groups, fh, ensure_ascii=False)
        texts_file = Path(fh.name)
    sides: dict[str, Path | None] = {"new": args.engine_src}
    if args.baseline_src is not None:
        sides = {"base": args.baseline_src, **sides}
    acc: dict[str, dict[str, dict[str, list[float]]]] = {
        k: {g: {s: [] for s in ALL_STEPS} for g in groups} for k in sides
    }
    # Per round, fresh worker processes (a process's own speed varies with where it runs
    # and how its memory is laid out): the ratio of each round is reported too.
    rounds: list[dict[str, dict[str, float]]] = []
    for _r in range(args.rounds):
        procs = {k: _start(src, texts_file, args.service) for k, src in sides.items()}
        mine: dict[str, dict[str, dict[str, list[float]]]] = {
            k: {g: {s: [] for s in ALL_STEPS} for g in groups} for k in sides
        }
        for p in range(args.passes):
            order = list(sides) if p % 2 == 0 else list(reversed(sides))
            for k in order:
                proc = procs[k]
                assert proc.stdin is not None and proc.stdout is not None
                proc.stdin.write("run\n")
                proc.stdin.flush()
                got = json.loads(proc.stdout.readline())
                for g, times in got.items():
                    for s, v in times.items():
                        acc[k][g][s].extend(v)
                        mine[k][g][s].extend(v)
        for proc in procs.values():
            assert proc.stdin is not None
            proc.stdin.close()
            proc.wait()
        rounds.append(
            {
                g: {
                    f"{k}_{s}_p50": round(pct(mine[k][g][s], 0.5), 4)
                    for k in sides
                    for s in ("sudachi_warm", "tokens", "scan", "check")
                }
                for g in groups
            }
        )
    texts_file.unlink()
    result: dict[str, Any] = {}
    for g, ts in groups.items():
        row: dict[str, Any] = {
            "texts": len(ts),
            "chars_median": statistics.median(map(len, ts)),
            "calls_per_step": len(ts) * args.passes,
        }
        for k in sides:
            for s in ALL_STEPS:
                row[f"{k}_{s}_p50"] = round(pct(acc[k][g][s], 0.5), 4)
                row[f"{k}_{s}_p90"] = round(pct(acc[k][g][s], 0.9), 4)
            row[f"{k}_scan_over_sudachi_p50"] = round(
                row[f"{k}_scan_p50"] / row[f"{k}_sudachi_p50"], 2
            )
            row[f"{k}_scan_over_tokens_p50"] = round(
                row[f"{k}_scan_p50"] / row[f"{k}_tokens_p50"], 2
            )
            row[f"{k}_scan_over_sudachi_warm_p50"] = round(
                row[f"{k}_scan_p50"] / row[f"{k}_sudachi_warm_p50"], 2
            )
            row[f"{k}_scan_total_ms"] = round(sum(acc[k][g]["scan"]), 1)
            row[f"{k}_check_total_ms"] = round(sum(acc[k][g]["check"]), 1)
        if "base" in sides:
            for s in ("scan", "check"):
                row[f"new_over_base_{s}_p50"] = round(row[f"new_{s}_p50"] / row[f"base_{s}_p50"], 3)
                row[f"new_over_base_{s}_total"] = round(
                    row[f"new_{s}_total_ms"] / row[f"base_{s}_total_ms"], 3
                )
                # Each side's time over its own process's SudachiPy (unchanged code): what
                # is left when one process simply ran faster than the other.
                row[f"new_over_base_{s}_per_sudachi"] = round(
                    (row[f"new_{s}_p50"] / row["new_sudachi_warm_p50"])
                    / (row[f"base_{s}_p50"] / row["base_sudachi_warm_p50"]),
                    3,
                )
        result[g] = row
    print(json.dumps(result, indent=1))
    print(json.dumps(rounds, indent=1))
    write_result(
        args.out,
        {
            "command": "bench/detect_speed.py "
            + " ".join(
                "SRC" if a.startswith("/") else (repr(a) if " " in a else a) for a in sys.argv[1:]
            ),
            "baseline": args.baseline_label,
            "clock": "process_time (CPU ms per call)",
            "results": result,
            "rounds": rounds,
        },
    )


if __name__ == "__main__":
    main()
