"""``hinagata guideline build``: the effective guideline as Word, PDF, HTML or Markdown."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from hinagata.cli._common import (
    EXIT_INPUT,
    EXIT_INTERNAL,
    EXIT_OK,
    EXIT_USAGE,
    PolicyOption,
    load_policy_or_exit,
)
from hinagata.render import FORMATS, FontMissingError, render_guideline

__all__ = ["app"]

app = typer.Typer(
    help="ガイドライン文書の作成 / render the guideline document", no_args_is_help=True
)


@app.command()
def build(
    output: Annotated[Path, typer.Option("--output", "-o", help="出力ファイル / output file")],
    policy: PolicyOption = None,
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="docx | pdf | html | md（省略時は拡張子から）")
    ] = "",
) -> None:
    """有効な規定からガイドラインを作成する / render the effective guideline."""
    err = Console(stderr=True, soft_wrap=True)
    fmt = fmt or output.suffix.lstrip(".").lower()
    if fmt not in FORMATS:
        err.print(
            f"形式は {', '.join(FORMATS)} のいずれかです / --format must be one of {', '.join(FORMATS)}"
        )
        raise typer.Exit(EXIT_USAGE)
    effective = load_policy_or_exit(policy, err)
    try:
        path = render_guideline(effective, fmt, output)
    except FontMissingError as exc:
        err.print(str(exc), highlight=False)
        raise typer.Exit(EXIT_INTERNAL) from exc
    except OSError as exc:
        err.print(f"書き込めません / cannot write {output}: {exc.strerror or exc}", highlight=False)
        raise typer.Exit(EXIT_INPUT) from exc
    Console(highlight=False).print(f"作成しました / written: {path}（{effective.version}）")
    raise typer.Exit(EXIT_OK)
