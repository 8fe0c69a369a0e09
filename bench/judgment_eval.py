"""Judgment on the development set (issue 11, item 5): detection, identifiability, class, verdict.

Scores the current engine on one split of ``bench/data/judgment_dev`` (invented municipal
records with gold spans, see the README there) through public APIs only: ``hinagata.scan``
and ``hinagata.check(text, service)`` with the ``Decision`` fields ``verdict``,
``information_class``, ``identifiable``, ``findings`` and ``masked_text``. In the same run,
Presidio with GiNZA (bench/_baseline.py) is scored on the same detection metrics where the
bench environment has it; it has no quasi-identifiers, class or verdict.

Metrics, in the style of the Text Anonymization Benchmark (Pilán et al., 2022):

- **Masked characters**: the union of the characters of the findings a masking would
  replace — ``personal`` findings other than ``SENSITIVE`` (special-care content is kept by
  policy), ``CORPORATE_NUMBER`` and ``QUASI_IDENTIFIER``. For the baseline: PERSON,
  LOCATION and DATE_TIME.
- **Entity recall**, separately for direct and quasi identifiers. A gold entity is *found*
  when at least 50 % of its characters are covered (``lenient``, the headline) and
  *strictly found* when all of them are. Direct recall counts only masked findings of
  direct types; quasi recall counts those and every ``QUASI_IDENTIFIER`` finding (they are
  documented as ``personal: false`` and generalised rather than masked; an ``ADDRESS``
  finding over 大字北原 also removes that area), except the kind ``matter``, which this set
  does not annotate. ``direct_identifying`` leaves out partial names and town/area-precision
  addresses (which identify only in combination).
- **Precision weighted by what masking costs** (TAB measures the information lost by
  masking; we weigh by characters): masked characters inside gold direct or quasi spans /
  masked characters. Characters of public officials named in their public role are
  neutral (the detector is documented to report every name; the policy decides), so they
  count on neither side; institutional contacts flagged personal count as cost. Also an
  entity precision: findings with ≥ 50 % of their characters inside gold spans / findings,
  and the same for ``QUASI_IDENTIFIER`` findings (what generalisation would cost).
- **Identifiability**: gold ``none``/``direct``/``content`` against the decision:
  ``none`` when ``identifiable`` is false; ``content`` when the decision says so (any
  attribute or reason code mentioning content or quasi, read defensively) or when it is
  identifiable with no direct finding; otherwise ``direct``. Also the binary accuracy.
- **Class** and **verdict per service** accuracy (expected verdicts: POLICY_DEFAULTS §3).
- **Safety**: records identifiable only by content that are *allowed raw*; identifiable
  records allowed raw; masked texts (verdict ``allow_masked``) that still contain a gold
  direct identifier's text; masked texts of content-identifiable records that still
  contain *every* quasi identifier of the identifying combination (its quasi spans and
  town/area addresses).

Also address recall on the hand-written list ``bench/data/addresses_handwritten.yaml``
(independent of any gazetteer), each address in two carrier sentences.

    .venv/bin/python bench/judgment_eval.py [--split test|tune] [--no-baseline]
    bench/.venv/bin/python bench/judgment_eval.py --split test   # with Presidio+GiNZA
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import yaml

from _common import ROOT, write_result

#: The engine under test: ``import hinagata`` after ``--engine-src`` is on sys.path.
hinagata: Any = None

DEV = ROOT / "bench" / "data" / "judgment_dev"
ADDRESSES = ROOT / "bench" / "data" / "addresses_handwritten.yaml"
SERVICES = ("example-domestic-lgwan", "example-foreign-japan-region", "example-consumer-chat")
WG = SERVICES[0]
CLASSES = ("1", "2", "3C", "3B", "3A")
LENIENT = 0.5
#: Finding types a masking does not replace (POLICY_DEFAULTS §3, allow_masked).
NOT_MASKED = {"SENSITIVE", "CORPORATE_NUMBER"}
QUASI_TYPE = "QUASI_IDENTIFIER"
#: Quasi-identifier kinds the engine may report that the set does not annotate.
QUASI_NOT_SCORED = {"matter", "person"}  # 30代女性: a described person, weighs nothing
BASELINE_MASKED = {"PERSON", "LOCATION", "DATE_TIME"}
ADDRESS_CARRIERS = ("住所：{a}", "{a}にお住まいの方から相談がありました。")

Span = tuple[int, int]


# ---------------------------------------------------------------- data


def load_split(split: str) -> list[dict[str, Any]]:
    splits = yaml.safe_load((DEV / "splits.yaml").read_text("utf-8"))
    records: list[dict[str, Any]] = []
    for genre in splits[split]:
        for line in (DEV / f"{genre}.jsonl").read_text("utf-8").splitlines():
            if line.strip():
                records.append(json.loads(line))
    return records


def combination(rec: dict[str, Any]) -> list[dict[str, Any]]:
    """The quasi identifiers of a record's identifying combination (area addresses too)."""
    partial = [
        d for d in rec["direct"] if d["type"] == "ADDRESS" and d["precision"] in ("town", "area")
    ]
    return list(rec["quasi"]) + partial


