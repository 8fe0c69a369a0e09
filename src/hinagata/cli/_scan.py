"""``hinagata scan``: find personal information in text, Office files, PDF, directories."""

from __future__ import annotations

import json
import os
import sys
from collections import Counter
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, TextIO

import typer
from rich.console import Console
from rich.table import Table

from hinagata._messages import message, type_label
from hinagata.detect import Detector, Finding, LexiconError, scan_pieces
from hinagata.io import DEFAULT_MAX_BYTES, InputError, iter_stream, iter_text
from hinagata.labels import category_label

__all__ = ["register"]

from hinagata.cli._common import (
    EXIT_INPUT,
    EXIT_INTERNAL,
    EXIT_OK,
    exit_for,
    file_progress,
    resolve_lang,
    walk_files,
)

_CONTACT_TYPES = frozenset({"PHONE_NUMBER", "ADDRESS", "EMAIL", "POSTAL_CODE"})


def _example_path() -> Path:
    return Path(str(resources.files("hinagata.examples").joinpath("sample_ja.txt")))


def scan(
    path: Annotated[
        str | None,
        typer.Argument(
            help="検査するファイル・フォルダ（- で標準入力） / file, directory, or - for stdin"
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="JSON で出力 / JSON output")] = False,
    lang: Annotated[str, typer.Option("--lang", help="ja | en")] = "",
    example: Annotated[
        bool, typer.Option("--example", help="同梱の例文を検査 / scan the bundled example")
    ] = False,
    lexicon: Annotated[
        list[Path] | None,
        typer.Option("--lexicon", help="追加の要配慮語彙 YAML / extra special-care lexicon YAML"),
    ] = None,
    max_bytes: Annotated[
        int,
        typer.Option(
            "--max-bytes", help="1ファイルの上限（0 で無制限） / size limit per file (0: none)"
        ),
    ] = DEFAULT_MAX_BYTES,
    min_score: Annotated[
        float, typer.Option("--min-score", help="報告する確度の下限 / minimum score")
    ] = 0.5,
) -> None:
    """個人情報を検出する / find personal information in text, .docx, .xlsx, .pdf."""
    lang = resolve_lang(lang)
    err = Console(stderr=True, soft_wrap=True)
    out = Console(soft_wrap=True)
    try:
        detector = Detector(lexicons=lexicon or (), min_score=min_score)
    except LexiconError as exc:
        err.print(message("lexicon_error", lang, detail=str(exc)), highlight=False)
        raise typer.Exit(EXIT_INPUT) from exc

    if example:
        path = str(_example_path())
        if not as_json:
            err.print(message("example_note", lang, path=path), highlight=False)
    if path is None:
        raise typer.BadParameter("PATH か --example を指定してください / give PATH or --example")

    try:
        if path == "-":
            code = _scan_one(
                "-",
                iter_stream(sys.stdin.buffer, max_bytes=max_bytes),
                detector,
                as_json,
                lang,
                out,
                err,
            )
        elif Path(path).is_dir():
            code = _scan_dir(Path(path), detector, as_json, lang, max_bytes, out, err)
        else:
            code = _scan_one(
                path, iter_text(path, max_bytes=max_bytes), detector, as_json, lang, out, err
            )
    except (typer.Exit, KeyboardInterrupt):
        raise
    except BrokenPipeError:
        # The reader went away (`hinagata scan … | head`): stop quietly, as Unix tools do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        raise typer.Exit(EXIT_OK) from None
    except Exception as exc:  # fail closed: say so, write nothing more
        err.print(
            message("internal_error", lang, detail=f"{type(exc).__name__}: {exc}"), highlight=False
        )
        raise typer.Exit(EXIT_INTERNAL) from exc
    raise typer.Exit(code)


def _error_text(exc: InputError, lang: str) -> str:
    return message("over_limit" if exc.limit else exc.code, lang, path=exc.path, detail=exc.detail)


