"""``hinagata serve``, ``keys``, ``grants`` and ``audit``: running and administering the gateway."""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from hinagata._yaml import DataFileError
from hinagata.cli._common import EXIT_INPUT, EXIT_INTERNAL, EXIT_OK, EXIT_USAGE
from hinagata.config import GatewayConfig, load_config
from hinagata.runtime import load_policies, prune_transcripts, transcript_database
from hinagata.services import UnknownServiceError
from hinagata.store import AuditLog, Database, Grants, Keys, StoreError, Transcripts

__all__ = ["audit_app", "grants_app", "keys_app", "serve", "transcripts_app"]

ConfigOption = Annotated[
    Path | None,
    typer.Option(
        "--config",
        "-c",
        help="ゲートウェイの設定ファイル（省略時は組み込みの既定値） / gateway config",
    ),
]
_err = Console(stderr=True, highlight=False, soft_wrap=True)  # never break a path


def _config(path: Path | None) -> GatewayConfig:
    try:
        return load_config(path)
    except DataFileError as exc:
        _err.print(f"設定ファイルに誤りがあります / the config has an error:\n{exc}")
        raise typer.Exit(EXIT_INPUT) from exc


def _db(cfg: GatewayConfig) -> Database:
    try:
        db = Database(cfg.database())
        db.migrate()
        return db
    except (StoreError, Exception) as exc:
        _err.print(f"データベースを使えません / cannot use the database: {type(exc).__name__}")
        raise typer.Exit(EXIT_INTERNAL) from exc


def _audit(cfg: GatewayConfig) -> AuditLog:
    try:
        key = cfg.secret()
    except ValueError as exc:
        _err.print(str(exc))
        raise typer.Exit(EXIT_INPUT) from exc
    return AuditLog(_db(cfg), key)


