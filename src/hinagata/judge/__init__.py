"""The judgment's one entry for every face (判定の入口).

``judge(parts, service, policy, …)`` screens a request's texts for prompt injection,
detects personal values in all of them together (and across their boundaries), decides
for the service (and for other services on the same findings), and returns a
:class:`Judgment`: the decision, a judgment per part, what spans parts, the masking.
``hinagata check`` (the CLI), the web check page and the gateway all judge here;
:func:`hinagata.check` is its one-text form.
"""

from hinagata.judge._judge import Combination, Judgment, MaskedParts, PartJudgment, judge
from hinagata.judge._parts import (
    BOUNDARY_WINDOW,
    SEPARATOR,
    boundary_findings,
    join,
    mask_parts,
    seams,
    split,
)
from hinagata.judge._read import SCREENS, Part, Reading, read

__all__ = [
    "BOUNDARY_WINDOW",
    "SCREENS",
    "SEPARATOR",
    "Combination",
    "Judgment",
    "MaskedParts",
    "Part",
    "PartJudgment",
    "Reading",
    "boundary_findings",
    "join",
    "judge",
    "mask_parts",
    "read",
    "seams",
    "split",
]
