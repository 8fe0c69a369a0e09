"""Per-part detection against the joined scan (issue 13, item 4; ADR 0023).

Today a request's parts are joined with a line break and read as one text, plus the seams
across their boundaries. The finding cache (src/hinagata/judge/_cache.py) instead reuses
what each part's *window* (the part with its context, whole lines) gave when it was read
before. This script builds many multi-part requests from the invented records in the
repository — a record's lines or sentences as messages, records cut at random places,
conversations of several turns with system prompts, assistant answers and tool results,
RAG passages — and compares, finding for finding (type, span, text, score, personal,
category, detail):

* ``joined``: the joined scan (what ``read`` did before the cache) against every part read
  in its own window only (``alone``: the worst a cache filled by other requests can give);
* ``seams``: each order's seam scan against every joint read in its own window;
* ``turns``: conversations sent turn after turn through ``read`` with one warm cache
  shared by the whole corpus, against ``read`` without the cache, and the decision for
  each service of the catalog.

A *miss* is a finding of the joined scan the per-part reading lacks (it would weaken the
guarantee); an *extra* is one only the per-part reading has; a *changed* one has the same
type and span but another score, personal flag, category or detail. ``fallback`` counts
requests read whole because their document-level flags disagree with a window's.

Corpora: ``tune`` (the judgment development set's tune genres, the benign municipal
requests and system prompts whose id is divisible by 4, tests/data) — the windows and
flags were designed on it; ``fresh`` (the test and holdout genres, the other benign
requests and prompts, the blind injection sets' benign texts) — not looked at while
designing.

    .venv/bin/python bench/per_part_equivalence.py --corpus tune
    .venv/bin/python bench/per_part_equivalence.py --corpus fresh
"""

from __future__ import annotations

import argparse
import json
import random
import re
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from typing import Any

import yaml

from _common import ROOT, write_result
from hinagata._check import national_policy
from hinagata.detect import Finding, default_detector
from hinagata.judge import Part, _cache, boundary_findings, join, judge, read, seams

DEV = ROOT / "bench" / "data" / "judgment_dev"
BENIGN = ROOT / "bench" / "data" / "benign_municipal"

ASSISTANT = [
    "承知しました。以下のとおり整理します。",
    "ご相談の内容を要約すると、次の3点になります。\n1. 申請の期限\n2. 必要書類\n3. 窓口の受付時間",
    "転入届には本人確認書類と転出証明書が必要です。マイナンバーカードをお持ちの場合は、手続きが簡単になります。",
    "個人が特定される情報は伏せたうえで、記録の要点をまとめます。",
    "次の文案をご確認ください。\n\nお問い合わせいただいた件について、担当課より折り返しご連絡いたします。",
]
QUESTIONS = [
    "この記録を要約してください。",
    "上の内容をもとに、引き継ぎのメモを作って。",
    "次回の訪問で確認すべき点を箇条書きにしてください。",
    "この文章の誤字を直して。",
]


def _records(split: str) -> list[str]:
    genres = yaml.safe_load((DEV / "splits.yaml").read_text(encoding="utf-8"))
    names = genres["tune"] if split == "tune" else genres["test"] + genres["holdout"]
    out: list[str] = []
    for g in names:
        for line in (DEV / f"{g}.jsonl").read_text(encoding="utf-8").splitlines():
            if line.strip():
                out.append(json.loads(line)["text"])
    return out


def _benign(split: str) -> tuple[list[str], list[str]]:
    """(requests, system prompts): id divisible by 4 in tune, the others fresh."""

    def pick(items: list[dict[str, Any]]) -> list[str]:
        return [
            it["text"]
            for it in items
            if (int(re.sub(r"\D", "", it["id"])) % 4 == 0) == (split == "tune")
        ]

    req = yaml.safe_load((BENIGN / "requests_ja.yaml").read_text(encoding="utf-8"))["requests"]
    sys_ = yaml.safe_load((BENIGN / "system_prompts_ja.yaml").read_text(encoding="utf-8"))
    return pick(req), pick(sys_["system_prompts"])


def corpus(split: str) -> tuple[list[str], list[str], list[str]]:
    """(records, requests, system prompts) of a corpus."""
    records = _records(split)
    requests, prompts = _benign(split)
    if split == "tune":
        records += [
            p for p in (ROOT / "tests" / "data" / "admin_prose_ja.txt").read_text().split("\n\n")
        ]
    else:
        for d in sorted((ROOT / "bench" / "data").glob("injection_blind*")):
            f = d / "benign_ja.yaml"
            if f.exists():
                data = yaml.safe_load(f.read_text(encoding="utf-8"))
                requests += [b["text"] for b in data.get("benign", [])]
    return [r for r in records if r.strip()], requests, prompts


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[。！？])", text) if s]


