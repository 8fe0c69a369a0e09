"""``hinagata grants``: the review body's permissions (add, list, revoke)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from hinagata.cli._common import EXIT_USAGE
from hinagata.cli._stores import (
    ConfigOption,
    database,
    err,
    server_config,
)
from hinagata.store import Grants

__all__ = ["grants_app"]


grants_app = typer.Typer(help="審査機関の許可 / the review body's grants", no_args_is_help=True)


@grants_app.command("add")
def grants_add(
    service: Annotated[str, typer.Option("--service")],
    department: Annotated[str | None, typer.Option("--department")] = None,
    municipality: Annotated[str | None, typer.Option("--municipality")] = None,
    max_class: Annotated[str, typer.Option("--class")] = "3C",
    use_case: Annotated[str | None, typer.Option("--use-case")] = None,
    days: Annotated[int | None, typer.Option("--days", help="有効日数 / days valid")] = None,
    note: Annotated[str, typer.Option("--note")] = "",
    config: ConfigOption = None,
) -> None:
    """許可を登録する（範囲: 団体・所属・サービス・分類・用途・期限） / add a grant."""
    cfg = server_config(config)
    if max_class not in ("3C", "3B", "2"):
        err.print("--class は 2 / 3C / 3B のいずれかです")
        raise typer.Exit(EXIT_USAGE)
    expires = dt.datetime.now(dt.UTC) + dt.timedelta(days=days) if days else None
    g = Grants(database(cfg)).add(
        service=service,
        department=department,
        municipality=municipality,
        max_class=max_class,
        use_case=use_case,
        expires=expires,
        note=note,
    )
    print(g.id)


@grants_app.command("list")
def grants_list(
    config: ConfigOption = None, all_: Annotated[bool, typer.Option("--all")] = False
) -> None:
    cfg = server_config(config)
    table = Table(
        "id", "service", "department", "municipality", "class", "use case", "expires", "revoked"
    )
    for g, row in Grants(database(cfg)).all(include_revoked=all_):
        table.add_row(
            g.id,
            g.service,
            g.department or "*",
            g.municipality or "*",
            g.max_class,
            g.use_case or "*",
            g.expires.strftime("%Y-%m-%d") if g.expires else "",
            "yes" if row.revoked_at else "",
        )
    Console().print(table)


@grants_app.command("revoke")
def grants_revoke(grant_id: str, config: ConfigOption = None) -> None:
    """許可を取り消す（次のリクエストから反映） / revoke a grant (effective at once)."""
    cfg = server_config(config)
    if not Grants(database(cfg)).revoke(grant_id):
        err.print(f"有効な許可 {grant_id} はありません / no active grant {grant_id}")
        raise typer.Exit(EXIT_USAGE)
    print(f"取り消しました / revoked: {grant_id}")
