"""``hinagata keys``: create, list and revoke API keys."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from hinagata.cli._common import EXIT_USAGE
from hinagata.cli._stores import (
    ConfigOption,
    database,
    err,
    served_municipality,
    server_config,
)
from hinagata.labels import jst
from hinagata.store import Keys

__all__ = ["keys_app"]


keys_app = typer.Typer(help="APIキーの管理 / API keys", no_args_is_help=True)


@keys_app.command("create")
def keys_create(
    user: Annotated[str, typer.Option("--user", help="利用者 / user")],
    department: Annotated[str, typer.Option("--department", help="所属 / department")] = "",
    municipality: Annotated[str, typer.Option("--municipality", help="団体 / municipality")] = "",
    role: Annotated[list[str] | None, typer.Option("--role", help="役割（複数可） / role")] = None,
    trained: Annotated[
        bool, typer.Option("--trained", help="研修を受講済み / completed the training")
    ] = False,
    note: Annotated[str, typer.Option("--note")] = "",
    config: ConfigOption = None,
) -> None:
    """キーを作成し、最後の行に表示する（再表示はできません） / create a key; it is printed as the last line."""
    cfg = server_config(config)
    served_municipality(cfg, municipality)
    key, info = Keys(database(cfg)).create(
        user=user,
        department=department,
        municipality=municipality,
        roles=role or (),
        trained=trained,
        note=note,
    )
    print(
        f"# 作成しました / created: id={info.id} user={info.user} department={info.department} trained={info.trained}"
    )
    if not trained:
        print(
            "# 研修未受講のため、このキーではまだ利用できません（--trained で作り直してください） / not trained: the key cannot be used yet"
        )
    print(key)


@keys_app.command("list")
def keys_list(
    config: ConfigOption = None, all_: Annotated[bool, typer.Option("--all")] = False
) -> None:
    """キーの一覧（キーそのものは表示しません） / list keys."""
    cfg = server_config(config)
    table = Table(
        "id",
        "prefix",
        "user",
        "department",
        "municipality",
        "trained",
        "created (JST)",
        "revoked (JST)",
    )
    for k in Keys(database(cfg)).all(include_revoked=all_):
        table.add_row(
            str(k.id),
            k.prefix,
            k.user,
            k.department,
            k.municipality,
            "yes" if k.trained else "no",
            jst(k.created_at, mark=False),
            jst(k.revoked_at, mark=False),
        )
    Console().print(table)


@keys_app.command("revoke")
def keys_revoke(
    ident: Annotated[str, typer.Argument(help="id かキーの先頭 / id or key prefix")],
    config: ConfigOption = None,
) -> None:
    """キーを取り消す（即時） / revoke a key (immediately)."""
    cfg = server_config(config)
    n = Keys(database(cfg)).revoke(ident)
    if not n:
        err.print(f"該当するキーがありません / no active key {ident}")
        raise typer.Exit(EXIT_USAGE)
    print(f"取り消しました / revoked: {n}")
