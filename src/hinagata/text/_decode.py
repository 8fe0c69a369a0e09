"""Decoders for text hidden in encodings: base64, percent-escapes, HTML entities, ``\\uXXXX``.

Two users share them. Injection screening (``hinagata.guard``) decodes runs and scores the
result as a separate piece. Detection (:func:`decode_tokens`) decodes every token it can
and puts the decoded text in place of the token, so recognizers see ``佐藤花子`` where the
user wrote ``&#20304;&#34276;&#33457;&#23376;``; the offset map treats the token as one
atomic segment, so a finding inside decoded text covers the whole encoded token.

>>> decode_percent("%E4%BD%90%E8%97%A4")
'佐藤'
>>> decode_unicode_escapes("\\\\u4f50\\\\u85e4")
'佐藤'
>>> [(s, e, d) for s, e, d in decode_tokens("TEL: MDkwLTEyMzQtNTY3OA==")]
[(5, 25, '090-1234-5678')]
"""

from __future__ import annotations

import base64
import binascii
import html
import re
from collections.abc import Iterator
from urllib.parse import unquote

__all__ = [
    "decode_base64",
    "decode_hex_escapes",
    "decode_html_entities",
    "decode_percent",
    "decode_percent_u",
    "decode_tokens",
    "decode_unicode_escapes",
    "looks_like_text",
]

# Detection decodes shorter tokens than injection screening: three kanji of a name are
# nine bytes, twelve base64 characters.
_B64_MIN = 12
#: Longer tokens (images, attachments) are not decoded for detection.
_B64_MAX = 65536
# Maximal runs of the standard and the URL-safe alphabet together; which one a run uses
# and the characters around it are checked in Python (cheaper than look-arounds tried at
# every position of the text, and one scan instead of two).
_BASE64_RUN = re.compile(r"[A-Za-z0-9+/_\-]{" + str(_B64_MIN) + r",}={0,2}")
#: A run glued to one of these is part of an address, a URL or an escape.
_B64_BEFORE = frozenset("=@.%&\\")
_B64_AFTER = frozenset("=@.")
_CODE_SHAPE = re.compile("[A-Z]{0,4}[0-9]+[A-Z]{0,4}")
# What a person hides in base64 is Japanese or ASCII text; random letters that happen to
# decode give other scripts, symbols and private-use characters.
_PLAUSIBLE = re.compile(
    "[\t\n\r\x20-\x7e\u00a0-\u00ff\u2010-\u206f\u3000-\u30ff\u3400-\u4dbf"
    "\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]*"
)
# Escapes with the unreserved characters of a URL between them (a%20b, and %5Cu0030: a
# backslash escape percent-encoded, decoded as a whole and then as a \\u escape).
_URL_LITERAL = r"[A-Za-z0-9._~\-]"
_PERCENT_RUN = re.compile(
    r"%[0-9A-Fa-f]{2}(?:" + _URL_LITERAL + r"{0,16}%[0-9A-Fa-f]{2})*" + _URL_LITERAL + r"{0,8}"
)
# IE's %uXXXX (UTF-16 code units).
_PERCENT_U_RUN = re.compile(r"(?:%[uU][0-9A-Fa-f]{4})+")
# &amp;#48; (an entity escaped twice) and numeric references without ";" (&#48&#57, which
# browsers read too).
_ENTITY_RUN = re.compile(
    r"(?:&(?:amp;){0,3}(?:#[0-9]{1,7};?|#[xX][0-9A-Fa-f]{1,6};?|[A-Za-z][A-Za-z0-9]{1,31};))+"
)
_UNICODE_RUN = re.compile(r"(?:\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8}|\\u\{[0-9A-Fa-f]{1,6}\})+")
# \xNN escapes of bytes (C, Python, shell): UTF-8.
_HEX_ESCAPE_RUN = re.compile(r"(?:\\x[0-9A-Fa-f]{2})+")
# Base64 wrapped over lines (MIME writes 76 columns): lines of one length, the last shorter.
# Each line is at most 76 characters, so a long line of letters is not scanned twice.
_BASE64_LINES = re.compile(
    r"(?<![A-Za-z0-9+/=])(?:[A-Za-z0-9+/]{4,76}\r?\n)+[A-Za-z0-9+/]{1,76}={0,2}(?![A-Za-z0-9+/=])"
)
_BRACED = re.compile(r"\\u\{([0-9A-Fa-f]{1,6})\}")
_URLSAFE = str.maketrans("-_", "+/")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffd]")


