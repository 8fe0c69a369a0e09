"""The `hinagata scan` command: JSON shape, files, encodings, directories and bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hinagata.cli import app
from hinagata.io import read_text

runner = CliRunner()

SAMPLE = "氏名：高橋 健一\n電話 090-1234-5678\n個人番号 1234 5678 9018\n"


def _json(args: list[str], **kw: object) -> tuple[int, dict[str, object]]:
    res = runner.invoke(app, ["scan", *args, "--json"], **kw)  # type: ignore[arg-type]
    return res.exit_code, json.loads(res.stdout.strip().splitlines()[-1])


def test_json_shape_and_offsets(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text(SAMPLE, encoding="utf-8")
    code, doc = _json([str(p)])
    assert code == 0
    findings = doc["findings"]
    assert isinstance(findings, list)
    kinds = [f["type"] for f in findings]
    assert kinds == ["PERSON_NAME", "PHONE_NUMBER", "MY_NUMBER"]
    for f in findings:
        assert set(f) >= {"type", "start", "end", "text", "score", "personal"}
        assert SAMPLE[f["start"] : f["end"]] == f["text"]


def test_stdin(tmp_path: Path) -> None:
    code, doc = _json(["-"], input="電話：０９０－１２３４－５６７８".encode())
    assert code == 0
    assert [f["text"] for f in doc["findings"]] == ["０９０－１２３４－５６７８"]  # type: ignore[union-attr]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp932", "euc_jp", "iso2022_jp"])
def test_encodings(tmp_path: Path, encoding: str) -> None:
    p = tmp_path / f"{encoding}.txt"
    p.write_bytes(SAMPLE.encode(encoding))
    code, doc = _json([str(p)])
    assert code == 0
    text = read_text(p)
    assert text == SAMPLE  # BOM removed: offsets index the extracted text
    assert [f["text"] for f in doc["findings"]] == ["高橋 健一", "090-1234-5678", "1234 5678 9018"]  # type: ignore[union-attr]


def test_legacy_encoding_after_a_long_ascii_start(tmp_path: Path) -> None:
    body = "id,value\n" + "0,abc\n" * 30000 + "1,電話 090-1234-5678 高橋健一様\n"
    p = tmp_path / "late.csv"
    p.write_bytes(body.encode("cp932"))
    code, doc = _json([str(p)])
    assert code == 0
    assert {f["type"] for f in doc["findings"]} == {"PHONE_NUMBER", "PERSON_NAME"}  # type: ignore[union-attr]


def test_docx_xlsx_pdf(tmp_path: Path) -> None:
    import docx
    import openpyxl

    d = docx.Document()
    d.add_paragraph("申請者：高橋 健一")
    table = d.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "電話"
    table.rows[0].cells[1].text = "090-1234-5678"
    d.save(str(tmp_path / "a.docx"))

    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["氏名", "電話"])
    ws.append(["佐藤 花子", "03-5253-5111"])
    wb.save(str(tmp_path / "b.xlsx"))

    (tmp_path / "c.pdf").write_bytes(_tiny_pdf("Contact: taro@example.jp TEL 090-1234-5678"))

    for name, want in [
        ("a.docx", {"PERSON_NAME", "PHONE_NUMBER"}),
        ("b.xlsx", {"PERSON_NAME", "PHONE_NUMBER"}),
        ("c.pdf", {"EMAIL", "PHONE_NUMBER"}),
    ]:
        code, doc = _json([str(tmp_path / name)])
        assert code == 0, name
        got = {f["type"] for f in doc["findings"]}  # type: ignore[union-attr]
        assert want <= got, (name, got)
        text = read_text(tmp_path / name)
        for f in doc["findings"]:  # type: ignore[union-attr]
            assert text[f["start"] : f["end"]] == f["text"]


def test_directory_scan_continues_past_bad_files(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "ok.txt").write_text(SAMPLE, encoding="utf-8")
    (tmp_path / "sub" / "deep.txt").write_text("電話 03-5253-5111", encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "broken.docx").write_bytes(b"not a zip at all")
    (tmp_path / "bad.txt").write_bytes(b"\x82\xa0\xff\xfe\x80\x81\x82" * 10)
    res = runner.invoke(app, ["scan", str(tmp_path), "--json"])
    assert res.exit_code == 3
    lines = [json.loads(line) for line in res.stdout.strip().splitlines()]
    by_name = {Path(rec["path"]).name: rec for rec in lines}
    assert set(by_name) == {"ok.txt", "deep.txt", "empty.txt", "broken.docx", "bad.txt"}
    assert len(by_name["ok.txt"]["findings"]) == 3
    assert "error" not in by_name["ok.txt"]
    assert by_name["deep.txt"]["findings"][0]["type"] == "PHONE_NUMBER"
    for name, code in [
        ("empty.txt", "empty"),
        ("broken.docx", "unreadable"),
        ("bad.txt", "undecodable"),
    ]:
        assert by_name[name]["error_code"] == code
        assert by_name[name]["error"]


def test_directory_summary_table(tmp_path: Path) -> None:
    (tmp_path / "ok.txt").write_text(SAMPLE, encoding="utf-8")
    res = runner.invoke(app, ["scan", str(tmp_path), "--lang", "en"])
    assert res.exit_code == 0
    assert "Summary" in res.stdout and "ok.txt" in res.stdout


@pytest.mark.parametrize(
    "setup, code, fragment",
    [
        (lambda p: p.write_bytes(b""), 4, "空"),
        (lambda p: p.write_bytes(b"   \n\n  "), 4, "空"),
        (lambda p: p.write_bytes("あ".encode() * 100), 5, "大きすぎ"),
        (lambda p: p.write_bytes(b"\x00\x01\x02binary"), 3, "対応していない"),
        (lambda p: p.write_bytes(b"abc\x82\xa0\xff\xfe\x80\x81" * 5), 3, "文字コード"),
    ],
)
def test_bad_input_has_clear_message_and_status(
    tmp_path: Path, setup, code: int, fragment: str
) -> None:  # type: ignore[no-untyped-def]
    p = tmp_path / "input.txt"
    setup(p)
    res = runner.invoke(app, ["scan", str(p), "--max-bytes", "200"])
    assert res.exit_code == code
    assert fragment in res.stderr


def test_missing_file_in_english(tmp_path: Path) -> None:
    res = runner.invoke(app, ["scan", str(tmp_path / "nope.txt"), "--lang", "en"])
    assert res.exit_code == 3
    assert "No such file" in res.stderr


def test_unsupported_extension(tmp_path: Path) -> None:
    p = tmp_path / "old.doc"
    p.write_bytes(b"\xd0\xcf\x11\xe0")
    res = runner.invoke(app, ["scan", str(p)])
    assert res.exit_code == 3 and ".doc" in res.stderr


def test_large_stream_is_scanned_in_pieces_with_global_offsets(tmp_path: Path) -> None:
    filler = "本日は晴天なり。" * 20 + "\n"
    body = filler * 2000 + "電話 090-1234-5678\n" + filler * 10
    p = tmp_path / "big.txt"
    p.write_text(body, encoding="utf-8")
    code, doc = _json([str(p), "--max-bytes", "0"])
    assert code == 0
    [f] = doc["findings"]  # type: ignore[misc]
    assert body[f["start"] : f["end"]] == "090-1234-5678"


def test_internal_error_fails_closed(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from hinagata.detect import Detector

    def boom(self: Detector, text: str) -> list[object]:
        raise RuntimeError("detector exploded")

    monkeypatch.setattr(Detector, "scan", boom)
    p = tmp_path / "a.txt"
    p.write_text(SAMPLE, encoding="utf-8")
    res = runner.invoke(app, ["scan", str(p)])
    assert res.exit_code == 1
    assert "内部エラー" in res.stderr
    assert "090-1234-5678" not in res.stdout


def test_main_job_example_runs_as_a_program() -> None:
    exe = Path(sys.executable).parent / "hinagata"
    res = subprocess.run(
        [str(exe), "scan", "--example", "--json"], capture_output=True, text=True, check=False
    )
    assert res.returncode == 0, res.stderr
    kinds = {f["type"] for f in json.loads(res.stdout)["findings"]}
    assert {"PERSON_NAME", "MY_NUMBER", "ADDRESS", "SENSITIVE"} <= kinds


def _tiny_pdf(line: str) -> bytes:
    """A one-page PDF with one line of Helvetica text (enough for text extraction)."""
    content = f"BT /F1 12 Tf 72 720 Td ({line}) Tj ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
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
