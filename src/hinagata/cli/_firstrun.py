"""``hinagata first-run``: the first administrator and a demo key in the database the
configuration names, and the banner that says how to sign in and call the API.

``scripts/run.sh`` calls it before ``hinagata serve`` with the same ``--config``: with the
embedded defaults the files are the demo's own (``var/admin-password.txt``,
``var/demo-key.txt``); with a configuration they are named after it
(``var/<config>.admin-password.txt``), so that a password or a key shown always works in
the database the server will use. The national starter set of the case catalog is added
once (a case already there is skipped). An administrator who already exists is reused (its
password is the one it has; the file holds the one generated at first, shown only while
it still works), and a key whose file no longer opens in this database (another
database, revoked) is made anew.

The administrator's password is an initial password like any other an administrator
sets (clause 2.5): it must be changed at the first sign-in, in the demo too — it is
printed to a terminal and kept in a file, and the demo should teach the habit the
real installation needs (docs/adr/0028).
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Annotated

import typer

from hinagata.cli._common import EXIT_OK
from hinagata.cli._stores import ConfigOption, database, server_config
from hinagata.config import GatewayConfig
from hinagata.store import Accounts, CaseCatalog, Keys

__all__ = ["first_run"]

ADMIN = "admin"
#: The demo key's account: a 福祉課 caseworker, trained (the demo shows the guarantee).
DEMO_USER, DEMO_DEPARTMENT = "demo", "福祉課"


def _files(config: Path | None, state: Path) -> tuple[Path, Path]:
    if config is None:
        return state / "admin-password.txt", state / "demo-key.txt"
    stem = config.stem
    return state / f"{stem}.admin-password.txt", state / f"{stem}.demo-key.txt"


def _write_private(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(text + "\n")


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8").strip()
    except OSError:
        return ""


def _municipality(cfg: GatewayConfig) -> str:
    """The first administrator's and the demo key's municipality: the platform's first
    one (a shared platform's accounts each belong to one), else the whole database."""
    return cfg.municipalities[0].name if cfg.municipalities else ""


def first_run(
    config: ConfigOption = None,
    port: Annotated[int, typer.Option("--port")] = 8000,
    state: Annotated[
        Path, typer.Option("--state", help="パスワードとキーを置くフォルダ / where they are kept")
    ] = Path("var"),
) -> None:
    """初回の準備：管理者とデモ用キーを設定のデータベースに作り、案内を表示する /
    the first administrator and a demo key in the configured database, and the banner."""
    cfg = server_config(config)
    db = database(cfg)
    pw_file, key_file = _files(config, state)
    municipality = _municipality(cfg)
    accounts = Accounts(db)
    if accounts.get(ADMIN) is None:
        password = secrets.token_urlsafe(12)
        accounts.create(
            login=ADMIN,
            password=password,
            display_name="管理者",
            department="情報政策課",
            municipality=municipality,
            roles=["admin"],
            trained=True,
            must_change_password=True,
        )
        _write_private(pw_file, password)
    password = _read(pw_file)
    if password and accounts.authenticate(ADMIN, password) is None:
        # Changed at first sign-in (as it must be): the file's password works no more.
        password = ""
    keys = Keys(db)
    key = _read(key_file)
    if not key or keys.lookup(key) is None:
        key, _ = keys.create(
            user=DEMO_USER,
            department=DEMO_DEPARTMENT,
            municipality=municipality,
            roles=(),
            trained=True,
            note="hinagata first-run demo key",
        )
        _write_private(key_file, key)
    # The national starter set of the case catalog (idempotent: known uids are skipped).
    added, _skipped = CaseCatalog(db).seed_starter()
    print(_banner(cfg, config, port, password, pw_file, key, municipality))
    if added:
        print(f"\n事例の初期セットを{added}件登録しました / {added} starter cases added to the catalog.")
    raise typer.Exit(EXIT_OK)


def _banner(
    cfg: GatewayConfig,
    config: Path | None,
    port: int,
    password: str,
    pw_file: Path,
    key: str,
    municipality: str,
) -> str:
    demo = [m.name for m in cfg.models if m.upstream.demo]
    first = demo[0] if demo else (cfg.models[0].name if cfg.models else "demo")
    source = (
        "組み込みの既定値・デモ用の上流 / embedded defaults, demo upstream"
        if config is None
        else f"設定ファイル {config} / configuration {config}"
    )
    shown = (
        f"{password}   （{pw_file}。初期パスワードです。最初のログインで変更します）"
        if password
        else "（登録済みの管理者です。最初のログインで変更したパスワードを使ってください"
        " / the password set at first sign-in）"
    )
    models = "、".join(
        f"{m.name}（{m.service}{'・デモ：実際のAIではありません' if m.upstream.demo else ''}）"
        for m in cfg.models
    )
    lines = [
        "",
        f"Hinagata ゲートウェイ（{source}）",
        "",
        f"Web画面 / web application: http://127.0.0.1:{port}/",
        f"  ログイン名 / login: {ADMIN}" + (f"（団体: {municipality}）" if municipality else ""),
        f"  パスワード / password: {shown}",
        '  職員の追加 / add staff: .venv/bin/hinagata users add --login tanaka --name "田中 一郎"'
        " --department 市民課 --role staff --trained"
        + (f' --municipality "{municipality}"' if municipality else "")
        + (f" --config {config}" if config is not None else ""),
        "",
        f"モデル / models: {models}",
        f"デモ用の API キー / demo API key: {key}",
        "",
        "別の端末で / in another terminal:",
        f"  curl -s http://127.0.0.1:{port}/v1/chat/completions"
        f' -H "Authorization: Bearer {key}" -H "Content-Type: application/json" \\',
        f'    -d \'{{"model": "{first}", "messages": [{{"role": "user", "content":'
        ' "転入届：高橋 健一、生年月日 1988年11月2日。要点をまとめて。"}]}\'',
        "",
        f'  .venv/bin/python -c \'from openai import OpenAI; c = OpenAI(base_url="http://127.0.0.1:{port}/v1",'
        f' api_key="{key}"); print(c.chat.completions.create(model="{first}", messages=[{{"role":'
        ' "user", "content": "相談者 高橋 健一（090-1234-5678）への連絡文を作って"}]).choices[0].message.content)\'',
    ]
    if any(m.name == "demo-consumer-chat" for m in cfg.models):
        lines += [
            "",
            "一般向けサービス（model: demo-consumer-chat）に同じ文章を送ると 403 になります"
            " / the same text to demo-consumer-chat is refused (403).",
        ]
    if any(m.name == "demo-japan-region" for m in cfg.models):
        lines += [
            "国外事業者・国内リージョンのサービス（model: demo-japan-region）には、審査機関の許可が"
            "あるときだけ送れます（Web画面の 利用申請 → 審査 → 許可 のあと、チャットで申請を選んで送信）"
            " / demo-japan-region needs the review body's permission (apply, review, grant).",
        ]
    return "\n".join(lines)
