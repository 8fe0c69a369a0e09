"""Strict JSON for request bodies: what every client library sends, nothing a parser would
have to guess about.

Python's :func:`json.loads` accepts ``NaN`` and ``Infinity``, turns ``1e400`` into
``inf``, builds 5,000-digit integers (or raises ``ValueError`` past 4,300), recurses
until ``RecursionError`` on deep nesting, and returns lone surrogates from ``\\ud800``
escapes (which no encoder can write back). Each of those became a 500 — some only after
the decision had been audited. :func:`loads` refuses all of them with :class:`BadJSON`,
before any judgment or audit, so the caller answers 400 and the connection stays usable.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

__all__ = ["MAX_DEPTH", "MAX_INT_DIGITS", "BadJSON", "loads"]

#: Deepest nesting accepted (OpenAI bodies with JSON schemas reach about 12).
MAX_DEPTH = 64
#: Longest integer literal accepted (a 64-bit integer has at most 20 digits).
MAX_INT_DIGITS = 20

# A \u escape of a surrogate in the raw text: only then can a lone surrogate appear
# (the UTF-8 decoder already refuses encoded surrogates).
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89abcdefABCDEF]")
_SURROGATE = re.compile("[\ud800-\udfff]")


class BadJSON(ValueError):
    """A body that is not strict JSON; ``code`` is the OpenAI-style error code."""

    def __init__(self, message: str, code: str = "invalid_json") -> None:
        super().__init__(message)
        self.code = code


def _constant(name: str) -> Any:
    raise BadJSON(f"JSON に {name} は使えません / {name} is not valid JSON", "invalid_number")


def _float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise BadJSON("数値が大きすぎます / a number is out of range", "invalid_number")
    return value


def _int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        raise BadJSON(
            f"整数は{MAX_INT_DIGITS}桁までです / integers may have at most {MAX_INT_DIGITS} digits",
            "invalid_number",
        )
    return int(text)


def _check(value: Any, depth: int) -> None:
    """Depth and lone surrogates, over every value and key (iterative: no recursion)."""
    stack = [(value, depth)]
    while stack:
        v, d = stack.pop()
        if d > MAX_DEPTH:
            raise BadJSON(
                f"入れ子が深すぎます（上限 {MAX_DEPTH}） / nesting deeper than {MAX_DEPTH}",
                "too_deep",
            )
        if isinstance(v, str):
            if _SURROGATE.search(v):
                raise _surrogate()
        elif isinstance(v, dict):
            for k, item in v.items():
                if _SURROGATE.search(k):
                    raise _surrogate()
                stack.append((item, d + 1))
        elif isinstance(v, list):
            stack.extend((item, d + 1) for item in v)


def _surrogate() -> BadJSON:
    return BadJSON(
        "対になっていないサロゲート（\\ud800 など）は文字として読めません / lone surrogate escapes are not text",
        "invalid_unicode",
    )


def loads(text: str) -> Any:
    """Parse ``text`` as strict JSON; raises :class:`BadJSON` naming the problem.

    >>> loads('{"a": [1, 2.5, "x"]}')
    {'a': [1, 2.5, 'x']}
    >>> loads('{"t": NaN}')
    Traceback (most recent call last):
    ...
    hinagata.gateway._strictjson.BadJSON: JSON に NaN は使えません / NaN is not valid JSON
    """
    try:
        value = json.loads(text, parse_constant=_constant, parse_float=_float, parse_int=_int)
    except BadJSON:
        raise
    except json.JSONDecodeError as exc:
        raise BadJSON(
            f"JSON として読めません（{exc.lineno}行{exc.colno}列） / invalid JSON (line {exc.lineno}, column {exc.colno})"
        ) from None
    except RecursionError:
        raise BadJSON(
            f"入れ子が深すぎます（上限 {MAX_DEPTH}） / nesting deeper than {MAX_DEPTH}",
            "too_deep",
        ) from None
    except ValueError:
        raise BadJSON("JSON として読めません / invalid JSON") from None
    if isinstance(value, (dict, list)) and (
        _SURROGATE_ESCAPE.search(text) or text.count("[") + text.count("{") > MAX_DEPTH
    ):
        _check(value, 0)
    return value
