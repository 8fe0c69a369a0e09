"""Pieces shared by the CLI commands: exit statuses, language option, reading input."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from hinagata._messages import default_lang, message
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
    "file_progress",
    "load_policy_or_exit",
    "read_input_or_exit",
    "resolve_lang",
    "walk_files",
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


def read_input_or_exit(path: str, lang: str, err: Console, max_bytes: int) -> str:
    """The whole text of ``path`` (``-``: standard input); a clear message and the input
    error's exit status when it cannot be read."""
    from hinagata.io import InputError, iter_stream, read_text

    try:
        if path == "-":
            return "".join(iter_stream(sys.stdin.buffer, max_bytes=max_bytes))
        return read_text(path, max_bytes=max_bytes)
    except InputError as exc:
        err.print(message("over_limit" if exc.limit else exc.code, lang, path=exc.path, detail=exc.detail), highlight=False)
        raise typer.Exit(exit_for(exc.code)) from exc


def walk_files(root: Path) -> list[Path]:
    """The files under ``root`` (or ``root`` itself), sorted, hidden ones left out."""
    if root.is_file():
        return [root]
    files: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        files.extend(Path(dirpath) / f for f in sorted(filenames) if not f.startswith("."))
    return files


def file_progress(err: Console) -> Progress:
    """The progress bar of a folder scan (on the terminal only, gone when done)."""
    return Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.fields[current]}"),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    )
