"""Bounded work when reading documents: zip bombs and oversized Office/PDF files are refused.

Each bomb is built here (a zip with a highly compressible member, a workbook whose rows
pad out to millions of cells, a PDF with a flate bomb), and refusal is checked together
with the memory it took (tracemalloc peak: a generous bound, far below what reading the
bomb would take). No test asserts a time.
"""

from __future__ import annotations

import re
import struct
import tracemalloc
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import docx
import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hinagata.ingest import _blank_markup, _markup_spans, check_bytes, check_file
from hinagata.io import DEFAULT_LIMITS, InputError, ReadLimits, read_text

_MIB = 1024 * 1024
_PARA = "<w:p><w:r><w:t>相談者 高橋健一 090-1234-5678 横浜市西区みなとみらい三丁目5番1号</w:t></w:r></w:p>"


def _peak(fn: Callable[[], Any]) -> tuple[BaseException | None, int]:
    """The exception ``fn`` raised (or None) and the peak of traced memory meanwhile."""
    tracemalloc.start()
    try:
        fn()
        err: BaseException | None = None
    except Exception as exc:
        err = exc
    finally:
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return err, peak


def _refusal(path: Path, limits: ReadLimits = DEFAULT_LIMITS) -> tuple[InputError, int]:
    err, peak = _peak(lambda: read_text(path, limits=limits))
    assert isinstance(err, InputError), err
    return err, peak


def _small_docx(path: Path, paragraphs: int = 1) -> Path:
    d = docx.Document()
    for i in range(paragraphs):
        d.add_paragraph(f"相談者 高橋健一 090-1234-5678（{i}）")
    d.save(str(path))
    return path


def _docx_bomb(path: Path, xml_bytes: int) -> Path:
    """A valid .docx whose word/document.xml repeats one paragraph to ``xml_bytes``."""
    src = _small_docx(path.with_name("src-" + path.name))
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename != "word/document.xml":
                zout.writestr(info, data)
                continue
            head, _, tail = data.decode().partition("<w:body>")
            chunk = (_PARA * 1000).encode()
            with zout.open("word/document.xml", "w", force_zip64=True) as fh:
                fh.write((head + "<w:body>").encode())
                for _ in range(xml_bytes // len(chunk) + 1):
                    fh.write(chunk)
                fh.write(tail.encode())
    return path


# --- .docx --------------------------------------------------------------------------------


def test_a_docx_zip_bomb_is_refused_before_its_xml_is_parsed(tmp_path: Path) -> None:
    # The bomb: about 200 KB of zip, 48.8 MB of XML (read whole, it took 25–37 s).
    bomb = _docx_bomb(tmp_path / "bomb.docx", 49 * 1000 * 1000)
    assert bomb.stat().st_size < 1 * _MIB
    err, peak = _refusal(bomb)
    assert err.code == "too_large" and err.limit in {"max_xml_bytes", "max_ratio"}
    assert peak < 30 * _MIB  # reading it whole held hundreds of MB


def test_the_error_names_the_limit_in_japanese_then_english(tmp_path: Path) -> None:
    err, _ = _refusal(_docx_bomb(tmp_path / "b.docx", 3 * _MIB), ReadLimits(max_xml_bytes=_MIB))
    assert err.limit == "max_xml_bytes"
    ja, en = err.detail.split(" / ")
    assert "上限" in ja and "XML" in ja and "max_xml_bytes" in ja
    assert "limit" in en and "max_xml_bytes" in en
    assert "1,048,576" in err.detail


def test_a_member_that_expands_too_much_is_refused(tmp_path: Path) -> None:
    bomb = tmp_path / "ratio.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/media/image1.bin", b"\0" * (8 * _MIB))  # not XML: only the ratio
    err, _ = _refusal(bomb)
    assert err.limit == "max_ratio"


def test_the_total_uncompressed_size_is_capped(tmp_path: Path) -> None:
    path = tmp_path / "big.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as zf:
        for i in range(3):
            zf.writestr(f"word/media/image{i}.bin", bytes(range(256)) * 4096)  # 1 MiB each
    err, _ = _refusal(path, ReadLimits(max_uncompressed_bytes=2 * _MIB))
    assert err.limit == "max_uncompressed_bytes"


def test_the_number_of_zip_members_is_capped(tmp_path: Path) -> None:
    path = tmp_path / "many.docx"
    with zipfile.ZipFile(path, "w") as zf:
        for i in range(DEFAULT_LIMITS.max_members + 1):
            zf.writestr(f"customXml/item{i}.xml", b"<a/>")
    err, _ = _refusal(path)
    assert err.limit == "max_members"


