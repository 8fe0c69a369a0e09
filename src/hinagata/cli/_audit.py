"""``hinagata audit``: verify, anchor, export and prune the audit chains (one per
municipality and the platform's)."""

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


MunicipalityOption = Annotated[
    str | None,
    typer.Option(
        "--municipality",
        help='この団体の連鎖だけ（"" は基盤の連鎖） / this municipality\'s chain only '
        '("" the platform chain)',
    ),
]


@audit_app.command("verify")
def audit_verify(
    config: ConfigOption = None,
    anchor: Annotated[str | None, typer.Option("--anchor")] = None,
    municipality: MunicipalityOption = None,
) -> None:
    """改ざんを検査する（連鎖ごとに結果を示し、問題があれば終了コード 1） / verify the chains.

    団体ごとの連鎖と基盤の連鎖をそれぞれ検査し、問題があれば連鎖と最初の記録を示します。
    記録の連鎖に加えて、検索・集計用の写し（判定・所属・団体・ログイン名・条項の行）と
    日別集計が記録と一致するかも検査します（日別集計はすべての連鎖を検査したときだけ）/
    verifies every municipality's chain and the platform chain on its own, naming the chain
    and its first bad record; also checks that the searchable copies (verdict, department,
    municipality, login, clause rows) and — when every chain is verified — the daily
    roll-ups agree with the hashed records.
    """
    log = audit_log(server_config(config))
    chains = log.chains() if municipality is not None and anchor is None else []
    if municipality is not None and anchor is None and municipality not in chains:
        known = ", ".join(repr(c) for c in chains) or "なし / none"
        err.print(
            f"この団体の連鎖はありません / no audit chain for {municipality!r}（あるもの / "
            f"chains: {known}）"
        )
        raise typer.Exit(EXIT_USAGE)
    try:
        result = log.verify(anchor, chain=municipality)
    except ValueError as exc:
        err.print(str(exc))
        raise typer.Exit(EXIT_USAGE) from exc
    n = len(result.chains)
    if result.ok:
        print(
            f"正常です / intact: {result.checked} 件（{n} 連鎖 / chains, head {result.head_seq}）"
        )
    elif result.chain_intact:
        print(
            f"記録と一致しない写しがあります / copies disagree with their records: "
            f"{result.mismatch_count} 件（連鎖は正常 {result.checked} 件 / chains intact）"
        )
    else:
        broken = sum(not c.chain_intact for c in result.chains)
        print(f"改ざんまたは欠落を検出しました / broken: {broken} / {n} 連鎖 / chains")
    for c in result.chains:
        if c.ok:
            print(f"  {c.label}: 正常 / intact — {c.checked} 件, head {c.head_seq}")
        elif c.chain_intact:
            print(f"  {c.label}: 写しが不一致 / copies disagree — {c.mismatch_count} 件")
        else:
            where = f" (seq {c.first_bad_record})" if c.first_bad_record is not None else ""
            print(
                f"  {c.label}: 改ざんまたは欠落 / broken at record {c.first_bad_seq}{where}: "
                f"{c.reason}"
            )
        for m in c.mismatches:
            print(f"    {m.describe()}")
    rest = [m for m in result.mismatches if m.chain is None]
    if rest:
        print("  日別集計・記録のない条項の行 / roll-ups and clause rows of no record:")
        for m in rest:
            print(f"    {m.describe()}")
    if result.mismatch_count > len(result.mismatches):
        print(f"  … ほか {result.mismatch_count - len(result.mismatches)} 件 / more")
    if not result.complete:
        print("  （日別集計は全連鎖の検査で照合します / roll-ups are checked with every chain）")
    raise typer.Exit(EXIT_OK if result.ok else EXIT_INTERNAL)


@audit_app.command("anchor")
def audit_anchor(config: ConfigOption = None, municipality: MunicipalityOption = None) -> None:
    """各連鎖の現在の先頭（別の場所に保管してください） / every chain's head, to keep
    elsewhere (with --municipality: that chain's, as SEQ:HASH)."""
    print(audit_log(server_config(config)).anchor(municipality))


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
    municipality: MunicipalityOption = None,
) -> None:
    """保存期間を過ぎた記録を連鎖ごとに削除する（検証は続けられます） / retention, per chain."""
    before = dt.datetime.now(dt.UTC) - dt.timedelta(days=days)
    n = audit_log(server_config(config)).prune(before, chain=municipality)
    print(f"削除しました / removed: {n}")