def is_identifying_direct(d: dict[str, Any]) -> bool:
    if d["type"] == "PERSON_NAME" and d.get("name") == "partial":
        return False
    return not (d["type"] == "ADDRESS" and d.get("precision") in ("town", "area"))


# ---------------------------------------------------------------- span arithmetic


def char_set(spans: Iterable[Span]) -> set[int]:
    out: set[int] = set()
    for s, e in spans:
        out.update(range(s, e))
    return out


def coverage(span: Span, masked: set[int]) -> float:
    s, e = span
    return sum(1 for i in range(s, e) if i in masked) / (e - s) if e > s else 0.0


class Recall:
    """Entity recall, lenient (≥ 50 % of characters masked) and strict (all of them)."""

    def __init__(self) -> None:
        self.total = 0
        self.lenient = 0
        self.strict = 0

    def add(self, cov: float) -> None:
        self.total += 1
        self.lenient += cov >= LENIENT
        self.strict += cov >= 1.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "n": self.total,
            "found": self.lenient,
            "recall": round(self.lenient / self.total, 4) if self.total else None,
            "recall_strict": round(self.strict / self.total, 4) if self.total else None,
        }


class Precision:
    """Character-weighted precision of masking, and entity precision of the findings."""

    def __init__(self) -> None:
        self.masked_chars = 0
        self.gold_chars = 0
        self.findings = 0
        self.findings_ok = 0

    def add(self, spans: Sequence[Span], gold: set[int], neutral: set[int]) -> None:
        masked = char_set(spans) - neutral
        self.masked_chars += len(masked)
        self.gold_chars += len(masked & gold)
        for s, e in spans:
            own = set(range(s, e)) - neutral
            if not own:
                continue
            self.findings += 1
            self.findings_ok += len(own & gold) >= LENIENT * len(own)

    def as_dict(self) -> dict[str, Any]:
        return {
            "masked_chars": self.masked_chars,
            "masked_chars_in_gold": self.gold_chars,
            "precision_chars": round(self.gold_chars / self.masked_chars, 4)
            if self.masked_chars
            else None,
            "findings": self.findings,
            "precision_entities": round(self.findings_ok / self.findings, 4)
            if self.findings
            else None,
        }


