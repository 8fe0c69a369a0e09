"""The judgment development set (bench/data/judgment_dev) is well formed.

Validates the data only — offsets, fields, labels, splits, and that the JSONL files are
what the builder makes of the hand-written sources — never the engine's scores.
"""

from __future__ import annotations

import importlib.util
import json
from collections import Counter
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml
from stdnum.jp import in_

from hinagata.catalog import SIZE_BANDS

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT / "bench" / "data" / "judgment_dev"
ADDRESSES = ROOT / "bench" / "data" / "addresses_handwritten.yaml"
FIELDS = {
    "id",
    "genre",
    "genre_ja",
    "text",
    "municipality_size",
    "direct",
    "quasi",
    "institutional",
    "special_care",
    "identifiable",
    "class",
    "verdicts",
}
DIRECT_TYPES = {
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
INSTITUTIONAL_TYPES = {
    "PHONE_NUMBER",
    "EMAIL",
    "ADDRESS",
    "POSTAL_CODE",
    "PERSON_NAME",
    "CORPORATE_NUMBER",
}
QUASI_KINDS = {
    "age",
    "area",
    "role",
    "school_class",
    "workplace",
    "family",
    "rare_condition",
    "event_date",
    "kin",
}
PRECISIONS = {"full", "block", "town", "area"}
SERVICES = ("example-domestic-lgwan", "example-foreign-japan-region", "example-consumer-chat")
#: POLICY_DEFAULTS §3.
VERDICTS = {
    "1": ("allow", "allow", "allow"),
    "2": ("allow", "allow", "deny"),
    "3C": ("allow_masked", "review", "deny"),
    "3B": ("allow_masked", "deny", "deny"),
    "3A": ("deny", "deny", "deny"),
}


def _records() -> list[dict[str, Any]]:
    out = []
    for path in sorted(DEV.glob("*.jsonl")):
        for n, line in enumerate(path.read_text("utf-8").splitlines(), 1):
            if line.strip():
                rec = json.loads(line)
                rec["_where"] = f"{path.name}:{n}"
                out.append(rec)
    return out


RECORDS = _records()


def _builder() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "judgment_dev_build", ROOT / "bench" / "judgment_dev_build.py"
    )
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_size_and_ids() -> None:
    assert len(RECORDS) >= 240
    ids = Counter(r["id"] for r in RECORDS)
    assert [i for i, n in ids.items() if n > 1] == []


@pytest.mark.parametrize("rec", RECORDS, ids=[r["id"] for r in RECORDS])
def test_record(rec: dict[str, Any]) -> None:
    where = rec["_where"]
    assert set(rec) >= FIELDS, (where, FIELDS - set(rec))
    text = rec["text"]
    assert text.strip() == text and text, where
    assert rec["municipality_size"] in SIZE_BANDS, where
    assert rec["class"] in VERDICTS, where
    assert rec["identifiable"] in ("none", "direct", "content"), where
    assert isinstance(rec["special_care"], bool), where
    assert rec["verdicts"] == dict(zip(SERVICES, VERDICTS[rec["class"]], strict=True)), where
    assert (DEV / f"{rec['genre']}.jsonl").name == where.split(":")[0]
    for span in rec["direct"] + rec["quasi"] + rec["institutional"]:
        assert 0 <= span["start"] < span["end"] <= len(text), (where, span)
        assert text[span["start"] : span["end"]] == span["text"], (where, span)
        assert span["text"] == span["text"].strip(), (where, span)
    for d in rec["direct"]:
        assert d["type"] in DIRECT_TYPES, (where, d)
        if d["type"] == "ADDRESS":
            assert d["precision"] in PRECISIONS, (where, d)
        if d["type"] == "MY_NUMBER":
            assert in_.is_valid(d["text"].replace(" ", "").replace("-", "")), (where, d)
    for q in rec["quasi"]:
        assert q["kind"] in QUASI_KINDS, (where, q)
    for i in rec["institutional"]:
        assert i["type"] in INSTITUTIONAL_TYPES, (where, i)


@pytest.mark.parametrize("rec", RECORDS, ids=[r["id"] for r in RECORDS])
def test_labels_agree(rec: dict[str, Any]) -> None:
    """Class, identifiability and special care follow POLICY_DEFAULTS §1."""
    where, cls, ident = rec["_where"], rec["class"], rec["identifiable"]
    my_number = any(d["type"] == "MY_NUMBER" for d in rec["direct"])
    if ident != "none":
        assert cls in ("3C", "3B", "3A"), where
    if cls == "3C":
        assert ident != "none" and not rec["special_care"] and not my_number, where
    if cls == "3B":
        assert my_number or (ident != "none" and rec["special_care"]), where
    if cls in ("1", "2"):
        assert ident == "none", where
    if cls == "1":
        assert rec["direct"] == [] and not rec["special_care"], where
    if ident == "direct":
        assert any(
            not (d["type"] == "PERSON_NAME" and d.get("name") == "partial")
            and not (d["type"] == "ADDRESS" and d["precision"] in ("town", "area"))
            for d in rec["direct"]
        ), where
    if ident == "content":
        assert rec["quasi"], where


def test_splits_cover_every_genre_once() -> None:
    splits = yaml.safe_load((DEV / "splits.yaml").read_text("utf-8"))
    assert set(splits) == {"tune", "test", "holdout"}
    listed = splits["tune"] + splits["test"] + splits["holdout"]
    genres = {r["genre"] for r in RECORDS}
    assert sorted(listed) == sorted(genres)
    assert len(listed) == len(set(listed))
    tune = sum(1 for r in RECORDS if r["genre"] in splits["tune"])
    # About 40 % until the nine tune genres added in December 2026 (test unchanged): ~60 %.
    assert 0.3 <= tune / len(RECORDS) <= 0.65
    assert any(g.startswith("hard_negative") for g in splits["tune"])
    assert any(g.startswith("hard_negative") for g in splits["test"])
    assert any(g.startswith("hard_negative") for g in splits["holdout"])


def test_jsonl_is_built_from_sources() -> None:
    build = _builder()
    for genre in build.GENRES:
        src = DEV / "source" / f"{genre}.txt"
        built = build.parse_source(genre, src.read_text("utf-8"))
        stored = [
            json.loads(x) for x in (DEV / f"{genre}.jsonl").read_text("utf-8").splitlines() if x
        ]
        assert built == stored, f"{genre}: run bench/judgment_dev_build.py"


def test_builder_size_bands_are_the_catalog_ones() -> None:
    assert tuple(_builder().SIZE_BANDS) == tuple(SIZE_BANDS)


def test_handwritten_addresses() -> None:
    data = yaml.safe_load(ADDRESSES.read_text("utf-8"))["addresses"]
    assert len(data) >= 150
    texts = [a["text"] for a in data]
    assert len(texts) == len(set(texts))
    assert {a["precision"] for a in data} <= PRECISIONS
    assert all(a["text"] == a["text"].strip() and a.get("form") for a in data)
    prefectures = {
        p
        for p in (
            "北海道 青森 岩手 宮城 秋田 山形 福島 茨城 栃木 群馬 埼玉 千葉 東京 神奈川 新潟 富山 "
            "石川 福井 山梨 長野 岐阜 静岡 愛知 三重 滋賀 京都 大阪 兵庫 奈良 和歌山 鳥取 島根 "
            "岡山 広島 山口 徳島 香川 愛媛 高知 福岡 佐賀 長崎 熊本 大分 宮崎 鹿児島 沖縄"
        ).split()
        if any(p in t for t in texts)
    }
    assert len(prefectures) >= 40
