"""Complete addresses: recall on grids and on hand-written forms (issue 11).

Four measures, each "found" when one ADDRESS finding covers the whole address string:

- ``gazetteer_grid``: every 町域 of three sample prefectures (神奈川県, 長野県, 東京都) in
  the gazetteer, each in one of seven block forms (三丁目12番5号, 3-12-5, 12番地,
  full-width 番地の, full-width 丁目 with a hyphen, a building and room, 五番地の二),
  inside 「住所：…」. Regression test of the data + recognizer, not an independent list.
- ``common_grid``: the issue's grid — 25 common town names (本町, 中央, 旭町, 宮本町, 栄町,
  大字…, 字…) × 8 cities × 6 block forms, whether or not the town exists in that city.
- ``independent``: the team's hand-written list (bench/data/addresses_handwritten.yaml, 185
  addresses with their precision, written for the judgment evaluation and not derived from
  Japan Post's data): found whole (a leading 〒 code is its own POSTAL_CODE finding), by
  gold precision, and whether the reported precision agrees;
- ``handwritten``: invented 小字/丁目/番地 forms in the sentences case records write them in
  (bench/data/addresses_invented_forms.txt: text, tab, the gold address).
- ``partial``: town/area addresses that still locate a home (…在住, 大字 + 小字), which must
  come out as ADDRESS with precision town or area, and negatives that must not.

The gazetteer file is read directly, so the same script measures a checkout without the
gazetteer (the numbers "before"):

    .venv/bin/python bench/addresses.py
"""

from __future__ import annotations

import gzip
import re
import time

import yaml

from _common import ROOT, write_result
from hinagata import scan

GAZETTEER = ROOT / "src" / "hinagata" / "detect" / "data" / "gazetteer.tsv.gz"
HANDWRITTEN = ROOT / "bench" / "data" / "addresses_invented_forms.txt"
INDEPENDENT = ROOT / "bench" / "data" / "addresses_handwritten.yaml"
_POSTAL_PREFIX = re.compile(r"^〒?[0-9０-９]{3}[-－ー]?[0-9０-９]{4}[ 　]?")

FORMS = (
    "{p}{c}{t}三丁目12番5号",
    "{c}{t}3-12-5",
    "{p}{c}{t}12番地",
    "{c}{t}１２番地の５",
    "{p}{c}{t}３丁目１２－５",
    "{c}{t}123‐4 さくらハイツ201号室",
    "{c}{t}五番地の二",
)
PREFECTURES = ("神奈川県", "長野県", "東京都")

COMMON_TOWNS = (
    "本町",
    "中央",
    "旭町",
    "宮本町",
    "栄町",
    "新町",
    "幸町",
    "緑町",
    "東町",
    "南町",
    "元町",
    "末広町",
    "錦町",
    "寿町",
    "住吉町",
    "昭和町",
    "八幡町",
    "港町",
    "桜町",
    "春日町",
    "大町",
    "日吉本町",
    "大字北原",
    "大字豊郷字寺湯",
    "字東谷",
)
CITIES = (
    "横浜市中区",
    "横浜市港北区",
    "札幌市中央区",
    "静岡県焼津市",
    "大阪市北区",
    "長野県下高井郡野沢温泉村",
    "東京都千代田区",
    "福岡市博多区",
)
COMMON_FORMS = (
    "{c}{t}三丁目12番5号",
    "{c}{t}3-12-5",
    "{c}{t}12番地",
    "{c}{t}十二番地の五",
    "{c}{t}３丁目１２－５",
    "{c}{t}12番5号 さくらハイツ201号室",
)

PARTIAL_POSITIVE = (
    ("港北区日吉本町在住の男性から相談", "港北区日吉本町", "town"),
    ("〇〇町大字北原に住む87歳の男性", "〇〇町大字北原", "town"),
    ("字東谷の集落で暮らす90代の元消防団長", "字東谷", "town"),
    ("高知県長岡郡大豊町怒田地区に住む", "高知県長岡郡大豊町怒田地区", "area"),
    ("横浜市中区本町三丁目に住む", "横浜市中区本町三丁目", "town"),
    ("野沢温泉村大字豊郷字寺湯の女性", "野沢温泉村大字豊郷字寺湯", "town"),
    ("焼津市中根新田に在住", "焼津市中根新田", "town"),
    ("相談者は日吉本町三丁目の住人", "日吉本町三丁目", "town"),
    ("大字豊郷に転入した", "大字豊郷", "town"),
)
PARTIAL_NEGATIVE = (
    "横浜市港北区に住んでいる",
    "本町通りの商店街",
    "この字は読めない",
    "数字と文字",
    "中央図書館で開催",
    "日本2-1ブラジル",
    "宮崎県日向市大字日知屋から同市大字財光寺に至るバイパス",
    "焼津市小川地区の行事",
    "第3条第2項",
    "資料の2-1-2を参照",
)


