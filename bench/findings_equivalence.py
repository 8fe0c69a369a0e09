"""Findings equivalence: does this engine find exactly what another one finds?

A speed change to detection must not change a single finding. This records, for a large
corpus of Japanese texts, every finding of ``scan`` (type, start, end, text, score to the
last bit, personal, category, detail), the normalised text, and the judgment of ``check``
(the decision's JSON, the masked text, the assessment) for three services, once with each
of two engines, each in its own process on its own ``src`` folder, and lists every text
where the two differ.

    git worktree add /tmp/wt-d HEAD            # the baseline engine
    .venv/bin/python bench/findings_equivalence.py --baseline-src /tmp/wt-d/src

``--engine-src DIR`` times the other side from another ``src`` folder than this
checkout's (for instance the baseline tree with only the detection packages replaced,
so that others' unrelated uncommitted work cannot show up as a difference).
``--cache FILE`` keeps the baseline's record between runs (it is recomputed when the
corpus changes; ``--texts`` reads the corpus an earlier run wrote, so that tests edited
meanwhile do not change it). The corpus: every text of bench/data/judgment_dev, the string constants
with Japanese in them of tests/test_*.py, bench/data's Japanese texts, sentences and
documents of ../shared/data (Wikipedia NER sets, Yaizu city open data, medical NER,
MT-bench, JGLUE), the 1,000-character texts of bench/judgment.py, the case-record
documents of bench/throughput.py, and generated mixes of all of them up to 9,000
characters (past the 4,000-character chunking of the tokeniser).
"""

from __future__ import annotations

import argparse
import ast
import hashlib
import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from _common import DATA, ROOT, write_result

_JA = range(0x3040, 0x9FFF + 1)
SERVICES = ("example-domestic-lgwan", "example-foreign-japan-region", "example-consumer-chat")


def _has_japanese(s: str) -> bool:
    return any(ord(c) in _JA for c in s)


def _strings_in_tests() -> list[str]:
    out: list[str] = []
    for path in sorted((ROOT / "tests").glob("test_*.py")):
        try:
            tree = ast.parse(path.read_text("utf-8"))
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and _has_japanese(node.value)
                and len(node.value) <= 20000
            ):
                out.append(node.value)
    return out


def _strings_in(value: Any) -> list[str]:
    """Every Japanese string inside parsed JSON or YAML."""
    if isinstance(value, str):
        return [value] if _has_japanese(value) else []
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings_in(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings_in(v)]
    return []


def _lines(path: Path, limit: int) -> list[str]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8", errors="replace") as fh:
        out = []
        for line in fh:
            if len(out) >= limit:
                break
            if _has_japanese(line):
                out.append(line.rstrip("\n"))
        return out


def _shared_texts() -> list[str]:
    """Japanese sentences and documents of ../shared/data (those present)."""
    out: list[str] = []
    ner = DATA / "stockmark_ner_wikipedia" / "ner.json"
    if ner.exists():
        out += [r["text"] for r in json.loads(ner.read_text("utf-8"))]
    for sub, pattern, limit in (
        ("ku_wikipedia_annotated_ne", "**/*", 3000),
        ("ud_japanese_gsd_ne", "**/*", 3000),
        ("yaizu_city_opendata", "**/*", 3000),
        ("jmed_llm_health", "*.csv", 1500),
        ("jmed_llm_health", "*.jsonl", 1500),
        ("japanese_mt_bench", "*.jsonl", 500),
        ("jglue_benign_ja", "**/*", 2000),
    ):
        for path in sorted((DATA / sub).glob(pattern)):
            if not path.is_file() or path.stat().st_size > 50_000_000:
                continue
            if path.suffix in {".jsonl", ".json"}:
                for line in _lines(path, limit):
                    try:
                        out += _strings_in(json.loads(line))
                    except ValueError:
                        out.append(line)
            elif path.suffix in {".txt", ".csv", ".tsv", ".conllu", ".md", ".knp", ""}:
                out += [ln for ln in _lines(path, limit) if not ln.startswith("#")]
    return out


