"""Hidden regions are found in linear time, and as the former single regex found them."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from hinagata.guard._scan import _hidden_regions

# The former alternation, with small bounds so that the reference stays fast here.
_REFERENCE = re.compile(
    r"<!--(?P<comment>.{0,20000}?)-->"
    r"|<(?P<tag>[a-z][a-z0-9]*)\b[^>]{0,300}?style\s*=\s*[\"'][^\"']{0,300}?"
    r"(?:display\s*:\s*none|visibility\s*:\s*hidden|font-size\s*:\s*0(?:px|pt|em)?\b|opacity\s*:\s*0(?:\.0+)?\b"
    r"|color\s*:\s*(?:#fff(?:fff)?\b|white\b|rgba?\(\s*255\s*,\s*255\s*,\s*255))"
    r"[^>]{0,300}>(?P<styled>.{0,20000}?)</(?P=tag)\s*>"
    r"|^\[//\]:\s*#\s*\((?P<mdcomment>[^)\n]{1,2000})\)",
    re.DOTALL | re.MULTILINE,
)


def _reference(t: str) -> list[tuple[int, int, str]]:
    out = []
    for m in _REFERENCE.finditer(t):
        name = m.lastgroup or ""
        out.append((m.start(), m.end(), m.group(name) if name else ""))
    return out


PIECES = [
    "<!--",
    "-->",
    "x",
    "指示",
    "\n",
    '<span style="display:none">',
    "</span>",
    '<div style="color:white">',
    "</div>",
    "[//]: # (隠し)",
    "<p>",
    " ",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=14))
def test_same_regions_as_the_former_regex(parts: list[str]) -> None:
    t = "".join(parts)
    assert _hidden_regions(t) == _reference(t)


def test_many_unclosed_openings_are_linear() -> None:
    """64 KB of unclosed comment and styled openings: each is looked at once (the former
    regex retried its 20,000-character body from every opening)."""
    t = "<!--" * 8000 + '<span style="display:none">' * 1000
    assert _hidden_regions(t) == []
    closed = "<!--a-->" * 5000
    assert len(_hidden_regions(closed)) == 5000
