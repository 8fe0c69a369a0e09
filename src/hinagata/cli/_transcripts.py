"""``hinagata transcripts``: the kept prompts and answers (list, show, prune)."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from hinagata.cli._common import EXIT_INPUT, EXIT_OK
from hinagata.cli._stores import (
    ConfigOption,
    day,
    err,
    server_config,
    transcript_store,
)
from hinagata.labels import jst
from hinagata.runtime import load_policies, prune_transcripts

__all__ = ["transcripts_app"]


transcripts_app = typer.Typer(
    help="保存した全文（管理者のみ） / kept prompts and answers (administrators only)",
    no_args_is_help=True,
)


@transcripts_app.command("list")
def transcripts_list(
    config: ConfigOption = None,
    municipality: Annotated[str | None, typer.Option("--municipality")] = None,
    since: Annotated[str | None, typer.Option("--since", help="YYYY-MM-DD")] = None,
    until: Annotated[str | None, typer.Option("--until", help="YYYY-MM-DD（含まない）")] = None,
    limit: Annotated[int, typer.Option("--limit", min=1)] = 100,
    as_json: Annotated[bool, typer.Option("--json", help="JSON Lines（全文） / full text")] = False,
) -> None:
    """保存した全文の一覧（個人情報を含みます） / list kept transcripts (they contain personal data)."""
    store = transcript_store(server_config(config))
    records = store.list(
        municipality=municipality,
        since=day(since, "--since"),
        until=day(until, "--until"),
        limit=limit,
    )
    if as_json:
        for r in records:
            sys.stdout.write(json.dumps(r.to_dict(), ensure_ascii=False) + "\n")
        raise typer.Exit(EXIT_OK)
    table = Table("request", "time (JST)", "user", "department", "municipality", "model", "prompt")
    for r in records:
        head = r.prompt.replace("\n", " ")
        table.add_row(
            r.request_id,
            jst(r.ts, mark=False),
            r.user,
            r.department,
            r.municipality,
            r.model,
            head[:40] + ("…" if len(head) > 40 else ""),
        )
    Console(highlight=False).print(table)


@transcripts_app.command("show")
def transcripts_show(request_id: str, config: ConfigOption = None) -> None:
    """1件の全文（プロンプトと回答） / one transcript in full."""
    r = transcript_store(server_config(config)).get(request_id)
    if r is None:
        err.print(f"{request_id} は保存されていません / no transcript for {request_id}")
        raise typer.Exit(EXIT_INPUT)
    print(
        f"# {r.request_id}  {jst(r.ts, seconds=True)}  {r.user} / {r.department} / {r.municipality}  {r.model}"
    )
    print("## プロンプト / prompt")
    print(r.prompt)
    print("## 回答 / answer")
    print(r.answer)


@transcripts_app.command("prune")
def transcripts_prune(config: ConfigOption = None) -> None:
    """規定の保存期間を過ぎた全文を削除する（ゲートウェイも1時間ごとに行います） / apply the policy's retention."""
    cfg = server_config(config)
    try:
        policies, policy = load_policies(cfg)
    except (ValueError, KeyError) as exc:
        err.print(str(exc).strip("'\""))
        raise typer.Exit(EXIT_INPUT) from exc
    n = prune_transcripts(transcript_store(cfg), policies, policy)
    print(f"削除しました / removed: {n}")
