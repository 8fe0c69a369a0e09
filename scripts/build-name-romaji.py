"""Build the romaji name lists of src/hinagata/detect/data/ from sudachidict-core.

The romaji recognizer (hinagata.detect.names) needs to know which Latin words are Japanese
surnames and given names. SudachiPy's core dictionary, already a dependency, has a kana
reading for each of its 人名 entries (姓: ~100k entries, 名: ~130k). This script reads them,
writes each reading in Hepburn romaji and stores its lookup key (``romaji_key``: lower case,
long vowels and spelling variants folded, so Satō, Satou, Satoh and Sato are one key):

- ``romaji_names.txt.gz``: one key a line, ``s KEY`` (surname), ``g KEY`` (given name) or
  ``b KEY`` (both), sorted; gzip without a timestamp, so the same dictionary version always
  gives the same bytes.
- ``romaji_english.txt``: the common English words and names (Debian's ``wamerican-small``
  word list) whose key is also a name key (mine, sake, tone, june, …). A pair of two such
  words (``Take Note``, ``In June``) is not taken as a name without an honorific.

``romaji_function_words.txt`` beside them is written by hand: English closed-class words
(in, on, to, no…) that are never part of a romaji name without an honorific.

    apt-get install wamerican-small    # /usr/share/dict/american-english-small
    .venv/bin/python scripts/build-name-romaji.py

Nothing downloads at run time; run this only when the dictionary is upgraded.
"""

from __future__ import annotations

import argparse
import gzip
import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from hinagata.detect.names import hepburn, romaji_key  # noqa: E402

DATA = ROOT / "src" / "hinagata" / "detect" / "data"
WORDS = Path("/usr/share/dict/american-english-small")


def build(words_path: Path) -> tuple[bytes, str, dict[str, int]]:
    from sudachipy import Dictionary

    dictionary = Dictionary(dict="core")
    kinds: dict[str, set[str]] = {}
    for m in dictionary.entries():
        pos = m.part_of_speech()
        if pos[2] != "人名" or pos[3] not in ("姓", "名"):
            continue
        roman = hepburn(m.reading_form())
        if roman is None:
            continue
        key = romaji_key(roman)
        if len(key) < 2:
            continue
        kinds.setdefault(key, set()).add("s" if pos[3] == "姓" else "g")
    lines = []
    for key in sorted(kinds):
        k = kinds[key]
        lines.append(f"{'b' if len(k) == 2 else next(iter(k))} {key}")
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0, filename="") as gz:
        gz.write(("\n".join(lines) + "\n").encode("ascii"))
    english = set()
    for w in words_path.read_text(encoding="utf-8").split():
        if w.isascii() and w.isalpha() and len(w) >= 2 and romaji_key(w) in kinds:
            english.add(w.lower())
    stop = (
        "# Common English words (wamerican-small) whose romaji key is also a Japanese name.\n"
        "# Built by scripts/build-name-romaji.py; a pair of two of these is not a name.\n"
        + "\n".join(sorted(english))
        + "\n"
    )
    stats = {
        "keys": len(kinds),
        "surname": sum("s" in k for k in kinds.values()),
        "given": sum("g" in k for k in kinds.values()),
        "english": len(english),
    }
    return buf.getvalue(), stop, stats


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--words", type=Path, default=WORDS)
    args = ap.parse_args()
    if not args.words.exists():
        sys.exit(f"{args.words}: missing (apt-get install wamerican-small)")
    names, stop, stats = build(args.words)
    (DATA / "romaji_names.txt.gz").write_bytes(names)
    (DATA / "romaji_english.txt").write_text(stop, encoding="utf-8")
    print(stats)


if __name__ == "__main__":
    main()
