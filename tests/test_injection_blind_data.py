"""The blind injection evaluation set (bench/data/injection_blind) is well formed.

Validates the data only — it parses, ids are unique, fields are present and the counts
meet their floors — never any detector's scores. The set is measured once and never
trained or tuned on (see bench/data/injection_blind/README.md).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

DATA = Path(__file__).resolve().parent.parent / "bench" / "data" / "injection_blind"

ATTACK_KINDS = {"direct", "document"}
BENIGN_KINDS = {"prompt", "system", "document"}
MIN_ATTACKS = 150
MIN_BENIGN_PROMPTS = 600
MIN_BENIGN_SYSTEM = 40
MIN_BENIGN_DOCUMENTS = 40


def _load(name: str, key: str) -> list[dict]:
    with open(DATA / name, encoding="utf-8") as f:
        doc = yaml.safe_load(f)
    assert isinstance(doc, dict) and isinstance(doc.get(key), list), name
    return doc[key]


@pytest.fixture(scope="module")
def attacks() -> list[dict]:
    return _load("attacks_ja.yaml", "attacks")


@pytest.fixture(scope="module")
def benign() -> list[dict]:
    return _load("benign_ja.yaml", "benign")


def _check_entries(entries: list[dict], fields: tuple[str, ...], kinds: set[str]) -> None:
    for e in entries:
        assert isinstance(e, dict), e
        for field in fields:
            assert isinstance(e.get(field), str) and e[field].strip(), (e.get("id"), field)
        assert e["kind"] in kinds, (e["id"], e["kind"])


def test_attacks_well_formed(attacks):
    _check_entries(attacks, ("id", "text", "kind", "technique", "note"), ATTACK_KINDS)
    assert len(attacks) >= MIN_ATTACKS
    assert sum(a["kind"] == "document" for a in attacks) >= 30
    assert len({a["technique"] for a in attacks}) >= 10
    assert len({a["text"] for a in attacks}) == len(attacks)


def test_benign_well_formed(benign):
    _check_entries(benign, ("id", "text", "kind", "department", "note"), BENIGN_KINDS)
    by_kind = {k: sum(b["kind"] == k for b in benign) for k in BENIGN_KINDS}
    assert by_kind["prompt"] >= MIN_BENIGN_PROMPTS
    assert by_kind["system"] >= MIN_BENIGN_SYSTEM
    assert by_kind["document"] >= MIN_BENIGN_DOCUMENTS
    assert len({b["department"] for b in benign}) >= 10
    assert len({b["text"] for b in benign}) == len(benign)


def test_ids_unique_across_files(attacks, benign):
    ids = [e["id"] for e in attacks + benign]
    assert len(ids) == len(set(ids))


def test_no_text_in_both_files(attacks, benign):
    assert not {a["text"] for a in attacks} & {b["text"] for b in benign}


@pytest.mark.parametrize("n", [6, 7, 8])
def test_later_blind_sets_pass_their_own_format_checks(n: int) -> None:
    """Blind sets 6, 7 and 8 ship their own format check (schema, ids, no text twice,
    reserved addresses and numbers only); it reads the texts, never a detector's scores."""
    import subprocess
    import sys

    script = DATA.parent / f"injection_blind{n}" / f"check_blind{n}.py"
    r = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, cwd="/")
    assert r.returncode == 0, r.stdout + r.stderr
