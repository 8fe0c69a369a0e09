"""Pieces shared by the CLI commands: exit statuses, language option, reading input."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from hinagata._messages import default_lang
from hinagata._yaml import DataFileError
from hinagata.policy import Policy, load_policy

__all__ = [
    "EXIT_EMPTY",
    "EXIT_INPUT",
    "EXIT_INTERNAL",
    "EXIT_OK",
    "EXIT_TOO_LARGE",
    "EXIT_USAGE",
    "PolicyOption",
    "exit_for",
    "load_policy_or_exit",
    "resolve_lang",
]

EXIT_OK = 0
EXIT_INTERNAL = 1
EXIT_USAGE = 2
EXIT_INPUT = 3
EXIT_EMPTY = 4
EXIT_TOO_LARGE = 5


def exit_for(code: str) -> int:
    """The exit status for an :class:`~hinagata.io.InputError` code."""
    return {"empty": EXIT_EMPTY, "too_large": EXIT_TOO_LARGE}.get(code, EXIT_INPUT)


def resolve_lang(lang: str) -> str:
    lang = lang or default_lang()
    if lang not in ("ja", "en"):
        raise typer.BadParameter("--lang は ja または en / --lang must be ja or en")
    return lang


#: ``--policy DIR`` shared by the commands that judge or render.
PolicyOption = Annotated[
    Path | None,
    typer.Option(
        "--policy",
        "-p",
        help="規定の層のフォルダ（省略時は国のひな型） / policy layer directory",
    ),
]


def load_policy_or_exit(path: Path | None, err: Console) -> Policy:
    """The effective policy at ``path`` ("national" or None: the bundled template)."""
    try:
        if path is None or str(path) == "national":
            from hinagata._check import national_policy

            return national_policy()
        return load_policy(path)
    except DataFileError as exc:
        err.print(
            f"規定ファイルに誤りがあります / the policy has an error:\n{exc}", highlight=False
        )
        raise typer.Exit(EXIT_INPUT) from exc
