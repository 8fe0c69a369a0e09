"""Reading documents into text: plain text in any common Japanese encoding, .docx, .xlsx, .pdf.

Plain text is decoded incrementally and handed out in pieces that end at a line break,
so a large file never sits in memory whole. The encoding is detected on the first bytes:
a BOM, else strict UTF-8, else charset-normalizer choosing among the Japanese legacy
encodings (CP932/Shift_JIS, EUC-JP, ISO-2022-JP). Office and PDF files are extracted to
text first, under :class:`ReadLimits`: a .docx or .xlsx is a zip, and its central directory
(member count, declared sizes, compression ratios) is checked, then every member is
decompressed in chunks with running counts that stop at a cap, before any XML is parsed;
paragraphs, cells, sheets, PDF pages and the extracted text are counted as they are read.
A file over a cap is refused with ``too_large`` naming the limit, so a zip bomb costs
a fraction of a second and a bounded amount of memory instead of gigabytes.
"""

from __future__ import annotations

import codecs
import os
import zipfile
from collections.abc import Iterator
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

__all__ = [
    "DEFAULT_LIMITS",
    "DEFAULT_MAX_BYTES",
    "InputError",
    "ReadLimits",
    "detect_encoding",
    "iter_text",
    "read_text",
]

#: Files larger than this are refused unless the caller raises the limit (0 = no limit).
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
_SAMPLE_BYTES = 64 * 1024
_READ_BYTES = 256 * 1024
#: Text is handed to the detector in pieces of about this many characters, cut at a line end.
PIECE_CHARS = 64 * 1024

_OFFICE = {".docx", ".xlsx", ".pdf"}
_KNOWN_BINARY = {
    ".doc",
    ".xls",
    ".ppt",
    ".pptx",
    ".zip",
    ".gz",
    ".tgz",
    ".7z",
    ".rar",
    ".png",
    ".jpg",
    ".jpeg",
    ".gif",
    ".bmp",
    ".tif",
    ".tiff",
    ".webp",
    ".mp3",
    ".mp4",
    ".wav",
    ".mov",
    ".exe",
    ".dll",
    ".so",
    ".bin",
    ".sqlite",
    ".db",
    ".jtd",
    ".odt",
    ".ods",
    ".rtf",
}
_JAPANESE_ENCODINGS = ["cp932", "shift_jis", "euc_jp", "iso2022_jp", "utf_16"]


@dataclass
class InputError(Exception):
    """An input that cannot be scanned. ``code`` selects the user-facing message."""

    code: str  # not_found | not_a_file | unreadable | unsupported | undecodable | empty | too_large
    path: str
    detail: str = ""
    #: For ``too_large`` from a :class:`ReadLimits` cap: the field's name (``max_members`` …).
    limit: str = ""

    def __str__(self) -> str:
        return f"{self.code}: {self.path}: {self.detail}"


_MIB = 1024 * 1024


@dataclass(frozen=True)
class ReadLimits:
    """Caps on the work of reading one .docx, .xlsx or .pdf (0 turns a cap off).

    They are checked while the file is read, before the next step can cost more: the zip
    directory before anything is decompressed, each member's decompressed bytes as they
    come (declared sizes are not trusted alone), the XML before it is parsed, and
    paragraphs, cells, sheets, pages and extracted characters as they are produced.
    """

    #: Members (files) in the zip of a .docx/.xlsx.
    max_members: int = 2_000
    #: Bytes of all members once decompressed (images included: the readers load them).
    max_uncompressed_bytes: int = 100 * _MIB
    #: Bytes of the decompressed XML members, the parts that get parsed (python-docx holds
    #: about 20 times their size in memory while it reads them).
    max_xml_bytes: int = 16 * _MIB
    #: Decompressed / compressed size of one member, for members over ``ratio_floor_bytes``.
    max_ratio: int = 100
    ratio_floor_bytes: int = 1 * _MIB
    #: Paragraphs and table rows of a .docx (headers and footers included).
    max_paragraphs: int = 200_000
    #: Cells read from a .xlsx (padding of ragged rows and empty rows count), or of .docx tables.
    max_cells: int = 2_000_000
    #: Worksheets of a .xlsx.
    max_sheets: int = 500
    #: Pages of a .pdf.
    max_pages: int = 3_000
    #: Decompressed bytes of one PDF stream (pypdf's own default is 75 MB).
    max_pdf_stream_bytes: int = 32 * _MIB
    #: Characters of extracted text (also at most 4 × ``max_bytes`` when that is set).
    max_text_chars: int = 20_000_000


#: The caps used when a caller gives none.
DEFAULT_LIMITS = ReadLimits()

