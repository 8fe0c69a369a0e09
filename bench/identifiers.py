"""Identifier codes and contact details on generated data (Faker ja_JP, python-stdnum).

No public Japanese text annotates My Numbers, licences or private phone numbers, so the
cases are generated: values from Faker's ja_JP locale and random digits with valid (or
deliberately wrong) check digits, written in several layouts and widths, inside label
templates that differ from the unit tests'. Seed fixed; a case counts as found when a
finding of the expected type covers exactly the value.

    .venv/bin/python bench/identifiers.py [--n 300]
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Callable

from faker import Faker
from stdnum.jp import cn, in_

from _common import write_result
from hinagata import scan

rng = random.Random(20261127)
fake = Faker("ja_JP")
Faker.seed(20261127)


def digits(n: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(n))


def wide(s: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in s)


def layout(d: str, groups: tuple[int, ...]) -> str:
    style = rng.choice(["plain", "space", "hyphen", "wide", "wide_hyphen"])
    if style == "plain":
        return d
    parts, i = [], 0
    for g in groups:
        parts.append(d[i : i + g])
        i += g
    if style == "space":
        return " ".join(parts)
    if style == "hyphen":
        return "-".join(parts)
    if style == "wide":
        return wide(d)
    return wide("-".join(parts))


def my_number() -> str:
    base = digits(11)
    return layout(base + in_.calc_check_digit(base), (4, 4, 4))


def wrong_my_number() -> str:
    base = digits(11)
    good = in_.calc_check_digit(base)
    bad = rng.choice([d for d in "0123456789" if d != good])
    return layout(base + bad, (4, 4, 4))


def corporate() -> str:
    base = digits(12)
    return cn.calc_check_digit(base) + base


def card() -> str:
    number = fake.credit_card_number(
        card_type=rng.choice(["visa16", "mastercard", "amex", "jcb16", "diners"])
    )
    if len(number) == 16 and rng.random() < 0.5:
        return " ".join(number[i : i + 4] for i in range(0, 16, 4))
    return number


_AREA = ["3", "6", "11", "22", "45", "52", "54", "75", "92", "466", "537", "748", "995"]


def phone() -> str:
    """A number in a real Japanese format (Faker's ja_JP numbers often lack the leading 0)."""
    kind = rng.choice(["fixed", "fixed", "mobile", "mobile", "ip", "free", "paren"])
    sub = lambda n: rng.choice("23456789") + digits(n - 1)  # noqa: E731
    if kind == "fixed":
        area = rng.choice(_AREA)
        local = sub(5 - len(area))
        number = f"0{area}-{local}-{digits(4)}"
    elif kind == "mobile":
        number = f"0{rng.choice('789')}0-{sub(4)}-{digits(4)}"
    elif kind == "ip":
        number = f"050-{sub(4)}-{digits(4)}"
    elif kind == "free":
        number = f"0120-{sub(3)}-{digits(3)}"
    else:
        number = f"(054){sub(3)}-{digits(4)}"
    return wide(number) if rng.random() < 0.3 else number


def birth_date() -> str:
    d = fake.date_of_birth(minimum_age=1, maximum_age=95)
    style = rng.choice(["western", "slash", "era"])
    if style == "western":
        return f"{d.year}年{d.month}月{d.day}日"
    if style == "slash":
        return f"{d.year}/{d.month}/{d.day}"
    for era, first in (("令和", 2019), ("平成", 1989), ("昭和", 1926)):
        if d.year >= first:
            y = d.year - first + 1
            return f"{era}{'元' if y == 1 else y}年{d.month}月{d.day}日"
    return f"{d.year}年{d.month}月{d.day}日"


CASES: dict[str, tuple[Callable[[], str], list[str]]] = {
    "MY_NUMBER": (
        my_number,
        [
            "申請者の個人番号は{v}です。",
            "マイナンバー（{v}）を記載",
            "個人番号欄：{v}",
            "{v}（個人番号）を確認済み",
        ],
    ),
    "CORPORATE_NUMBER": (
        corporate,
        ["法人番号 {v} の事業者", "取引先（法人番号：{v}）", "適格請求書発行事業者登録番号 T{v}"],
    ),
    "CREDIT_CARD": (card, ["カード番号 {v} で決済", "クレジットカード：{v}"]),
    "BANK_ACCOUNT": (lambda: digits(7), ["振込先 普通預金 口座番号 {v}", "口座番号：{v}（当座）"]),
    "PASSPORT_NUMBER": (
        lambda: rng.choice(["TK", "TR", "MZ", "TH"]) + digits(7),
        ["旅券番号 {v}", "パスポート番号は{v}"],
    ),
    "DRIVER_LICENSE_NUMBER": (
        lambda: layout(digits(12), (4, 4, 4)),
        ["運転免許証番号 {v}", "免許証の番号：第{v}号"],
    ),
    "BASIC_PENSION_NUMBER": (
        lambda: layout(digits(10), (4, 6)),
        ["基礎年金番号 {v}", "年金手帳の番号 {v} を確認"],
    ),
    "CARE_INSURANCE_NUMBER": (
        lambda: digits(10),
        ["介護保険被保険者番号 {v}", "介護保険証の番号：{v}"],
    ),
    "RESIDENT_RECORD_CODE": (lambda: digits(11), ["住民票コード {v}", "住民票コード：{v} を記入"]),
    "RESIDENCE_CARD_NUMBER": (
        lambda: (
            "".join(rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(2))
            + digits(8)
            + "".join(rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(2))
        ),
        ["在留カード番号 {v}", "カード番号{v}の在留カード"],
    ),
    "PHONE_NUMBER": (phone, ["電話 {v}", "連絡先：{v}（携帯）", "{v}へ折り返し"]),
    "EMAIL": (fake.email, ["メール {v}", "連絡は{v}まで"]),
    "POSTAL_CODE": (fake.postcode, ["〒{v}", "郵便番号 {v}"]),
    "BIRTH_DATE": (birth_date, ["生年月日：{v}", "{v}生まれ", "誕生日 {v}"]),
    "PERSON_NAME": (
        lambda: rng.choice([fake.name(), fake.kana_name(), fake.last_name() + fake.first_name()]),
        ["氏名：{v}", "{v}様", "申請者 {v} さん", "世帯主は{v}。"],
    ),
    "ADDRESS": (fake.address, ["住所：{v}", "{v}に居住", "現住所 {v}"]),
}


def found_exactly(text: str, value: str, kind: str) -> bool:
    start = text.index(value)
    end = start + len(value)
    hits = [f for f in scan(text) if f.type == kind]
    if kind == "ADDRESS":
        # Faker appends a building after a space ("コート白金707"): the part before it must be covered.
        block_end = start + len(value.split(" ")[0])
        return any(f.start == start and f.end >= block_end for f in hits)
    if kind == "CORPORATE_NUMBER" and f"T{value}" in text:
        return any(f.text == value for f in hits)
    return any(f.start == start and f.end == end for f in hits)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=300, help="cases per type")
    args = ap.parse_args()
    results: dict[str, object] = {}
    for kind, (make, templates) in CASES.items():
        ok = 0
        misses: list[str] = []
        for _ in range(args.n):
            value = make()
            text = rng.choice(templates).format(v=value)
            if found_exactly(text, value, kind):
                ok += 1
            elif len(misses) < 5:
                misses.append(text)
        results[kind] = {"n": args.n, "recall": round(ok / args.n, 4), "misses": misses}
        print(f"{kind:24s} recall {ok / args.n:.4f}  {misses[:3]}")
    # Twelve digits with a wrong check digit must never be a My Number, label or not.
    wrong = 0
    total = 0
    for _ in range(args.n * 3):
        value = wrong_my_number()
        for template in ("個人番号 {v}", "マイナンバー：{v}", "受付番号 {v}", "{v}"):
            total += 1
            wrong += any(f.type == "MY_NUMBER" for f in scan(template.format(v=value)))
    results["MY_NUMBER_wrong_check_digit"] = {"n": total, "my_number_findings": wrong}
    print(f"MY_NUMBER findings on {total} wrong-check-digit numbers: {wrong}")
    write_result(
        "identifiers_generated",
        {"command": f"bench/identifiers.py --n {args.n}", "results": results},
    )


if __name__ == "__main__":
    main()
