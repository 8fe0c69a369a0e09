"""``hinagata serve``: run the server (the gateway's API and the web pages) with uvicorn."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from hinagata._yaml import DataFileError
from hinagata.cli._common import EXIT_INPUT, EXIT_OK
from hinagata.cli._stores import (
    ConfigOption,
    err,
    server_config,
)
from hinagata.runtime import load_policies
from hinagata.services import UnknownServiceError

__all__ = ["serve"]


def serve(
    config: ConfigOption = None,
    host: Annotated[str, typer.Option("--host")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port")] = 8000,
    workers: Annotated[int, typer.Option("--workers", min=1)] = 1,
    forwarded_allow_ips: Annotated[
        str | None,
        typer.Option(
            "--forwarded-allow-ips",
            help="X-Forwarded-For を信頼するロードバランサーのアドレス（カンマ区切り、* は全て）。"
            "既定は環境変数 FORWARDED_ALLOW_IPS、なければ 127.0.0.1 / the balancers whose "
            "X-Forwarded-For is trusted (sign-in throttling counts the client's address)",
        ),
    ] = None,
) -> None:
    """ゲートウェイを起動する / run the OpenAI-compatible gateway (uvicorn)."""
    import uvicorn

    cfg = server_config(config)
    try:
        cfg.secret()
        cfg.conversation_key()  # created here too, before the workers start
        # Check the policies and routes here, so that a broken policy file is one clear
        # message rather than a traceback from every worker.
        load_policies(cfg)
    except DataFileError as exc:
        err.print(f"規定のファイルに誤りがあります / a policy file has an error:\n{exc}")
        raise typer.Exit(EXIT_INPUT) from exc
    except (ValueError, UnknownServiceError) as exc:
        err.print(str(exc).strip("'\""))
        raise typer.Exit(EXIT_INPUT) from exc
    if config is not None:
        os.environ["HINAGATA_CONFIG"] = str(config.resolve())
    else:
        os.environ.pop("HINAGATA_CONFIG", None)
        os.environ["HINAGATA_BASE_DIR"] = str(Path.cwd())
    models = "、".join(
        f"{m.name}（{m.service}{'・デモ' if m.upstream.demo else ''}）" for m in cfg.models
    )
    err.print(f"Hinagata ゲートウェイ: http://{host}:{port}/v1 　モデル: {models}")
    uvicorn.run(
        "hinagata.server:app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="info",
        access_log=True,
        proxy_headers=True,
        forwarded_allow_ips=forwarded_allow_ips,
    )
    raise typer.Exit(EXIT_OK)
