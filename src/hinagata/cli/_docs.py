"""``hinagata docs scan DIR``: check documents before a RAG index takes them in."""

from __future__ import annotations

import json
import logging
import sys
from collections import Counter
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from hinagata._messages import type_label
from hinagata.cli._common import EXIT_INPUT, EXIT_OK, file_progress, resolve_lang, walk_files
from hinagata.cli._guard import CATEGORY_LABELS, EXIT_ATTACK
from hinagata.detect import default_detector
from hinagata.guard import default_detector as default_injection_detector
from hinagata.ingest import DocumentReport, check_file
from hinagata.io import DEFAULT_MAX_BYTES

__all__ = ["app"]

app = typer.Typer(
    help="RAGに取り込む文書の検査 / check documents before indexing", no_args_is_help=True
)

_VERDICT = {
    "ok": ("問題なし", "ok"),
    "personal": ("個人情報あり", "personal information"),
    "quarantine": ("隔離（攻撃の疑い）", "quarantined (injection suspected)"),
    "error": ("読めません（スキップ）", "unreadable (skipped)"),
}


def _t(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang == "en" else pair[0]


@app.command("scan")
def scan(
    path: Annotated[Path, typer.Argument(help="検査するフォルダ又はファイル / folder or file")],
    quarantine: Annotated[
        Path,
        typer.Option(
            "--quarantine",
            "-q",
            help="隔離リスト（JSON Lines）の出力先 / where to write the quarantine list",
        ),
    ] = Path("hinagata-quarantine.jsonl"),
    as_json: Annotated[
        bool, typer.Option("--json", help="文書ごとに1行のJSON / one JSON line per document")
    ] = False,
    max_bytes: Annotated[
        int, typer.Option("--max-bytes", help="1ファイルの上限バイト数 / per-file size limit")
    ] = DEFAULT_MAX_BYTES,
    lang: Annotated[str, typer.Option("--lang", help="ja | en")] = "",
    record: Annotated[
        bool,
        typer.Option(
            "--record",
            help="検査の記録（出典・所有者・ハッシュ・判定）をデータベースに残す / record provenance",
        ),
    ] = False,
    owner: Annotated[str, typer.Option("--owner", help="文書の所有者（所属） / owner")] = "",
    config: Annotated[
        Path | None,
        typer.Option(
            "--config", "-c", help="記録先のゲートウェイ設定 / gateway config for --record"
        ),
    ] = None,
) -> None:
    """文書ごとに攻撃（プロンプトインジェクション）と個人情報を検査し、隔離リストと集計を出す。

    終了コード: 0 隔離なし、6 隔離した文書あり、3 読めない文書あり（隔離なし）。
    Exit status: 0 nothing quarantined, 6 some quarantined, 3 some unreadable.
    """
    lang = resolve_lang(lang)
    err = Console(stderr=True, soft_wrap=True, highlight=False)
    out = Console(soft_wrap=True, highlight=False)
    if not path.exists():
        err.print(
            f"見つかりません / not found: {path}" if lang == "ja" else f"not found: {path}",
            markup=False,
        )
        raise typer.Exit(EXIT_INPUT)
    # Corrupt PDFs make pypdf log warnings; the report says what happened instead.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    files = walk_files(path)
    documents = _documents(config, err) if record else None
    try:
        qfile = quarantine.open("w", encoding="utf-8")
    except OSError as exc:
        err.print(
            f"隔離リストを書けません / cannot write {quarantine}: {exc.strerror}", markup=False
        )
        raise typer.Exit(EXIT_INPUT) from exc
    with qfile:
        reports = _check_files(
            path, files, qfile, err, lang=lang, max_bytes=max_bytes, as_json=as_json,
            documents=documents, owner=owner,
        )  # fmt: skip
    if not as_json:
        _summary(reports, quarantine, lang, out)
    verdicts = Counter(r.verdict for r in reports)
    if verdicts["quarantine"]:
        raise typer.Exit(EXIT_ATTACK)
    raise typer.Exit(EXIT_INPUT if verdicts["error"] else EXIT_OK)


def _check_files(
    path: Path,
    files: list[Path],
    qfile: Any,
    err: Console,
    *,
    lang: str,
    max_bytes: int,
    as_json: bool,
    documents: Any,
    owner: str,
) -> list[DocumentReport]:
    """Each file checked in turn, with a progress bar: quarantined ones written to
    ``qfile``, every report to standard output with ``--json``, recorded with ``--record``."""
    detector, injection = default_detector(), default_injection_detector()
    reports: list[DocumentReport] = []
    progress = file_progress(err)
    with progress:
        task = progress.add_task(
            "検査中" if lang == "ja" else "checking", total=len(files), current=""
        )
        for f in files:
            rel = str(f.relative_to(path)) if f != path else f.name
            progress.update(task, current=rel)
            report = check_file(
                f, max_bytes=max_bytes, name=str(f), detector=detector, injection_detector=injection
            )
            reports.append(report)
            if documents is not None and report.sha256:
                _record(documents, report, f, owner)
            if report.verdict == "quarantine":
                qfile.write(json.dumps(report.to_dict(), ensure_ascii=False) + "\n")
                qfile.flush()
            if as_json:
                sys.stdout.write(json.dumps(report.to_dict(), ensure_ascii=False) + "\n")
                sys.stdout.flush()
            progress.advance(task)
    return reports


def _documents(config: Path | None, err: Console) -> Any:
    from hinagata.cli._stores import database, server_config
    from hinagata.store import Documents

    return Documents(database(server_config(config)))


def _record(documents: Any, report: DocumentReport, path: Path, owner: str) -> None:
    import getpass

    d = report.to_dict()
    documents.add(
        sha256=report.sha256,
        source=path.resolve().as_uri(),
        owner=owner,
        title=path.name,
        filename=path.name,
        checked_by=f"cli:{getpass.getuser()}",
        verdict=report.verdict,
        chars=report.chars,
        injection={"score": d["injection"]["score"], "categories": d["injection"]["categories"]},
        personal=d["personal"],
        rules_version=report.rules_version,
    )


def _summary(reports: list[DocumentReport], qpath: Path, lang: str, out: Console) -> None:
    en = lang == "en"
    flagged = [r for r in reports if r.verdict != "ok"]
    if flagged:
        table = Table(
            title="要確認の文書" if not en else "Documents to look at", title_justify="left"
        )
        for col in (("文書", "document"), ("判定", "verdict"), ("内容", "details")):
            table.add_column(_t(col, lang), overflow="fold")
        for r in flagged:
            if r.verdict == "quarantine":
                detail = "、".join(_t(CATEGORY_LABELS.get(c, (c, c)), lang) for c in r.categories)
                detail += f"（score {r.injection_score:.2f}）"
            elif r.verdict == "personal":
                detail = "、".join(
                    f"{type_label(k, lang)} {v}" for k, v in sorted(r.personal.items())
                )
            else:
                detail = f"{r.error_code}: {r.error}"
            table.add_row(r.name, _t(_VERDICT[r.verdict], lang), detail)
        out.print(table)
    counts = Counter(r.verdict for r in reports)
    summary = Table(title="集計" if not en else "Summary", title_justify="left")
    summary.add_column("判定" if not en else "verdict")
    summary.add_column("件数" if not en else "documents", justify="right")
    for v in ("ok", "personal", "quarantine", "error"):
        summary.add_row(_t(_VERDICT[v], lang), str(counts[v]))
    out.print(summary)
    if counts["quarantine"]:
        out.print(
            f"隔離リスト: {qpath}（{counts['quarantine']}件）。取り込む前に内容を確認してください。"
            if not en
            else f"Quarantine list: {qpath} ({counts['quarantine']}). Review before indexing.",
            markup=False,
        )
