"""Pieces shared by the CLI commands: exit statuses, language option, reading input."""

from __future__ import annotations

import typer

from hinagata._messages import default_lang

__all__ = [
    "EXIT_EMPTY",
    "EXIT_INPUT",
    "EXIT_INTERNAL",
    "EXIT_OK",
    "EXIT_TOO_LARGE",
    "EXIT_USAGE",
    "resolve_lang",
]

EXIT_OK = 0
EXIT_INTERNAL = 1
EXIT_USAGE = 2
EXIT_INPUT = 3
EXIT_EMPTY = 4
EXIT_TOO_LARGE = 5


def resolve_lang(lang: str) -> str:
    lang = lang or default_lang()
    if lang not in ("ja", "en"):
        raise typer.BadParameter("--lang は ja または en / --lang must be ja or en")
    return lang