def looks_like_text(s: str) -> bool:
    """Mostly printable and mostly letters: decoded bytes that read as words.

    >>> looks_like_text("ignore all rules"), looks_like_text("\\x00\\x01\\x02")
    (True, False)
    """
    if not s:
        return False
    good = sum(1 for c in s if c.isprintable() or c in "\n\t\r")
    letters = sum(1 for c in s if c.isalpha())
    return good / len(s) > 0.95 and letters / len(s) > 0.4


def decode_percent(pct: str) -> str:
    """Percent-escapes decoded as UTF-8; "" when they are not valid UTF-8."""
    try:
        return unquote(pct, errors="strict")
    except UnicodeDecodeError:
        return ""


def decode_base64(s: str, *, urlsafe: bool = False, truncated: bool = False) -> str | None:
    """Standard (or URL-safe) base64, padding optional, decoded as strict UTF-8, or None.

    With ``truncated`` the token may have been cut: a last incomplete group of characters
    and an incomplete last UTF-8 sequence are dropped.
    """
    try:
        if urlsafe:
            s = s.translate(_URLSAFE)
        if truncated and len(s.rstrip("=")) % 4 == 1:
            s = s.rstrip("=")[:-1]
        raw = base64.b64decode(s + "=" * (-len(s) % 4), validate=True)
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError as e:
            if not truncated or e.reason != "unexpected end of data" or e.start == 0:
                raise
            return raw[: e.start].decode("utf-8")
    except (binascii.Error, ValueError, UnicodeDecodeError):
        return None


def decode_unicode_escapes(s: str) -> str | None:
    """``\\uXXXX``, ``\\UXXXXXXXX`` and ``\\u{X…}`` escapes (surrogate pairs joined), or None."""
    try:
        if "{" in s:
            s = _BRACED.sub(lambda m: f"\\U{int(m.group(1), 16):08x}", s)
        decoded = s.encode("ascii").decode("unicode_escape")
        return decoded.encode("utf-16", "surrogatepass").decode("utf-16")
    except (UnicodeError, ValueError):
        return None


def decode_html_entities(s: str) -> str:
    """Named and numeric character references (``&amp;``, ``&#20304;``, ``&#x4F50;``)."""
    return html.unescape(s)


def decode_percent_u(s: str) -> str | None:
    """``%uXXXX`` escapes (UTF-16 code units, surrogate pairs joined), or None.

    >>> decode_percent_u("%u4F50%u85E4")
    '佐藤'
    """
    try:
        units = bytes.fromhex("".join(s[i + 2 : i + 6] for i in range(0, len(s), 6)))
        return units.decode("utf-16-be")
    except (ValueError, UnicodeDecodeError):
        return None


def decode_hex_escapes(s: str) -> str | None:
    """``\\xNN`` byte escapes decoded as strict UTF-8, or None.

    >>> decode_hex_escapes("\\\\xe4\\\\xbd\\\\x90")
    '佐'
    """
    try:
        return bytes.fromhex(s.replace("\\x", "")).decode("utf-8")
    except (ValueError, UnicodeDecodeError):
        return None


def _unescape_entities(s: str) -> str:
    """Entities unescaped until nothing changes (three rounds at most: &amp;amp;#48;)."""
    out = decode_html_entities(s)
    for _ in range(3):
        if "&" not in out:
            break
        again = decode_html_entities(out)
        if again == out:
            break
        out = again
    return out