def serve(
    config: ConfigOption = None,
    host: Annotated[str, typer.Option("--host")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port")] = 8000,
    workers: Annotated[int, typer.Option("--workers", min=1)] = 1,
) -> None:
    """ゲートウェイを起動する / run the OpenAI-compatible gateway (uvicorn)."""
    import uvicorn

    cfg = _config(config)
    try:
        cfg.secret()
        # Check the policies and routes here, so that a broken policy file is one clear
        # message rather than a traceback from every worker.
        load_policies(cfg)
    except DataFileError as exc:
        _err.print(f"規定のファイルに誤りがあります / a policy file has an error:\n{exc}")
        raise typer.Exit(EXIT_INPUT) from exc
    except (ValueError, UnknownServiceError) as exc:
        _err.print(str(exc).strip("'\""))
        raise typer.Exit(EXIT_INPUT) from exc
    if config is not None:
        os.environ["HINAGATA_CONFIG"] = str(config.resolve())
    else:
        os.environ.pop("HINAGATA_CONFIG", None)
        os.environ["HINAGATA_BASE_DIR"] = str(Path.cwd())
    models = "、".join(
        f"{m.name}（{m.service}{'・デモ' if m.upstream.demo else ''}）" for m in cfg.models
    )
    _err.print(f"Hinagata ゲートウェイ: http://{host}:{port}/v1 　モデル: {models}")
    uvicorn.run(
        "hinagata.server:app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="info",
        access_log=True,
    )
    raise typer.Exit(EXIT_OK)


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
    cfg = _config(config)
    if cfg.municipalities and municipality not in {m.name for m in cfg.municipalities}:
        _err.print(
            f"--municipality は {', '.join(m.name for m in cfg.municipalities)} のいずれかです"
        )
        raise typer.Exit(EXIT_USAGE)
    key, info = Keys(_db(cfg)).create(
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
    cfg = _config(config)
    table = Table(
        "id", "prefix", "user", "department", "municipality", "trained", "created", "revoked"
    )
    for k in Keys(_db(cfg)).all(include_revoked=all_):
        table.add_row(
            str(k.id),
            k.prefix,
            k.user,
            k.department,
            k.municipality,
            "yes" if k.trained else "no",
            k.created_at.strftime("%Y-%m-%d %H:%M"),
            k.revoked_at.strftime("%Y-%m-%d %H:%M") if k.revoked_at else "",
        )
    Console().print(table)


@keys_app.command("revoke")
def keys_revoke(
    ident: Annotated[str, typer.Argument(help="id かキーの先頭 / id or key prefix")],
    config: ConfigOption = None,
) -> None:
    """キーを取り消す（即時） / revoke a key (immediately)."""
    cfg = _config(config)
    n = Keys(_db(cfg)).revoke(ident)
    if not n:
        _err.print(f"該当するキーがありません / no active key {ident}")
        raise typer.Exit(EXIT_USAGE)
    print(f"取り消しました / revoked: {n}")


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
    cfg = _config(config)
    if max_class not in ("3C", "3B", "2"):
        _err.print("--class は 2 / 3C / 3B のいずれかです")
        raise typer.Exit(EXIT_USAGE)
    expires = dt.datetime.now(dt.UTC) + dt.timedelta(days=days) if days else None
    g = Grants(_db(cfg)).add(
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
    cfg = _config(config)
    table = Table(
        "id", "service", "department", "municipality", "class", "use case", "expires", "revoked"
    )
    for g, row in Grants(_db(cfg)).all(include_revoked=all_):
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
    cfg = _config(config)
    if not Grants(_db(cfg)).revoke(grant_id):
        _err.print(f"有効な許可 {grant_id} はありません / no active grant {grant_id}")
        raise typer.Exit(EXIT_USAGE)
    print(f"取り消しました / revoked: {grant_id}")


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
    cfg = _config(config)
    try:
        result = _audit(cfg).verify(anchor)
    except ValueError as exc:
        _err.print(str(exc))
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
    print(_audit(_config(config)).anchor())


@audit_app.command("export")
def audit_export(
    config: ConfigOption = None,
    fmt: Annotated[str, typer.Option("--format")] = "jsonl",
    since: Annotated[str | None, typer.Option("--since", help="YYYY-MM-DD")] = None,
    until: Annotated[str | None, typer.Option("--until", help="YYYY-MM-DD（含まない）")] = None,
) -> None:
    """記録を CSV か JSON Lines で出力（個人の値は含みません） / export records."""
    if fmt not in ("jsonl", "csv"):
        _err.print("--format は jsonl か csv です")
        raise typer.Exit(EXIT_USAGE)
    start, end = _date(since, "--since"), _date(until, "--until")
    for chunk in _audit(_config(config)).export(fmt, start, end):
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
    n = _audit(_config(config)).prune(before)
    print(f"削除しました / removed: {n}")


def _date(value: str | None, option: str) -> dt.datetime | None:
    if not value:
        return None
    try:
        return dt.datetime.fromisoformat(value).replace(tzinfo=dt.UTC)
    except ValueError as exc:
        _err.print(f"{option} は YYYY-MM-DD で指定してください / {option} must be YYYY-MM-DD")
        raise typer.Exit(EXIT_USAGE) from exc


transcripts_app = typer.Typer(
    help="保存した全文（管理者のみ） / kept prompts and answers (administrators only)",
    no_args_is_help=True,
)


def _transcripts(cfg: GatewayConfig) -> Transcripts:
    try:
        return Transcripts(transcript_database(cfg, _db(cfg)))
    except (StoreError, Exception) as exc:
        _err.print(f"保存先を使えません / cannot use the transcript store: {type(exc).__name__}")
        raise typer.Exit(EXIT_INTERNAL) from exc


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
    store = _transcripts(_config(config))
    records = store.list(
        municipality=municipality,
        since=_date(since, "--since"),
        until=_date(until, "--until"),
        limit=limit,
    )
    if as_json:
        for r in records:
            sys.stdout.write(json.dumps(r.to_dict(), ensure_ascii=False) + "\n")
        raise typer.Exit(EXIT_OK)
    table = Table("request", "time", "user", "department", "municipality", "model", "prompt")
    for r in records:
        head = r.prompt.replace("\n", " ")
        table.add_row(
            r.request_id,
            r.ts.strftime("%Y-%m-%d %H:%M"),
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
    r = _transcripts(_config(config)).get(request_id)
    if r is None:
        _err.print(f"{request_id} は保存されていません / no transcript for {request_id}")
        raise typer.Exit(EXIT_INPUT)
    print(
        f"# {r.request_id}  {r.ts.isoformat()}  {r.user} / {r.department} / {r.municipality}  {r.model}"
    )
    print("## プロンプト / prompt")
    print(r.prompt)
    print("## 回答 / answer")
    print(r.answer)


@transcripts_app.command("prune")
def transcripts_prune(config: ConfigOption = None) -> None:
    """規定の保存期間を過ぎた全文を削除する（ゲートウェイも1時間ごとに行います） / apply the policy's retention."""
    cfg = _config(config)
    try:
        policies, policy = load_policies(cfg)
    except (ValueError, KeyError) as exc:
        _err.print(str(exc).strip("'\""))
        raise typer.Exit(EXIT_INPUT) from exc
    n = prune_transcripts(_transcripts(cfg), policies, policy)
    print(f"削除しました / removed: {n}")