def requests(split: str, seed: int) -> Iterator[tuple[str, list[Part]]]:
    """(shape, parts) of every request built from the corpus."""
    rng = random.Random(seed)
    records, reqs, prompts = corpus(split)
    for _ in range(len(reqs) // 4):
        yield "requests", [Part(x) for x in rng.sample(reqs, rng.randint(2, 5))]
    for r in records:
        lines = [x for x in r.split("\n")]
        if len(lines) > 1:
            yield "lines", [Part(x) for x in lines]
        sents = _sentences(r)
        if len(sents) > 1:
            yield "sentences", [Part(x) for x in sents]
        if len(r) > 8:
            cuts = sorted(rng.sample(range(1, len(r)), min(len(r) - 1, rng.randint(1, 3))))
            yield "cut", [Part(r[a:b]) for a, b in zip([0, *cuts], [*cuts, len(r)], strict=True)]
    for _ in range(len(records) // 2):
        n = rng.randint(2, 4)
        yield "records", [Part(x) for x in rng.sample(records, n)]
    for _ in range(len(records) // 4):
        # a long request: many records, each a part (its windows are far smaller than it)
        yield "many", [Part(x) for x in rng.sample(records, rng.randint(5, 12))]
        many = "\n".join(rng.sample(records, rng.randint(3, 6)))
        cuts = sorted(rng.sample(range(1, len(many)), rng.randint(3, 12)))
        yield (
            "many_cut",
            [Part(many[a:b]) for a, b in zip([0, *cuts], [*cuts, len(many)], strict=True)],
        )
        many_lines = [x for x in many.split("\n") if x]
        yield "many_lines", [Part(x) for x in many_lines]
    for _ in range(len(records) // 4):
        parts = [Part(rng.choice(prompts), "instruction", "instruction")]
        parts += [Part(x, "document") for x in rng.sample(records, rng.randint(1, 4))]
        parts.append(Part(rng.choice(QUESTIONS)))
        yield "rag", parts


def conversations(split: str, seed: int) -> Iterator[list[list[Part]]]:
    """Conversations, as the successive requests a chat client sends (whole history)."""
    rng = random.Random(seed + 1)
    records, reqs, prompts = corpus(split)
    for _ in range(max(20, len(records) // 6)):
        history = [Part(rng.choice(prompts), "prompt")]
        turns: list[list[Part]] = []
        for _t in range(rng.randint(2, 16)):
            pick = rng.random()
            if pick < 0.5:
                history.append(Part(rng.choice(records)))
            elif pick < 0.8:
                history.append(Part(rng.choice(reqs)))
            else:
                lines = rng.choice(records).split("\n")
                history += [Part(x) for x in lines[:3]]
            turns.append(list(history))
            history.append(Part(rng.choice(ASSISTANT + records[:5]), None))
            if rng.random() < 0.2:
                history.append(Part(rng.choice(records), "document"))  # a tool's result
        yield turns


def _row(f: Finding) -> tuple[Any, ...]:
    return (f.type, f.start, f.end, f.text, round(f.score, 9), f.personal, f.category, f.detail)


def compare(
    ref: Sequence[Finding],
    alt: Sequence[Finding],
    where: str,
    tally: Counter[str],
    log: list[Any],
    text: str,
) -> bool:
    a, b = Counter(map(_row, ref)), Counter(map(_row, alt))
    if a == b:
        return True
    spans_a = {(r[0], r[1], r[2]): r for r in a}
    spans_b = {(r[0], r[1], r[2]): r for r in b}
    for span, r in spans_a.items():
        if span not in spans_b:
            key = f"{where}:miss:{r[0]}:{r[6] or ''}"
        elif spans_b[span] != r:
            diff = [
                n
                for n, x, y in zip(
                    ("score", "personal", "category", "detail"),
                    r[4:],
                    spans_b[span][4:],
                    strict=True,
                )
                if x != y
            ]
            key = f"{where}:changed:{r[0]}:{r[6] or ''}:{'+'.join(diff)}"
        else:
            continue
        tally[key] += 1
        log.append((key, r[3], text[max(0, r[1] - 60) : r[2] + 30]))
    for span, r in spans_b.items():
        if span not in spans_a:
            key = f"{where}:extra:{r[0]}:{r[6] or ''}"
            tally[key] += 1
            log.append((key, r[3], text[max(0, r[1] - 60) : r[2] + 30]))
    return False


def _decision(d: Any) -> tuple[Any, ...]:
    return (
        d.verdict,
        d.information_class,
        d.masked_text,
        tuple(r.code for r in d.reasons),
        tuple(map(_row, d.findings)),
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", choices=("tune", "fresh"), default="tune")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--show", type=int, default=0, help="print this many differences")
    ap.add_argument("--before", type=int, default=_cache.CONTEXT_BEFORE)
    ap.add_argument("--after", type=int, default=_cache.CONTEXT_AFTER)
    ap.add_argument("--seam-context", type=int, default=_cache.SEAM_CONTEXT)
    ap.add_argument("--no-turns", action="store_true", help="skip the conversations")
    args = ap.parse_args()
    _cache.CONTEXT_BEFORE, _cache.CONTEXT_AFTER = args.before, args.after
    _cache.SEAM_CONTEXT = args.seam_context
    default = (args.before, args.after, args.seam_context) == (460, 120, 120)
    det = default_detector()
    policy = national_policy()
    services = ["example-domestic-lgwan", "example-foreign-japan-region", "example-consumer-chat"]
    tally: Counter[str] = Counter()
    shapes: Counter[str] = Counter()
    log: list[Any] = []
    stats: dict[str, int] = {}
    n_parts = n_findings = n_seam_orders = 0
    shared = _cache.FindingCache(size=1 << 20)
    t0 = time.perf_counter()
    for shape, parts in requests(args.corpus, args.seed):
        texts = [p.text for p in parts]
        joined, starts = join(texts)
        shapes[shape] += 1
        n_parts += len(parts)
        ref = det.scan(joined)
        n_findings += len(ref)
        alt = _cache.detect(texts, det, _cache.FindingCache(), alone=True, stats=stats)
        compare(ref, alt, "joined", tally, log, joined)
        # as in use: one cache for every request (a window read in another request reused)
        compare(ref, _cache.detect(texts, det, shared), "shared", tally, log, joined)
        for order in seams(texts, [p.kind for p in parts]):
            sub = [texts[i] for i in order]
            st = [starts[i] for i in order]
            n_seam_orders += 1
            r = boundary_findings(det.scan, sub, st)
            a = _cache.seam_findings(det, sub, st, _cache.FindingCache(), alone=True, stats=stats)
            compare(r, a, "seams", tally, log, joined)
    # Conversations turn after turn, one warm cache for the whole corpus.
    store = _cache.FindingCache(size=1 << 20)
    turns = requests_turns = decisions = 0
    for conv in [] if args.no_turns else conversations(args.corpus, args.seed):
        for parts in conv:
            turns += 1
            with _cache.disabled():
                fresh = read(parts)
            old = _cache._CACHE
            _cache._CACHE = store
            try:
                warm = read(parts)
            finally:
                _cache._CACHE = old
            joined, _ = join(list(fresh.texts))
            if compare(fresh.findings, warm.findings, "turns", tally, log, joined):
                requests_turns += 1
            for svc in services:
                dj = judge(fresh, svc, policy, per_part=False).decision
                dw = judge(warm, svc, policy, per_part=False).decision
                decisions += 1
                if _decision(dj) != _decision(dw):
                    tally["turns:decision_differs"] += 1
    result = {
        "corpus": args.corpus,
        "context": {"before": args.before, "after": args.after, "seam": args.seam_context},
        "requests": dict(shapes),
        "parts": n_parts,
        "findings_joined": n_findings,
        "seam_orders": n_seam_orders,
        "fallback_requests": stats,
        "conversation_turns": turns,
        "turns_identical": requests_turns,
        "decisions_compared": decisions,
        "cache_shared": {
            "hits": shared.hits,
            "misses": shared.misses,
            "fallbacks": shared.fallbacks,
        },
        "cache_turns": {"hits": store.hits, "misses": store.misses, "fallbacks": store.fallbacks},
        "differences": dict(sorted(tally.items())),
        "misses": sum(v for k, v in tally.items() if ":miss:" in k),
        "extras": sum(v for k, v in tally.items() if ":extra:" in k),
        "changed": sum(v for k, v in tally.items() if ":changed:" in k),
        "seconds": round(time.perf_counter() - t0, 1),
    }
    print(json.dumps(result, ensure_ascii=False, indent=1))
    for row in log[: args.show]:
        print(row)
    if not default:
        return  # a sensitivity run: printed, not kept
    write_result(
        f"per_part_{args.corpus}",
        {
            "command": f"bench/per_part_equivalence.py --corpus {args.corpus} --seed {args.seed}",
            "results": result,
        },
    )


if __name__ == "__main__":
    main()
