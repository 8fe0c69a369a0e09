"""Person-name accuracy on the NE corpora (人名 spans), side by side with Presidio+GiNZA.

Tuning used only the stockmark 'tune' split (70 % of articles by curid hash). Figures are
reported on the stockmark 'test' split and on two corpora never used for tuning: ku-nlp
Wikipedia annotated NE and UD Japanese GSD NE (the first --cross N sentences of each,
train and dev splits together, in file order).

    bench/.venv/bin/python bench/names.py [--baseline] [--split test|tune] [--limit N]
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable, Iterator
from pathlib import Path

from _common import DATA, PR, need, score_spans, script_of, split_of, write_result
from hinagata import scan

Sentence = tuple[str, list[tuple[int, int, str]]]


def stockmark(split: str) -> Iterator[Sentence]:
    rows = json.loads(need(DATA / "stockmark_ner_wikipedia" / "ner.json").read_text("utf-8"))
    for r in rows:
        if split_of(str(r["curid"])) != split:
            continue
        gold = [
            (e["span"][0], e["span"][1], e["name"]) for e in r["entities"] if e["type"] == "人名"
        ]
        yield r["text"], gold


def jsonl_persons(path: Path) -> Iterator[Sentence]:
    """Sentences of a JSON-lines NE corpus with their PERSON spans (ku-nlp, UD GSD)."""
    for line in need(path).open(encoding="utf-8"):
        r = json.loads(line)
        gold = [
            (e["span"][0], e["span"][1], e["name"]) for e in r["entities"] if e["type"] == "PERSON"
        ]
        yield r["text"], gold


def hinagata_names(text: str) -> list[tuple[int, int]]:
    return [(f.start, f.end) for f in scan(text) if f.type == "PERSON_NAME"]


def presidio_names() -> Callable[[str], list[tuple[int, int]]]:
    from _baseline import presidio_engine

    engine = presidio_engine()

    def run(text: str) -> list[tuple[int, int]]:
        return [
            (r.start, r.end) for r in engine.analyze(text=text, language="ja", entities=["PERSON"])
        ]

    return run


def evaluate(
    sentences: list[Sentence], detect: Callable[[str], list[tuple[int, int]]]
) -> dict[str, object]:
    lenient, strict = PR(), PR()
    by_script: dict[str, PR] = {}
    for text, gold in sentences:
        pred = detect(text)
        score_spans([(s, e) for s, e, _ in gold], pred, lenient, strict)
        # Recall by the script of the gold name; precision is not split (a false positive has no script).
        for s, e, name in gold:
            pr = by_script.setdefault(script_of(name), PR())
            if any(ps < e and s < pe for ps, pe in pred):
                pr.tp += 1
            else:
                pr.fn += 1
    return {
        "sentences": len(sentences),
        "gold_names": sum(len(g) for _, g in sentences),
        "lenient": lenient.as_dict(),
        "strict": strict.as_dict(),
        "recall_by_script": {
            k: {"gold": v.tp + v.fn, "recall": round(v.recall, 4)}
            for k, v in sorted(by_script.items())
        },
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", default="test", choices=["test", "tune"])
    ap.add_argument("--baseline", action="store_true", help="also run Presidio+GiNZA (slow)")
    ap.add_argument("--limit", type=int, default=0, help="sentences per corpus (0 = all)")
    ap.add_argument("--cross", type=int, default=3000, help="sentences of each cross-corpus set")
    ap.add_argument("--show-errors", type=int, default=0)
    args = ap.parse_args()

    corpora = {
        f"stockmark_{args.split}": list(stockmark(args.split)),
        "ku": list(jsonl_persons(DATA / "ku_wikipedia_annotated_ne" / "wac_ne.jsonl"))[
            : args.cross
        ],
        "gsd": list(jsonl_persons(DATA / "ud_japanese_gsd_ne" / "gsd_ne.jsonl"))[: args.cross],
    }
    if args.limit:
        corpora = {k: v[: args.limit] for k, v in corpora.items()}
    results: dict[str, object] = {}
    systems: dict[str, Callable[[str], list[tuple[int, int]]]] = {"hinagata": hinagata_names}
    if args.baseline:
        systems["presidio_ginza"] = presidio_names()
    for cname, sents in corpora.items():
        for sname, fn in systems.items():
            res = evaluate(sents, fn)
            results[f"{cname}/{sname}"] = res
            le = res["lenient"]
            st = res["strict"]
            print(
                f"{cname:16s} {sname:15s} n={res['gold_names']:5d}  lenient P={le['precision']:.3f} R={le['recall']:.3f}"  # type: ignore[index]
                f"  strict P={st['precision']:.3f} R={st['recall']:.3f}  by script {res['recall_by_script']}"  # type: ignore[index]
            )
    if args.show_errors:
        shown = 0
        for text, gold in corpora[f"stockmark_{args.split}"]:
            pred = hinagata_names(text)
            g = [(s, e) for s, e, _ in gold]
            fn = [text[s:e] for s, e in g if not any(ps < e and s < pe for ps, pe in pred)]
            fp = [text[s:e] for s, e in pred if not any(gs < e and s < ge for gs, ge in g)]
            if fn or fp:
                print(f"FN={fn} FP={fp} | {text[:120]}")
                shown += 1
                if shown >= args.show_errors:
                    break
    flags = " ".join(f"--{k}" for k, v in vars(args).items() if v is True)
    command = f"bench/names.py --split {args.split} --cross {args.cross} {flags}".strip()
    write_result(f"names_{args.split}", {"command": command, "results": results})


if __name__ == "__main__":
    main()