def gazetteer_rows() -> list[tuple[str, str, str]]:
    raw = gzip.decompress(GAZETTEER.read_bytes()).decode("utf-8").splitlines()[1:]
    rows = []
    for line in raw:
        pref, city, towns = line.split("\t")
        if pref in PREFECTURES:
            rows.extend((pref, city, t) for t in sorted(towns.split("|")) if t)
    return rows


def whole(text: str, value: str) -> bool:
    s = text.index(value)
    e = s + len(value)
    return any(f.type == "ADDRESS" and f.start <= s and f.end >= e for f in scan(text))


def score(cases: list[str], wrap: str = "住所：{}") -> dict[str, object]:
    t0 = time.perf_counter()
    missed = [a for a in cases if not whole(wrap.format(a), a)]
    return {
        "n": len(cases),
        "found": round(1 - len(missed) / len(cases), 4) if cases else 0.0,
        "missed": len(missed),
        "seconds": round(time.perf_counter() - t0, 2),
        "examples_of_misses": missed[:25],
    }


def handwritten() -> dict[str, object]:
    lines = HANDWRITTEN.read_text("utf-8").splitlines()
    cases = [ln.split("\t") for ln in lines if ln.strip() and not ln.startswith("#")]
    missed = [f"{text} → {gold}" for text, gold in cases if not whole(text, gold)]
    return {
        "n": len(cases),
        "found": round(1 - len(missed) / len(cases), 4),
        "missed": len(missed),
        "examples_of_misses": missed,
    }


def independent() -> dict[str, object]:
    if not INDEPENDENT.exists():
        return {"skipped": f"{INDEPENDENT} not found"}
    items = yaml.safe_load(INDEPENDENT.read_text("utf-8"))["addresses"]
    by: dict[str, dict[str, int]] = {}
    missed: list[str] = []
    for it in items:
        text, gold = it["text"], it["precision"]
        value = _POSTAL_PREFIX.sub("", text)
        row = by.setdefault(gold, {"n": 0, "whole": 0, "precision_agrees": 0})
        row["n"] += 1
        s = text.index(value)
        fs = [
            f
            for f in scan(text)
            if f.type == "ADDRESS" and f.start <= s and f.end >= s + len(value.rstrip())
        ]
        if fs:
            row["whole"] += 1
            if fs[0].detail == f"precision={gold}":
                row["precision_agrees"] += 1
        else:
            missed.append(f"{gold}: {text}")
    n = sum(r["n"] for r in by.values())
    whole = sum(r["whole"] for r in by.values())
    complete = {k: v for k, v in by.items() if k in ("full", "block")}
    return {
        "n": n,
        "found": round(whole / n, 4),
        "complete_found": round(
            sum(r["whole"] for r in complete.values()) / sum(r["n"] for r in complete.values()), 4
        ),
        "by_precision": by,
        "examples_of_misses": missed,
    }


def partial() -> dict[str, object]:
    ok = 0
    misses: list[str] = []
    for text, value, precision in PARTIAL_POSITIVE:
        fs = [f for f in scan(text) if f.type == "ADDRESS"]
        if any(f.text == value and f.detail == f"precision={precision}" for f in fs):
            ok += 1
        else:
            misses.append(f"{text} → {[(f.text, f.detail) for f in fs]}")
    false_pos = [t for t in PARTIAL_NEGATIVE if any(f.type == "ADDRESS" for f in scan(t))]
    return {
        "positives": len(PARTIAL_POSITIVE),
        "found_with_precision": ok,
        "negatives": len(PARTIAL_NEGATIVE),
        "false_positives": len(false_pos),
        "examples": misses + [f"FP: {t}" for t in false_pos],
    }


def main() -> None:
    rows = gazetteer_rows()
    grid = [FORMS[i % len(FORMS)].format(p=p, c=c, t=t) for i, (p, c, t) in enumerate(rows)]
    common = [f.format(c=c, t=t) for c in CITIES for t in COMMON_TOWNS for f in COMMON_FORMS]
    result = {
        "gazetteer_grid": score(grid),
        "common_grid": score(common),
        "independent": independent(),
        "handwritten": handwritten(),
        "partial": partial(),
    }
    out = write_result("addresses", {"command": "bench/addresses.py", "results": result})
    for k, v in result.items():
        print(k, {kk: vv for kk, vv in v.items() if kk != "examples_of_misses"})
        for x in v.get("examples_of_misses", [])[:10]:  # type: ignore[attr-defined]
            print("   ", x)
    print(f"written {out}")


if __name__ == "__main__":
    main()
