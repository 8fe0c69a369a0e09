"""Throughput of the injection detector with another model beside the shipped one.

    .venv/bin/python bench/_injection_speed.py /tmp/ens/injection_model.json [--out FILE]

For a model that was trained but not shipped (``train/train_injection.py --comparison 4
--write`` with ``HINAGATA_MODEL_OUT``): characters per second of ``scan`` over the public
test splits' prompts (xsafety ja Goal_Hijacking, NotInject, WildGuard benign, the judgment
set's test records; never a blind set), modes ``rules``, ``model`` and ``both``, best and
median of three passes, and the p50 latency of one 1,000-character municipal prompt.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "bench"), str(ROOT / "src"), str(ROOT / "train")]

import numpy as np  # noqa: E402
from _written import judgment_records  # noqa: E402

import _injection_data as bd  # noqa: E402
from hinagata.guard import InjectionDetector  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("model", help="the other model's metadata file")
    ap.add_argument("--out", type=Path)
    args = ap.parse_args()
    prompts = [c.text for c in bd.xsafety_ja("Goal_Hijacking", 1) if c.split == "test"]
    prompts += [c.text for c in bd.notinject() if c.split == "test"]
    prompts += [c.text for c in bd.wildguard_benign() if c.split == "test"]
    prompts += [t for _, t in judgment_records("test")]
    chars = sum(map(len, prompts))
    dets = {
        "rules": InjectionDetector(mode="rules"),
        "model (shipped)": InjectionDetector(mode="model"),
        "both (shipped)": InjectionDetector(mode="both"),
        "model (other)": InjectionDetector(mode="model", model=args.model),
        "both (other)": InjectionDetector(mode="both", model=args.model),
    }
    for d in dets.values():  # warm up
        for t in prompts[:50]:
            d.scan(t, "prompt")
    runs: dict[str, list[float]] = {}
    for _ in range(3):
        for name, d in dets.items():
            t0 = time.perf_counter()
            for t in prompts:
                d.scan(t, "prompt")
            runs.setdefault(name, []).append(chars / (time.perf_counter() - t0))
    text = ("\n".join(t for _, t in judgment_records("test")))[:1000]
    out: dict[str, object] = {"prompts": len(prompts), "characters": chars, "other": args.model}
    for name, d in dets.items():
        ts = []
        for _ in range(200):
            t0 = time.perf_counter()
            d.scan(text, "prompt")
            ts.append(time.perf_counter() - t0)
        v = sorted(runs[name])
        out[name] = {
            "chars_per_s_best": round(v[-1]),
            "chars_per_s_median": round(v[1]),
            "p50_ms_1000_chars": round(float(np.median(ts)) * 1e3, 3),
        }
    print(json.dumps(out, ensure_ascii=False, indent=2))
    if args.out:
        args.out.write_text(json.dumps(out, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
