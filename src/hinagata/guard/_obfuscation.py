"""Obfuscation undone before scoring: hidden regions, encoded runs, spaced-out letters.

Hidden regions (HTML comments, invisible styles, Markdown comments) are scored on their
own and count as hidden instructions; base64, hex, percent- and unicode-escaped runs are
decoded, spaced-out letters joined; each becomes a piece scored like any other text.
"""

from __future__ import annotations

import heapq
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from hinagata.text import decode_base64, decode_unicode_escapes
from hinagata.text import decode_percent as _decode_percent
from hinagata.text import looks_like_text as _printable

# Hidden regions: HTML comments, elements styled invisible, Markdown comments. Found in
# linear time (each closing marker is searched for once, not retried from every opening).
_COMMENT_MAX = 20000
_STYLED_OPEN = re.compile(
    r"<(?P<tag>[a-z][a-z0-9]*)\b[^>]{0,300}?style\s*=\s*[\"'][^\"']{0,300}?"
    r"(?:display\s*:\s*none|visibility\s*:\s*hidden|font-size\s*:\s*0(?:px|pt|em)?\b|opacity\s*:\s*0(?:\.0+)?\b"
    r"|color\s*:\s*(?:#fff(?:fff)?\b|white\b|rgba?\(\s*255\s*,\s*255\s*,\s*255))"
    r"[^>]{0,300}>",
)
_MD_COMMENT = re.compile(r"^\[//\]:\s*#\s*\((?P<mdcomment>[^)\n]{1,2000})\)", re.MULTILINE)


def _comments(t: str) -> Iterator[tuple[int, int, str]]:
    """Every ``<!--`` that a bounded lazy match would close, in order of start."""
    close = -1
    i = t.find("<!--")
    while i != -1:
        if close < i + 4:
            close = t.find("-->", i + 4)
            if close == -1:
                return
        if close - (i + 4) <= _COMMENT_MAX:
            yield i, close + 3, t[i + 4 : close]
        i = t.find("<!--", i + 1)


def _styled(t: str) -> Iterator[tuple[int, int, str]]:
    """Every invisible-styled element that its closing tag ends, in order of start."""
    closes: dict[str, tuple[int, int]] = {}
    for m in _STYLED_OPEN.finditer(t):
        tag, body = m.group("tag"), m.end()
        at = closes.get(tag)
        if at is None or at[0] < body:
            c = re.compile(r"</" + re.escape(tag) + r"\s*>").search(t, body)
            at = (c.start(), c.end()) if c else (len(t) + 1, len(t) + 1)
            closes[tag] = at
        if at[0] <= len(t) and at[0] - body <= _COMMENT_MAX:
            yield m.start(), at[1], t[body : at[0]]


def _hidden_regions(t: str) -> list[tuple[int, int, str]]:
    """(start, end, inner text) of each hidden region, as one regex alternation with
    bounded lazy bodies would find them scanning left to right — without its retries.
    Each kind's candidates depend only on where they start, so the earliest candidate
    at or after the end of the last region is the regex's next match."""
    md = ((m.start(), m.end(), m.group("mdcomment")) for m in _MD_COMMENT.finditer(t))
    out: list[tuple[int, int, str]] = []
    end = 0
    for r in heapq.merge(_comments(t), _styled(t), md, key=lambda r: r[0]):
        if r[0] >= end:
            out.append(r)
            end = r[1]
    return out


_BASE64 = re.compile(r"(?<![A-Za-z0-9+/=])[A-Za-z0-9+/]{24,}={0,2}(?![A-Za-z0-9+/=])")
_HEX = re.compile(r"(?<![0-9a-fA-F])(?:[0-9a-fA-F]{2}[ :]?){12,}(?![0-9a-fA-F])")
_PERCENT = re.compile(r"(?:%[0-9A-Fa-f]{2}){6,}")
_UNICODE_ESC = re.compile(r"(?:\\u[0-9a-fA-F]{4}){4,}")
_SPACED_LATIN = re.compile(r"(?<![A-Za-z])(?:[A-Za-z][ \t._*|/\\-]{1,3}){5,}[A-Za-z](?![A-Za-z])")
_SPACED_CJK = re.compile(
    r"(?:[\u3041-\u30ff\u4e00-\u9fff][ \t\u3000._*|/-]{1,2}){3,}[\u3041-\u30ff\u4e00-\u9fff]"
)


@dataclass
class _Piece:
    """A view that is scored on its own (hidden region, decoded run), mapped to a span."""

    text: str
    start: int  # span in the normalised text
    end: int
    via: str


def _pieces(t: str) -> list[_Piece]:
    """The views of ``t`` scored on their own: hidden regions and decoded or joined runs."""
    pieces: list[_Piece] = []
    if "<" in t or "[//]" in t:
        for start, end, inner in _hidden_regions(t):
            if inner.strip():
                pieces.append(_Piece(_strip_tags(inner), start, end, "hidden"))
    for m in _BASE64.finditer(t):
        decoded = _decode_base64(m.group())
        if decoded:
            pieces.append(_Piece(decoded, m.start(), m.end(), "base64"))
    for m in _HEX.finditer(t):
        decoded = _decode_hex(m.group())
        if decoded:
            pieces.append(_Piece(decoded, m.start(), m.end(), "hex"))
    if "%" in t:
        for m in _PERCENT.finditer(t):
            decoded = _decode_percent(m.group())
            if decoded and _printable(decoded):
                pieces.append(_Piece(decoded, m.start(), m.end(), "percent"))
    if "\\u" in t:
        for m in _UNICODE_ESC.finditer(t):
            decoded = decode_unicode_escapes(m.group()) or ""
            if _printable(decoded):
                pieces.append(_Piece(decoded, m.start(), m.end(), "unicode"))
    for rx in (_SPACED_LATIN, _SPACED_CJK):
        for m in rx.finditer(t):
            joined = re.sub(r"[ \t\u3000._*|/\\-]", "", m.group())
            pieces.append(_Piece(_respace(joined), m.start(), m.end(), "spaced"))
    return pieces


_TAG = re.compile(r"<[^>]{0,300}>")


def _strip_tags(s: str) -> str:
    return _TAG.sub(" ", s)


def _decode_base64(s: str) -> str:
    text = decode_base64(s)
    if text is None:
        return ""
    text = unicodedata.normalize("NFKC", text)
    return text if _printable(text) else ""


def _decode_hex(s: str) -> str:
    digits = re.sub(r"[ :]", "", s)
    if len(digits) % 2:
        return ""
    try:
        text = bytes.fromhex(digits).decode("utf-8")
    except (ValueError, UnicodeDecodeError):
        return ""
    return text if _printable(text) else ""


# Words spelt out letter by letter ("i g n o r e  a l l") come back without spaces; put
# spaces back before common attack words so the English rules, which expect words, match.
_RESPACE = re.compile(
    r"(ignore|disregard|forget|previous|prior|above|all|instructions?|prompts?|rules?|"
    r"system|reveal|show|print|the|your|and|you|are|now|developer|mode|jailbreak)"
)


def _respace(joined: str) -> str:
    if not joined.isascii():
        return joined
    return _RESPACE.sub(r" \1 ", joined.lower()).strip()