def test_a_member_whose_declared_size_lies_is_never_read_past_it(tmp_path: Path) -> None:
    """A central directory claiming a small size for a large member: the small size passes
    the directory check, reading stops at it and the mismatch is refused (bad CRC)."""
    path = _docx_bomb(tmp_path / "liar.docx", 40 * _MIB)
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo("word/document.xml")
        cd = zf.start_dir  # the central directory
    # Rewrite the size in its central directory entry: 40 MB declared as 4 KB.
    while True:
        name_len, extra_len = struct.unpack_from("<HH", data, cd + 28)
        name = bytes(data[cd + 46 : cd + 46 + name_len])
        if name == b"word/document.xml":
            break
        comment_len = struct.unpack_from("<H", data, cd + 32)[0]
        cd += 46 + name_len + extra_len + comment_len
    extra = cd + 46 + name_len
    if struct.unpack_from("<I", data, cd + 24)[0] == 0xFFFFFFFF:  # size in the zip64 extra
        assert struct.unpack_from("<H", data, extra)[0] == 1
        struct.pack_into("<Q", data, extra + 4, 4096)
    else:
        struct.pack_into("<I", data, cd + 24, 4096)
    path.write_bytes(bytes(data))
    with zipfile.ZipFile(path) as zf:
        assert zf.getinfo("word/document.xml").file_size == 4096 < info.file_size
    err, peak = _refusal(path)
    assert err.code in {"unreadable", "too_large"}
    assert peak < 30 * _MIB


def test_paragraphs_table_cells_and_text_are_capped(tmp_path: Path) -> None:
    path = _small_docx(tmp_path / "memo.docx", paragraphs=20)
    assert "高橋健一" in read_text(path)
    err, _ = _refusal(path, ReadLimits(max_paragraphs=10))
    assert err.limit == "max_paragraphs"
    err, _ = _refusal(path, ReadLimits(max_text_chars=100))
    assert err.limit == "max_text_chars"
    d = docx.Document()
    d.add_table(rows=5, cols=4)
    d.save(str(tmp_path / "table.docx"))
    err, _ = _refusal(tmp_path / "table.docx", ReadLimits(max_cells=10))
    assert err.limit == "max_cells"


# --- .xlsx --------------------------------------------------------------------------------


def test_a_tiny_workbook_is_not_padded_out_to_its_declared_dimension(tmp_path: Path) -> None:
    # Two cells, at A1 and XFD20000: padded to the sheet's dimension, the rows held 327
    # million cells; read as written they are the two values (and one row of tabs).
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws["A1"] = "高橋健一"
    ws["XFD20000"] = "090-1234-5678"
    wb.save(str(tmp_path / "pad.xlsx"))
    assert (tmp_path / "pad.xlsx").stat().st_size < 20_000
    err, peak = _peak(lambda: read_text(tmp_path / "pad.xlsx"))
    assert err is None and peak < 50 * _MIB
    text = read_text(tmp_path / "pad.xlsx")
    assert text == "[Sheet]\n高橋健一\n" + "\t" * 16383 + "090-1234-5678"


def test_cells_are_capped(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    for i in range(30):
        ws.append([f"佐藤 花子{i}", "03-5253-5111", i])
    wb.save(str(tmp_path / "c.xlsx"))
    assert "佐藤 花子29" in read_text(tmp_path / "c.xlsx")
    err, _ = _refusal(tmp_path / "c.xlsx", ReadLimits(max_cells=60))
    assert err.limit == "max_cells"


def test_sheets_are_capped_and_ordinary_workbooks_still_read(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    for i in range(4):
        wb.create_sheet(f"S{i}").append(["佐藤 花子", "03-5253-5111"])
    wb.save(str(tmp_path / "s.xlsx"))
    assert "03-5253-5111" in read_text(tmp_path / "s.xlsx")
    err, _ = _refusal(tmp_path / "s.xlsx", ReadLimits(max_sheets=3))
    assert err.limit == "max_sheets"


def test_a_large_sheet_is_refused_from_the_zip_directory(tmp_path: Path) -> None:
    """The issue's 5.5 MB workbook was read for 11.7 s before refusal: a sheet whose XML is
    over the cap is now refused before openpyxl parses any of it."""
    path = tmp_path / "big.xlsx"
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("名簿")
    for i in range(3000):
        ws.append([f"高橋健一{i}", f"090-1234-{i % 10000:04d}", "横浜市西区みなとみらい三丁目"])
    wb.save(str(path))
    err, _ = _refusal(path, ReadLimits(max_xml_bytes=64 * 1024))
    assert err.limit == "max_xml_bytes"


# --- .pdf ---------------------------------------------------------------------------------


def _pdf(pages: list[bytes], *, deflate: bool = False) -> bytes:
    """A PDF with one content stream per page (Helvetica), optionally FlateDecode'd."""
    n = len(pages)
    kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(n)).encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % n,
    ]
    font = 3 + 2 * n
    for i, content in enumerate(pages):
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents %d 0 R "
            b"/Resources << /Font << /F1 %d 0 R >> >> >>" % (4 + 2 * i, font)
        )
        data = zlib.compress(content, 9) if deflate else content
        filt = b" /Filter /FlateDecode" if deflate else b""
        objects.append(b"<< /Length %d%s >>\nstream\n" % (len(data), filt) + data + b"\nendstream")
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    out = b"%PDF-1.4\n"
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return out


