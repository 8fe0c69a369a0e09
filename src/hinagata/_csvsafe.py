"""CSV cells that a spreadsheet will not run (OWASP "CSV injection").

Excel and LibreOffice treat a cell that begins with ``=``, ``+``, ``-`` or ``@`` (and, on
import, a tab or carriage return before one) as a formula: ``=HYPERLINK(…)`` or
``=cmd|' /C calc'!A0`` in a use-case title would run on the reader's PC. Every cell
Hinagata writes to CSV goes through :func:`cell`, which puts a single quote before such a
cell (the spreadsheet then shows the text as it is); :func:`uncell` takes it off again
when Hinagata reads its own export back. Full-width ＝＋－＠ are escaped too, since some
spreadsheet software folds them to their ASCII forms.
"""

from __future__ import annotations

from typing import Any

__all__ = ["FORMULA_START", "cell", "uncell"]

#: First characters that make a spreadsheet read a cell as a formula.
FORMULA_START = frozenset("=+-@\t\r\n＝＋－＠")


def _quoted(text: str) -> bool:
    return text.lstrip("'")[:1] in FORMULA_START


def cell(value: Any) -> str:
    """``value`` as the text of a CSV cell that no spreadsheet reads as a formula
    (a text that already begins with quotes before such a character gets one more, so
    that :func:`uncell` gives it back exactly)."""
    text = "" if value is None else str(value)
    return "'" + text if _quoted(text) else text


def uncell(text: str) -> str:
    """The original text of a cell written by :func:`cell`."""
    return text[1:] if text[:1] == "'" and _quoted(text) else text