class DetectionScore:
    """Recall by direct/quasi, type and precision band; masking precision."""

    def __init__(self) -> None:
        self.direct = Recall()
        self.direct_identifying = Recall()
        self.quasi = Recall()
        self.by_type: dict[str, Recall] = defaultdict(Recall)
        self.by_kind: dict[str, Recall] = defaultdict(Recall)
        self.precision = Precision()
        self.quasi_precision = Precision()
        self.institutional_flagged = 0
        self.institutional_total = 0
        self.missed: list[dict[str, Any]] = []

    def add(
        self,
        rec: dict[str, Any],
        masked_spans: Sequence[Span],
        quasi_spans: Sequence[Span] = (),
        keep_missed: bool = True,
    ) -> None:
        direct_mask = char_set(masked_spans)
        all_mask = direct_mask | char_set(quasi_spans)
        for d in rec["direct"]:
            cov = coverage((d["start"], d["end"]), direct_mask)
            self.direct.add(cov)
            if is_identifying_direct(d):
                self.direct_identifying.add(cov)
            key = d["type"] + (f"/{d['precision']}" if d["type"] == "ADDRESS" else "")
            if d["type"] == "PERSON_NAME":
                key += f"/{d.get('name', 'full')}"
            self.by_type[key].add(cov)
            if cov < LENIENT and keep_missed:
                self.missed.append({"id": rec["id"], "type": key, "text": d["text"]})
        for q in rec["quasi"]:
            cov = coverage((q["start"], q["end"]), all_mask)
            self.quasi.add(cov)
            self.by_kind[q["kind"]].add(cov)
        gold = char_set((s["start"], s["end"]) for s in rec["direct"] + rec["quasi"])
        neutral = char_set(
            (i["start"], i["end"]) for i in rec["institutional"] if i["type"] == "PERSON_NAME"
        )
        self.precision.add(list(masked_spans), gold - neutral, neutral)
        if quasi_spans:
            self.quasi_precision.add(list(quasi_spans), gold - neutral, neutral)
        for inst in rec["institutional"]:
            if inst["type"] == "PERSON_NAME":
                continue
            self.institutional_total += 1
            self.institutional_flagged += coverage((inst["start"], inst["end"]), direct_mask) >= (
                LENIENT
            )

    def as_dict(self) -> dict[str, Any]:
        return {
            "direct": self.direct.as_dict(),
            "direct_identifying": self.direct_identifying.as_dict(),
            "quasi": self.quasi.as_dict(),
            "direct_by_type": {k: v.as_dict() for k, v in sorted(self.by_type.items())},
            "quasi_by_kind": {k: v.as_dict() for k, v in sorted(self.by_kind.items())},
            "precision": self.precision.as_dict(),
            "quasi_precision": self.quasi_precision.as_dict(),
            "institutional_flagged_personal": {
                "n": self.institutional_total,
                "flagged": self.institutional_flagged,
            },
        }


# ---------------------------------------------------------------- Hinagata


def masking_spans(findings: Iterable[Any]) -> tuple[list[Span], list[Span]]:
    """(spans a masking replaces, quasi-identifier spans) of a decision's findings.

    Masked: personal findings of direct types (docs/finding-types.md: not ``SENSITIVE``,
    not ``CORPORATE_NUMBER``). Quasi: ``QUASI_IDENTIFIER`` findings whatever their
    ``personal`` flag (they are documented as not personal and generalised rather than
    masked), except the kind ``matter`` (a personal matter such as 不登校, which this set does
    not annotate as a quasi identifier).
    """
    masked: list[Span] = []
    quasi: list[Span] = []
    for f in findings:
        if f.type == QUASI_TYPE:
            if getattr(f, "category", None) not in QUASI_NOT_SCORED:
                quasi.append((f.start, f.end))
        elif getattr(f, "personal", True) and f.type not in NOT_MASKED:
            masked.append((f.start, f.end))
    return masked, quasi


def _mentions_content(value: Any) -> bool:
    if value is None or isinstance(value, bool):
        return False
    if isinstance(value, str):
        low = value.lower()
        return "content" in low or "quasi" in low or "特異" in value
    if isinstance(value, dict):
        return any(_mentions_content(k) or _mentions_content(v) for k, v in value.items())
    if isinstance(value, Iterable):
        return any(_mentions_content(v) for v in value)
    return False


