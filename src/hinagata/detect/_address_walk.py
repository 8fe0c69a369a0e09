"""The block-number walk: the place SudachiPy tags before a block-number tail."""

from __future__ import annotations

import re

from hinagata.detect._document import Document, Token, pos_tags

ADMIN_SUFFIX = re.compile(r"(?:都|道|府|県|市|区|町|村|郡|丁目|字)$")
_NAME_PARTICLES = frozenset({"ヶ", "ケ", "が", "の", "ノ", "之", "ツ"})
_MAX_LEFT_TOKENS = 8
_MAX_LEFT_CHARS = 32


def place_start(doc: Document, tail_start: int) -> int | None:
    """The start of the place name before a block-number tail, or None if there is none."""
    tags = pos_tags()
    toks = doc.tokens
    i = doc.token_starts.get(tail_start)
    if i is None:
        return None
    start: int | None = None
    j = i - 1
    taken = 0
    gap = 0  # nouns since the last place-like token (町名 pieces SudachiPy left untagged)
    while j >= 0 and taken < _MAX_LEFT_TOKENS:
        tok: Token = toks[j]
        if tail_start - tok.start > _MAX_LEFT_CHARS:
            break
        surface = doc.surface(tok)
        if tok.pos in tags.space:
            # One space between units ("静岡県 焼津市", "本町 2-16-32"), never between
            # a facility name and its address ("交流センター 静岡県…").
            if tok.end - tok.start > 1 or j == 0:
                break
            left = doc.surface(toks[j - 1])
            if start is not None and not ADMIN_SUFFIX.search(left):
                break
            j -= 1
            continue
        placeish = tok.pos in tags.place or ADMIN_SUFFIX.search(surface) is not None
        if placeish:
            start = tok.start
            gap = 0
        elif tok.pos in tags.country or tok.pos in tags.numeral:
            break
        elif tok.pos in tags.noun or tok.pos in tags.suffix or surface in _NAME_PARTICLES:
            # Pieces of a town name SudachiPy did not tag (太田|ヶ|谷, 星|が|丘).
            gap += 1
            if gap > 2:
                break
        else:
            break
        j -= 1
        taken += 1
    return start
