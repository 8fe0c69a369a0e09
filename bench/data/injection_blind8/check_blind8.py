#!/usr/bin/env python3
"""Format and uniqueness check for blind set 8. It scores nothing.

Run: python3 check_blind8.py   (exits non-zero on any problem)
"""
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
ATK_FIELDS = {"id", "text", "kind", "technique", "note"}
BEN_FIELDS = {"id", "text", "kind", "note"}
ATK_KINDS = {"direct", "document"}
BEN_KINDS = {"prompt", "document", "system"}
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
URL = re.compile(r"https?://([^/\s\"'<>)）」]+)", re.I)
EMAIL = re.compile(r"[\w.+-]+@((?:[\w-]+\.)+[A-Za-z]{2,})")
BARE_HOST = re.compile(r"\b((?:[a-z0-9-]+\.)+(?:com|jp|org|net|io|info|biz|co))\b", re.I)
PHONE = re.compile(r"(?<![\d-])0\d{1,4}-\d{1,4}-\d{3,4}(?![\d-])|(?<![\d-])\d{2,4}-\d{2,4}-\d{4}(?![\d-])")
ALLOWED_HOSTS = ("example.com", "example.jp", "example.org")
MIN_LEN, MAX_LEN = 20, 1500
MIN_SYSTEM = 90

problems = []


def err(msg):
    problems.append(msg)


def host_ok(h):
    h = h.lower().split(":")[0].rstrip(".")
    return any(h == a or h.endswith("." + a) for a in ALLOWED_HOSTS)


def norm(t):
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", t))


def check_block_scalars(path, n):
    raw = path.read_text(encoding="utf-8")
    k = len(re.findall(r"^  text: \|-$", raw, re.M))
    if k != n:
        err(f"{path.name}: {k} texts written as '|-' block scalars, expected {n}")


def load(name, key, prefix, fields, kinds, is_atk):
    path = HERE / name
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or set(data) != {key}:
        err(f"{name}: top-level key must be exactly '{key}'")
        return []
    items = data[key]
    check_block_scalars(path, len(items))
    for i, it in enumerate(items, 1):
        want = f"{prefix}-{i:03d}"
        if not isinstance(it, dict):
            err(f"{name}#{i}: not a mapping")
            continue
        if set(it) != fields:
            err(f"{name} {it.get('id')}: fields {sorted(it)} != {sorted(fields)}")
        if it.get("id") != want:
            err(f"{name}#{i}: id {it.get('id')!r}, expected {want}")
        t = it.get("text")
        if not isinstance(t, str):
            err(f"{want}: text is not a string")
            continue
        if not (MIN_LEN <= len(t) <= MAX_LEN):
            err(f"{want}: text length {len(t)} outside {MIN_LEN}-{MAX_LEN}")
        if it.get("kind") not in kinds:
            err(f"{want}: kind {it.get('kind')!r}")
        if not isinstance(it.get("note"), str) or not it["note"].strip():
            err(f"{want}: empty note")
        if is_atk and not SLUG.match(str(it.get("technique", ""))):
            err(f"{want}: technique {it.get('technique')!r} is not a lowercase slug")
        for h in URL.findall(t):
            if not host_ok(h):
                err(f"{want}: URL host {h}")
        for h in EMAIL.findall(t):
            if not host_ok(h):
                err(f"{want}: e-mail domain {h}")
        for h in BARE_HOST.findall(t):
            if not host_ok(h):
                err(f"{want}: host-like name {h}")
        for p in PHONE.findall(t):
            if p != "000-0000-0000":
                err(f"{want}: phone-like number {p}")
    return items


def main():
    atk = load("attacks_ja.yaml", "attacks", "b8-atk", ATK_FIELDS, ATK_KINDS, True)
    ben = load("benign_ja.yaml", "benign", "b8-ben", BEN_FIELDS, BEN_KINDS, False)
    seen_exact, seen_norm = {}, {}
    for it in atk + ben:
        t = it.get("text", "")
        for table, k in ((seen_exact, t), (seen_norm, norm(t))):
            if k in table:
                err(f"{it.get('id')}: same text as {table[k]}")
            else:
                table[k] = it.get("id")
    bk = Counter(b.get("kind") for b in ben)
    if bk["system"] < MIN_SYSTEM:
        err(f"only {bk['system']} system prompts (need >= {MIN_SYSTEM})")
    ak = Counter(a.get("kind") for a in atk)
    fam = Counter(str(a.get("technique", "")).split("-")[0] for a in atk)
    lens = [len(x.get("text", "")) for x in atk + ben]
    print(f"attacks: {len(atk)} {dict(ak)}")
    print(f"benign:  {len(ben)} {dict(bk)}")
    print(f"technique families ({len(fam)}): " + ", ".join(f"{k} {v}" for k, v in fam.most_common()))
    print(f"distinct techniques: {len(set(a.get('technique') for a in atk))}")
    if lens:
        print(f"text length: min {min(lens)}, max {max(lens)}, median {sorted(lens)[len(lens)//2]}")
    if problems:
        print(f"\n{len(problems)} problem(s):")
        for p in problems:
            print("  " + p)
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
