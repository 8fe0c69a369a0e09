"""Where a personal number may start and end: right after a label glued to it.

Office text writes labels straight onto numbers: ``TEL090-1234-5678``, ``FAX045-123-4567``,
``℡`` (NFKC ``TEL``), ``MyNo.123456789018``, ``ID123456789018``, ``1.090-1234-5678`` (a
list number), an address followed by ``TEL090…``. A lookbehind that wants a non-letter
before the digits (``\\b``, ``[^A-Za-z]``) lets every one of them through. The phone and
identifier patterns therefore accept letters (and a dot) on either side of the digits and
leave the judgment to :func:`glued_ok`, run only for the few candidates that touch a
letter or a dot, so that codes stay codes:

- letters glued before the number are a *word* (nothing alphanumeric before them) or a
  known label (``…5678FAX03-…``): in ``A1B0312345678`` or a hex digest ``3f0312345678``
  the digits are part of a code;
- a number glued only to the letters a-f, with no separator inside, may be a piece of a
  hex digest, so it is not taken;
- a dot after a digit (``1.090-1234-5678``) is a list number when the number is written
  with separators or after one or two digits from 1 (``1.``, ``12.``): ``0.09012345678``
  and ``3.14.09012345678`` are not;
- letters glued after the number are a word or a label, not the rest of a code
  (``0312345678abc123``).

>>> t = "連絡先 TEL090-1234-5678"
>>> glued_ok(t, 7, 20)
True
>>> glued_ok("A1B0312345678", 3, 13), glued_ok("0.09012345678", 2, 13)
(False, False)
"""

from __future__ import annotations

import re

__all__ = ["NUMBER_AFTER", "NUMBER_BEFORE", "glued_ok"]

#: A number may start after letters and a dot (checked by :func:`glued_ok`), not inside
#: another number, a path or an identifier with ``_``/``-``/``+``.
NUMBER_BEFORE = r"(?=[0-9])(?<![0-9_\-/+])"
#: Nor run on into digits, a path or a decimal; letters after it are checked in Python.
NUMBER_AFTER = r"(?![0-9_\-/]|\.[0-9])"

# Labels that may be glued to the end of the previous value (…5678FAX03-…, …5678TEL…).
_LABELS = frozenset(
    {"tel", "fax", "phone", "mobile", "mob", "cell", "no", "id", "myno", "mynumber", "ext"}
)
_LETTERS_BEFORE = re.compile(r"[A-Za-z]+\Z")
_LETTERS_AFTER = re.compile(r"[A-Za-z]+")
_HEX_LETTERS = frozenset("abcdefABCDEF")
_LOOKBACK = 40


def _is_alnum(c: str) -> bool:
    return c.isascii() and c.isalnum()


_LIST_NUMBER = re.compile(r"(?<![0-9A-Za-z.,])[1-9][0-9]?\Z")


def _list_number(text: str, dot: int) -> bool:
    """One or two digits, not from 0, before the dot at ``dot`` (1., 12.): a list number."""
    return _LIST_NUMBER.search(text, max(0, dot - 3), dot) is not None


def glued_ok(text: str, start: int, end: int) -> bool:
    """Whether the number ``text[start:end]`` stands as a value and not inside a code."""
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    if not (before.isascii() and (before.isalpha() or before == ".")) and not (
        after.isascii() and after.isalpha()
    ):
        return True  # the common case: nothing glued
    formatted = not text[start:end].isdigit()
    glued: list[str] = []
    pos = start
    if before == ".":
        prev = text[start - 2] if start > 1 else ""
        if prev.isascii() and prev.isdigit():
            return formatted or _list_number(text, start - 1)
        pos = start - 1
    m = _LETTERS_BEFORE.search(text, max(0, pos - _LOOKBACK), pos)
    if m is not None:
        letters = m.group()
        glued.append(letters)
        if m.start() > 0 and _is_alnum(text[m.start() - 1]) and letters.lower() not in _LABELS:
            return False  # A1B0312345678: the digits continue a code
    m = _LETTERS_AFTER.match(text, end, end + _LOOKBACK)
    if m is not None:
        letters = m.group()
        glued.append(letters)
        if m.end() < len(text) and _is_alnum(text[m.end()]) and letters.lower() not in _LABELS:
            return False  # 0312345678abc123
    # Only the letters a-f and no separator: a piece of a hex digest.
    return formatted or not glued or not all(c in _HEX_LETTERS for w in glued for c in w)
