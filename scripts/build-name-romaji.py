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
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from hinagata.detect.names import romaji_key  # noqa: E402

DATA = ROOT / "src" / "hinagata" / "detect" / "data"
WORDS = Path("/usr/share/dict/american-english-small")

_BASE = {
    "ア": "a", "イ": "i", "ウ": "u", "エ": "e", "オ": "o",
    "カ": "ka", "キ": "ki", "ク": "ku", "ケ": "ke", "コ": "ko",
    "サ": "sa", "シ": "shi", "ス": "su", "セ": "se", "ソ": "so",
    "タ": "ta", "チ": "chi", "ツ": "tsu", "テ": "te", "ト": "to",
    "ナ": "na", "ニ": "ni", "ヌ": "nu", "ネ": "ne", "ノ": "no",
    "ハ": "ha", "ヒ": "hi", "フ": "fu", "ヘ": "he", "ホ": "ho",
    "マ": "ma", "ミ": "mi", "ム": "mu", "メ": "me", "モ": "mo",
    "ヤ": "ya", "ユ": "yu", "ヨ": "yo",
    "ラ": "ra", "リ": "ri", "ル": "ru", "レ": "re", "ロ": "ro",
    "ワ": "wa", "ヰ": "i", "ヱ": "e", "ヲ": "o", "ン": "n",
    "ガ": "ga", "ギ": "gi", "グ": "gu", "ゲ": "ge", "ゴ": "go",
    "ザ": "za", "ジ": "ji", "ズ": "zu", "ゼ": "ze", "ゾ": "zo",
    "ダ": "da", "ヂ": "ji", "ヅ": "zu", "デ": "de", "ド": "do",
    "バ": "ba", "ビ": "bi", "ブ": "bu", "ベ": "be", "ボ": "bo",
    "パ": "pa", "ピ": "pi", "プ": "pu", "ペ": "pe", "ポ": "po",
    "ヴ": "vu",
    "ァ": "a", "ィ": "i", "ゥ": "u", "ェ": "e", "ォ": "o",
}  # fmt: skip
_YOON = {"ャ": "a", "ュ": "u", "ョ": "o"}
_SMALL_VOWEL = {"ァ": "a", "ィ": "i", "ゥ": "u", "ェ": "e", "ォ": "o"}
_KATAKANA = re.compile(r"^[\u30a1-\u30fa\u30fc]+$")


def hepburn(kana: str) -> str | None:
    """Hepburn romaji of a katakana reading (None when it has other characters).

    >>> hepburn("サトウ"), hepburn("キョウコ"), hepburn("イチロー"), hepburn("ハットリ")
    ('satou', 'kyouko', 'ichiroo', 'hattori')
    """
    if not _KATAKANA.match(kana):
        return None
    out: list[str] = []
    geminate = False
    i = 0
    while i < len(kana):
        c = kana[i]
        nxt = kana[i + 1] if i + 1 < len(kana) else ""
        if c == "ッ":
            geminate = True
            i += 1
            continue
        if c == "ー":
            if out and out[-1][-1] in "aiueo":
                out.append(out[-1][-1])
            i += 1
            continue
        syl = _BASE.get(c)
        if syl is None:
            return None
        if nxt in _YOON and syl.endswith("i") and syl not in ("i",):
            head = syl[:-1]
            glide = "" if head in ("sh", "ch", "j") else "y"
            syl = head + glide + _YOON[nxt]
            i += 1
        elif nxt in _SMALL_VOWEL and syl[-1] in "aiueo" and len(syl) > 1:
            syl = syl[:-1] + _SMALL_VOWEL[nxt]  # ティ ti, ファ fa (foreign sounds)
            i += 1
        if geminate:
            syl = ("t" if syl.startswith("ch") else syl[0]) + syl
            geminate = False
        out.append(syl)
        i += 1
    return "".join(out)


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
