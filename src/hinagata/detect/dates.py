"""Birth dates (生年月日) in Western and Japanese-era forms.

A date is personal only when the text says it is a birth date: a label before it
(生年月日, 誕生日), a word after it (生, 生まれ) or an age in brackets (（36歳）). A meeting
date, a deadline or a 施行日 is not personal and is not reported.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from hinagata.detect._document import Document, pos_tags
from hinagata.detect._recognizer import Recognizer, words
from hinagata.detect._types import Candidate

__all__ = ["BirthDateRecognizer", "kanji_number"]

# First year of each era (the Gregorian year of 元年) and its last year number.
_ERAS: dict[str, tuple[int, int]] = {
    "明治": (1868, 45),
    "大正": (1912, 15),
    "昭和": (1926, 64),
    "平成": (1989, 31),
    "令和": (2019, 99),
}
_ERA_LETTER = {
    "M": "明治",
    "T": "大正",
    "S": "昭和",
    "H": "平成",
    "R": "令和",
    "明": "明治",
    "大": "大正",
    "昭": "昭和",
    "平": "平成",
    "令": "令和",
}

_ERA = {name: name for name in _ERAS}

_KANJI_DIGITS = {
    "〇": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}


def kanji_number(s: str) -> int | None:
    """Read a number written in digits or kanji numerals (up to the thousands).

    >>> kanji_number("四十五"), kanji_number("十二"), kanji_number("二〇二四"), kanji_number("元")
    (45, 12, 2024, 1)
    """
    if s.isdigit():
        return int(s)
    if s == "元":
        return 1
    if s and all(c in _KANJI_DIGITS for c in s):
        return int("".join(str(_KANJI_DIGITS[c]) for c in s))
    total, current = 0, 0
    for c in s:
        if c in _KANJI_DIGITS:
            current = _KANJI_DIGITS[c]
        elif c in "十百千":
            unit = {"十": 10, "百": 100, "千": 1000}[c]
            total += (current or 1) * unit
            current = 0
        else:
            return None
    return total + current


_KN = r"[0-9]{1,4}|[〇一二三四五六七八九十]{1,4}"
_SEP = r"\s*"
_DATE = re.compile(
    r"(?=[0-9明大昭平令MTSHRmtshr])(?<![0-9A-Za-z])(?:"
    # 1988年11月2日, 1988/11/2, 1988-11-02, 1988.11.2
    rf"(?P<wy>1[89][0-9]{{2}}|20[0-9]{{2}}){_SEP}(?:年{_SEP}(?P<wm1>{_KN}){_SEP}月{_SEP}(?P<wd1>{_KN}){_SEP}日"
    r"|(?P<wsep>[/.\-])(?P<wm2>[0-9]{1,2})(?P=wsep)(?P<wd2>[0-9]{1,2})(?![0-9]))"
    # 昭和45年5月3日, 平成元年, 令和七年一月一日
    rf"|(?P<era>明治|大正|昭和|平成|令和){_SEP}(?P<ey>元|{_KN}){_SEP}年"
    rf"(?:{_SEP}(?P<em>{_KN}){_SEP}月(?:{_SEP}(?P<ed>{_KN}){_SEP}日)?)?"
    # S45.5.3, H1/1/8, R7-1-1, 昭50.5.3, 昭和50.5.3 (the era as a letter or a kanji)
    r"|(?P<el>明治|大正|昭和|平成|令和|[MTSHRmtshr明大昭平令])\.?\s?(?P<ely>元|[0-9]{1,2})(?P<esep>[/.\-])"
    r"(?P<elm>[0-9]{1,2})(?P=esep)(?P<eld>[0-9]{1,2})(?![0-9])"
    # 1988年生まれ, 1988年11月生 (year or year-month, only with 生 after; checked below)
    rf"|(?P<py>1[89][0-9]{{2}}|20[0-9]{{2}}){_SEP}年(?:{_SEP}(?P<pm>{_KN}){_SEP}月)?"
    r")"
)
_LABEL_BEFORE = words(
    "生年月日|誕生日|出生日|生まれ|出生|DOB|date of birth|birth date|birthdate|birthday|"
    "born|生年|誕生"
)
_AFTER = re.compile(
    r"\s*(?:生まれ|生(?![産活徒涯命物成理協鮮地放中])|誕生|[(（]\s*(?:満\s*)?[0-9〇一二三四五六七八九十]{1,3}\s*(?:歳|才)?\s*[)）])"
)


class BirthDateRecognizer(Recognizer):
    """Dates that the text marks as someone's birth date.

    >>> from hinagata import scan
    >>> [f.text for f in scan("生年月日 昭和45年5月3日。会議は令和7年5月3日。")]
    ['昭和45年5月3日']
    """

    TYPES = ("BIRTH_DATE",)

    def candidates(self, doc: Document) -> Iterator[Candidate]:
        for m in _DATE.finditer(doc.text):
            g = m.groupdict()
            parts = _ymd(g)
            if parts is None:
                continue
            yield Candidate(
                "BIRTH_DATE",
                m.start(),
                m.end(),
                0.0,
                meta={
                    "ymd": parts,
                    "partial": g["py"] is not None or (g["era"] is not None and g["ed"] is None),
                },
            )

    def validate(self, cand: Candidate, doc: Document) -> bool:
        y, mth, d = cand.meta["ymd"]
        if mth is not None and not 1 <= mth <= 12:
            return False
        if d is not None:
            try:
                dt.date(y, mth or 1, d)
            except ValueError:
                return False
        return 1868 <= int(y) <= dt.date.today().year

    def score(self, cand: Candidate, doc: Document) -> float:
        after = _AFTER.match(doc.text, cand.end, cand.end + 12) is not None
        if cand.meta["partial"]:
            # A year (and month) alone is a birth date only when 生/生まれ follows it.
            return 0.8 if after else 0.0
        if after or _LABEL_BEFORE.search(doc.text, _label_window(doc.text, cand.start), cand.start):
            return 0.92
        if _in_birth_column(doc, cand.start):
            return 0.9
        if _bracketed_after_a_name(doc, cand.start, cand.end):
            return 0.88
        return 0.0


_OPEN = frozenset("(（")
_CLOSE = frozenset(")）")


def _bracketed_after_a_name(doc: Document, start: int, end: int) -> bool:
    """A full date alone in brackets right after a full name: 山﨑 和子（昭和31年2月11日）,
    Hanako Yoshida（1958-12-01）. After a surname alone (担当 山口（4/1）) or anything else
    (会議（2025年5月3日）) it is some other date."""
    text = doc.text
    if start < 2 or end >= len(text) or text[start - 1] not in _OPEN or text[end] not in _CLOSE:
        return False
    idx = doc.token_ends.get(start - 1)
    if idx is None:
        return False
    tok = doc.tokens[idx]
    tags = pos_tags()
    if tok.pos in tags.given_name or tok.pos in tags.person_other:
        return True  # after a given name (a full name), not after a surname alone (担当 山口)
    from hinagata.detect.names import is_romaji_name_word

    return is_romaji_name_word(text[tok.start : tok.end])


def _label_window(text: str, start: int) -> int:
    """Where a label before the date may start: 16 characters back, within its line —
    or on the line above when the date starts a line of its own (生年月日\\n1975/05/03), not a
    table row, whose label above is a column header (受付日,生年月日\\n2024/05/03,…)."""
    lo = max(0, start - 16)
    line_lo = text.rfind("\n", lo, start) + 1
    if line_lo == 0:
        return lo
    line_end = text.find("\n", start, start + 200)
    rest = text[start : start + 200 if line_end < 0 else line_end]
    if text[line_lo:start].strip() or "," in rest or "\t" in rest:
        return line_lo
    return lo


_HEADER_LOOKBACK = 20_000  # characters above a table row searched for its header


def _in_birth_column(doc: Document, start: int) -> bool:
    """The date is a cell of a CSV/TSV table whose header names the column 生年月日.

    「氏名,生年月日,電話」 then rows 「佐藤花子,1975/05/03,…」: the header is the nearest line
    above with a birth label and the same separator; the cell is the one in its column.
    Each row's header is looked up once per document (a long table stays linear).
    """
    text = doc.text
    lo = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    line = text[lo : len(text) if line_end < 0 else line_end]
    sep = "\t" if "\t" in line else ","
    if sep not in line:
        return False
    col = text.count(sep, lo, start)
    cache: dict[tuple[int, str], tuple[int, int] | None] = doc.__dict__.setdefault(
        "_birth_headers", {}
    )
    header = _header_above(text, lo, sep, cache)
    if header is None:
        return False
    cells = text[header[0] : header[1]].split(sep)
    return col < len(cells) and _LABEL_BEFORE.search(cells[col]) is not None


def _header_above(
    text: str, lo: int, sep: str, cache: dict[tuple[int, str], tuple[int, int] | None]
) -> tuple[int, int] | None:
    """Span of the header line above the row starting at ``lo`` (None when there is none)."""
    floor = max(0, lo - _HEADER_LOOKBACK)
    visited: list[int] = []
    found: tuple[int, int] | None = None
    hi = lo - 1
    while hi > floor:
        if (hi, sep) in cache:
            found = cache[(hi, sep)]
            break
        visited.append(hi)
        h_lo = text.rfind("\n", floor, hi) + 1
        row = text[h_lo:hi]
        if sep not in row:
            break  # the table ended before a header was found
        if _LABEL_BEFORE.search(row):
            found = (h_lo, hi)
            break
        hi = h_lo - 1
    for v in visited:
        cache[(v, sep)] = found
    return found


def _ymd(g: dict[str, str | None]) -> tuple[int, int | None, int | None] | None:
    def num(key: str) -> int | None:
        v = g.get(key)
        return None if v is None else kanji_number(v)

    if g["wy"]:
        y = int(g["wy"])
        return (y, num("wm1") or num("wm2"), num("wd1") or num("wd2"))
    if g["era"] or g["el"]:
        el = g["el"] or ""
        era = g["era"] or _ERA.get(el) or _ERA_LETTER[el.upper()]
        first, last = _ERAS[era]
        ey = num("ey") if g["era"] else num("ely")
        if ey is None or not 1 <= ey <= last:
            return None
        if g["era"]:
            return (first + ey - 1, num("em"), num("ed"))
        return (first + ey - 1, num("elm"), num("eld"))
    if g["py"]:
        return (int(g["py"]), num("pm"), None)
    return None
