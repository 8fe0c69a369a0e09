"""Health terms (要配慮: 病歴) on JMED-LLM (CC BY 4.0): case reports and mock posts.

- MRNER-disease (100 reports; used for tuning) and CRNER disease rows (held out):
  gold = the disease/symptom expressions of each report. Recall = gold expressions that a
  SENSITIVE finding overlaps. "Precision" = SENSITIVE findings that overlap a gold
  expression; it understates real precision because the gold lists only *positive
  findings of disease*, while 要配慮 also covers treatment words (手術, 投与, 診断).
- SMDIS mock posts: share of posts flagged (any SENSITIVE finding), for posts that report
  a symptom (any_positive) and for the others, which still talk about health.

    .venv/bin/python bench/health.py
"""

from __future__ import annotations

import ast
import csv
import json
import re

from _common import DATA, PR, need, write_result
from hinagata import scan

_QUOTE = re.compile(r"「(.*)」", re.DOTALL)


def reports(name: str, tag: str | None = None) -> list[tuple[str, list[str]]]:
    path = need(DATA / "jmed_llm_health" / name)
    out: list[tuple[str, list[str]]] = []
    with path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if tag and row["tag"] != tag:
                continue
            m = _QUOTE.search(row["question"])
            if not m:
                continue
            out.append((m.group(1), [t for t in ast.literal_eval(row["answer"]) if t]))
    return out


def evaluate(docs: list[tuple[str, list[str]]]) -> dict[str, object]:
    pr = PR()
    flagged = 0
    for text, gold_terms in docs:
        spans = []
        for term in set(gold_terms):
            i = text.find(term)
            if i >= 0:
                spans.append((i, i + len(term)))
        found = [(f.start, f.end) for f in scan(text) if f.type == "SENSITIVE"]
        flagged += bool(found)
        pr.tp += sum(1 for g in spans if any(g[0] < e and s < g[1] for s, e in found))
        pr.fn += sum(1 for g in spans if not any(g[0] < e and s < g[1] for s, e in found))
        pr.fp += sum(1 for s, e in found if not any(g[0] < e and s < g[1] for g in spans))
    d = pr.as_dict()
    d["documents"] = len(docs)
    d["documents_flagged"] = flagged
    return d


def posts() -> dict[str, object]:
    path = need(DATA / "jmed_llm_health" / "smdis_tweets.jsonl")
    pos = neg = pos_hit = neg_hit = 0
    for line in path.open(encoding="utf-8"):
        r = json.loads(line)
        hit = any(f.type == "SENSITIVE" for f in scan(r["text"]))
        if r["any_positive"]:
            pos += 1
            pos_hit += hit
        else:
            neg += 1
            neg_hit += hit
    return {
        "positive_posts": pos,
        "flagged_positive": round(pos_hit / pos, 4),
        "other_health_posts": neg,
        "flagged_other": round(neg_hit / neg, 4),
    }


def main() -> None:
    result = {
        "mrner_disease_tune": evaluate(reports("mrner_disease.csv")),
        "crner_disease_test": evaluate(reports("CRNER.csv", tag="d")),
        "smdis_posts": posts(),
    }
    for k, v in result.items():
        print(k, v)
    write_result("health_jmed", {"command": "bench/health.py", "results": result})


if __name__ == "__main__":
    main()
