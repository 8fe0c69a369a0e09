#!/usr/bin/env python3
"""Format and uniqueness check for the sealed blind set injection_blind7.

Checks only the files' shape; it reads no detector and scores nothing.
Usage: python3 check_blind7.py   (exit status 0 when every check passes)
"""
from __future__ import annotations

import collections
import re
import sys
import unicodedata
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
FILES = {
    "attacks_ja.yaml": ("attacks", "b7-atk-", {"direct", "document"},
                        ("id", "text", "kind", "technique", "note")),
    "benign_ja.yaml": ("benign", "b7-ben-", {"prompt", "document", "system"},
                       ("id", "text", "kind", "note")),
}
MIN_LEN, MAX_LEN = 20, 1500
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
URL = re.compile(r"https?://([A-Za-z0-9.-]+)")
BARE_HOST = re.compile(r"\b((?:[A-Za-z0-9-]+\.)+(?:com|jp|org|net|io|info))\b")
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@([A-Za-z0-9.-]+\.[A-Za-z]{2,})")
PHONE = re.compile(r"(?<![0-9])0\d{1,4}-\d{1,4}-\d{3,4}(?![0-9])")
ALLOWED_HOST = re.compile(r"^(?:(?:[a-z0-9-]+\.)*example\.(?:com|jp|org)|example)$")  # bare "example": a URL split into parts
MIN_SYSTEM = 90


def norm(text: str) -> str:
    t = unicodedata.normalize("NFKC", text)
    return re.sub(r"\s+", "", t)


def main() -> int:
    errors: list[str] = []
    seen_text: dict[str, str] = {}
    seen_norm: dict[str, str] = {}
    summary: dict[str, collections.Counter] = {}
    families: collections.Counter = collections.Counter()
    lengths: dict[str, list[int]] = {}

    for fname, (key, prefix, kinds, fields) in FILES.items():
        path = HERE / fname
        raw = path.read_text(encoding="utf-8")
        # every text must be a literal block scalar (|-)
        for n, line in enumerate(raw.splitlines(), 1):
            if re.match(r"^\s+text:", line) and line.strip() != "text: |-":
                errors.append(f"{fname}:{n}: text is not a '|-' block scalar")
        data = yaml.safe_load(raw)
        if not isinstance(data, dict) or list(data) != [key]:
            errors.append(f"{fname}: top level must be exactly one key '{key}'")
            continue
        entries = data[key]
        if not isinstance(entries, list) or not entries:
            errors.append(f"{fname}: '{key}' must be a non-empty list")
            continue
        counts = summary.setdefault(fname, collections.Counter())
        lens = lengths.setdefault(fname, [])
        for i, e in enumerate(entries, 1):
            where = f"{fname}[{i}]"
            if not isinstance(e, dict):
                errors.append(f"{where}: entry is not a mapping")
                continue
            if tuple(e) != fields:
                errors.append(f"{where}: fields {tuple(e)} != {fields}")
            for f in fields:
                if not isinstance(e.get(f), str) or not e.get(f, "").strip():
                    errors.append(f"{where}: '{f}' missing or empty")
            want = f"{prefix}{i:03d}"
            if e.get("id") != want:
                errors.append(f"{where}: id {e.get('id')!r}, expected {want!r} (ids run 001.. in order)")
            if e.get("kind") not in kinds:
                errors.append(f"{where}: kind {e.get('kind')!r} not in {sorted(kinds)}")
            counts[e.get("kind")] += 1
            if "technique" in fields:
                tech = e.get("technique", "")
                if not SLUG.match(tech or ""):
                    errors.append(f"{where}: technique {tech!r} is not a lowercase slug")
                else:
                    families[tech.split("-")[0]] += 1
            text = e.get("text") or ""
            lens.append(len(text))
            if not MIN_LEN <= len(text) <= MAX_LEN:
                errors.append(f"{where}: text length {len(text)} outside {MIN_LEN}..{MAX_LEN}")
            if text != text.strip():
                errors.append(f"{where}: text has leading/trailing whitespace")
            nt = norm(text)
            if text in seen_text:
                errors.append(f"{where}: text duplicates {seen_text[text]}")
            elif nt in seen_norm:
                errors.append(f"{where}: text duplicates {seen_norm[nt]} up to spacing/width")
            seen_text.setdefault(text, e.get("id"))
            seen_norm.setdefault(nt, e.get("id"))
            # invented-content rules: only example.* hosts, only 000-0000-0000 phones
            for host in sorted(set(URL.findall(text) + BARE_HOST.findall(text) + EMAIL.findall(text))):
                if not ALLOWED_HOST.search(host.lower().rstrip(".")):
                    errors.append(f"{where}: host {host!r} is not example.com/.jp/.org")
            for ph in PHONE.findall(text):
                if ph != "000-0000-0000":
                    errors.append(f"{where}: phone-like {ph!r} is not 000-0000-0000")

    if summary.get("benign_ja.yaml", {}).get("system", 0) < MIN_SYSTEM:
        errors.append(f"fewer than {MIN_SYSTEM} system prompts in benign_ja.yaml")

    for fname, counts in summary.items():
        lens = sorted(lengths[fname])
        print(f"{fname}: {sum(counts.values())} entries, by kind {dict(sorted(counts.items()))}, "
              f"length min {lens[0]} median {lens[len(lens)//2]} max {lens[-1]}")
    print("attack technique families:", dict(families.most_common()))
    if errors:
        print(f"{len(errors)} problem(s):")
        for err in errors:
            print("  " + err)
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
