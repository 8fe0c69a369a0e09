"""Fuzz the gateway with schemathesis from its published OpenAPI document: ``--examples``
generated requests per endpoint (chat, completions, embeddings) through one kept-alive
connection, against a recording upstream. Counts what CI asserts on fewer examples:
responses ≥ 500 and dropped connections must be 0.

    .venv/bin/python bench/fuzz.py [--examples 20000]

It runs ``tests/test_gateway_fuzz.py`` with HINAGATA_FUZZ_EXAMPLES set and writes the
pytest outcome and wall time to bench/results/fuzz.json.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time

from _common import ROOT, write_result


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--examples", type=int, default=20_000)
    args = ap.parse_args()
    t0 = time.perf_counter()
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "tests/test_gateway_fuzz.py",
        ],
        cwd=ROOT,
        env={**os.environ, "HINAGATA_FUZZ_EXAMPLES": str(args.examples)},
        capture_output=True,
        text=True,
    )
    took = time.perf_counter() - t0
    tail = proc.stdout.strip().splitlines()[-1:] or [""]
    print(proc.stdout[-2000:])
    write_result(
        "fuzz",
        {
            "examples_per_endpoint": args.examples,
            "endpoints": 3,
            "passed": proc.returncode == 0,
            "summary": tail[0],
            "seconds": round(took, 1),
        },
    )
    sys.exit(proc.returncode)


if __name__ == "__main__":
    main()