def predicted_identifiable(decision: Any) -> str:
    """none / direct / content from a Decision, read defensively (fields may be added)."""
    if not decision.identifiable:
        return "none"
    for attr in ("identified_by", "identifiable_by", "identification", "identifiable_reason"):
        value = getattr(decision, attr, None)
        if value is not None and not isinstance(value, bool):
            return "content" if _mentions_content(value) else "direct"
    assessment = getattr(decision, "assessment", None)
    because = getattr(assessment, "identifiable_because", None)
    if because:
        # Reasons of both sorts (a full name and a combination): identified directly.
        return "content" if all(_mentions_content(b) for b in because) else "direct"
    for attr in ("identified_by", "identifiable_by", "content_identifiable", "by_content"):
        value = getattr(assessment, attr, None)
        if value is True:
            return "content"
        if value is not None and not isinstance(value, bool):
            return "content" if _mentions_content(value) else "direct"
    codes = [str(getattr(r, "code", "")).lower() for r in getattr(decision, "reasons", ())]
    if any("quasi" in c or ("content" in c and "ident" in c) for c in codes):
        return "content"
    direct, _ = masking_spans(decision.findings)
    return "direct" if direct else "content"


def judge(text: str) -> dict[str, Any]:
    decisions: dict[str, Any] = {}
    prev = None
    for svc in SERVICES:
        prev = hinagata.check(text, svc, reuse=prev)
        decisions[svc] = prev
    return decisions


class Tally:
    def __init__(self) -> None:
        self.n = 0
        self.ok = 0

    def add(self, ok: bool) -> None:
        self.n += 1
        self.ok += ok

    def value(self) -> float | None:
        return round(self.ok / self.n, 4) if self.n else None


def score_hinagata(records: list[dict[str, Any]]) -> dict[str, Any]:
    det = DetectionScore()
    per_genre_det: dict[str, DetectionScore] = defaultdict(DetectionScore)
    ident, ident_bin, cls = Tally(), Tally(), Tally()
    verdict = {s: Tally() for s in SERVICES}
    g_ident: dict[str, Tally] = defaultdict(Tally)
    g_cls: dict[str, Tally] = defaultdict(Tally)
    g_verdict: dict[str, Tally] = defaultdict(Tally)
    ident_confusion: Counter[str] = Counter()
    class_confusion: Counter[str] = Counter()
    content_raw = dict.fromkeys(SERVICES, 0)
    identifiable_raw = dict.fromkeys(SERVICES, 0)
    masked_direct_leaks: list[dict[str, Any]] = []
    masked_combo_leaks: list[dict[str, Any]] = []
    masked_count = 0
    errors: list[dict[str, Any]] = []
    t0 = time.perf_counter()
    for rec in records:
        text, genre = rec["text"], rec["genre"]
        decisions = judge(text)
        wg = decisions[WG]
        masked_spans, quasi_spans = masking_spans(wg.findings)
        det.add(rec, masked_spans, quasi_spans)
        per_genre_det[genre].add(rec, masked_spans, quasi_spans, keep_missed=False)
        pred_ident = predicted_identifiable(wg)
        ok_ident = pred_ident == rec["identifiable"]
        ident.add(ok_ident)
        g_ident[genre].add(ok_ident)
        ident_bin.add((pred_ident != "none") == (rec["identifiable"] != "none"))
        ident_confusion[f"{rec['identifiable']}->{pred_ident}"] += 1
        ok_cls = wg.information_class == rec["class"]
        cls.add(ok_cls)
        g_cls[genre].add(ok_cls)
        class_confusion[f"{rec['class']}->{wg.information_class}"] += 1
        wrong: dict[str, str] = {}
        for svc, d in decisions.items():
            ok = d.verdict == rec["verdicts"][svc]
            verdict[svc].add(ok)
            g_verdict[genre].add(ok)
            if not ok:
                wrong[svc] = f"{rec['verdicts'][svc]}->{d.verdict}"
            if d.verdict == "allow":
                if rec["identifiable"] == "content":
                    content_raw[svc] += 1
                if rec["identifiable"] != "none":
                    identifiable_raw[svc] += 1
            if d.verdict == "allow_masked" and d.masked_text is not None:
                masked_count += 1
                left = [
                    x["text"]
                    for x in rec["direct"]
                    if is_identifying_direct(x) and x["text"] in d.masked_text
                ]
                if left:
                    masked_direct_leaks.append({"id": rec["id"], "service": svc, "left": left})
                combo = combination(rec)
                if (
                    rec["identifiable"] == "content"
                    and combo
                    and all(q["text"] in d.masked_text for q in combo)
                ):
                    masked_combo_leaks.append(
                        {"id": rec["id"], "service": svc, "left": [q["text"] for q in combo]}
                    )
        if not ok_cls or not ok_ident or wrong:
            errors.append(
                {
                    "id": rec["id"],
                    "gold": f"{rec['class']}/{rec['identifiable']}",
                    "got": f"{wg.information_class}/{pred_ident}",
                    "verdicts": wrong,
                }
            )
    elapsed = time.perf_counter() - t0
    genres = sorted({r["genre"] for r in records})
    per_genre = {
        g: {
            "records": sum(1 for r in records if r["genre"] == g),
            "direct_recall": per_genre_det[g].direct.as_dict()["recall"],
            "quasi_recall": per_genre_det[g].quasi.as_dict()["recall"],
            "precision_chars": per_genre_det[g].precision.as_dict()["precision_chars"],
            "identifiability_accuracy": g_ident[g].value(),
            "class_accuracy": g_cls[g].value(),
            "verdict_accuracy": g_verdict[g].value(),
        }
        for g in genres
    }
    return {
        "records": len(records),
        "seconds": round(elapsed, 2),
        "detection": det.as_dict(),
        "identifiability_accuracy": ident.value(),
        "identifiability_binary_accuracy": ident_bin.value(),
        "identifiability_confusion": dict(sorted(ident_confusion.items())),
        "class_accuracy": cls.value(),
        "class_confusion": dict(sorted(class_confusion.items())),
        "verdict_accuracy": {s: t.value() for s, t in verdict.items()},
        "safety": {
            "content_identifiable_allowed_raw": content_raw,
            "identifiable_allowed_raw": identifiable_raw,
            "masked_texts": masked_count,
            "masked_with_direct_identifier": len(masked_direct_leaks),
            "masked_with_identifying_combination": len(masked_combo_leaks),
            "masked_direct_leaks": masked_direct_leaks,
            "masked_combination_leaks": masked_combo_leaks,
        },
        "per_genre": per_genre,
        "missed_direct": det.missed,
        "errors": errors,
    }


