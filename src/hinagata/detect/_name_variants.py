"""Old-form and variant kanji of names (髙橋, 﨑, 邊) read in their common form."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache

from hinagata.detect._document import Document, Token, analyzer
from hinagata.detect._name_cues import _data_lines


@lru_cache(maxsize=1)
def _variants() -> dict[int, str]:
    """Old-form and variant kanji of names → the common form (髙→高, 﨑→崎, 邊→辺)."""
    table: dict[int, str] = {}
    for line in _data_lines("name_variants.txt"):
        old, new = line.split()
        table[ord(old)] = new
    return table


@lru_cache(maxsize=1)
def _variant_re() -> re.Pattern[str]:
    return re.compile("[" + "".join(chr(c) for c in _variants()) + "]")


def _folded(doc: Document) -> Document:
    """``doc`` with variant kanji in their common form (``doc`` itself when there are none).

    Only the lines with a variant are analysed again; the other tokens are shared.
    """
    text = doc.text
    found = _variant_re().search(text)
    if found is None:
        return doc
    folded_text = text.translate(_variants())
    toks = doc.tokens
    starts = [t.start for t in toks]
    out: list[Token] = []
    done = 0  # tokens before this index are already in ``out``
    pos = found.start()
    while True:
        lo = text.rfind("\n", 0, pos) + 1
        hi = text.find("\n", pos)
        hi = len(text) if hi < 0 else hi
        first = max(done, bisect_right(starts, lo) - 1)
        last = max(first, bisect_left(starts, hi) - 1)
        seg_lo, seg_hi = toks[first].start, toks[last].end
        out.extend(toks[done:first])
        out.extend(
            Token(t.start + seg_lo, t.end + seg_lo, t.pos, t.oov)
            for t in analyzer().tokenize(folded_text[seg_lo:seg_hi])
        )
        done = last + 1
        nxt = _variant_re().search(text, seg_hi)
        if nxt is None:
            break
        pos = nxt.start()
    out.extend(toks[done:])
    folded = Document(doc.norm)
    folded.text = folded_text
    folded.__dict__["tokens"] = out
    return folded
