"""What reading the masked text again costs the judgment (issue 11, ADR 0017 amended).

Before a masked text may be sent, the judgment reads it again around its placeholders
(``hinagata.decide._masked._read_again``). This measures ``check`` on the same 1,000-character
texts as bench/judgment.py, each text judged twice in turn — with the re-read and with it
replaced by "keep what the first reading said" — so that a noisy machine slows both alike.
CPU time per call, medians and the ratio of the totals; the verdicts are counted too (the
re-read only ever makes a verdict stricter).

    .venv/bin/python bench/masked_reread.py [--texts 100] [--passes 5]
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections import Counter

import hinagata.decide._masked as masked
from _common import write_result
from hinagata import check
from throughput import documents

SERVICE = "example-domestic-lgwan"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--texts", type=int, default=100)
    ap.add_argument("--passes", type=int, default=5)
    args = ap.parse_args()
    texts = [d[:1000] for d in documents(args.texts)][: args.texts]
    with_it = masked._read_again

    def without(m: object, kept: object, policy: object, detector: object) -> object:
        return kept

    for t in texts:  # warm-up: dictionary, gazetteer, policy
        check(t, SERVICE)
    on: list[float] = []
    off: list[float] = []
    verdicts: dict[str, Counter[str]] = {"with": Counter(), "without": Counter()}
    try:
        for _ in range(args.passes):
            for t in texts:
                masked._read_again = with_it
                a = time.process_time()
                verdicts["with"][check(t, SERVICE).verdict] += 1
                on.append(time.process_time() - a)
                masked._read_again = without  # type: ignore[assignment]
                a = time.process_time()
                verdicts["without"][check(t, SERVICE).verdict] += 1
                off.append(time.process_time() - a)
    finally:
        masked._read_again = with_it
    result = {
        "command": f"bench/masked_reread.py --texts {args.texts} --passes {args.passes}",
        "with_reread_ms_p50": round(statistics.median(on) * 1000, 3),
        "without_reread_ms_p50": round(statistics.median(off) * 1000, 3),
        "ratio_total_cpu": round(sum(on) / sum(off), 3),
        "verdicts": {k: dict(sorted(v.items())) for k, v in verdicts.items()},
    }
    path = write_result("masked_reread", result)
    for k, v in result.items():
        print(f"{k}: {v}")
    print(f"wrote {path.relative_to(path.parents[2])}")


if __name__ == "__main__":
    main()
