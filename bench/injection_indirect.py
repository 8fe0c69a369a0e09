"""Indirect prompt injection: BIPIA contexts with attacks inserted, and PoisonedRAG.

BIPIA (../shared/data/bipia): its clean e-mail, table and code contexts, each alone and with
each attack string inserted at the start, the middle and the end; text attacks go into
e-mails and tables, code attacks into code answers. Scored as documents. BIPIA's train files
are the tune split and its test files the test split (its attack strings differ between
them); table contexts exist only in a test file and are split by hash.

For each attack category and insertion position: TPR at the shipped threshold and at the
highest threshold whose FPR on the clean contexts (BIPIA's, plus JGLUE's Japanese Wikipedia
paragraphs as benign RAG passages) is ≤ 1 %. Categories that are ordinary questions or
tasks ("Recommend a good book") are reported apart: no rule should catch them.

PoisonedRAG: 1,500 passages of plausible false facts; the detector should not fire.

    .venv/bin/python bench/injection_indirect.py [--split test|tune] [--show-misses N]
"""

from __future__ import annotations

import argparse
import random
import time
from collections import defaultdict

import _injection_data as data
from _common import write_result
from _injection_baseline import baseline_score
from hinagata.guard import InjectionDetector
from injection import _tpr_at_fpr

POSITIONS = ("start", "middle", "end")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", default="test", choices=["test", "tune"])
    ap.add_argument("--show-misses", type=int, default=0)
    ap.add_argument("--show-fp", action="store_true")
    args = ap.parse_args()
    det = InjectionDetector()
    th = det.rules.threshold
    contexts = data.bipia_contexts(args.split)
    attacks = data.bipia_attacks(args.split)
    innocuous = data.BIPIA_INNOCUOUS[args.split]
    paragraphs = [c for c in data.jglue_paragraphs() if c.split == args.split]

    chars = 0
    t0 = time.perf_counter()
    clean: list[float] = []
    clean_fp: list[str] = []
    for ctx in contexts:
        s = det.scan(ctx.text, "document").score
        clean.append(s)
        chars += len(ctx.text)
        if s >= th:
            clean_fp.append(ctx.key)
    para_scores = [det.scan(c.text, "document").score for c in paragraphs]
    chars += sum(len(c.text) for c in paragraphs)
    by: dict[tuple[str, str], list[float]] = defaultdict(list)
    base_by: dict[tuple[bool, str], list[float]] = defaultdict(list)
    base_clean = [baseline_score(c.text) for c in contexts] + [
        baseline_score(c.text) for c in paragraphs
    ]
    misses: list[tuple[str, str]] = []
    for ctx in contexts:
        family = "code" if ctx.task == "code" else "text"
        for cat, attack in attacks[family]:
            for pos in POSITIONS:
                doc = data.insert_at(ctx.text, attack, pos)
                s = det.scan(doc, "document").score
                chars += len(doc)
                by[(cat, pos)].append(s)
                base_by[(cat in innocuous, pos)].append(baseline_score(doc))
                if s < th and cat not in innocuous and pos == "middle":
                    misses.append((cat, attack))
    poisoned = data.poisonedrag()
    pr_scores = [det.scan(c.text, "document").score for c in poisoned]
    chars += sum(len(c.text) for c in poisoned)
    elapsed = time.perf_counter() - t0

    benign = clean + para_scores
    _, th1 = _tpr_at_fpr([1.0], benign)
    print(
        f"split={args.split} threshold={th} contexts={len(contexts)} paragraphs={len(paragraphs)}"
    )
    fpr_clean = sum(1 for s in clean if s >= th) / len(clean)
    fpr_para = sum(1 for s in para_scores if s >= th) / len(para_scores)
    print(
        f"  clean BIPIA contexts flagged {fpr_clean:.4f}; JGLUE paragraphs flagged {fpr_para:.4f}"
    )
    print(f"  threshold for FPR ≤ 1 % on the clean documents: {th1:.3f}")
    rows: dict[str, dict[str, object]] = {}
    cats = sorted({c for c, _ in by}, key=lambda c: (c in innocuous, c))
    agg: dict[tuple[bool, str], list[float]] = defaultdict(list)
    for cat in cats:
        row: dict[str, object] = {"innocuous": cat in innocuous}
        cells = []
        for pos in POSITIONS:
            v = by[(cat, pos)]
            tpr = sum(1 for s in v if s >= th) / len(v)
            tpr1 = sum(1 for s in v if s >= th1) / len(v)
            row[pos] = {"n": len(v), "tpr": round(tpr, 4), "tpr_at_fpr_1pct": round(tpr1, 4)}
            cells.append(f"{pos} {tpr:.2f}")
            agg[(cat in innocuous, pos)] += v
        rows[cat] = row
        mark = " (innocuous)" if cat in innocuous else ""
        print(f"    {cat[:44]:44s} {' | '.join(cells)}{mark}")
    summary = {}
    for (inn, pos), v in sorted(agg.items()):
        tpr = sum(1 for s in v if s >= th) / len(v)
        tpr1 = sum(1 for s in v if s >= th1) / len(v)
        label = "innocuous" if inn else "addressed"
        b = base_by[(inn, pos)]
        b_tpr = sum(b) / len(b)
        summary[f"{label}/{pos}"] = {
            "n": len(v),
            "tpr": round(tpr, 4),
            "tpr_at_fpr_1pct": round(tpr1, 4),
            "baseline_tpr": round(b_tpr, 4),
        }
        print(
            f"  {label:9s} {pos:6s} n={len(v):6d} TPR {tpr:.3f} | TPR@FPR≤1% {tpr1:.3f}"
            f" | baseline {b_tpr:.3f}"
        )
    b_fpr = sum(base_clean) / len(base_clean)
    b_pr = sum(baseline_score(c.text) for c in poisoned) / len(poisoned)
    print(f"  baseline phrase list: clean documents flagged {b_fpr:.4f}, PoisonedRAG {b_pr:.4f}")
    pr_rate = sum(1 for s in pr_scores if s >= th) / len(pr_scores)
    print(f"  PoisonedRAG passages flagged: {pr_rate:.4f} of {len(pr_scores)} (should be ~0)")
    print(f"  throughput: {chars / elapsed:,.0f} chars/s over {chars:,} chars")
    if args.show_misses:
        rnd = random.Random(0)
        uniq = sorted(set(misses))
        rnd.shuffle(uniq)
        for cat, a in uniq[: args.show_misses]:
            print(f"MISS {cat}: {a[:160]!r}")
    if args.show_fp:
        for key in clean_fp:
            print("FP", key)
    if args.split == "test":
        write_result(
            "injection_indirect",
            {
                "command": "bench/injection_indirect.py --split test",
                "results": {
                    "threshold": th,
                    "threshold_fpr_1pct": round(th1, 4),
                    "clean_contexts": len(contexts),
                    "clean_flagged": round(fpr_clean, 4),
                    "jglue_paragraphs": len(paragraphs),
                    "jglue_paragraphs_flagged": round(fpr_para, 4),
                    "categories": rows,
                    "summary": summary,
                    "poisonedrag_passages": len(pr_scores),
                    "poisonedrag_flagged": round(pr_rate, 4),
                    "throughput_chars_per_s": round(chars / elapsed),
                    "baseline_clean_flagged": round(b_fpr, 4),
                    "baseline_poisonedrag_flagged": round(b_pr, 4),
                },
            },
        )


if __name__ == "__main__":
    main()
