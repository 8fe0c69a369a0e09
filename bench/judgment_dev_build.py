"""Build the judgment development set (bench/data/judgment_dev/*.jsonl) from its sources.

The records are written by hand in ``bench/data/judgment_dev/source/<genre>.txt`` with
inline mark-up, so that nobody counts offsets by hand; this script strips the mark-up,
computes the Python string offsets and writes one JSONL file per genre. Run it after
editing a source file and commit both:

    .venv/bin/python bench/judgment_dev_build.py

Source format (see the README in the data folder):

    @ <size band> | <class> | <identifiable> | sc|- [| note]
    text with [[P:佐藤花子]] direct spans, {{age:87歳}} quasi spans and
    ((T:054-626-1111)) institutional or public-role spans

Direct codes: P full name, S surname or partial name, A.<precision> address
(full/block/town/area), T phone, E e-mail, B birth date, M My Number (a trailing ``?`` is
replaced by the check digit), Z postal code, and the long type names for the rest.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

from stdnum.jp import in_

HERE = Path(__file__).resolve().parent
DATA = HERE / "data" / "judgment_dev"

GENRES: dict[str, str] = {
    "issue_examples": "issue 11 の例文",
    "case_record": "ケース記録",
    "intake": "相談受付票",
    "nursery": "保育所入所調整",
    "student_guidance": "生徒指導",
    "care_assessment": "介護認定調査",
    "complaint_mail": "苦情メール",
    "council_answer": "議会答弁案",
    "personnel_memo": "人事メモ",
    "tax_arrears": "滞納整理",
    "support_roster": "要支援者名簿",
    "handover": "引継ぎメモ",
    "contractor_mail": "委託先メール",
    "public_notice": "広報文",
    "hard_negative_tune": "ハードネガティブ（統計・様式・公表資料）A",
    "hard_negative_test": "ハードネガティブ（統計・様式・公表資料）B",
    # Added December 2026 (tune split), by a writer who had not seen the engine nor the test split.
    "counter_log": "窓口応対記録",
    "case_conference": "ケース会議録",
    "evacuation_plan": "個別避難計画",
    "child_consultation": "児童・家庭相談記録",
    "citizen_inquiry": "市民からの問合せメールと回答案",
    "home_visit": "家庭訪問・見守り報告",
    "hr_interview": "人事面談・健康管理メモ",
    "assembly_minutes": "委員会記録・陳情処理",
    "hard_negative_tune2": "ハードネガティブ（統計・様式・公表資料）C",
    # Holdout split (December 2026), by a writer who had not seen the engine, the test split
    # or any evaluation output: reported on once, never tuned on.
    "tax_counter": "税務窓口・課税相談記録",
    "water_billing": "上下水道の料金・滞納メモ",
    "disaster_shelter": "避難所の受付簿・運営メモ",
    "disability_service": "障害福祉サービスの支給決定メモ",
    "elder_abuse": "高齢者虐待の通報受理・対応記録",
    "resident_registry": "住民基本台帳・戸籍の窓口記録",
    "public_housing": "市営住宅の入居・苦情対応",
    "hard_negative_holdout": "ハードネガティブ（統計・様式・公表資料）D",
    # Third tune set (December 2026), by a writer who had seen neither the engine, the test
    # split nor the holdout split.
    "medical_welfare": "医療・介護連携の情報提供書",
    "job_support": "生活困窮者の就労支援記録",
    "foreign_resident": "外国人住民の相談記録",
    "juvenile": "青少年補導・非行相談メモ",
    "maternal_child": "母子保健（妊婦面談・乳幼児健診）記録",
    "pension_insurance": "国保・年金の資格・減免相談",
    "assembly_petition": "議員からの問合せ・要望記録",
    "email_thread": "職員間メールのスレッド",
    "hard_negative_tune3": "ハードネガティブ（統計・様式・公表資料）E",
}
PREFIX = {
    "issue_examples": "ix",
    "case_record": "cr",
    "intake": "in",
    "nursery": "ns",
    "student_guidance": "sg",
    "care_assessment": "ca",
    "complaint_mail": "cm",
    "council_answer": "cq",
    "personnel_memo": "pm",
    "tax_arrears": "ta",
    "support_roster": "sr",
    "handover": "ho",
    "contractor_mail": "ct",
    "public_notice": "pn",
    "hard_negative_tune": "hn",
    "hard_negative_test": "hx",
    "counter_log": "cl",
    "case_conference": "cc",
    "evacuation_plan": "ep",
    "child_consultation": "cd",
    "citizen_inquiry": "ci",
    "home_visit": "hv",
    "hr_interview": "hr",
    "assembly_minutes": "am",
    "hard_negative_tune2": "hm",
    "tax_counter": "tc",
    "water_billing": "wb",
    "disaster_shelter": "sh",
    "disability_service": "ds",
    "elder_abuse": "ea",
    "resident_registry": "rr",
    "public_housing": "ph",
    "hard_negative_holdout": "hh",
    "medical_welfare": "mw",
    "job_support": "js",
    "foreign_resident": "fr",
    "juvenile": "jv",
    "maternal_child": "mc",
    "pension_insurance": "pi",
    "assembly_petition": "ap",
    "email_thread": "et",
    "hard_negative_tune3": "hp",
}
SIZE_BANDS = ("under_10k", "10k_50k", "50k_200k", "over_200k", "designated", "prefecture")
CLASSES = ("1", "2", "3C", "3B", "3A")
IDENTIFIABLE = ("none", "direct", "content")
SERVICES = ("example-domestic-lgwan", "example-foreign-japan-region", "example-consumer-chat")
#: POLICY_DEFAULTS §3: class → verdict per service type (WG-compliant, Japan region, standard).
VERDICTS: dict[str, tuple[str, str, str]] = {
    "1": ("allow", "allow", "allow"),
    "2": ("allow", "allow", "deny"),
    "3C": ("allow_masked", "review", "deny"),
    "3B": ("allow_masked", "deny", "deny"),
    "3A": ("deny", "deny", "deny"),
}
DIRECT_CODES = {
    "P": "PERSON_NAME",
    "S": "PERSON_NAME",
    "A": "ADDRESS",
    "T": "PHONE_NUMBER",
    "E": "EMAIL",
    "B": "BIRTH_DATE",
    "M": "MY_NUMBER",
    "Z": "POSTAL_CODE",
}
LONG_TYPES = {
    "PERSON_NAME",
    "ADDRESS",
    "PHONE_NUMBER",
    "EMAIL",
    "BIRTH_DATE",
    "MY_NUMBER",
    "POSTAL_CODE",
    "BANK_ACCOUNT",
    "CREDIT_CARD",
    "PASSPORT_NUMBER",
    "DRIVER_LICENSE_NUMBER",
    "BASIC_PENSION_NUMBER",
    "HEALTH_INSURANCE_NUMBER",
    "CARE_INSURANCE_NUMBER",
    "RESIDENT_RECORD_CODE",
    "RESIDENCE_CARD_NUMBER",
}
PRECISIONS = ("full", "block", "town", "area")
QUASI_KINDS = (
    "age",
    "area",
    "role",
    "school_class",
    "workplace",
    "family",
    "rare_condition",
    "event_date",
    "kin",
)
#: Institutional codes: contacts of offices and facilities, and officials in a public role.
INST_CODES = {
    "T": "PHONE_NUMBER",
    "E": "EMAIL",
    "A": "ADDRESS",
    "Z": "POSTAL_CODE",
    "P": "PERSON_NAME",
    "S": "PERSON_NAME",
    "CN": "CORPORATE_NUMBER",
}

_MARK = re.compile(r"\[\[([A-Z_.a-z]+):(.+?)\]\]|\{\{([a-z_]+):(.+?)\}\}|\(\(([A-Z]+):(.+?)\)\)")


def _my_number(raw: str) -> str:
    if not raw.endswith("?"):
        return raw
    digits = re.sub(r"\D", "", raw[:-1])
    return raw[:-1] + in_.calc_check_digit(digits)


def parse_text(
    marked: str, where: str
) -> tuple[str, list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    out: list[str] = []
    pos = 0
    n = 0
    direct: list[dict[str, Any]] = []
    quasi: list[dict[str, Any]] = []
    inst: list[dict[str, Any]] = []
    for m in _MARK.finditer(marked):
        out.append(marked[pos : m.start()])
        n += m.start() - pos
        pos = m.end()
        if m.group(1) is not None:
            code, value = m.group(1), m.group(2)
            base, _, precision = code.partition(".")
            typ = DIRECT_CODES.get(base, base)
            if typ not in LONG_TYPES:
                raise SystemExit(f"{where}: unknown direct code {code!r}")
            if typ == "MY_NUMBER":
                value = _my_number(value)
            span: dict[str, Any] = {"type": typ, "start": n, "end": n + len(value), "text": value}
            if typ == "ADDRESS":
                if precision not in PRECISIONS:
                    raise SystemExit(f"{where}: address needs a precision: {code!r}")
                span["precision"] = precision
            elif precision:
                raise SystemExit(f"{where}: only addresses take a precision: {code!r}")
            if typ == "PERSON_NAME":
                span["name"] = "full" if base == "P" else "partial"
            direct.append(span)
        elif m.group(3) is not None:
            kind, value = m.group(3), m.group(4)
            if kind not in QUASI_KINDS:
                raise SystemExit(f"{where}: unknown quasi kind {kind!r}")
            quasi.append({"kind": kind, "start": n, "end": n + len(value), "text": value})
        else:
            code, value = m.group(5), m.group(6)
            if code not in INST_CODES:
                raise SystemExit(f"{where}: unknown institutional code {code!r}")
            entry = {"type": INST_CODES[code], "start": n, "end": n + len(value), "text": value}
            if INST_CODES[code] == "PERSON_NAME":
                entry["role"] = "public_official"
            inst.append(entry)
        out.append(value)
        n += len(value)
    out.append(marked[pos:])
    text = "".join(out)
    for bad in ("[[", "]]", "{{", "}}", "((", "))"):
        if bad in text:
            raise SystemExit(f"{where}: unbalanced mark-up {bad!r} in {text[:60]!r}")
    if text.count("(") != text.count(")"):
        raise SystemExit(f"{where}: unbalanced ASCII parentheses in {text[:60]!r}")
    return text, direct, quasi, inst


def parse_source(genre: str, source: str) -> list[dict[str, Any]]:
    records: list[dict[str, Any]] = []
    header: str | None = None
    lines: list[str] = []
    lineno = 0

    def flush() -> None:
        if header is None:
            return
        where = f"{genre}.txt:{lineno}"
        fields = [f.strip() for f in header[1:].split("|")]
        if len(fields) < 4:
            raise SystemExit(f"{where}: header needs size | class | identifiable | sc: {header}")
        size, cls, ident, sc = fields[:4]
        note = fields[4] if len(fields) > 4 else ""
        if size not in SIZE_BANDS or cls not in CLASSES or ident not in IDENTIFIABLE:
            raise SystemExit(f"{where}: bad header {header!r}")
        if sc not in ("sc", "-"):
            raise SystemExit(f"{where}: special care is 'sc' or '-': {header!r}")
        marked = "\n".join(lines).strip("\n")
        text, direct, quasi, inst = parse_text(marked, where)
        rid = f"{PREFIX[genre]}-{len(records) + 1:03d}"
        rec: dict[str, Any] = {
            "id": rid,
            "genre": genre,
            "genre_ja": GENRES[genre],
            "text": text,
            "municipality_size": size,
            "direct": direct,
            "quasi": quasi,
            "institutional": inst,
            "special_care": sc == "sc",
            "identifiable": ident,
            "class": cls,
            "verdicts": dict(zip(SERVICES, VERDICTS[cls], strict=True)),
        }
        if note:
            rec["note"] = note
        records.append(rec)

    for lineno, line in enumerate(source.splitlines(), 1):  # noqa: B007
        if line.startswith("@"):
            flush()
            header, lines = line, []
        elif header is None:
            continue  # comments before the first record
        else:
            lines.append(line.rstrip())
    lineno += 1
    flush()
    return records


def main() -> None:
    total = 0
    for genre in GENRES:
        src = DATA / "source" / f"{genre}.txt"
        if not src.exists():
            print(f"missing source: {src}", file=sys.stderr)
            continue
        records = parse_source(genre, src.read_text("utf-8"))
        out = DATA / f"{genre}.jsonl"
        out.write_text(
            "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
        )
        total += len(records)
        print(f"{genre:20s} {len(records):4d}")
    print(f"{'total':20s} {total:4d}")


if __name__ == "__main__":
    main()