# ---------------------------------------------------------------- baseline


def baseline_analyzer() -> tuple[Callable[[str], list[Span]] | None, str]:
    try:
        from _baseline import presidio_engine

        engine = presidio_engine()
    except Exception as exc:
        return None, f"{type(exc).__name__}: {exc}"

    def analyze(text: str) -> list[Span]:
        return [
            (r.start, r.end)
            for r in engine.analyze(text=text, language="ja")
            if r.entity_type in BASELINE_MASKED
        ]

    analyze("佐藤花子さんは横浜市に住んでいる。")  # warm-up: model load
    return analyze, ""


def score_baseline(records: list[dict[str, Any]], analyze: Callable[[str], list[Span]]) -> Any:
    det = DetectionScore()
    t0 = time.perf_counter()
    for rec in records:
        spans = analyze(rec["text"])
        det.add(rec, spans)
    out = det.as_dict()
    out["missed_direct"] = det.missed
    out["seconds"] = round(time.perf_counter() - t0, 2)
    return out


# ---------------------------------------------------------------- addresses


def load_addresses() -> list[dict[str, Any]]:
    if not ADDRESSES.exists():
        return []
    data = yaml.safe_load(ADDRESSES.read_text("utf-8"))
    return list(data["addresses"])


def score_addresses(
    addresses: list[dict[str, Any]], spans_of: Callable[[str], list[Span]]
) -> dict[str, Any]:
    by_precision: dict[str, Recall] = defaultdict(Recall)
    total = Recall()
    missed: list[str] = []
    for a in addresses:
        for carrier in ADDRESS_CARRIERS:
            text = carrier.format(a=a["text"])
            start = text.index(a["text"])
            cov = coverage((start, start + len(a["text"])), char_set(spans_of(text)))
            by_precision[a["precision"]].add(cov)
            total.add(cov)
            if cov < LENIENT and a["text"] not in missed:
                missed.append(a["text"])
    complete = Recall()
    for p in ("full", "block"):
        r = by_precision.get(p)
        if r:
            complete.total += r.total
            complete.lenient += r.lenient
            complete.strict += r.strict
    return {
        "addresses": len(addresses),
        "texts": total.total,
        "all": total.as_dict(),
        "complete_full_block": complete.as_dict(),
        "by_precision": {k: v.as_dict() for k, v in sorted(by_precision.items())},
        "missed": missed,
    }


