"""``hinagata keys``: create, list and revoke API keys; list, approve and reject the
requests staff make on the web page (clause 2.5: the requester collects an approved key
there, once; the operator never sees it)."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from hinagata.cli._common import EXIT_USAGE
from hinagata.cli._stores import (
    ConfigOption,
    audit_log,
    database,
    err,
    served_municipality,
    server_config,
)
from hinagata.labels import jst
from hinagata.store import OPERATOR, KeyRequestError, KeyRequests, Keys, account_event

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


@keys_app.command("requests")
def keys_requests(
    config: ConfigOption = None,
    all_: Annotated[bool, typer.Option("--all", help="決定済みも / decided ones too")] = False,
) -> None:
    """職員からのキーの申請の一覧 / the key requests (pending ones; --all: every one)."""
    cfg = server_config(config)
    table = Table("id", "requester", "department", "municipality", "service", "purpose",
                  "status", "decided_by", "reason")  # fmt: skip
    requests = KeyRequests(database(cfg)).in_scope(OPERATOR, status=None if all_ else "pending")
    for r in requests:
        table.add_row(str(r.id), r.requester, r.department, r.municipality, r.service,
                      r.purpose, r.status_name, r.decided_by, r.reason)  # fmt: skip
    # Every field whole (a purpose or a reason is read, not guessed from "…").
    Console(soft_wrap=True, width=max(Console().width, 240)).print(table)


def _decide(request_id: int, approve: bool, reason: str, config: ConfigOption) -> None:
    cfg = server_config(config)
    audit = audit_log(cfg)
    try:
        done = KeyRequests(database(cfg)).decide(
            request_id, scope=OPERATOR, approve=approve, reason=reason
        )
    except KeyRequestError as exc:
        err.print(str(exc))
        raise typer.Exit(EXIT_USAGE) from exc
    account_event(audit, f"key.{done.status}", actor=OPERATOR.login,
                  municipality=done.municipality, department=done.department,
                  target=done.requester, request=done.id, reason=done.reason)  # fmt: skip
    word = "承認しました / approved" if approve else "却下しました / rejected"
    print(f"# {word}: {done.id} ({done.requester})")
    if approve:
        print(
            "# キーは申請者がWeb画面（APIキー）で一度だけ受け取ります / the requester collects it"
        )


@keys_app.command("approve")
def keys_approve(
    request_id: Annotated[int, typer.Argument(help="申請番号 / request id")],
    reason: Annotated[str, typer.Option("--reason")] = "",
    config: ConfigOption = None,
) -> None:
    """キーの申請を承認する / approve a key request."""
    _decide(request_id, True, reason, config)


@keys_app.command("reject")
def keys_reject(
    request_id: Annotated[int, typer.Argument(help="申請番号 / request id")],
    reason: Annotated[str, typer.Option("--reason", help="理由（必須） / reason (required)")] = "",
    config: ConfigOption = None,
) -> None:
    """キーの申請を却下する（理由が必要） / reject a key request (a reason is required)."""
    _decide(request_id, False, reason, config)
