"""The web chat's per-message display (issue 15, item 3; ADR 0027) beside what it replaced,
in one run: the decision of every message alone as well as of the whole (``per_part=True``,
the baseline) against the decision of the whole only plus the attribution of its findings and
reasons to the messages (``per_part=False`` + ``attribute`` + ``messages_header``).

The parts are read once beforehand (the reading is the same on both sides); medians of
``--repeat`` calls, for conversations of 4, 10 and 20 messages cycling a transfer
consultation (a name, an illness in a later message), on a LGWAN service (allow after
masking) and a Japan-region one (deny).

    .venv/bin/python bench/chat_attribution.py --repeat 30
"""

from __future__ import annotations

import argparse
import statistics
import time
from typing import Any

from _common import write_result
from hinagata._check import national_policy
from hinagata.gateway._attribution import attribute, messages_header
from hinagata.gateway._spec import Slot
from hinagata.judge import Part, judge, read

MESSAGES = [
    "転入の相談で、高橋 健一さんの件です。",
    "承知しました。詳しく教えてください。",
    "糖尿病で通院しています。",
    "承知しました。",
    "窓口の案内文を作ってください。",
]
SERVICES = ("example-domestic-lgwan", "example-foreign-japan-region")


def _median_ms(repeat: int, fn: Any, *args: Any, **kw: Any) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn(*args, **kw)
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1000


def _attribute(slots: list[Slot], j: Any, policy: Any, edits: Any) -> str:
    return messages_header(slots, attribute(slots, j, policy, edits))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--repeat", type=int, default=30)
    args = ap.parse_args()
    policy = national_policy()
    rows = []
    for n in (4, 10, 20):
        texts = (MESSAGES * 10)[:n]
        reading = read([Part(t) for t in texts])
        slots = [
            Slot(("messages", i, "content"), t, "user", "content", i) for i, t in enumerate(texts)
        ]
        for svc in SERVICES:
            r = args.repeat
            before = _median_ms(r, judge, reading, svc, policy, per_part=True)
            now = _median_ms(r, judge, reading, svc, policy, per_part=False)
            j = judge(reading, svc, policy, per_part=False)
            edits = j.mask().edits if j.decision.verdict == "allow_masked" else None
            attribution = _median_ms(r, _attribute, slots, j, policy, edits)
            row = {
                "messages": n,
                "service": svc,
                "verdict": j.decision.verdict,
                "per_message_decisions_ms": round(before, 3),
                "whole_decision_ms": round(now, 3),
                "attribution_and_header_ms": round(attribution, 3),
            }
            rows.append(row)
            print(row, flush=True)
    write_result("chat_attribution", {"repeat": args.repeat, "rows": rows})


if __name__ == "__main__":
    main()
