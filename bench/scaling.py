"""How detection and masking scale with the length of one text (10k → 1M characters).

The text is an invented municipal case file: consultation notes in which names (written
with and without a space), phones, e-mail addresses, postal codes, addresses, birth dates
and special-care terms repeat with variations, as they do when a long record is pasted
into one prompt. For each length, single process, after a warm-up:

- ``scan``: the whole of ``hinagata.scan`` and, inside it, the time spent in overlap
  resolution (``_resolve``) and in the personal/institutional context step
  (``mark_personal``), measured by wrapping those two functions;
- ``mask``: ``Masker().mask(text, findings)`` on the findings of that scan;
- the baselines, side by side in the same run: the pairwise overlap resolution and the
  per-value repeat search as they were before (copied below), on the same candidates
  and findings, checked to give identical results.

    .venv/bin/python bench/scaling.py [--sizes 10000,100000,200000,1000000]
                                      [--baseline-max 1000000] [--repeat 1] [--readers]

A baseline above ``--baseline-max`` characters is skipped (it is quadratic: minutes at 1M).

``--readers`` also times reading three hostile Office files built on the spot (a .docx
zip bomb of 48.8 MB of XML in about 200 KB, a .xlsx of 3 MB holding 49 MB of sheet XML (110,000 rows),
a two-cell .xlsx declaring the dimension A1:XFD20000) with ``hinagata.io.read_text``,
and, side by side, with the readers as they were before the caps (``_readers.py`` at
commit ``c88be05``, loaded from git), each in a fresh process for its peak memory (VmHWM, Linux).
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any
from unittest.mock import patch

from _common import ROOT, write_result
from hinagata import Finding, scan
from hinagata.detect import _detector
from hinagata.detect._types import Candidate
from hinagata.mask import Masker, _mask

_SURNAMES = "高橋 佐藤 鈴木 田中 伊藤 渡辺 山本 中村 小林 加藤 吉田 山田 佐々木 山口 松本".split()
_GIVEN = "健一 花子 太郎 美咲 翔太 陽子 大輔 由美 誠 直子 浩二 恵美".split()
_PLACES = [
    "神奈川県横浜市西区みなとみらい",
    "東京都千代田区霞が関",
    "大阪府大阪市北区梅田",
    "埼玉県さいたま市浦和区高砂",
    "千葉県千葉市中央区中央",
]
_LINES = [
    "相談者：{name}（昭和{y}年{m}月{d}日生）、住所 {addr}。\n",
    "母の{name2}さんが先月から入院しており、世帯として生活保護の申請を検討している。\n",
    "連絡先は{phone}、メール {mail} まで。{name}さんへ折り返し。\n",
    "次回面談までに、相談の要点と必要書類を箇条書きにまとめてください。\n",
    "担当：福祉課 {name3}（内線1234）。〒{zip} {addr}\n",
    "{name}様の件、糖尿病の通院歴あり。電話 {phone2}。\n",
    "本日は窓口で説明を行い、申請書の様式を手渡した。次回は来週火曜日の予定。\n",
]


def case_file(n: int, seed: int = 0) -> str:
    """An invented case file of exactly ``n`` characters (fictitious people)."""
    r = random.Random(seed)
    out: list[str] = []
    size = 0
    while size < n:
        name = r.choice(_SURNAMES) + r.choice(["", " ", "　"]) + r.choice(_GIVEN)
        kanji = r.choice("一二三")
        line = r.choice(_LINES).format(
            name=name,
            name2=r.choice(_SURNAMES) + r.choice(_GIVEN),
            name3=r.choice(_SURNAMES) + r.choice(_GIVEN),
            y=r.randint(20, 64),
            m=r.randint(1, 12),
            d=r.randint(1, 28),
            addr=f"{r.choice(_PLACES)}{kanji}丁目{r.randint(1, 20)}番{r.randint(1, 30)}号",
            phone=f"090-{r.randint(1000, 9999)}-{r.randint(1000, 9999)}",
            phone2=f"0{r.randint(3, 9)}-{r.randint(1000, 9999)}-{r.randint(1000, 9999)}",
            mail=f"user{r.randint(1, 500)}@example.jp",
            zip=f"{r.randint(100, 999)}-{r.randint(1000, 9999)}",
        )
        out.append(line)
        size += len(line)
    return "".join(out)[:n]


# --- Baselines: the algorithms as they were before this change (copied verbatim) ---------


def resolve_baseline(cands: list[Candidate]) -> list[Candidate]:
    ranked = sorted(
        cands,
        key=lambda c: (-c.score, -c.length, _detector._TYPE_RANK.get(c.type, 99), c.start),
    )
    taken: list[Candidate] = []
    occupied: list[tuple[int, int]] = []
    for c in ranked:
        if any(c.start < e and s < c.end for s, e in occupied):
            continue
        taken.append(c)
        occupied.append((c.start, c.end))
    taken.sort(key=lambda c: (c.start, c.end))
    return taken


def other_occurrences_baseline(
    text: str,
    replaced: Sequence[Finding],
    spans: Sequence[tuple[int, int, str]],
    numbers: Mapping[tuple[str, str], str],
) -> list[tuple[int, int, str]]:
    taken = sorted((s, e) for s, e, _ in spans)
    extra: list[tuple[int, int, str]] = []
    seen: set[str] = set()
    for f in replaced:
        value = f.text
        if value in seen or (f.type == "PERSON_NAME" and len(value) < 3) or text.count(value) < 2:
            continue
        seen.add(value)
        ph = numbers[_mask._key(f)]
        i = text.find(value)
        while i >= 0:
            j = i + len(value)
            if not any(i < e and s < j for s, e in taken):
                extra.append((i, j, ph))
                taken.append((i, j))
            i = text.find(value, j)
    return extra


# --- Timing --------------------------------------------------------------------------------


class _Timed:
    """Wraps a function, adding its wall time to ``seconds`` and keeping its last input."""

    def __init__(self, fn: Callable[..., Any]) -> None:
        self.fn = fn
        self.seconds = 0.0
        self.last_args: tuple[Any, ...] = ()

    def __call__(self, *args: Any) -> Any:
        self.last_args = args
        t = time.perf_counter()
        try:
            return self.fn(*args)
        finally:
            self.seconds += time.perf_counter() - t


def _clock(fn: Callable[[], Any]) -> tuple[float, Any]:
    t = time.perf_counter()
    out = fn()
    return time.perf_counter() - t, out


def measure(n: int, baseline: bool, repeat: int) -> dict[str, Any]:
    text = case_file(n)
    best: dict[str, float] = {}
    for _ in range(repeat):
        resolve = _Timed(_detector._resolve)
        context = _Timed(_detector.mark_personal)
        with (
            patch.object(_detector, "_resolve", resolve),
            patch.object(_detector, "mark_personal", context),
        ):
            t_scan, findings = _clock(lambda: scan(text))
        t_mask, masked = _clock(lambda f=findings: Masker().mask(text, f))
        row = {
            "scan_s": t_scan,
            "resolve_s": resolve.seconds,
            "context_s": context.seconds,
            "mask_s": t_mask,
        }
        for k, v in row.items():
            best[k] = min(best.get(k, v), v)
    out: dict[str, Any] = {"chars": n, "findings": len(findings), **best}
    (cands,) = resolve.last_args
    out["candidates"] = len(cands)
    if baseline:
        t_old, old = _clock(lambda: resolve_baseline(list(cands)))
        assert [id(c) for c in old] == [id(c) for c in _detector._resolve(list(cands))]
        out["resolve_baseline_s"] = t_old
        with patch.object(_mask, "_other_occurrences", other_occurrences_baseline):
            t_old, old_masked = _clock(lambda: Masker().mask(text, findings))
        assert old_masked == masked
        out["mask_baseline_s"] = t_old
        # The whole scan before: the old resolution in place of the new, all else the same.
        out["scan_baseline_s"] = out["scan_s"] - out["resolve_s"] + out["resolve_baseline_s"]
    return out


# --- Readers: hostile Office files ---------------------------------------------------------

_READERS_BEFORE = "c88be05"
_PARA = "<w:p><w:r><w:t>相談者 高橋健一 090-1234-5678 横浜市西区みなとみらい三丁目5番1号</w:t></w:r></w:p>"


def _docx_bomb(path: Path, xml_bytes: int = 48_800_000) -> None:
    import docx

    src = path.with_name("src.docx")
    d = docx.Document()
    d.add_paragraph("相談者 高橋健一")
    d.save(str(src))
    with (
        zipfile.ZipFile(src) as zin,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zout,
    ):
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename != "word/document.xml":
                zout.writestr(info, data)
                continue
            head, _, tail = data.decode().partition("<w:body>")
            chunk = (_PARA * 1000).encode()
            with zout.open("word/document.xml", "w", force_zip64=True) as fh:
                fh.write((head + "<w:body>").encode())
                for _ in range(xml_bytes // len(chunk)):
                    fh.write(chunk)
                fh.write(tail.encode())


def _big_xlsx(path: Path, rows: int = 110_000) -> None:
    import openpyxl

    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("名簿")
    for i in range(rows):
        ws.append(
            [
                f"高橋健一{i}",
                f"090-1234-{i % 10000:04d}",
                "横浜市西区みなとみらい三丁目5番1号",
                i,
                "備考",
            ]
        )
    wb.save(str(path))


def _padded_xlsx(path: Path) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws["A1"] = "高橋健一"
    ws["XFD20000"] = "090-1234-5678"
    wb.save(str(path))


_READ_ONE = """
import json, sys, time
which, path = sys.argv[1], sys.argv[2]
if which == "before":
    import importlib.util
    spec = importlib.util.spec_from_file_location("readers_before", sys.argv[3])
    mod = importlib.util.module_from_spec(spec)
    sys.modules["readers_before"] = mod
    spec.loader.exec_module(mod)
    read = mod.read_text
