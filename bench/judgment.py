"""Latency of the judgment for a 1,000-character text, side by side with detection alone.

For each text, in the same loop: SudachiPy's tokenisation alone (the floor), detection
alone (`scan`), and the full judgment (`check`: detection, assessment, masking, the Cedar
decision, reasons). Texts are 1,000 characters: half person-free administrative prose (our
invented set), half Wikipedia sentences mixed with invented municipal case records. Times are per call, single process, after a warm-up;
reported as p50 / p90 over every call.

    .venv/bin/python bench/judgment.py [--texts 200] [--passes 5]
"""

from __future__ import annotations

import argparse
import statistics
import time

from _common import ROOT, write_result
from hinagata import check, scan
from hinagata._check import national_policy
from hinagata.detect._document import analyzer
from throughput import documents


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--texts", type=int, default=200)
    ap.add_argument("--passes", type=int, default=5)
    ap.add_argument("--service", default="example-domestic-lgwan")
    args = ap.parse_args()
    docs = documents(args.texts * 2)
    mixed = [(a + "\n" + b)[:1000] for a, b in zip(docs[::2], docs[1::2], strict=False)]
    prose_lines = [
        ln
        for ln in (ROOT / "tests" / "data" / "admin_prose_ja.txt").read_text("utf-8").splitlines()
        if ln.strip() and not ln.startswith("#")
    ]
    public = []
    for i in range(args.texts):
        text = ""
        k = i
        while len(text) < 1000:
            text += prose_lines[k % len(prose_lines)] + "\n"
            k += 7
        public.append(text[:1000])
    # Half person-free administrative prose, half Wikipedia and case records (names in them).
    texts = [public[i] if i % 2 == 0 else mixed[i] for i in range(args.texts)]
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


if __name__ == "__main__":
    main()
