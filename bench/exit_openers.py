"""Exit screening of hostile answers: link openers that never close (``<img <img …``,
``https://a…``, ``![``), beside plain text of the same length, for this checkout and a
baseline (``--baseline-src``, the ``src`` folder of an earlier commit), in one run.

Each engine runs in its own worker process, the two in turn per length (base, new), and
times ``OutputStream`` fed the answer in pieces of 20 characters and flushed (CPU time:
``time.process_time``); the screen has the default rules (exfiltration removed, new
personal values masked). A worker warms up (the detector's tables) before timing.

    git worktree add --detach /tmp/wt-base 73d46a6
    .venv/bin/python bench/exit_openers.py --baseline-src /tmp/wt-base/src
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

from _common import ROOT, write_result

ANSWERS = {"img": "<img ", "url": "https://a", "md": "![", "plain": "あいうえお"}
WORKER = r"""
import json, sys, time
from hinagata.guard import OutputRules, OutputScreen
from hinagata.guard._output import OutputStream
def run(text):
    s = OutputStream(OutputScreen(OutputRules(), request_text="相談者 佐藤 花子"))
    t0 = time.process_time()
    for i in range(0, len(text), 20):
        s.feed(text[i:i + 20])
    s.flush()
    return time.process_time() - t0
run("ご質問ありがとうございます。" * 20)
unit, n = sys.argv[1], int(sys.argv[2])
print(json.dumps(run(unit * (n // len(unit)))))
"""


def _time(src: Path, unit: str, n: int) -> float:
    env = dict(os.environ, PYTHONPATH=str(src))
    out = subprocess.run(
        [sys.executable, "-c", WORKER, unit, str(n)],
        env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    return float(json.loads(out.stdout))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--baseline-src", type=Path, required=True)
    ap.add_argument("--lengths", default="2000,4000,8000")
    args = ap.parse_args()
    rows = []
    for n in (int(x) for x in args.lengths.split(",")):
        for name, unit in ANSWERS.items():
            base = _time(args.baseline_src, unit, n)
            new = _time(ROOT / "src", unit, n)
            row = {"chars": n, "answer": name, "baseline_cpu_s": round(base, 3),
                   "new_cpu_s": round(new, 3)}  # fmt: skip
            rows.append(row)
            print(row, flush=True)
    write_result("exit_openers", {"baseline_src": str(args.baseline_src), "rows": rows})


if __name__ == "__main__":
    main()
