"""The fifth written set (issue 14, sixth increment): the parts, each one writer's module.

Written 2026-12-02 by five helper sessions, each on one theme, after blind set 5 had been
measured and without access to blind sets 6 and 7: ``_written5a`` long staff requests with
one buried instruction, and keigo; ``_written5b`` spellings, scripts, dialects, encodings and
other languages; ``_written5c`` instructions to the assistant inside documents; ``_written5d``
extraction, role play and jailbreak framing, with client-tool system prompts as benign;
``_written5e`` short direct attacks by intent and phrasing. Each module's ``GROUPS`` has the
format of ``_written4`` (``(label, kind, group, texts)``, each group one split unit).
License: Apache-2.0 (the project's).
"""

from __future__ import annotations

import importlib
from pathlib import Path

Groups = list[tuple[int, str, str, list[str]]]


def parts(stem: str) -> dict[str, Groups]:
    """part letter -> GROUPS of every ``{stem}?.py`` beside this module (a part joins when
    its writer has finished)."""
    return {
        path.stem[-1]: importlib.import_module(path.stem).GROUPS
        for path in sorted(Path(__file__).parent.glob(f"{stem}?.py"))
    }


PARTS = parts("_written5")