def corpus() -> list[str]:
    """The texts, deterministic for a given checkout and data folder."""
    sys.path.insert(0, str(ROOT / "bench"))
    texts: list[str] = []
    for path in sorted((ROOT / "bench" / "data" / "judgment_dev").glob("*.jsonl")):
        for line in path.read_text("utf-8").splitlines():
            if line.strip():
                texts.append(json.loads(line)["text"])
    dev = list(texts)
    texts += _strings_in_tests()
    import yaml

    for path in sorted((ROOT / "bench" / "data").rglob("*")):
        if "judgment_dev" in path.parts or not path.is_file():
            continue
        if path.suffix in {".yaml", ".yml"}:
            texts += _strings_in(yaml.safe_load(path.read_text("utf-8")))
        elif path.suffix in {".txt", ".jsonl"}:
            texts += [ln for ln in path.read_text("utf-8").splitlines() if _has_japanese(ln)]
    texts += [
        ln
        for ln in (ROOT / "tests" / "data" / "admin_prose_ja.txt").read_text("utf-8").splitlines()
    ]
    for path in sorted((ROOT / "src" / "hinagata" / "examples").glob("*.txt")):
        texts.append(path.read_text("utf-8"))
    shared = _shared_texts()
    rng = random.Random(13)
    if len(shared) > 6000:
        shared = rng.sample(shared, 6000)
    texts += shared
    from judgment import bench_texts
    from throughput import documents

    texts += bench_texts(200)
    texts += documents(200)
    # Generated mixes: records and sentences glued with line breaks, spaces or nothing,
    # up to 9,000 characters (the tokeniser reads 4,000 at a time).
    pool = dev + shared[:2000]
    for i in range(400):
        size = rng.choice((300, 1000, 1000, 2500, 9000))
        glue = rng.choice(("\n", "", "　", "。", "\n\n"))
        parts: list[str] = []
        while sum(map(len, parts)) < size:
            parts.append(rng.choice(pool))
        texts.append(glue.join(parts)[:size] if i % 2 else glue.join(parts))
    seen: set[str] = set()
    out = []
    for t in texts:
        if t and t not in seen:
            seen.add(t)
            out.append(t)
    return out


