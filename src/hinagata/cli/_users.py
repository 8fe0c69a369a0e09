"""``hinagata users``: accounts of the web application (the same users the keys belong to)."""

from __future__ import annotations

import getpass
import secrets
import sys
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from hinagata.cli._common import EXIT_INPUT, EXIT_OK, EXIT_USAGE
from hinagata.cli._stores import (
    ConfigOption,
    audit_log,
    database,
    served_municipality,
    server_config,
)
from hinagata.store import OPERATOR, ROLES, AccountError, Accounts, account_event

__all__ = ["app"]

app = typer.Typer(help="Webアプリの利用者の管理 / web application accounts", no_args_is_help=True)
_err = Console(stderr=True, highlight=False, soft_wrap=True)


def _password(from_stdin: bool, generate: bool) -> str:
    if generate:
        return secrets.token_urlsafe(12)
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass("パスワード / password: ")
    if first != getpass.getpass("もう一度 / again: "):
        _err.print("パスワードが一致しません / the passwords differ")
        raise typer.Exit(EXIT_USAGE)
    return first


@app.command("add")
def add(
    login: Annotated[str, typer.Option("--login", help="ログイン名 / login name")],
    name: Annotated[str, typer.Option("--name", help="表示名 / display name")] = "",
    department: Annotated[str, typer.Option("--department", help="所属 / department")] = "",
    municipality: Annotated[str, typer.Option("--municipality", help="団体 / municipality")] = "",
    role: Annotated[
        list[str] | None,
        typer.Option("--role", help=f"役割（複数可）: {', '.join(ROLES)} / roles"),
    ] = None,
    trained: Annotated[bool, typer.Option("--trained", help="研修を受講済み / trained")] = False,
    password_stdin: Annotated[
        bool,
        typer.Option("--password-stdin", help="パスワードを標準入力から読む / read it from stdin"),
    ] = False,
    generate: Annotated[
        bool,
        typer.Option(
            "--generate-password", help="パスワードを生成して表示する / generate and print one"
        ),
    ] = False,
    config: ConfigOption = None,
) -> None:
    """利用者を追加する / add an account."""
    cfg = server_config(config)
    served_municipality(cfg, municipality)
    password = _password(password_stdin, generate)
    try:
        acc = Accounts(database(cfg)).create(
            login=login,
            password=password,
            display_name=name,
            department=department,
            municipality=municipality,
            roles=role or ["staff"],
            trained=trained,
            must_change_password=True,
        )
    except AccountError as exc:
        _err.print(str(exc))
        raise typer.Exit(EXIT_INPUT) from exc
    print(f"# 追加しました / added: {acc.login} ({', '.join(acc.role_names)})")
    print("# 本人は最初のログインでパスワードを変更します / to be changed at first sign-in")
    if generate:
        print(password)
    raise typer.Exit(EXIT_OK)


@app.command("list")
def list_(config: ConfigOption = None) -> None:
    """利用者の一覧 / list accounts."""
    table = Table()
    for col in ("login", "表示名", "所属", "団体", "役割", "研修", "状態"):
        table.add_column(col)
    for a in Accounts(database(server_config(config))).all():
        table.add_row(
            a.login,
            a.display_name,
            a.department,
            a.municipality,
            "・".join(a.role_names),
            "済" if a.trained else "未",
            "有効" if a.active else "停止",
        )
    Console(soft_wrap=True).print(table)


@app.command("disable")
def disable(login: str, config: ConfigOption = None) -> None:
    """利用者を停止し、ログイン中の画面も終了させる / disable an account and end its sessions."""
    if not Accounts(database(server_config(config))).disable(login):
        _err.print(f"利用者「{login}」はいません / no such account")
        raise typer.Exit(EXIT_INPUT)
    print(f"# 停止しました / disabled: {login}")


@app.command("passwd")
def passwd(
    login: str,
    password_stdin: Annotated[bool, typer.Option("--password-stdin")] = False,
    config: ConfigOption = None,
) -> None:
    """パスワードを設定する（本人が次のログインで変更） / set a password (changed at the next sign-in)."""
    accounts = Accounts(database(server_config(config)))
    if accounts.get(login) is None:
        _err.print(f"利用者「{login}」はいません / no such account")
        raise typer.Exit(EXIT_INPUT)
    try:
        accounts.set_password(login, _password(password_stdin, False), must_change_password=True)
    except AccountError as exc:
        _err.print(str(exc))
        raise typer.Exit(EXIT_INPUT) from exc
    print(f"# 変更しました / changed: {login}")


@app.command("reset")
def reset(login: str, config: ConfigOption = None) -> None:
    """初期パスワードを再発行して表示する（本人が次のログインで変更） / a new initial password."""
    cfg = server_config(config)
    audit = audit_log(cfg)
    accounts = Accounts(database(cfg))
    target = accounts.get(login)
    password = accounts.reset_password(login) if target is not None else None
    if target is None or password is None:
        _err.print(f"利用者「{login}」はいません / no such account")
        raise typer.Exit(EXIT_INPUT)
    account_event(audit, "account.reset", actor=OPERATOR.login, municipality=target.municipality,
                  department=target.department, target=login)  # fmt: skip
    print(f"# 再設定しました。本人は次のログインで変更します / reset: {login}")
    print(password)


@app.command("enable")
def enable(login: str, config: ConfigOption = None) -> None:
    """停止した利用者を再び有効にする（APIキーは戻りません） / re-enable an account."""
    cfg = server_config(config)
    audit = audit_log(cfg)
    accounts = Accounts(database(cfg))
    target = accounts.get(login)
    if target is None or not accounts.enable(login):
        _err.print(f"停止中の利用者「{login}」はいません / no disabled account {login}")
        raise typer.Exit(EXIT_INPUT)
    account_event(audit, "account.enabled", actor=OPERATOR.login,
                  municipality=target.municipality, department=target.department, target=login)  # fmt: skip
    print(f"# 有効にしました / enabled: {login}")