def test_pdf_pages_and_text_are_capped(tmp_path: Path) -> None:
    page = b"BT /F1 12 Tf 72 720 Td (TEL 090-1234-5678) Tj ET"
    (tmp_path / "p.pdf").write_bytes(_pdf([page] * 5))
    assert read_text(tmp_path / "p.pdf").count("090-1234-5678") == 5
    err, _ = _refusal(tmp_path / "p.pdf", ReadLimits(max_pages=4))
    assert err.limit == "max_pages"
    err, _ = _refusal(tmp_path / "p.pdf", ReadLimits(max_text_chars=40))
    assert err.limit == "max_text_chars"


def test_a_pdf_flate_bomb_is_refused(tmp_path: Path) -> None:
    # 48 MiB of text operators compressed to about 50 KB, in one page's content stream.
    content = b"BT /F1 12 Tf 72 720 Td (090-1234-5678) Tj ET\n" * (48 * _MIB // 47)
    (tmp_path / "bomb.pdf").write_bytes(_pdf([content], deflate=True))
    err, peak = _refusal(tmp_path / "bomb.pdf")
    assert err.code == "too_large" and err.limit == "max_pdf_stream_bytes"
    assert peak < 200 * _MIB  # one capped stream (32 MiB) and its copies, never all of it


# --- the document check (RAG ingest, the gateway's /v1/documents) -------------------------


def test_document_checks_report_the_cap(tmp_path: Path) -> None:
    bomb = _docx_bomb(tmp_path / "bomb.docx", 20 * _MIB)
    report = check_file(bomb)
    assert report.verdict == "error" and report.error_code == "too_large"
    assert "max_xml_bytes" in report.error or "max_ratio" in report.error
    report = check_bytes(bomb.read_bytes(), "bomb.docx")
    assert report.verdict == "error" and report.error_code == "too_large"
    small = _small_docx(tmp_path / "ok.docx", paragraphs=12)
    report = check_bytes(small.read_bytes(), "ok.docx", limits=ReadLimits(max_paragraphs=5))
    assert report.error_code == "too_large" and "max_paragraphs" in report.error
    assert check_bytes(small.read_bytes(), "ok.docx").verdict == "personal"


@pytest.mark.parametrize("field", ["max_members", "max_xml_bytes", "max_cells", "max_pages"])
def test_zero_turns_a_cap_off(tmp_path: Path, field: str) -> None:
    path = _small_docx(tmp_path / "a.docx", paragraphs=3)
    assert "高橋健一" in read_text(path, limits=ReadLimits(**{field: 0}))


# --- HTML blanking before detection (RAG ingest) ------------------------------------------


def _markup_reference(tag: int, body: int, other: int) -> re.Pattern[str]:
    return re.compile(
        rf"<(script|style)\b[^>]{{0,{tag}}}>.{{0,{body}}}?</\1\s*>|<!--.{{0,{body}}}?-->"
        rf"|<[^<>]{{0,{other}}}>",
        re.IGNORECASE | re.DOTALL,
    )


_MARKUP_BITS = st.sampled_from(
    # Case-insensitive matching also takes the long s and dotted/dotless i.
    [
        *("<", ">", "<script", "<SCRIPT", "</script>", "</Script >", "<style", "</style>"),
        *("<!--", "-->", "--", "-", "/", " ", "\n", "a", "名", "script", "x=1"),
        *("<ſcript", "</ſcript>", "<scrİpt", "</scrİpt>", "<scrıpt", "</scrıpt>", "</ſtyle>"),
    ]
)


@settings(max_examples=800, deadline=None)
@given(
    st.lists(_MARKUP_BITS, max_size=40), st.integers(0, 6), st.integers(0, 12), st.integers(0, 8)
)
def test_markup_blanking_matches_the_regular_expression(
    bits: list[str], tag: int, body: int, other: int
) -> None:
    text = "".join(bits)
    want = [m.span() for m in _markup_reference(tag, body, other).finditer(text)]
    assert list(_markup_spans(text, tag, body, other)) == want


def test_unclosed_scripts_and_comments_are_blanked_in_linear_time() -> None:
    # Each of these 64 KB pieces took the regular expression 4–8 s (no time is asserted:
    # the property above shows the spans are the expression's).
    for piece in ("<!--" * 16000, "<a" * 32000):
        assert _blank_markup(piece) == piece  # nothing closes: nothing is blanked
    assert _blank_markup("<script>" * 8000).isspace()  # each unclosed one is a tag
    html = "<p>高橋健一</p><script>var t = '090-1234-5678';</script><!-- 佐藤花子 -->"
    blanked = _blank_markup(html)
    assert len(blanked) == len(html) and "高橋健一" in blanked
    assert "090" not in blanked and "佐藤" not in blanked
