"""The rendered guideline: open the files and look for what a municipality needs."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hinagata import load_policy
from hinagata.cli import app
from hinagata.render import build_document, render_guideline
from hinagata.render._render import japanese_font_installed

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "policies"
DATE = dt.date(2026, 11, 27)


@pytest.fixture(scope="module")
def city():  # type: ignore[no-untyped-def]
    return load_policy(EXAMPLES / "example-city")


def test_quick_reference_comes_from_the_policy(city) -> None:  # type: ignore[no-untyped-def]
    doc = build_document(city, date=DATE)
    marks = [[c.mark for c in row] for row in doc.quick_cells]
    assert marks == [
        ["○", "○", "○"],
        ["○", "○", "×"],
        ["△", "審", "×"],
        ["△", "×", "×"],
        ["×", "×", "×"],
    ]
    assert [c[0] for c in doc.quick_classes] == ["1", "2", "3C", "3B", "3A"]


def test_docx_has_title_page_chapters_tables_and_provenance(city, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import docx

    out = render_guideline(city, "docx", tmp_path / "g.docx", date=DATE)
    d = docx.Document(str(out))
    headings = [p.text for p in d.paragraphs if p.style.name.startswith("Heading")]
    assert "入力してよい情報・いけない情報（早見表）" in headings
    assert "第4章 入力できる情報" in headings
    assert any(h.startswith("4.2　個人情報の入力") for h in headings)
    assert any(h.startswith("M-1　未定稿の議会答弁案") and "例示市" in h for h in headings)
    assert "別表1　承認されたサービス" in headings
    assert d.paragraphs[6].text == "例示市 生成AI利用ガイドライン"  # title page
    quick, services, provenance = d.tables[0], d.tables[1], d.tables[2]
    assert quick.rows[0].cells[2].text == "国内LGWAN接続型 生成AIサービス（例）"
    assert [c.text for c in quick.rows[3].cells[2:]] == ["△", "審", "×"]
    assert services.rows[0].cells[0].text == "サービス" and len(services.rows) == 4
    assert any(
        "P-1" in r.cells[0].text and "共同利用基盤" in r.cells[1].text for r in provenance.rows
    )
    body = "\n".join(p.text for p in d.paragraphs)
    assert "例示市による追記" in body or "例示市 生成AI利用ガイドラインによる追記" in body


def test_pdf_contains_japanese_text_and_the_tables(city, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert japanese_font_installed(), (
        "a Japanese font is needed (scripts/setup.sh installs fonts-ipaexfont)"
    )
    from pypdf import PdfReader

    out = render_guideline(city, "pdf", tmp_path / "g.pdf", date=DATE)
    reader = PdfReader(str(out))
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    assert len(reader.pages) >= 5
    for needle in (
        "入力してよい情報",
        "第4章",
        "個人情報の入力",
        "別表1",
        "承認されたサービス",
        "例示市",
    ):
        assert needle in text, needle


def test_html_and_markdown(city, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    html = render_guideline(city, "html", tmp_path / "g.html", date=DATE).read_text(
        encoding="utf-8"
    )
    assert '<html lang="ja">' in html and "第12章 利用申請と審査" in html and "別表2" in html
    md = render_guideline(city, "md", tmp_path / "g.md", date=DATE).read_text(encoding="utf-8")
    assert md.startswith("# 例示市 生成AI利用ガイドライン")
    assert "| 3C |" in md and "### 4.2　個人情報の入力" in md


def test_three_level_town_shows_old_classes(tmp_path: Path) -> None:
    town = load_policy(EXAMPLES / "example-town")
    md = render_guideline(town, "md", tmp_path / "t.md", date=DATE).read_text(encoding="utf-8")
    assert "旧来の3段階" in md


def test_cli_build_and_bad_format(tmp_path: Path) -> None:
    runner = CliRunner()
    res = runner.invoke(
        app,
        [
            "guideline",
            "build",
            "-p",
            str(EXAMPLES / "example-town"),
            "-o",
            str(tmp_path / "g.docx"),
        ],
    )
    assert res.exit_code == 0 and (tmp_path / "g.docx").stat().st_size > 10_000
    res = runner.invoke(app, ["guideline", "build", "-o", str(tmp_path / "g.rtf")])
    assert res.exit_code == 2
