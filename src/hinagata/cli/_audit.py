"""``hinagata audit``: verify, anchor, export and prune the audit chain."""

from __future__ import annotations

import datetime as dt
import sys
from typing import Annotated

import typer

from hinagata.cli._common import EXIT_INTERNAL, EXIT_OK, EXIT_USAGE
from hinagata.cli._stores import (
    ConfigOption,
    audit_log,
    day,
    err,
    server_config,
)

__all__ = ["audit_app"]


audit_app = typer.Typer(help="監査ログ / the audit log", no_args_is_help=True)


@audit_app.command("verify")
def audit_verify(
    config: ConfigOption = None, anchor: Annotated[str | None, typer.Option("--anchor")] = None
) -> None:
    """改ざんを検査する（問題があれば最初の記録を示して終了コード 1） / verify the chain.

    記録の連鎖に加えて、検索・集計用の写し（判定・所属・団体・ログイン名・条項の行）と
    日別集計が記録と一致するかも検査します / also checks that the searchable copies
    (verdict, department, municipality, login, clause rows) and the daily roll-ups agree
    with the hashed records.
    """
    cfg = server_config(config)
    try:
        result = audit_log(cfg).verify(anchor)
    except ValueError as exc:
        err.print(str(exc))
        raise typer.Exit(EXIT_USAGE) from exc
    if result.ok:
        print(f"正常です / intact: {result.checked} 件（head {result.head_seq}）")
        raise typer.Exit(EXIT_OK)
    if result.chain_intact:
        print(
            f"記録と一致しない写しがあります / copies disagree with their records: "
            f"{result.mismatch_count} 件（連鎖は正常 {result.checked} 件 / chain intact）"
        )
    else:
        print(
            f"改ざんまたは欠落を検出しました / broken at record {result.first_bad_seq}: {result.reason}"
        )
    for m in result.mismatches:
        print(f"  {m.describe()}")
    if result.mismatch_count > len(result.mismatches):
        print(f"  … ほか {result.mismatch_count - len(result.mismatches)} 件 / more")
    raise typer.Exit(EXIT_INTERNAL)


@audit_app.command("anchor")
def audit_anchor(config: ConfigOption = None) -> None:
    """現在の先頭（別の場所に保管してください） / the current head, to keep elsewhere."""
    print(audit_log(server_config(config)).anchor())


@audit_app.command("export")
def audit_export(
    config: ConfigOption = None,
    fmt: Annotated[str, typer.Option("--format")] = "jsonl",
    since: Annotated[str | None, typer.Option("--since", help="YYYY-MM-DD")] = None,
    until: Annotated[str | None, typer.Option("--until", help="YYYY-MM-DD（含まない）")] = None,
) -> None:
    """記録を CSV か JSON Lines で出力（個人の値は含みません） / export records."""
    if fmt not in ("jsonl", "csv"):
        err.print("--format は jsonl か csv です")
        raise typer.Exit(EXIT_USAGE)
    start, end = day(since, "--since"), day(until, "--until")
    for chunk in audit_log(server_config(config)).export(fmt, start, end):
        sys.stdout.write(chunk)


@audit_app.command("prune")
def audit_prune(
    days: Annotated[
        int,
        typer.Option("--days", help="この日数より古い記録を削除 / remove records older than this"),
    ],
    config: ConfigOption = None,
) -> None:
    """保存期間を過ぎた記録を削除する（検証は続けられます） / retention."""
    before = dt.datetime.now(dt.UTC) - dt.timedelta(days=days)
    n = audit_log(server_config(config)).prune(before)
    print(f"削除しました / removed: {n}")
