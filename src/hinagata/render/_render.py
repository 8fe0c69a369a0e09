"""Rendering the effective guideline: Word (.docx), PDF, HTML and Markdown.

Word matters most — municipalities edit their guideline in Word — so the .docx is built
with real heading styles (a navigable outline) and real tables. HTML and Markdown come
from Jinja2 templates; the PDF is the HTML typeset by WeasyPrint with an installed
Japanese font (IPAex or Noto CJK).
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from jinja2 import Environment, StrictUndefined

from hinagata.policy import Policy
from hinagata.render._model import GuidelineDoc, build_document

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument

__all__ = ["FORMATS", "FontMissingError", "render_guideline", "write_pdf"]

FORMATS = ("docx", "pdf", "html", "md")
LEVEL_NAMES = {"national": "国", "platform": "共同化", "municipality": "団体", "department": "所属"}
_FONT = "IPAexGothic"


class FontMissingError(RuntimeError):
    """No Japanese font is installed, so a PDF would show boxes instead of text."""


def _env(autoescape: bool) -> Environment:
    loader_text = {
        name: resources.files("hinagata.render").joinpath(f"templates/{name}").read_text("utf-8")
        for name in ("guideline.html.j2", "guideline.md.j2")
    }
    from jinja2 import DictLoader

    return Environment(
        loader=DictLoader(loader_text),
        # Every value escaped in HTML: select_autoescape(["html"]) never matched the
        # template's name (``guideline.html.j2``), so a layer's text went in as markup.
        autoescape=autoescape,
        undefined=StrictUndefined,
        trim_blocks=False,
        keep_trailing_newline=True,
    )


def render_html(doc: GuidelineDoc) -> str:
    return _env(True).get_template("guideline.html.j2").render(doc=doc, level_names=LEVEL_NAMES)


def render_markdown(doc: GuidelineDoc) -> str:
    return _env(False).get_template("guideline.md.j2").render(doc=doc, level_names=LEVEL_NAMES)


def japanese_font_installed() -> bool:
    """True when fontconfig knows a font covering Japanese."""
    fc = shutil.which("fc-list")
    if fc is None:
        return False
    out = subprocess.run(
        [fc, ":lang=ja", "family"], capture_output=True, text=True, check=False
    ).stdout
    return bool(out.strip())


def render_pdf(doc: GuidelineDoc, out: Path) -> None:
    write_pdf(render_html(doc), out)


def write_pdf(html: str, out: Path) -> None:
    """Typeset ``html`` (the guideline's, or another document in its style: the training
    handout) as a PDF with an installed Japanese font."""
    if not japanese_font_installed():
        raise FontMissingError(
            "日本語フォントがありません。fonts-ipaexfont（または fonts-noto-cjk）をインストールしてください"
            "（bash scripts/setup.sh が行います） / no Japanese font installed (fonts-ipaexfont)"
        )
    from weasyprint import HTML

    HTML(string=html).write_pdf(str(out))


def render_docx(doc: GuidelineDoc, out: Path) -> None:
    import docx

    d = docx.Document()
    _docx_styles(d, doc)
    _docx_title_page(d, doc)
    _docx_quick_reference(d, doc)
    _docx_chapters(d, doc)
    _docx_appendices(d, doc)
    _docx_a4(d)
    d.save(str(out))


def _docx_a4(d: DocxDocument) -> None:
    """Every section on A4 paper (python-docx's blank document is US Letter, which a
    Japanese office printer feeds badly and scales down), with 20 mm margins."""
    from docx.shared import Mm

    for section in d.sections:
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.left_margin = section.right_margin = Mm(20)
        section.top_margin = section.bottom_margin = Mm(20)


def _docx_styles(d: DocxDocument, doc: GuidelineDoc) -> None:
    """Fonts and the document's properties."""
    from docx.oxml.ns import qn
    from docx.shared import Pt

    # Japanese text needs the East Asian font set explicitly, or Word falls back oddly.
    for style_name in ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3"):
        style = d.styles[style_name]
        style.font.name = _FONT
        rpr = style.element.get_or_add_rPr()
        rfonts = rpr.find(qn("w:rFonts"))
        if rfonts is None:
            rfonts = rpr.makeelement(qn("w:rFonts"), {})
            rpr.append(rfonts)
        for attr in ("w:ascii", "w:hAnsi", "w:eastAsia"):
            rfonts.set(qn(attr), _FONT)
    d.styles["Normal"].font.size = Pt(10.5)
    d.core_properties.title = f"{doc.municipality} {doc.title}"
    d.core_properties.subject = doc.version
    d.core_properties.keywords = "生成AI, ガイドライン, Hinagata"


def _docx_title_page(d: DocxDocument, doc: GuidelineDoc) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.shared import Pt

    for _ in range(6):
        d.add_paragraph()
    t = d.add_paragraph(doc.title, style="Title")
    t.alignment = WD_ALIGN_PARAGRAPH.CENTER
    m = d.add_paragraph(doc.municipality)
    m.alignment = WD_ALIGN_PARAGRAPH.CENTER
    m.runs[0].font.size = Pt(16)
    for line in (
        f"版: {doc.version}",
        f"作成日: {doc.date}",
        "構成: " + " → ".join(f"{n}（{LEVEL_NAMES[lv]}・{v}）" for n, lv, v in doc.layers),
    ):
        p = d.add_paragraph(line)
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.runs[0].font.size = Pt(9)
    d.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)