def _base64_block(block: str) -> str | None:
    """Base64 wrapped over lines, decoded, or None when it does not look like a wrapped
    token: the lines before the last of one length (a multiple of four), the last no longer."""
    lines = [line.rstrip("\r") for line in block.split("\n")]
    width = len(lines[0])
    if width % 4 or any(len(line) != width for line in lines[:-1]):
        return None
    if len(lines[-1].rstrip("=")) > width:
        return None
    joined = "".join(lines)
    if len(joined) < _B64_MIN or len(joined) > _B64_MAX:
        return None
    if joined.isdigit() or joined.islower() or _CODE_SHAPE.fullmatch(joined):
        return None
    decoded = decode_base64(joined, truncated=True)
    if decoded is None or not _clean(decoded) or _PLAUSIBLE.fullmatch(decoded) is None:
        return None
    return decoded


def _clean(decoded: str | None) -> bool:
    """Decoded text that a person could have meant: no control characters, no garbage."""
    return bool(decoded) and _CONTROL.search(decoded or "") is None


def _base64_token(text: str, s: int, e: int) -> str | None:
    token = text[s:e]
    if len(token) > _B64_MAX:
        return None
    if token.isdigit() or token.islower() or _CODE_SHAPE.fullmatch(token):
        return None  # a number, a word, a hex digest, a code (AB12345678CD, T7000012050002)
    urlsafe = "-" in token or "_" in token
    if urlsafe and ("+" in token or "/" in token):
        return None  # two alphabets: not one token
    if s > 0 and text[s - 1] in _B64_BEFORE:
        return None
    if e < len(text) and (text[e] in _B64_AFTER or (text[e].isascii() and text[e].isalnum())):
        return None
    decoded = decode_base64(token, urlsafe=urlsafe)
    if decoded is None or not _clean(decoded) or _PLAUSIBLE.fullmatch(decoded) is None:
        return None
    return decoded


def decode_tokens(text: str) -> Iterator[tuple[int, int, str]]:
    """Encoded tokens of ``text`` and their decoded text, sorted, not overlapping.

    Each pattern runs only when its marker character is in the text, so ordinary prose pays
    one regular-expression scan (base64).
    """
    found: list[tuple[int, int, str]] = []
    if "&" in text:
        for m in _ENTITY_RUN.finditer(text):
            decoded = _unescape_entities(m.group())
            if decoded != m.group() and _CONTROL.search(decoded) is None:
                found.append((m.start(), m.end(), decoded))
    if "%" in text:
        for m in _PERCENT_RUN.finditer(text):
            decoded = decode_percent(m.group())
            if _clean(decoded) and decoded != m.group():
                found.append((m.start(), m.end(), decoded))
        for m in _PERCENT_U_RUN.finditer(text):
            pu = decode_percent_u(m.group())
            if pu is not None and _clean(pu):
                found.append((m.start(), m.end(), pu))
    if "\\" in text:
        for m in _UNICODE_RUN.finditer(text):
            esc = decode_unicode_escapes(m.group())
            if esc is not None and _clean(esc):
                found.append((m.start(), m.end(), esc))
        for m in _HEX_ESCAPE_RUN.finditer(text):
            hx = decode_hex_escapes(m.group())
            if hx is not None and _clean(hx):
                found.append((m.start(), m.end(), hx))
    for m in _BASE64_RUN.finditer(text):
        b64 = _base64_token(text, m.start(), m.end())
        if b64 is not None:
            found.append((m.start(), m.end(), b64))
    if "\n" in text:
        for m in _BASE64_LINES.finditer(text):
            block = _base64_block(m.group())
            if block is not None:
                found.append((m.start(), m.end(), block))
    if len(found) > 1:
        # At one start the longest token wins: a wrapped block over its first line.
        found.sort(key=lambda t: (t[0], -t[1]))
        kept: list[tuple[int, int, str]] = []
        for item in found:
            if not kept or item[0] >= kept[-1][1]:
                kept.append(item)
        found = kept
    yield from found
