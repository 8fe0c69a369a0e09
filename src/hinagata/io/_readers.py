"""Reading documents into text: plain text in any common Japanese encoding, .docx, .xlsx, .pdf.

Plain text is decoded incrementally and handed out in pieces that end at a line break,
so a large file never sits in memory whole. The encoding is detected on the first bytes:
a BOM, else strict UTF-8, else charset-normalizer choosing among the Japanese legacy
encodings (CP932/Shift_JIS, EUC-JP, ISO-2022-JP). Office and PDF files are extracted to
text first (their extracted size is bounded too).
"""

from __future__ import annotations

import codecs
import os
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

__all__ = [
    "DEFAULT_MAX_BYTES",
    "InputError",
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

    def __str__(self) -> str:
        return f"{self.code}: {self.path}: {self.detail}"


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


def iter_text(path: Path | str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[str]:
    """Yield the text of ``path`` in pieces; their concatenation is the document's text.

    Raises :class:`InputError` before yielding anything for a missing, empty, oversized,
    unsupported or undecodable start of file; a decoding error later in a large file
    raises when it is reached.
    """
    path = Path(path)
    _check_file(path, max_bytes)
    suffix = path.suffix.lower()
    if suffix in _OFFICE:
        text = _extract_office(path, suffix, max_bytes)
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


def read_text(path: Path | str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """The whole text of ``path`` (for callers that need it in one piece)."""
    return "".join(iter_text(path, max_bytes=max_bytes))


def _extract_office(path: Path, suffix: str, max_bytes: int) -> str:
    limit = max_bytes * 4 if max_bytes else 0  # extracted text may be larger than a zip
    try:
        if suffix == ".docx":
            text = _docx_text(path)
        elif suffix == ".xlsx":
            text = _xlsx_text(path, limit)
        else:
            text = _pdf_text(path, limit)
    except InputError:
        raise
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as exc:
        raise InputError("unreadable", str(path), f"{type(exc).__name__}: {exc}") from exc
    except Exception as exc:  # a malformed file must not crash a directory scan
        raise InputError("unreadable", str(path), f"{type(exc).__name__}: {exc}") from exc
    if limit and len(text) > limit:
        raise InputError("too_large", str(path), "extracted text")
    return text


def _docx_text(path: Path) -> str:
    import docx

    document = docx.Document(str(path))
    lines: list[str] = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append("\t".join(cell.text for cell in row.cells))
    for section in document.sections:
        for part in (section.header, section.footer):
            lines.extend(p.text for p in part.paragraphs)
    return "\n".join(lines)


def _xlsx_text(path: Path, limit: int) -> str:
    import openpyxl

    wb = openpyxl.load_workbook(str(path), read_only=True, data_only=True)
    lines: list[str] = []
    size = 0
    try:
        for ws in wb.worksheets:
            lines.append(f"[{ws.title}]")
            for row in ws.iter_rows(values_only=True):
                line = "\t".join("" if v is None else str(v) for v in row).rstrip("\t")
                if line:
                    lines.append(line)
                    size += len(line) + 1
                    if limit and size > limit:
                        raise InputError("too_large", str(path), "extracted text")
    finally:
        wb.close()
    return "\n".join(lines)


def _pdf_text(path: Path, limit: int) -> str:
    from pypdf import PdfReader

    reader = PdfReader(str(path))
    if reader.is_encrypted:
        try:
            reader.decrypt("")
        except Exception as exc:
            raise InputError("unreadable", str(path), "encrypted PDF") from exc
    pages: list[str] = []
    size = 0
    for page in reader.pages:
        t = page.extract_text() or ""
        pages.append(t)
        size += len(t)
        if limit and size > limit:
            raise InputError("too_large", str(path), "extracted text")
    return "\n".join(pages)