def _key(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def record(texts: list[str], with_check: bool) -> dict[str, Any]:
    """This process's engine on every text (imported here: PYTHONPATH chooses it)."""
    import datetime as dt

    import hinagata
    from hinagata import check, scan
    from hinagata._check import national_policy
    from hinagata.text import normalize, normalize_for_detection

    policy = national_policy()
    services = [policy.catalog.get(s) for s in SERVICES]
    now = dt.datetime(2026, 12, 1, 12, 0, tzinfo=dt.UTC)
    out: dict[str, Any] = {}
    t0 = time.perf_counter()
    for text in texts:
        findings = [
            [f.type, f.start, f.end, f.text, repr(f.score), f.personal, f.category, f.detail]
            for f in scan(text)
        ]
        norm = normalize_for_detection(text)
        rec: dict[str, Any] = {
            "findings": findings,
            "normalize": normalize(text).text,
            "for_detection": norm.text,
            "back": [norm.span_to_original(i, i + 1) for i in range(0, len(norm.text), 97)],
        }
        if with_check:
            decisions = []
            for svc in services:
                d = check(text, svc, policy, now=now)
                decisions.append(
                    {
                        "json": json.dumps(d.to_dict(), ensure_ascii=False, sort_keys=True),
                        "masked_text": d.masked_text,
                        "assessment": repr(d.assessment),
                        "generalise": repr(d.generalise),
                        "findings": repr(d.findings),
                    }
                )
            rec["check"] = decisions
        out[_key(text)] = rec
    return {
        "engine": os.path.dirname(os.path.dirname(hinagata.__file__)),
        "seconds": round(time.perf_counter() - t0, 1),
        "texts": out,
    }


def _run_side(src: Path | None, texts_file: Path, out_file: Path, with_check: bool) -> None:
    env = dict(os.environ)
    if src is not None:
        env["PYTHONPATH"] = str(src)
    cmd = [sys.executable, __file__, "--worker", str(texts_file), "--out", str(out_file)]
    if not with_check:
        cmd.append("--no-check")
    subprocess.run(cmd, env=env, check=True)


def compare(a: dict[str, Any], b: dict[str, Any], texts: list[str]) -> list[dict[str, Any]]:
    diffs: list[dict[str, Any]] = []
    for text in texts:
        k = _key(text)
        ra, rb = a["texts"].get(k), b["texts"].get(k)
        if ra == rb:
            continue
        fields = sorted(
            f for f in set(ra or {}) | set(rb or {}) if (ra or {}).get(f) != (rb or {}).get(f)
        )
        diffs.append({"text": text[:200], "key": k, "fields": fields, "a": ra, "b": rb})
    return diffs


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--baseline-src", type=Path, help="src folder of the baseline engine")
    ap.add_argument("--engine-src", type=Path, help="src folder of the engine under test")
    ap.add_argument("--cache", type=Path, help="keep the baseline's record in this file")
    ap.add_argument("--no-check", action="store_true", help="findings only, no judgment")
    ap.add_argument("--limit", type=int, default=0, help="only the first N texts")
    ap.add_argument(
        "--texts",
        type=Path,
        help="a JSON list of texts instead of the corpus (one an earlier run wrote to TMPDIR)",
    )
    ap.add_argument("--worker", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker is not None:
        texts = json.loads(args.worker.read_text("utf-8"))
        args.out.write_text(json.dumps(record(texts, not args.no_check), ensure_ascii=False))
        return
    if args.baseline_src is None:
        ap.error("--baseline-src is required")
    texts = json.loads(args.texts.read_text("utf-8")) if args.texts else corpus()
    if args.limit:
        texts = texts[: args.limit]
    digest = hashlib.sha1(
        json.dumps([_key(t) for t in texts]).encode() + str(not args.no_check).encode()
    ).hexdigest()[:12]
    tmp = Path(os.environ.get("TMPDIR", "/tmp"))
    texts_file = tmp / f"equivalence_texts_{digest}.json"
    texts_file.write_text(json.dumps(texts, ensure_ascii=False), "utf-8")
    base_file = args.cache or tmp / f"equivalence_base_{digest}.json"
    base: dict[str, Any] | None = None
    if args.cache and base_file.exists():
        cached = json.loads(base_file.read_text("utf-8"))
        if cached.get("digest") == digest:
            base = cached
    if base is None:
        _run_side(args.baseline_src, texts_file, base_file, not args.no_check)
        base = json.loads(base_file.read_text("utf-8"))
        base["digest"] = digest
        base_file.write_text(json.dumps(base, ensure_ascii=False), "utf-8")
    new_file = tmp / f"equivalence_new_{digest}.json"
    _run_side(args.engine_src, texts_file, new_file, not args.no_check)
    new = json.loads(new_file.read_text("utf-8"))
    diffs = compare(base, new, texts)
    n_findings = sum(len(r["findings"]) for r in base["texts"].values())
    summary = {
        "texts": len(texts),
        "characters": sum(map(len, texts)),
        "findings": n_findings,
        "judgments": len(texts) * len(SERVICES) if not args.no_check else 0,
        "baseline": base["engine"],
        "engine": new["engine"],
        "seconds": {"baseline": base["seconds"], "engine": new["seconds"]},
        "differences": len(diffs),
    }
    print(json.dumps(summary, ensure_ascii=False, indent=1))
    for d in diffs[:20]:
        print(json.dumps(d, ensure_ascii=False)[:3000])
    write_result("findings_equivalence", {"summary": summary, "first_differences": diffs[:20]})
    raise SystemExit(1 if diffs else 0)


if __name__ == "__main__":
    main()
