"""Addresses and phone numbers on real strings: 焼津市 open data (CC BY 4.0).

Every facility row gives a name, an address and a phone number written the way the city
writes them. We measure:
- address recall: the address string alone; found when an ADDRESS finding covers it
  (lenient: any overlap; full: the finding covers the whole string);
- phone recall: the phone string alone; found when a PHONE_NUMBER finding equals it;
- institutional rate: "名称 住所 電話 番号" as one line; the share of the ADDRESS and
  PHONE_NUMBER findings marked personal: false (facility contacts are not personal);
- false positives on administrative prose: the description columns (説明, 公園紹介文,
  特徴, 活動内容 …) scanned whole; any *personal* finding there is a false positive.
Not held out: after a first run, misses here led to two fixes (facility words ending in
場, names glued to 学校/分園 vetoed) and to the address walk stopping at facility names.

    .venv/bin/python bench/contacts.py
"""

from __future__ import annotations

import csv
import re
from collections import Counter

from _common import DATA, need, write_result
from hinagata import scan

_NAME_COLS = ("名称", "公園名", "施設名")
_ADDR_COLS = ("住所", "住所（番地まで）")
_PHONE_COLS = ("電話番号", "連絡先電話番号")
_PROSE_COLS = (
    "説明",
    "公園紹介文",
    "特徴",
    "活動内容",
    "アクセス方法",
    "利用可能日時特記事項",
    "バリアフリー情報",
    "備考",
)
_HAS_BLOCK = re.compile(r"[0-9０-９]|番地|丁目|[一二三四五六七八九十]+番")


def rows() -> list[dict[str, str]]:
    root = need(DATA / "yaizu_city_opendata")
    out: list[dict[str, str]] = []
    for path in sorted(root.glob("*/*.csv")):
        raw = path.read_bytes()
        for enc in ("utf-8-sig", "cp932"):
            try:
                text = raw.decode(enc)
                break
            except UnicodeDecodeError:
                continue
        reader = csv.DictReader(text.splitlines())
        for r in reader:
            r = {(k or "").strip(): (v or "").strip() for k, v in r.items()}
            r["_file"] = str(path.relative_to(root))
            out.append(r)
    return out


def first(r: dict[str, str], cols: tuple[str, ...]) -> str:
    for c in cols:
        if r.get(c):
            return r[c]
    return ""


def main() -> None:
    data = rows()
    addr = Counter()
    phone = Counter()
    inst = Counter()
    prose = Counter()
    misses: dict[str, list[str]] = {
        "address": [],
        "phone": [],
        "prose_fp": [],
        "personal_contact": [],
    }
    seen_addr: set[str] = set()
    seen_phone: set[str] = set()
    for r in data:
        name, a, p = first(r, _NAME_COLS), first(r, _ADDR_COLS), first(r, _PHONE_COLS)
        if a and a not in seen_addr:
            seen_addr.add(a)
            group = "with_block" if _HAS_BLOCK.search(a) else "no_block"
            found = [f for f in scan(a) if f.type == "ADDRESS"]
            addr[f"{group}_total"] += 1
            if found:
                addr[f"{group}_lenient"] += 1
                if min(f.start for f in found) == 0 and max(f.end for f in found) >= len(
                    a.rstrip()
                ):
                    addr[f"{group}_full"] += 1
            elif group == "with_block" and len(misses["address"]) < 25:
                misses["address"].append(a)
        # The column sometimes holds "なし" or an e-mail address: only phone-like strings count.
        if p and p not in seen_phone and len(re.sub(r"\D", "", p)) >= 9:
            seen_phone.add(p)
            phone["total"] += 1
            if any(f.type == "PHONE_NUMBER" and f.text == p for f in scan(p)):
                phone["found"] += 1
            elif len(misses["phone"]) < 25:
                misses["phone"].append(p)
        if name and (a or p):
            line = f"{name} {a} 電話 {p}" if p else f"{name} {a}"
            for f in scan(line):
                if f.type in ("ADDRESS", "PHONE_NUMBER"):
                    inst["total"] += 1
                    if not f.personal:
                        inst["institutional"] += 1
                    elif len(misses["personal_contact"]) < 25:
                        misses["personal_contact"].append(line)
        for col in _PROSE_COLS:
            text = r.get(col, "")
            if len(text) < 8:
                continue
            prose["texts"] += 1
            prose["chars"] += len(text)
            for f in scan(text):
                prose[f"all_{f.type}"] += 1
                if f.personal:
                    prose["personal"] += 1
                    prose[f"personal_{f.type}"] += 1
                    if len(misses["prose_fp"]) < 40:
                        misses["prose_fp"].append(f"{f.type}:{f.text} | {text[:80]}")

    def ratio(n: int, d: int) -> float:
        return round(n / d, 4) if d else 0.0

    result = {
        "rows": len(data),
        "address": {
            "with_block": {
                "n": addr["with_block_total"],
                "recall_lenient": ratio(addr["with_block_lenient"], addr["with_block_total"]),
                "recall_full": ratio(addr["with_block_full"], addr["with_block_total"]),
            },
            "no_block": {
                "n": addr["no_block_total"],
                "found": ratio(addr["no_block_lenient"], addr["no_block_total"]),
            },
        },
        "phone": {"n": phone["total"], "recall": ratio(phone["found"], phone["total"])},
        "institutional": {
            "contacts": inst["total"],
            "marked_institutional": ratio(inst["institutional"], inst["total"]),
        },
        "prose": {
            "texts": prose["texts"],
            "chars": prose["chars"],
            "personal_findings": prose["personal"],
            "personal_by_type": {k[9:]: v for k, v in prose.items() if k.startswith("personal_")},
            "all_by_type": {k[4:]: v for k, v in prose.items() if k.startswith("all_")},
        },
        "examples_of_misses": misses,
    }
    out = write_result("contacts_yaizu", {"command": "bench/contacts.py", "results": result})
    for k in ("address", "phone", "institutional", "prose"):
        print(k, result[k])
    for k, v in misses.items():
        print(f"-- {k}:")
        for x in v[:15]:
            print("   ", x)
    print(f"written {out}")


if __name__ == "__main__":
    main()
