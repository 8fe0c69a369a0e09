"""The checked text cut into pieces for highlighting findings in place (no HTML here:
the template escapes every piece)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from hinagata._messages import type_label
from hinagata.detect import Finding
from hinagata.guard import InjectionSpan

__all__ = ["Piece", "pieces"]


@dataclass(frozen=True)
class Piece:
    text: str
    #: None for plain text; a finding type, or "INJECTION".
    kind: str | None = None
    label: str = ""
    #: A finding that is not personal (an office's phone number, a special-care term).
    personal: bool = True


def pieces(
    text: str,
    findings: Sequence[Finding],
    injection: Sequence[InjectionSpan] = (),
    lang: str = "ja",
) -> list[Piece]:
    """``text`` as plain and marked pieces; overlapping marks: the earlier, then longer wins."""
    marks: list[tuple[int, int, str, str, bool]] = [
        (f.start, f.end, f.type, type_label(f.type, lang), f.personal) for f in findings
    ]
    label = "攻撃の疑い" if lang == "ja" else "suspected attack"
    marks += [(s.start, s.end, "INJECTION", label, True) for s in injection if s.via == "text"]
    marks.sort(key=lambda m: (m[0], -(m[1] - m[0])))
    out: list[Piece] = []
    pos = 0
    for start, end, kind, lab, personal in marks:
        if start < pos or start >= end or end > len(text):
            continue
        if start > pos:
            out.append(Piece(text[pos:start]))
        out.append(Piece(text[start:end], kind, lab, personal))
        pos = end
    if pos < len(text):
        out.append(Piece(text[pos:]))
    return out
