"""Validity check for injection_blind6 (format only; runs no detector).

Usage: python bench/data/injection_blind6/check_blind6.py
Checks: both files load with yaml.safe_load; required keys and allowed
`kind` values; ids unique and well-formed; texts unique after NFKC and
whitespace removal (across both files); technique slugs unique; reports
the highest character-3-gram Jaccard within attacks, within benign and
between the two files (fails if a within-file pair exceeds 0.40).
"""
import itertools
import pathlib
import re
import sys
import unicodedata

import yaml

HERE = pathlib.Path(__file__).resolve().parent


def norm(t):
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", t))


def grams(t):
    t = norm(t)
    return {t[i:i + 3] for i in range(max(1, len(t) - 2))}


def jac(a, b):
    return len(a & b) / len(a | b) if a | b else 0.0


def main():
    atk = yaml.safe_load((HERE / "attacks_ja.yaml").read_text(encoding="utf-8"))["attacks"]
    ben = yaml.safe_load((HERE / "benign_ja.yaml").read_text(encoding="utf-8"))["benign"]
    errors = []
    for e in atk:
        if set(e) != {"id", "text", "kind", "technique", "note"}:
            errors.append(f"keys {e.get('id')}")
        if e["kind"] not in ("direct", "document"):
            errors.append(f"kind {e['id']}")
        if not re.fullmatch(r"b6-atk-\d{3}", e["id"]):
            errors.append(f"id {e['id']}")
    for e in ben:
        if set(e) != {"id", "text", "kind", "note"}:
            errors.append(f"keys {e.get('id')}")
        if e["kind"] not in ("prompt", "document", "system"):
            errors.append(f"kind {e['id']}")
        if not re.fullmatch(r"b6-ben-\d{3}", e["id"]):
            errors.append(f"id {e['id']}")
    ids = [e["id"] for e in atk + ben]
    if len(ids) != len(set(ids)):
        errors.append("duplicate ids")
    texts = [norm(e["text"]) for e in atk + ben]
    if len(texts) != len(set(texts)):
        errors.append("duplicate texts")
    slugs = [e["technique"] for e in atk]
    if len(slugs) != len(set(slugs)):
        errors.append("duplicate technique slugs")
    ga = [grams(e["text"]) for e in atk]
    gb = [grams(e["text"]) for e in ben]

    def worst(xs, ys=None):
        pairs = itertools.combinations(range(len(xs)), 2) if ys is None else itertools.product(range(len(xs)), range(len(ys)))
        ys = xs if ys is None else ys
        return max(((jac(xs[i], ys[j]), i, j) for i, j in pairs), default=(0, 0, 0))

    wa, wb, wx = worst(ga), worst(gb), worst(ga, gb)
    print(f"attacks {len(atk)}, benign {len(ben)}")
    print(f"max Jaccard attack-attack {wa[0]:.2f} ({atk[wa[1]]['id']}, {atk[wa[2]]['id']})")
    print(f"max Jaccard benign-benign {wb[0]:.2f} ({ben[wb[1]]['id']}, {ben[wb[2]]['id']})")
    print(f"max Jaccard attack-benign {wx[0]:.2f} ({atk[wx[1]]['id']}, {ben[wx[2]]['id']})")
    if wa[0] > 0.40 or wb[0] > 0.40:
        errors.append("within-file near duplicate above 0.40")
    for e in errors:
        print("ERROR", e)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