def _scan_one(
    name: str,
    pieces: Iterator[str],
    detector: Detector,
    as_json: bool,
    lang: str,
    out: Console,
    err: Console,
) -> int:
    """Scan one file or stream; JSON is written as findings arrive (bounded memory)."""
    findings_iter = scan_pieces(pieces, detector=detector)
    if as_json:
        return _stream_json(findings_iter, sys.stdout, lang, err)
    try:
        findings = list(findings_iter)
    except InputError as exc:
        err.print(_error_text(exc, lang), highlight=False)
        return exit_for(exc.code)
    _print_findings(name, findings, lang, out)
    return EXIT_OK


def _stream_json(findings: Iterator[Finding], fh: TextIO, lang: str, err: Console) -> int:
    first = True
    try:
        for f in findings:
            fh.write('{"findings": [' if first else ", ")
            fh.write(json.dumps(f.to_dict(), ensure_ascii=False))
            first = False
    except InputError as exc:
        if first:
            # Nothing written yet: one well-formed JSON object that carries the error.
            fh.write(
                json.dumps(
                    {"findings": [], "error": _error_text(exc, lang), "error_code": exc.code},
                    ensure_ascii=False,
                )
            )
        else:
            fh.write("]}")
        fh.write("\n")
        err.print(_error_text(exc, lang), highlight=False)
        return exit_for(exc.code)
    fh.write('{"findings": []}\n' if first else "]}\n")
    return EXIT_OK


def _print_findings(name: str, findings: list[Finding], lang: str, out: Console) -> None:
    if not findings:
        out.print(message("no_findings", lang))
        return
    table = Table(title=message("findings_title", lang, path=name), title_justify="left")
    for col in ("col_type", "col_text", "col_pos", "col_personal", "col_score", "col_category"):
        table.add_column(message(col, lang), overflow="fold")
    for f in findings:
        table.add_row(
            type_label(f.type, lang),
            f.text,
            f"{f.start}–{f.end}",
            message(
                "yes" if f.personal else ("no_institution" if f.type in _CONTACT_TYPES else "no"),
                lang,
            ),
            f"{f.score:.2f}",
            category_label(f.category, lang) if f.category else "",
        )
    out.print(table)


def _scan_dir(
    root: Path,
    detector: Detector,
    as_json: bool,
    lang: str,
    max_bytes: int,
    out: Console,
    err: Console,
) -> int:
    files = walk_files(root)
    failed = 0
    rows: list[tuple[str, Counter[str] | None, str]] = []
    progress = file_progress(err)
    with progress:
        task = progress.add_task(message("scanning", lang), total=len(files), current="")
        for f in files:
            rel = str(f.relative_to(root)) if f != root else f.name
            progress.update(task, current=rel)
            record: dict[str, Any] = {"path": str(f)}
            try:
                findings = list(scan_pieces(iter_text(f, max_bytes=max_bytes), detector=detector))
                record["findings"] = [x.to_dict() for x in findings]
                rows.append((rel, Counter(x.type for x in findings), ""))
            except InputError as exc:
                failed += 1
                record["findings"] = []
                record["error"] = _error_text(exc, lang)
                record["error_code"] = exc.code
                rows.append((rel, None, record["error"]))
            if as_json:
                sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
                sys.stdout.flush()
            progress.advance(task)
    if not as_json:
        _print_summary(rows, lang, out)
    if failed:
        err.print(message("dir_failed", lang, count=failed), highlight=False)
        return EXIT_INPUT
    return EXIT_OK


def _print_summary(
    rows: list[tuple[str, Counter[str] | None, str]], lang: str, out: Console
) -> None:
    table = Table(title=message("summary_title", lang), title_justify="left")
    for col in ("col_file", "col_status", "col_count", "col_type"):
        table.add_column(message(col, lang), overflow="fold")
    for rel, counts, error in rows:
        if counts is None:
            table.add_row(rel, f"[red]{message('status_error', lang)}[/red]", "", error)
        else:
            kinds = "、".join(f"{type_label(t, lang)} {n}" for t, n in counts.most_common())
            table.add_row(rel, message("status_ok", lang), str(sum(counts.values())), kinds)
    out.print(table)


def register(app: typer.Typer) -> None:
    app.command()(scan)