#: What each cap is called in an error message: (Japanese, English, unit ja, unit en).
_LIMIT_NAMES: dict[str, tuple[str, str, str, str]] = {
    "max_members": ("zip 内のファイル数", "files in the zip", "個", ""),
    "max_uncompressed_bytes": ("展開後の合計サイズ", "uncompressed size", " バイト", " bytes"),
    "max_xml_bytes": ("展開後の XML のサイズ", "uncompressed XML size", " バイト", " bytes"),
    "max_ratio": ("圧縮率", "compression ratio", " 倍", "x"),
    "max_paragraphs": ("段落と表の行の数", "paragraphs and table rows", "", ""),
    "max_cells": ("セルの数", "cells", "", ""),
    "max_sheets": ("シートの数", "worksheets", "", ""),
    "max_pages": ("ページ数", "pages", "", ""),
    "max_pdf_stream_bytes": (
        "PDF のストリームの展開後のサイズ",
        "decompressed PDF stream",
        " バイト",
        " bytes",
    ),
    "max_text_chars": ("抽出した文字数", "extracted characters", " 文字", " characters"),
}


def _over(path: Path | str, limit: str, cap: int, seen: int | None = None) -> InputError:
    """A ``too_large`` error naming the cap, in Japanese first, then English."""
    ja, en, unit_ja, unit_en = _LIMIT_NAMES[limit]
    got_ja = f"{seen:,}{unit_ja}、" if seen is not None else ""
    got_en = f"{seen:,}{unit_en}, " if seen is not None else ""
    detail = (
        f"{ja}が上限を超えています（{got_ja}上限 {cap:,}{unit_ja}、{limit}）"
        f" / {en} over the limit ({got_en}limit {cap:,}{unit_en}, {limit})"
    )
    return InputError("too_large", str(path), detail, limit)


def detect_encoding(sample: bytes) -> str:
    """The encoding of a text sample.

    >>> detect_encoding("個人番号".encode("cp932")), detect_encoding("\ufeffあ".encode("utf-8"))
    ('cp932', 'utf-8-sig')
    """
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    # ISO-2022-JP (old e-mail) is 7-bit and would pass as UTF-8: look for its escapes first.
    if b"\x1b$B" in sample or b"\x1b$@" in sample:
        return "iso2022_jp"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
        return "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(sample, cp_isolation=_JAPANESE_ENCODINGS).best()
    if best is None:
        return ""
    enc = best.encoding
    # Shift_JIS as written on Windows is CP932 (a superset with NEC/IBM extensions: ①, ㈱).
    return "cp932" if enc in ("shift_jis", "cp932") else enc


def _check_file(path: Path, max_bytes: int) -> int:
    try:
        st = path.stat()
    except FileNotFoundError as exc:
        raise InputError("not_found", str(path)) from exc
    except OSError as exc:
        raise InputError("unreadable", str(path), exc.strerror or str(exc)) from exc
    if not path.is_file():
        raise InputError("not_a_file", str(path))
    if not os.access(path, os.R_OK):
        raise InputError("unreadable", str(path), "permission denied")
    if st.st_size == 0:
        raise InputError("empty", str(path))
    if max_bytes and st.st_size > max_bytes:
        raise InputError("too_large", str(path), f"{st.st_size} > {max_bytes}")
    return st.st_size


def iter_text(
    path: Path | str,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    limits: ReadLimits = DEFAULT_LIMITS,
) -> Iterator[str]:
    """Yield the text of ``path`` in pieces; their concatenation is the document's text.

    Raises :class:`InputError` before yielding anything for a missing, empty, oversized,
    unsupported or undecodable start of file, or an Office/PDF file over one of
    ``limits``; a decoding error later in a large file raises when it is reached.
    """
    path = Path(path)
    _check_file(path, max_bytes)
    suffix = path.suffix.lower()
    if suffix in _OFFICE:
        text = _extract_office(path, suffix, max_bytes, limits)
        if not text.strip():
            raise InputError("empty", str(path), "no text could be extracted")
        for i in range(0, len(text), PIECE_CHARS):
            yield text[i : i + PIECE_CHARS]
        return
    if suffix in _KNOWN_BINARY:
        raise InputError("unsupported", str(path), suffix)
    try:
        fh = path.open("rb")
    except OSError as exc:
        raise InputError("unreadable", str(path), exc.strerror or str(exc)) from exc
    with fh:
        yield from iter_stream(fh, name=str(path))