else:
    from hinagata.io import read_text as read
t = time.perf_counter()
try:
    outcome = f"read {len(read(path)):,} chars"
except Exception as exc:
    outcome = f"refused: {getattr(exc, 'limit', '') or type(exc).__name__}"
secs = time.perf_counter() - t
# VmHWM: this process's own peak (ru_maxrss would include the forking parent's).
status = open("/proc/self/status").read().split("VmHWM:")[1]
rss = int(status.split()[0]) / 1024
print(json.dumps({"seconds": secs, "peak_rss_mb": rss, "outcome": outcome}))
"""


def measure_readers(baseline: bool) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="hinagata-bench-") as d:
        tmp = Path(d)
        before = tmp / "readers_before.py"
        if baseline:
            before.write_bytes(
                subprocess.run(
                    ["git", "show", f"{_READERS_BEFORE}:src/hinagata/io/_readers.py"],
                    cwd=ROOT,
                    check=True,
                    capture_output=True,
                ).stdout
            )
        files = {
            "docx zip bomb": (tmp / "bomb.docx", _docx_bomb),
            "xlsx, 110,000 rows × 5 columns": (tmp / "big.xlsx", _big_xlsx),
            "xlsx, 2 cells, dimension A1:XFD20000": (tmp / "pad.xlsx", _padded_xlsx),
        }
        for label, (path, make) in files.items():
            make(path)
            with zipfile.ZipFile(path) as zf:
                unzipped = sum(i.file_size for i in zf.infolist())
            row: dict[str, Any] = {
                "file": label,
                "bytes": path.stat().st_size,
                "unzipped": unzipped,
            }
            for which in ("after", "before") if baseline else ("after",):
                out = subprocess.run(
                    [sys.executable, "-c", _READ_ONE, which, str(path), str(before)],
                    check=True,
                    capture_output=True,
                    text=True,
                ).stdout
                row[which] = json.loads(out)
            rows.append(row)
            a, b = row["after"], row.get("before")
            print(
                f"| {label} | {row['bytes']:,} | {unzipped:,} | {_fmt(a['seconds'])}, {a['peak_rss_mb']:.0f} MB, "
                f"{a['outcome']} | "
                + (f"{_fmt(b['seconds'])}, {b['peak_rss_mb']:.0f} MB, {b['outcome']}" if b else "—")
                + " |",
                flush=True,
            )
    return rows


def _fmt(v: float | None) -> str:
    return "—" if v is None else (f"{v * 1000:.0f} ms" if v < 1 else f"{v:.2f} s")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="10000,100000,200000,1000000")
    ap.add_argument("--baseline-max", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--readers", action="store_true")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    scan(case_file(2000))  # warm-up: dictionary, lexicon, compiled patterns
    rows = []
    head = (
        "| chars | findings | scan | of which _resolve | of which mark_personal | mask "
        "| _resolve before | mask before | scan before (est.) |"
    )
    print(head)
    print("|---" * 9 + "|")
    for n in sizes:
        r = measure(n, n <= args.baseline_max, args.repeat)
        rows.append(r)
        print(
            f"| {n:,} | {r['findings']:,} | {_fmt(r['scan_s'])} | {_fmt(r['resolve_s'])} "
            f"| {_fmt(r['context_s'])} | {_fmt(r['mask_s'])} "
            f"| {_fmt(r.get('resolve_baseline_s'))} | {_fmt(r.get('mask_baseline_s'))} "
            f"| {_fmt(r.get('scan_baseline_s'))} |",
            flush=True,
        )
    readers: list[dict[str, Any]] = []
    if args.readers:
        print("\n| file | bytes | unzipped | now | before the caps |\n|---|---|---|---|---|")
        readers = measure_readers(args.baseline_max > 0)
    path = write_result("scaling", {"args": vars(args), "rows": rows, "readers": readers})
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
