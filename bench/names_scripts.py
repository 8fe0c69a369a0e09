"""Names in every script and birth dates in every form (issue 11): generated cases.

No public corpus writes Japanese names in romaji, half-width katakana or old-form kanji
inside municipal forms, so cases are generated: Faker ``ja_JP`` names (kanji and their kana
readings; its own romanised name lists), romanised here with a spelling chosen at random
(Satō, Satou, Satoh, Sato), in layouts and templates that are not the unit tests'. A case
counts when one ``PERSON_NAME`` covers exactly the name (``detail`` full for full names,
partial for surname + role). Negatives: pairs of capitalised common English words (Debian's
``wamerican-small``, when present), JSON objects with label keys, dates without birth
context.

    .venv/bin/python bench/names_scripts.py [--n 300] [--seed 11] [--templates test|tune]

The rules were tuned on the ``tune`` templates (seed 11); the ``test`` templates were
written afterwards, measured once (first figures in BENCHMARKS.md), then their misses fixed;
the ``fresh`` templates were written after that and are the held-out figures.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import unicodedata
from collections.abc import Callable
from pathlib import Path

from faker import Faker

from _common import write_result
from hinagata import scan

_KANA = {
    "ア": "a", "イ": "i", "ウ": "u", "エ": "e", "オ": "o", "カ": "ka", "キ": "ki", "ク": "ku",
    "ケ": "ke", "コ": "ko", "サ": "sa", "シ": "shi", "ス": "su", "セ": "se", "ソ": "so",
    "タ": "ta", "チ": "chi", "ツ": "tsu", "テ": "te", "ト": "to", "ナ": "na", "ニ": "ni",
    "ヌ": "nu", "ネ": "ne", "ノ": "no", "ハ": "ha", "ヒ": "hi", "フ": "fu", "ヘ": "he",
    "ホ": "ho", "マ": "ma", "ミ": "mi", "ム": "mu", "メ": "me", "モ": "mo", "ヤ": "ya",
    "ユ": "yu", "ヨ": "yo", "ラ": "ra", "リ": "ri", "ル": "ru", "レ": "re", "ロ": "ro",
    "ワ": "wa", "ヲ": "o", "ン": "n", "ガ": "ga", "ギ": "gi", "グ": "gu", "ゲ": "ge",
    "ゴ": "go", "ザ": "za", "ジ": "ji", "ズ": "zu", "ゼ": "ze", "ゾ": "zo", "ダ": "da",
    "ヂ": "ji", "ヅ": "zu", "デ": "de", "ド": "do", "バ": "ba", "ビ": "bi", "ブ": "bu",
    "ベ": "be", "ボ": "bo", "パ": "pa", "ピ": "pi", "プ": "pu", "ペ": "pe", "ポ": "po",
}  # fmt: skip
_YOON = {"ャ": "a", "ュ": "u", "ョ": "o"}
_MACRON = {"a": "ā", "i": "ī", "u": "ū", "e": "ē", "o": "ō"}
_VARIANTS = {"高": "髙", "崎": "﨑", "辺": "邊", "斎": "齋", "斉": "齊", "浜": "濵", "徳": "德"}
_OLD_FORM_SURNAMES = (
    "高橋 高田 高木 高野 高山 山崎 宮崎 岡崎 川崎 柴崎 渡辺 田辺 斎藤 斉藤 浜田 浜口 長浜 徳永 徳田 "
    "徳山 高村 尾崎 野崎 矢崎 松崎 高須 高瀬 斎木 浜野"
).split()
_ENGLISH_WORDS = Path("/usr/share/dict/american-english-small")


def _hankaku_table() -> dict[str, str]:
    """Full-width katakana → half-width (the inverse of NFKC on U+FF61–U+FF9F)."""
    table: dict[str, str] = {}
    half = [chr(c) for c in range(0xFF66, 0xFF9E)]
    for h in half:
        table.setdefault(unicodedata.normalize("NFKC", h), h)
    for h in half:
        for mark in ("\uff9e", "\uff9f"):
            full = unicodedata.normalize("NFKC", h + mark)
            if len(full) == 1:
                table.setdefault(full, h + mark)
    table["ー"] = "\uff70"
    return table


_HANKAKU = _hankaku_table()


def hankaku(kana: str) -> str:
    return "".join(_HANKAKU.get(c, c) for c in kana)


def romanise(kana: str, rng: random.Random) -> str:
    """Hepburn with a random long-vowel style: Satō, Satou, Satoh or Sato."""
    out: list[str] = []
    i = 0
    while i < len(kana):
        c = kana[i]
        nxt = kana[i + 1] if i + 1 < len(kana) else ""
        if c == "ッ":
            i += 1
            if i < len(kana):
                s = _KANA.get(kana[i], "")
                out.append("t" if s.startswith("ch") else s[:1])
            continue
        if c == "ー":
            out.append(out[-1][-1] if out else "")
            i += 1
            continue
        s = _KANA.get(c, "")
        if nxt in _YOON and s.endswith("i"):
            head = s[:-1]
            s = head + ("" if head in ("sh", "ch", "j") else "y") + _YOON[nxt]
            i += 1
        out.append(s)
        i += 1
    word = "".join(out)
    style = rng.choice(("macron", "ou", "oh", "plain"))
    for long in ("ou", "oo", "uu"):
        # Only a long vowel at the end or before a consonant (Satou, Yousuke; not Inoue).
        pattern = re.compile(long + "(?![aiueo])")
        if style == "macron":
            word = pattern.sub(_MACRON[long[0]], word)
        elif style == "oh" and long != "uu":
            word = pattern.sub("oh", word)
        elif style == "plain":
            word = pattern.sub(long[0], word)
    return word


def _exact(text: str, start: int, end: int, detail: str) -> bool:
    return any(
        f.type == "PERSON_NAME" and f.start == start and f.end == end and f.detail == detail
        for f in scan(text)
    )


def _case(template: str, value: str) -> tuple[str, int, int]:
    start = template.index("{}")
    return template.replace("{}", value, 1), start, start + len(value)


_SENTENCES = (
    "本日、{}さんが来庁し、児童手当の現況届を提出した。",
    "面談記録：{} 様より電話で相談があった。",
    "Applicant: {}\n住所：（省略）",
    "来所者 {} の件、引き続き対応する。",
    "お礼状の宛名を {} 様にして下書きしてください。",
)
_FORMS = (
    "申請者氏名：{}\n電話番号：（省略）",
    "届出人　{}",
    '{"applicant": {"氏名": "{}", "年齢": 45}}',
    "氏名,生年月日,続柄\n{},（省略）,世帯主",
    "相談者：{}（初回）",
)
_ROLES = ("主事", "係長", "主査", "課長補佐", "保健師", "校長", "ケースワーカー")
_ROLE_TEMPLATES = ("報告者：{}", "{}から連絡があった", "本件は{}が担当する")

# Written after the rules were tuned on the templates above and not looked at before the
# figures were taken: the reported set (--templates test).
_SENTENCES_TEST = (
    "昨日の家庭訪問では、{}さんの母親が対応した。",
    "To: {} 様\n件名：申請書類の不備について",
    "{}氏から苦情の電話が入った（15時頃）。",
    "窓口に{}様が来られ、転居の手続きをされた。",
    "Contact person: {}",
)
_FORMS_TEST = (
    "【申込者】{}\n【連絡先】（省略）",
    "被保険者氏名 {}",
    "世帯主,{},続柄,本人",
    '[{"name": "{}", "kana": "", "tel": ""}]',
    "No.,氏名,住所\n1,{},（省略）",
)
_ROLES_TEST = ("主任", "主幹", "次長", "教頭", "相談員", "看護師", "園長")
_ROLE_TEMPLATES_TEST = ("決裁：{}", "{}の意見を聞く", "（文責 {}）")

# A third set, written after the "test" set had been looked at and fixed: its first run is
# the held-out figure (--templates fresh).
_SENTENCES_FRESH = (
    "ご依頼の件、{}様へ書面で回答いたします。",
    "支援会議で{}さんの今後の支援方針を確認した。",
    "Re: {} さんの件\n先日はありがとうございました。",
    "民生委員から{}氏の様子について連絡あり。",
    "Dear {},\nThank you for your application.",
)
_FORMS_FRESH = (
    "利用者名：{}\n要介護度：2",
    "| 氏名 | {} |\n| 年齢 | 82 |",
    "納税義務者 {}\n課税年度 令和6年度",
    "氏名\t性別\t生年月日\n{}\t女\t（省略）",
    "受給者：{}（世帯員2名）",
)
_ROLES_FRESH = ("主任主事", "副主幹", "室長", "教諭", "指導員", "社会福祉士", "所長")
_ROLE_TEMPLATES_FRESH = ("起案者：{}", "{}と協議のうえ決定", "電話対応は{}")


def cases(n: int, seed: int, templates: str = "tune") -> dict[str, list[tuple[str, int, int, str]]]:
    rng = random.Random(seed)
    sentences, forms, roles, role_templates = {
        "tune": (_SENTENCES, _FORMS, _ROLES, _ROLE_TEMPLATES),
        "test": (_SENTENCES_TEST, _FORMS_TEST, _ROLES_TEST, _ROLE_TEMPLATES_TEST),
        "fresh": (_SENTENCES_FRESH, _FORMS_FRESH, _ROLES_FRESH, _ROLE_TEMPLATES_FRESH),
    }[templates]
    fake = Faker("ja_JP")
    Faker.seed(seed)
    out: dict[str, list[tuple[str, int, int, str]]] = {}

    def add(kind: str, template: str, value: str, detail: str = "full") -> None:
        text, s, e = _case(template, value)
        out.setdefault(kind, []).append((text, s, e, detail))

    for _ in range(n):
        last_k, first_k = fake.last_kana_name(), fake.first_kana_name()
        sur, giv = romanise(last_k, rng).capitalize(), romanise(first_k, rng).capitalize()
        order = rng.choice(("sg", "gs", "SG", "GS", "S,g"))
        roman = {
            "sg": f"{sur} {giv}",
            "gs": f"{giv} {sur}",
            "SG": f"{sur.upper()} {giv}",
            "GS": f"{giv.upper()} {sur.upper()}",
            "S,g": f"{sur.upper()}, {giv}",
        }[order]
        add("romaji (Faker kana readings, random spelling)", rng.choice(sentences), roman)
        add(
            "romaji (Faker's romanised lists)",
            rng.choice(sentences),
            f"{fake.last_romanized_name()} {fake.first_romanized_name()}",
        )
        add(
            "half-width katakana",
            rng.choice(sentences + forms),
            f"{hankaku(last_k)} {hankaku(first_k)}",
        )
        add("katakana in a form", rng.choice(forms), f"{last_k} {first_k}")
        old = rng.choice(_OLD_FORM_SURNAMES)
        old = "".join(_VARIANTS.get(c, c) for c in old)
        add("old-form kanji", rng.choice(sentences + forms), old + fake.first_name())
        sep = rng.choice(("", " ", "　"))
        add(
            "form label, no honorific",
            rng.choice(forms),
            f"{fake.last_name()}{sep}{fake.first_name()}",
        )
        surname = fake.last_name()
        add(
            "surname + role",
            rng.choice(role_templates).replace("{}", "{}" + rng.choice(roles)),
            surname,
            "partial",
        )
    return out


def negatives(n: int, seed: int) -> dict[str, tuple[int, int]]:
    rng = random.Random(seed)
    res: dict[str, tuple[int, int]] = {}
    if _ENGLISH_WORDS.exists():
        words = [
            w for w in _ENGLISH_WORDS.read_text("utf-8").split() if w.isalpha() and w.islower()
        ]
        hits = 0
        for _ in range(n):
            a, b = rng.choice(words), rng.choice(words)
            pair = rng.choice((f"{a.capitalize()} {b.capitalize()}", f"{a.upper()} {b.upper()}"))
            text = f"資料のタイトルは「{pair}」です。"
            hits += any(f.type == "PERSON_NAME" and f.detail == "full" for f in scan(text))
        res["capitalised English word pairs (full names found)"] = (hits, n)
    keys = ["phone", "name", "email", "tel", "address", "fax", "note", "id", "score", "user"]
    hits = 0
    for _ in range(n):
        obj = {k: "（省略）" for k in rng.sample(keys, 4)}
        text = json.dumps(obj, ensure_ascii=False)
        hits += any(f.type == "PERSON_NAME" for f in scan(text))
    res["JSON objects with label keys (any name found)"] = (hits, n)
    return res


def dates(n: int, seed: int) -> dict[str, tuple[int, int]]:
    rng = random.Random(seed)
    era = [
        ("S", "昭", "昭和", 1926, 64),
        ("H", "平", "平成", 1989, 31),
        ("R", "令", "令和", 2019, 6),
    ]
    found_with = found_without = 0
    for _ in range(n):
        letter, short, full, first, last = rng.choice(era)
        ey = rng.randint(1, last)
        y, m, d = first + ey - 1, rng.randint(1, 12), rng.randint(1, 28)
        value = rng.choice(
            (
                f"{y}-{m:02d}-{d:02d}",
                f"{y}/{m}/{d}",
                f"{y}.{m}.{d}",
                f"{letter}{ey}.{m}.{d}",
                unicodedata.normalize("NFKC", f"{letter}{ey}.{m}.{d}").translate(
                    {ord(c): ord(c) + 0xFEE0 for c in "0123456789.SHR"}
                ),
                f"{short}{ey}.{m}.{d}",
                f"{full}{ey}.{m}.{d}",
                f"{letter}{ey}/{m}/{d}",
            )
        )
        ctx = rng.choice(
            ("生年月日：{}", "born {}", "（{}生）", "DOB {}", "生年月日 {} ／ 性別 女")
        )
        text, s, e = _case(ctx, value)
        found_with += any(
            f.type == "BIRTH_DATE" and f.start == s and f.end == e for f in scan(text)
        )
        plain, _, _ = _case(rng.choice(("{} に受付", "提出日 {}", "会議 {} 開催")), value)
        found_without += any(f.type == "BIRTH_DATE" for f in scan(plain))
    return {
        "birth dates in every form with birth context (found)": (found_with, n),
        "the same dates without birth context (reported as birth dates)": (found_without, n),
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=300)
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--templates", choices=["tune", "test", "fresh"], default="fresh")
    args = ap.parse_args()
    result: dict[str, object] = {}
    check: Callable[[str, int, int, str], bool] = _exact
    for kind, rows in cases(args.n, args.seed, args.templates).items():
        hit = sum(check(*row) for row in rows)
        result[kind] = {"found": hit, "cases": len(rows), "recall": round(hit / len(rows), 3)}
        print(f"{kind:50s} recall {hit / len(rows):.3f} ({hit}/{len(rows)})")
    for kind, (hit, total) in {**negatives(args.n, args.seed), **dates(args.n, args.seed)}.items():
        result[kind] = {"count": hit, "cases": total, "rate": round(hit / total, 3)}
        print(f"{kind:50s} {hit / total:.3f} ({hit}/{total})")
    write_result(
        f"names_scripts_{args.templates}",
        {
            "command": f"bench/names_scripts.py --n {args.n} --seed {args.seed} "
            f"--templates {args.templates}",
            "results": result,
        },
    )


if __name__ == "__main__":
    main()