def iter_stream(fh: BinaryIO, *, name: str = "-", max_bytes: int = 0) -> Iterator[str]:
    """Decode a binary stream into text pieces that end at line breaks."""
    sample = fh.read(_SAMPLE_BYTES)
    if not sample:
        raise InputError("empty", name)
    if b"\x00" in sample and not sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise InputError("unsupported", name, "binary data")
    encoding = detect_encoding(_first_non_ascii(fh, sample) if sample.isascii() else sample)
    if not encoding:
        raise InputError("undecodable", name, "unknown encoding")
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    buf = ""
    consumed = 0
    total = len(sample)
    data = sample
    emitted = False
    while True:
        final = not data
        try:
            buf += decoder.decode(data, final=final)
        except UnicodeDecodeError as exc:
            raise InputError(
                "undecodable", name, f"{encoding} at byte {consumed + exc.start}"
            ) from exc
        consumed += len(data)
        while len(buf) >= PIECE_CHARS or (final and buf):
            if final and len(buf) < PIECE_CHARS:
                cut = len(buf)
            else:
                cut = buf.rfind("\n", 0, PIECE_CHARS) + 1
                if cut <= 0:
                    cut = max(buf.rfind("。", 0, PIECE_CHARS) + 1, 0) or PIECE_CHARS
            piece, buf = buf[:cut], buf[cut:]
            emitted = emitted or bool(piece.strip())
            yield piece
        if final:
            break
        data = fh.read(_READ_BYTES)
        total += len(data)
        if max_bytes and total > max_bytes:
            raise InputError("too_large", name, f"> {max_bytes}")
    if not emitted:
        raise InputError("empty", name, "only whitespace")


def _first_non_ascii(fh: BinaryIO, sample: bytes) -> bytes:
    """For a seekable file that starts in ASCII, the bytes where its encoding shows.

    A CSV with an ASCII header and Shift_JIS rows 100 KB down would otherwise be taken
    for UTF-8 and fail half-way. The file is read ahead and rewound; a pipe is not.
    """
    if not fh.seekable():
        return sample
    start = fh.tell()
    try:
        while True:
            chunk = fh.read(_READ_BYTES)
            if not chunk:
                return sample
            if not chunk.isascii() or b"\x1b$" in chunk:
                i = next((k for k, b in enumerate(chunk) if b >= 0x80 or b == 0x1B), 0)
                return chunk[max(0, i - 16) : i + _SAMPLE_BYTES]
    finally:
        fh.seek(start)


def read_text(
    path: Path | str,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    limits: ReadLimits = DEFAULT_LIMITS,
) -> str:
    """The whole text of ``path`` (for callers that need it in one piece)."""
    return "".join(iter_text(path, max_bytes=max_bytes, limits=limits))


def _extract_office(path: Path, suffix: str, max_bytes: int, limits: ReadLimits) -> str:
    caps = [c for c in (max_bytes * 4, limits.max_text_chars) if c]
    budget = _Budget(path, "max_text_chars", min(caps) if caps else 0)
    try:
        if suffix == ".docx":
            _check_zip(path, limits)
            text = _docx_text(path, limits, budget)
        elif suffix == ".xlsx":
            _check_zip(path, limits)
            text = _xlsx_text(path, limits, budget)
        else:
            text = _pdf_text(path, limits, budget)
    except InputError:
        raise
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as exc:
        raise InputError("unreadable", str(path), f"{type(exc).__name__}: {exc}") from exc
    except Exception as exc:  # a malformed file must not crash a directory scan
        if type(exc).__name__ == "LimitReachedError":  # pypdf's own caps (imported lazily)
            raise _over(path, "max_pdf_stream_bytes", limits.max_pdf_stream_bytes) from exc
        raise InputError("unreadable", str(path), f"{type(exc).__name__}: {exc}") from exc
    return text


class _Budget:
    """A running count against one cap; raises the cap's ``too_large`` when it is passed."""

    __slots__ = ("cap", "limit", "path", "used")

    def __init__(self, path: Path, limit: str, cap: int) -> None:
        self.path, self.limit, self.cap, self.used = path, limit, cap, 0

    def add(self, n: int) -> None:
        self.used += n
        if self.cap and self.used > self.cap:
            raise _over(self.path, self.limit, self.cap, self.used)


_CHUNK = 1 * _MIB


def _check_zip(path: Path, limits: ReadLimits) -> None:
    """Refuse a .docx/.xlsx whose zip is over a cap, before its XML is parsed.

    First the central directory: member count, declared sizes, declared ratios. Then each
    member is decompressed in chunks (nothing kept) with running totals that stop at the
    first chunk past a cap, so a member that lies about its size costs at most one chunk
    more than the cap. The readers then decompress the same verified members again.
    """
    with zipfile.ZipFile(path) as zf:
        infos = zf.infolist()
        if limits.max_members and len(infos) > limits.max_members:
            raise _over(path, "max_members", limits.max_members, len(infos))
        declared = _Budget(path, "max_uncompressed_bytes", limits.max_uncompressed_bytes)
        declared_xml = _Budget(path, "max_xml_bytes", limits.max_xml_bytes)
        for info in infos:
            declared.add(info.file_size)
            if _is_xml(info.filename):
                declared_xml.add(info.file_size)
            _check_ratio(path, limits, info.file_size, info.compress_size)
        total = _Budget(path, "max_uncompressed_bytes", limits.max_uncompressed_bytes)
        xml = _Budget(path, "max_xml_bytes", limits.max_xml_bytes)
        for info in infos:
            if info.is_dir():
                continue
            is_xml = _is_xml(info.filename)
            size = 0
            with zf.open(info) as fh:
                while chunk := fh.read(_CHUNK):
                    size += len(chunk)
                    total.add(len(chunk))
                    if is_xml:
                        xml.add(len(chunk))
                    _check_ratio(path, limits, size, info.compress_size)