def hinagata_address_spans(text: str) -> list[Span]:
    return [(f.start, f.end) for f in hinagata.scan(text) if f.type in ("ADDRESS", "POSTAL_CODE")]


# ---------------------------------------------------------------- report


def _fmt(v: Any) -> str:
    if v is None:
        return "  –  "
    if isinstance(v, float):
        return f"{v:.3f}"
    return str(v)


def print_report(split: str, h: dict[str, Any], b: dict[str, Any] | None, note: str) -> None:
    hd = h["detection"]
    print(f"\nJudgment development set, split={split}: {h['records']} records")
    print(f"{'metric':44s} {'Hinagata':>10s} {'Presidio+GiNZA':>15s}")
    rows = [
        ("direct recall (≥50% chars)", ("direct", "recall")),
        ("direct recall strict (all chars)", ("direct", "recall_strict")),
        ("direct identifying recall", ("direct_identifying", "recall")),
        ("quasi recall (≥50% chars)", ("quasi", "recall")),
        ("quasi recall strict", ("quasi", "recall_strict")),
        ("masking precision (chars)", ("precision", "precision_chars")),
        ("masking precision (entities)", ("precision", "precision_entities")),
        (
            "quasi-identifier findings precision (entities)",
            ("quasi_precision", "precision_entities"),
        ),
    ]
    for label, (a, k) in rows:
        bv = b[a][k] if b else None
        print(f"{label:44s} {_fmt(hd[a][k]):>10s} {_fmt(bv):>15s}")
    inst = hd["institutional_flagged_personal"]
    print(f"{'institutional contacts flagged personal':44s} {inst['flagged']}/{inst['n']:<8}")
    print(
        f"{'identifiability accuracy (none/direct/content)':44s} "
        f"{_fmt(h['identifiability_accuracy']):>10s}"
    )
    print(
        f"{'identifiability accuracy (binary)':44s} "
        f"{_fmt(h['identifiability_binary_accuracy']):>10s}"
    )
    print(f"{'class accuracy':44s} {_fmt(h['class_accuracy']):>10s}")
    for svc, v in h["verdict_accuracy"].items():
        print(f"{'verdict accuracy ' + svc:44s} {_fmt(v):>10s}")
    s = h["safety"]
    print("safety:")
    print(
        f"  content-identifiable allowed raw per service: {s['content_identifiable_allowed_raw']}"
    )
    print(f"  identifiable allowed raw per service:         {s['identifiable_allowed_raw']}")
    print(
        f"  masked texts {s['masked_texts']}: still holding a direct identifier "
        f"{s['masked_with_direct_identifier']}, an identifying combination "
        f"{s['masked_with_identifying_combination']}"
    )
    print("\ndirect recall by type (Hinagata | baseline):")
    for k, v in hd["direct_by_type"].items():
        bv = b["direct_by_type"].get(k, {}).get("recall") if b else None
        print(f"  {k:34s} n={v['n']:<4d} {_fmt(v['recall']):>6s} | {_fmt(bv)}")
    print("quasi recall by kind (Hinagata):")
    for k, v in hd["quasi_by_kind"].items():
        print(f"  {k:34s} n={v['n']:<4d} {_fmt(v['recall']):>6s}")
    print("\nper genre (Hinagata):")
    print(
        f"  {'genre':20s} {'n':>4s} {'dirR':>6s} {'quaR':>6s} {'prec':>6s} "
        f"{'ident':>6s} {'class':>6s} {'verd':>6s}"
    )
    for g, v in h["per_genre"].items():
        print(
            f"  {g:20s} {v['records']:>4d} {_fmt(v['direct_recall']):>6s} "
            f"{_fmt(v['quasi_recall']):>6s} {_fmt(v['precision_chars']):>6s} "
            f"{_fmt(v['identifiability_accuracy']):>6s} {_fmt(v['class_accuracy']):>6s} "
            f"{_fmt(v['verdict_accuracy']):>6s}"
        )
    if "addresses" in h:
        a = h["addresses"]
        ba = b.get("addresses") if b else None
        print(f"\nhand-written addresses ({a['addresses']} × {len(ADDRESS_CARRIERS)} carriers):")
        for p, v in a["by_precision"].items():
            bv = ba["by_precision"].get(p, {}).get("recall") if ba else None
            print(
                f"  {p:10s} n={v['n']:<4d} recall {_fmt(v['recall'])} "
                f"strict {_fmt(v['recall_strict'])} | baseline {_fmt(bv)}"
            )
        c = a["complete_full_block"]
        print(
            f"  complete (full+block) recall {_fmt(c['recall'])} strict {_fmt(c['recall_strict'])}"
        )
    if b is None:
        print(f"\nbaseline skipped: {note}")


