"""The server's configuration and stores, opened for the commands that administer them
(``serve``, ``keys``, ``grants``, ``audit``, ``transcripts``, ``users``, ``docs``).

A file that cannot be read or a database that cannot be used is one clear message on
standard error and an exit status (:mod:`hinagata.cli`), never a traceback.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from hinagata._yaml import DataFileError
from hinagata.cli._common import EXIT_INPUT, EXIT_INTERNAL, EXIT_USAGE
from hinagata.config import GatewayConfig, load_config
from hinagata.runtime import transcript_database
from hinagata.store import AuditLog, Database, StoreError, Transcripts

__all__ = [
    "ConfigOption",
    "audit_log",
    "database",
    "day",
    "err",
    "served_municipality",
    "server_config",
    "transcript_store",
]

ConfigOption = Annotated[
    Path | None,
    typer.Option(
        "--config",
        "-c",
        help="ゲートウェイの設定ファイル（省略時は組み込みの既定値） / gateway config",
    ),
]
err = Console(stderr=True, highlight=False, soft_wrap=True)  # never break a path


def server_config(path: Path | None) -> GatewayConfig:
    try:
        return load_config(path)
    except DataFileError as exc:
        err.print(f"設定ファイルに誤りがあります / the config has an error:\n{exc}")
        raise typer.Exit(EXIT_INPUT) from exc


def served_municipality(cfg: GatewayConfig, municipality: str) -> None:
    """Exit (usage error) unless ``municipality`` is one the server is configured for
    (any, where it names none)."""
    if cfg.municipalities and municipality not in {m.name for m in cfg.municipalities}:
        err.print(
            f"--municipality は {', '.join(m.name for m in cfg.municipalities)} のいずれかです"
        )
        raise typer.Exit(EXIT_USAGE)


def database(cfg: GatewayConfig) -> Database:
    try:
        db = Database(cfg.database())
        db.migrate()
        return db
    except (StoreError, Exception) as exc:
        err.print(f"データベースを使えません / cannot use the database: {type(exc).__name__}")
        raise typer.Exit(EXIT_INTERNAL) from exc


def audit_log(cfg: GatewayConfig) -> AuditLog:
    try:
        key = cfg.secret()
    except ValueError as exc:
        err.print(str(exc))
        raise typer.Exit(EXIT_INPUT) from exc
    return AuditLog(database(cfg), key)


def transcript_store(cfg: GatewayConfig) -> Transcripts:
    try:
        return Transcripts(transcript_database(cfg, database(cfg)))
    except (StoreError, Exception) as exc:
        err.print(f"保存先を使えません / cannot use the transcript store: {type(exc).__name__}")
        raise typer.Exit(EXIT_INTERNAL) from exc


def day(value: str | None, option: str) -> dt.datetime | None:
    if not value:
        return None
    try:
        return dt.datetime.fromisoformat(value).replace(tzinfo=dt.UTC)
    except ValueError as exc:
        err.print(f"{option} は YYYY-MM-DD で指定してください / {option} must be YYYY-MM-DD")
        raise typer.Exit(EXIT_USAGE) from exc