def _docx_quick_reference(d: DocxDocument, doc: GuidelineDoc) -> None:
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    d.add_heading("入力してよい情報・いけない情報（早見表）", level=1)
    d.add_paragraph(doc.scheme_note + " 表の記号は、この規定で判定した結果です。")
    table = d.add_table(rows=1, cols=2 + len(doc.services))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    header = table.rows[0].cells
    header[0].text, header[1].text = "機密性", "例"
    for i, row in enumerate(doc.services):
        header[2 + i].text = row.service.name
    for (cls, example), cells in zip(doc.quick_classes, doc.quick_cells, strict=True):
        r = table.add_row().cells
        r[0].text, r[1].text = cls, example
        for i, cell in enumerate(cells):
            r[2 + i].text = cell.mark
            r[2 + i].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    d.add_paragraph(doc.legend)
    for title, body in (
        (
            "入力してよい情報",
            "公表済みの資料、挨拶文や案内文の下書き、統計の数値、個人の特定につながらない一般的な質問。",
        ),
        (
            "伏字にすれば入力できる情報（WG基準適合のサービス）",
            "氏名、住所、生年月日、電話番号、メールアドレス、識別符号などを〔氏名1〕〔住所1〕のような伏字に置き換えた文章。",
        ),
        (
            "入力してはいけない情報",
            "個人番号（マイナンバー）そのもの、秘密文書に相当する情報（機密性3A）、約款型のサービスへの要機密情報（機密性2以上）。",
        ),
    ):
        d.add_heading(title, level=2)
        d.add_paragraph(body)


def _docx_chapters(d: DocxDocument, doc: GuidelineDoc) -> None:
    from docx.enum.section import WD_SECTION
    from docx.shared import RGBColor

    for ch in doc.chapters:
        d.add_section(WD_SECTION.NEW_PAGE) if ch is doc.chapters[0] else None
        cid = str(ch["id"])
        d.add_heading(
            f"第{cid}章 {ch['title']}" if cid.isdigit() else f"{cid} {ch['title']}", level=1
        )
        for c in ch["clauses"]:  # type: ignore[attr-defined]
            h = d.add_heading(f"{c['id']}　{c['title']}", level=2)
            if c["local"]:
                run = h.add_run(f"（{c['layer']}）")
                run.font.color.rgb = RGBColor(0xCC, 0x66, 0x00)
            for para in c["paragraphs"]:
                d.add_paragraph(para)
            for layer, paras in c["appended"]:
                note = d.add_paragraph()
                run = note.add_run(f"{layer}による追記")
                run.italic = True
                run.font.color.rgb = RGBColor(0xCC, 0x66, 0x00)
                for para in paras:
                    d.add_paragraph(para)


def _docx_appendices(d: DocxDocument, doc: GuidelineDoc) -> None:
    from docx.enum.section import WD_SECTION

    d.add_section(WD_SECTION.NEW_PAGE)
    d.add_heading("別表1　承認されたサービス", level=1)
    st = d.add_table(rows=1, cols=len(doc.service_headers))
    st.style = "Table Grid"
    for i, h in enumerate(doc.service_headers):
        st.rows[0].cells[i].text = h
    for row in doc.services:
        cells = st.add_row().cells
        for i, value in enumerate(row.cells):
            cells[i].text = value
    d.add_heading("別表2　独自の規定の出所", level=1)
    if doc.local_additions:
        pt = d.add_table(rows=1, cols=3)
        pt.style = "Table Grid"
        for i, h in enumerate(("条項", "定めた層", "内容")):
            pt.rows[0].cells[i].text = h
        for clause, layer, kind in doc.local_additions:
            cells = pt.add_row().cells
            cells[0].text, cells[1].text, cells[2].text = clause, layer, kind
    else:
        d.add_paragraph("独自の規定はありません（国のひな型のみ）。")
    if doc.extensions:
        d.add_heading("拡張点による緩和", level=2)
        for ext_id, layer, scope in doc.extensions:
            d.add_paragraph(f"{ext_id}（{layer}）: {scope}")


def render_guideline(policy: Policy, fmt: str, out: Path, *, date: dt.date | None = None) -> Path:
    """Write the effective guideline of ``policy`` to ``out`` in ``fmt``."""
    if fmt not in FORMATS:
        raise ValueError(
            f"形式は {', '.join(FORMATS)} のいずれかです / format must be one of {FORMATS}"
        )
    doc = build_document(policy, date=date)
    out.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "docx":
        render_docx(doc, out)
    elif fmt == "pdf":
        render_pdf(doc, out)
    elif fmt == "html":
        out.write_text(render_html(doc), encoding="utf-8")
    else:
        out.write_text(render_markdown(doc), encoding="utf-8")
    return out