def _is_xml(name: str) -> bool:
    return name.lower().endswith((".xml", ".rels", ".vml"))


def _check_ratio(path: Path, limits: ReadLimits, size: int, compressed: int) -> None:
    ratio = limits.max_ratio
    if ratio and size > limits.ratio_floor_bytes and size > ratio * max(compressed, 1):
        raise _over(path, "max_ratio", limits.max_ratio, size // max(compressed, 1))


def _docx_text(path: Path, limits: ReadLimits, budget: _Budget) -> str:
    import docx

    document = docx.Document(str(path))
    paragraphs = _Budget(path, "max_paragraphs", limits.max_paragraphs)
    cells = _Budget(path, "max_cells", limits.max_cells)
    lines: list[str] = []

    def add(line: str) -> None:
        paragraphs.add(1)
        budget.add(len(line) + 1)
        lines.append(line)

    for p in document.paragraphs:
        add(p.text)
    for table in document.tables:
        for row in table.rows:
            row_cells = row.cells
            cells.add(len(row_cells))
            add("\t".join(cell.text for cell in row_cells))
    for section in document.sections:
        for part in (section.header, section.footer):
            for p in part.paragraphs:
                add(p.text)
    return "\n".join(lines)


def _xlsx_text(path: Path, limits: ReadLimits, budget: _Budget) -> str:
    import openpyxl

    wb = openpyxl.load_workbook(str(path), read_only=True, data_only=True)
    cells = _Budget(path, "max_cells", limits.max_cells)
    lines: list[str] = []
    try:
        sheets = wb.worksheets
        if limits.max_sheets and len(sheets) > limits.max_sheets:
            raise _over(path, "max_sheets", limits.max_sheets, len(sheets))
        for ws in sheets:
            lines.append(f"[{ws.title}]")
            # Rows as written, not padded to the sheet's declared dimension: a two-cell sheet
            # declaring A1:XFD1048576 would otherwise read as 17 billion cells. The text is
            # the same (trailing tabs and empty rows are dropped either way).
            ws.reset_dimensions()
            for row in ws.iter_rows(values_only=True):
                cells.add(max(len(row), 1))  # an empty row (a gap) costs too
                line = "\t".join("" if v is None else str(v) for v in row).rstrip("\t")
                if line:
                    lines.append(line)
                    budget.add(len(line) + 1)
    finally:
        wb.close()
    return "\n".join(lines)


def _pdf_text(path: Path, limits: ReadLimits, budget: _Budget) -> str:
    import pypdf

    with _pdf_caps(pypdf, limits):
        reader = pypdf.PdfReader(str(path))
        if reader.is_encrypted:
            try:
                reader.decrypt("")
            except Exception as exc:
                raise InputError("unreadable", str(path), "encrypted PDF") from exc
        count = len(reader.pages)
        if limits.max_pages and count > limits.max_pages:
            raise _over(path, "max_pages", limits.max_pages, count)
        pages: list[str] = []
        for page in reader.pages:
            t = page.extract_text() or ""
            budget.add(len(t) + 1)
            pages.append(t)
    return "\n".join(pages)


def _pdf_caps(pypdf: Any, limits: ReadLimits) -> AbstractContextManager[Any]:
    """pypdf's decompression caps lowered to ``max_pdf_stream_bytes`` (pypdf ≥ 6 has them)."""
    cap = limits.max_pdf_stream_bytes
    apply = getattr(pypdf, "apply_configuration", None)
    if not cap or apply is None:
        return nullcontext()
    fields = {
        "zlib_maximum_output_length",
        "lzw_maximum_output_length",
        "run_length_maximum_output_length",
        "brotli_maximum_output_length",
        "array_based_stream_maximum_output_length",
        "maximum_declared_stream_length",
        "image_maximum_buffer_size",
    }
    known = set(getattr(pypdf.Configuration, "__dataclass_fields__", {}))
    overrides = {f: cap for f in fields & known}
    if limits.max_pages and "page_tree_maximum_entries" in known:
        overrides["page_tree_maximum_entries"] = max(limits.max_pages * 4, 1000)
    cm: AbstractContextManager[Any] = apply(**overrides)
    return cm
