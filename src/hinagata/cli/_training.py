"""``hinagata training``: the training handout (研修資料) and who is trained (研修).

``build`` renders the course of a policy (for one department, or what every department
uses) as a PDF or HTML handout; ``status`` lists every account of the configured
server with its training state, or writes the completed attempts as CSV.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from hinagata.cli._common import (
    EXIT_INPUT,
    EXIT_INTERNAL,
    EXIT_OK,
    EXIT_USAGE,
    PolicyOption,
    load_policy_or_exit,
)
from hinagata.cli._stores import ConfigOption, database, err, server_config
from hinagata.render import FontMissingError
from hinagata.runtime import load_policies
from hinagata.store import Accounts
from hinagata.training import Attempt, TrainingRecords, records_csv, render_handout, state_of
from hinagata.training._handout import HANDOUT_FORMATS

__all__ = ["app"]

app = typer.Typer(help="研修（利用前研修） / training before use", no_args_is_help=True)


@app.command()
def build(
    output: Annotated[Path, typer.Option("--output", "-o", help="出力ファイル / output file")],
    policy: PolicyOption = None,
    department: Annotated[
        str,
        typer.Option("--department", "-d", help="所属（その所属の規定を含める） / department"),
    ] = "",
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="pdf | html（省略時は拡張子から）")
    ] = "",
) -> None:
    """有効な規定から研修資料を作成する / render the training handout from the policy."""
    fmt = fmt or output.suffix.lstrip(".").lower()
    if fmt not in HANDOUT_FORMATS:
        err.print(
            f"形式は {', '.join(HANDOUT_FORMATS)} のいずれかです / --format must be one of {', '.join(HANDOUT_FORMATS)}"
        )
        raise typer.Exit(EXIT_USAGE)
    effective = load_policy_or_exit(policy, err)
    try:
        path = render_handout(effective, output, department=department, fmt=fmt)
    except FontMissingError as exc:
        err.print(str(exc))
        raise typer.Exit(EXIT_INTERNAL) from exc
    except OSError as exc:
        err.print(f"書き込めません / cannot write {output}: {exc.strerror or exc}")
        raise typer.Exit(EXIT_INPUT) from exc
    Console(highlight=False).print(f"作成しました / written: {path}（{effective.version}）")
    raise typer.Exit(EXIT_OK)


@app.command()
def status(
    config: ConfigOption = None,
    municipality: Annotated[
        str, typer.Option("--municipality", help="団体で絞る / only this municipality")
    ] = "",
    csv: Annotated[
        bool,
        typer.Option("--csv", help="確認テストの記録を CSV で出力 / the attempts as CSV"),
    ] = False,
) -> None:
    """利用者ごとの受講状況 / every account's training state."""
    cfg = server_config(config)
    try:
        policies, single = load_policies(cfg)
    except (ValueError, OSError) as exc:
        err.print(f"規定を読み込めません / cannot load the policy: {exc}")
        raise typer.Exit(EXIT_INPUT) from exc
    db = database(cfg)
    records = TrainingRecords(db)
    completed = [
        a for a in records.completed() if not municipality or a.municipality == municipality
    ]
    if csv:
        sys.stdout.write(records_csv(completed).lstrip("\ufeff"))
        raise typer.Exit(EXIT_OK)
    latest: dict[tuple[str, str], Attempt] = {}
    for done in completed:  # newest first
        if done.passed:
            latest.setdefault((done.municipality, done.login), done)
    table = Table()
    for col in ("login", "所属", "団体", "状態", "合格日", "有効期限", "得点"):
        table.add_column(col)
    now = dt.datetime.now(dt.UTC)
    for a in Accounts(db).all():
        if municipality and a.municipality != municipality:
            continue
        if policies is not None:
            if a.municipality not in policies:
                table.add_row(a.login, a.department, a.municipality, "（規定なし）", "", "", "")
                continue
            policy = policies[a.municipality]
        else:
            assert single is not None
            policy = single
        att = latest.get((a.municipality, a.login))
        st = state_of(policy, a.department, confirmed=a.trained, attempt=att, now=now)
        table.add_row(
            a.login,
            a.department,
            a.municipality,
            st.label,
            att.completed_at.date().isoformat() if att and att.completed_at else "",
            st.expires_at.date().isoformat() if st.expires_at else "",
            f"{att.correct}/{att.questions}" if att else "",
        )
    Console(soft_wrap=True).print(table)
    raise typer.Exit(EXIT_OK)