def engine_label() -> str:
    """The commit of the engine's source tree, ``+dirty`` when src/ has local changes."""
    import subprocess

    where = Path(hinagata.__file__).resolve().parent
    try:
        commit = subprocess.run(
            ["git", "-C", str(where), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(where), "status", "--porcelain", "--", "."],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return commit + ("+dirty" if dirty else "")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    ap.add_argument("--split", choices=("test", "tune", "holdout"), default="test")
    ap.add_argument("--no-baseline", action="store_true")
    ap.add_argument(
        "--engine-src",
        type=Path,
        help="score the hinagata package in this src folder (e.g. an archive of a past commit)",
    )
    ap.add_argument(
        "--engine-label", default="", help="what the engine is, e.g. 'a28f414 (before issue 11)'"
    )
    args = ap.parse_args()
    global hinagata
    if args.engine_src is not None:
        sys.path.insert(0, str(args.engine_src.resolve()))
    import hinagata as engine

    hinagata = engine
    label = args.engine_label or engine_label()
    print(f"engine: {label} ({Path(hinagata.__file__).parent})")
    records = load_split(args.split)
    hinagata.scan("佐藤花子さん")  # warm-up: dictionary load
    h = score_hinagata(records)
    addresses = load_addresses()
    if addresses:
        h["addresses"] = score_addresses(addresses, hinagata_address_spans)
    b: dict[str, Any] | None = None
    note = "--no-baseline"
    if not args.no_baseline:
        analyze, note = baseline_analyzer()
        if analyze is not None:
            b = score_baseline(records, analyze)
            if addresses:
                b["addresses"] = score_addresses(addresses, analyze)
        else:
            note = f"Presidio+GiNZA not available ({note}); run bash bench/setup.sh"
            print(f"baseline skipped: {note}", file=sys.stderr)
    print_report(args.split, h, b, note)
    command = f"bench/judgment_eval.py --split {args.split}" + (
        " --no-baseline" if args.no_baseline else ""
    )
    if args.engine_src is not None:
        command += f" --engine-src {args.engine_src} --engine-label {label!r}"
    out = write_result(
        f"judgment_eval_{args.split}",
        {
            "command": command,
            "split": args.split,
            "engine": label,
            "data": str(Path("bench/data/judgment_dev")),
            "overlap_rule": "found: >= 50% of the entity's characters masked; strict: all",
            "hinagata": h,
            "baseline": b if b is not None else {"skipped": note},
        },
    )
    print(f"\nwrote {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
