"""Small helpers shared by the tests."""

from __future__ import annotations

from hinagata import Finding, scan


def found(text: str, kind: str | None = None) -> list[Finding]:
    """Findings of ``kind`` (all when None) in ``text``."""
    return [f for f in scan(text) if kind is None or f.type == kind]


def texts(text: str, kind: str) -> list[str]:
    """The texts of the findings of ``kind`` in ``text``, in order."""
    return [f.text for f in found(text, kind)]
