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
from hinagata.text import kanji_number

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



_KN = r"[0-9]{1,4}|[〇一二三四五六七八九十]{1,4}"
_SEP = r"\s*"
_ERA_ALSO = r"(?:[(（]\s*(?:明治|大正|昭和|平成|令和|[MTSHR明大昭平令])\.?\s*(?:元|[0-9]{1,2}|[一二三四五六七八九十]{1,3})\s*年?\s*[)）]\s*)?"
_ERA_IN_YEAR = (
    r"(?:[(（]\s*(?:明治|大正|昭和|平成|令和|[MTSHR明大昭平令])\.?\s*(?:元|[0-9]{1,2})\s*[)）]\s*)?"
)
_WEST_ALSO = r"(?:\s*[(（]\s*(?:1[89][0-9]{2}|20[0-9]{2})\s*年?\s*[)）])?"
_DATE = re.compile(
    r"(?=[0-9明大昭平令MTSHRmtshr])(?<![0-9A-Za-z])(?:"
    # 1988年11月2日, 1988/11/2, 1988-11-02, 1988.11.2
    # 1965年（昭和40年）9月17日: the era year in brackets after the Western one
    rf"(?P<wy>1[89][0-9]{{2}}|20[0-9]{{2}}){_SEP}(?:{_ERA_IN_YEAR}年{_SEP}{_ERA_ALSO}(?P<wm1>{_KN}){_SEP}月{_SEP}(?P<wd1>{_KN}){_SEP}日"
    r"|(?P<wsep>[/.\-])(?P<wm2>[0-9]{1,2})(?P=wsep)(?P<wd2>[0-9]{1,2})(?![0-9]))"
    # 昭和45年5月3日, 平成元年, 令和七年一月一日
    # 昭和40年（1965年）9月17日: the Western year in brackets after the era one
    rf"|(?P<era>明治|大正|昭和|平成|令和){_SEP}(?P<ey>元|{_KN}){_SEP}年{_WEST_ALSO}"
    rf"(?:{_SEP}(?P<em>{_KN}){_SEP}月(?:{_SEP}(?P<ed>{_KN}){_SEP}日)?)?"
    # S23年3月22日, 昭23年3月22日 (an era letter with 年月日)
    rf"|(?P<ll>[MTSHRmtshr明大昭平令])\.?(?P<lly>元|[0-9]{{1,2}}){_SEP}年{_SEP}(?P<llm>[0-9]{{1,2}}){_SEP}月"
    rf"{_SEP}(?P<lld>[0-9]{{1,2}}){_SEP}日"
    # S45.5.3, H1/1/8, R7-1-1, 昭50.5.3, 昭和50.5.3 (the era as a letter or a kanji)
    r"|(?P<el>明治|大正|昭和|平成|令和|[MTSHRmtshr明大昭平令])\.?\s?(?P<ely>元|[0-9]{1,2})(?P<esep>[/.\-])"
    r"\s?(?P<elm>[0-9]{1,2})(?P=esep)\s?(?P<eld>[0-9]{1,2})(?![0-9])"
    # 1988年生まれ, 1988年11月生 (year or year-month, only with 生 after; checked below)
    rf"|(?P<py>1[89][0-9]{{2}}|20[0-9]{{2}}){_SEP}年(?:{_SEP}(?P<pm>{_KN}){_SEP}月)?"
    r")"
)
_LABEL_BEFORE = words(
    "生年月日|誕生日|出生日|生まれ|出生|DOB|date of birth|birth date|birthdate|birthday|"
    "born|生年|誕生"
)
_AFTER = re.compile(
    r"\s*(?:生まれ|うまれ|生(?![産活徒涯命物成理協鮮地放中])|誕生|[(（]\s*(?:満\s*)?[0-9〇一二三四五六七八九十]{1,3}\s*(?:歳|才)?\s*[)）])"
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
        year = cand.meta["ymd"][0]
        if _after_a_name_in_a_row(doc, cand.start, cand.end, year):
            return 0.85
        if _in_spaced_birth_table(doc, cand.start, cand.end, year):
            return 0.85
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
    # An honorific may stand between (西村 翔太 様（平成9年4月22日）).
    before = _HONORIFIC_BEFORE.search(text, max(0, start - 8), start - 1)
    name_end = before.start() if before else start - 1
    idx = doc.token_ends.get(name_end)
    if idx is None:
        return False
    tok = doc.tokens[idx]
    tags = pos_tags()
    if tok.pos in tags.given_name or tok.pos in tags.person_other:
        return True  # after a given name (a full name), not after a surname alone (担当 山口)
    from hinagata.detect.names import is_romaji_name_word

    if is_romaji_name_word(text[tok.start : tok.end]):
        return True
    # A surname, a space and a short word the dictionary does not know as a given name
    # (飯塚 颯, イシカワ リク): a full name written with a space.
    if not _SHORT_GIVEN.fullmatch(text, tok.start, tok.end) or tok.start < 2:
        return False
    if text[tok.start - 1] not in " \u3000":
        return False
    prev = doc.token_ends.get(tok.start - 1)
    return prev is not None and doc.tokens[prev].pos in tags.surname


_HONORIFIC_BEFORE = re.compile(r"[ \u3000]*(?:様|さん|さま|氏|殿|くん|ちゃん)[ \u3000]*$")
_SHORT_GIVEN = re.compile(r"[\u4e00-\u9fff\u3005]{1,2}|[\u30a1-\u30fa\u30fc]{2,5}")


#: What may stand between a name and the date after it in a row: separators, an honorific,
#: a sex and an age (「佐藤 花子 様 女（76歳） 1948/03/22」).
_ROW_GAP = re.compile(
    r"(?:[ \u3000\t,、|/・:：]*(?:様|さん|氏|殿|"
    r"[(（]\s*(?:男|女|男性|女性|満?\s*[0-9]{1,3}\s*(?:歳|才)?)\s*[)）]|男性|女性|男|女|"
    r"満?[0-9]{1,3}(?:歳|才)))*[ \u3000\t,、|/・:：]*"
)
#: A date that starts an event after it (2005/04/01 採用, 1998/3/22に転入) is not a birth date.
_EVENT_AFTER = re.compile(
    r"[ \u3000]*(?:に|から|まで|より|付|~|〜|～|-|入|退|来|転|死|没|逝|受|申|採|提|届|開|閉|実施|訪|"
    r"登録|契約|決定|認定|更新|発行|交付|取得|就|着|卒|修|婚|離|現在|時点|以降|以前|以来|頃|ごろ|当時|"
    r"相談|面|初|通|手術|発|診|返|支払|購|記|作|撮|異|事|被|締|期限|迄|分|時)"
)
#: Youngest age at which a date written after a name is read as a birth date.
_MIN_AGE = 15
_GAP_MAX = 16


def _old_enough(text: str, end: int, year: int) -> bool:
    """At least fifteen years back, and starting no event after it."""
    return year <= dt.date.today().year - _MIN_AGE and _EVENT_AFTER.match(text, end) is None


def _after_a_name_in_a_row(doc: Document, start: int, end: int, year: int) -> bool:
    """A full date written right after a full name in a row or a line with no label:
    「佐藤花子 1948/03/22 焼津市…」, 「松本 健太, S23.3.22」, 「佐藤 花子（76）1948/03/22」.
    It must be at least fifteen years back and start no event (「山田太郎 2019/04/01 入所」
    is an admission date)."""
    text = doc.text
    if start == 0 or text[start - 1] not in " \u3000\t,、|/・:：)）歳才":
        return False
    if not _old_enough(text, end, year):
        return False
    tags = pos_tags()
    for j in range(start - 1, max(0, start - _GAP_MAX) - 1, -1):
        idx = doc.token_ends.get(j)
        if idx is None or _ROW_GAP.fullmatch(text, j, start) is None:
            continue
        tok = doc.tokens[idx]
        if tok.pos in tags.given_name or tok.pos in tags.person_other:
            return True
        from hinagata.detect.names import is_romaji_name_word

        if is_romaji_name_word(text[tok.start : tok.end]):
            return True
    return False


_SPACED_HEADER_LINES = 60
_OTHER_DATE_LABEL = re.compile(r"日|年月|date", re.IGNORECASE)


def _in_spaced_birth_table(doc: Document, start: int, end: int, year: int) -> bool:
    """A row of a table aligned with spaces under a header naming 生年月日:
    「氏名　性別　生年月日\n佐藤花子　女　1948/03/22」. The header is the nearest line above
    in the same block (no blank line between) with a birth label, no date of its own, no
    other date column and at least two cells; the row holds this one date only."""
    text = doc.text
    lo = text.rfind("\n", 0, start) + 1
    if lo == 0:
        return False
    line_end = text.find("\n", end)
    row = text[lo : len(text) if line_end < 0 else line_end]
    if not _old_enough(text, end, year):
        return False
    n_dates = len(_DATE_SHAPE.findall(row))
    hi = lo - 1
    for _ in range(_SPACED_HEADER_LINES):
        if hi <= 0:
            return False
        h_lo = text.rfind("\n", 0, hi) + 1
        header = text[h_lo:hi]
        if not header.strip():
            return False  # a blank line ends the table
        if _LABEL_BEFORE.search(header):
            cells = header.split()
            if len(cells) < 2 or "。" in header or _DATE_SHAPE.search(header):
                return False
            row_cells = row.split()
            if len(row_cells) == len(cells):
                # Cells line up: the date's own column decides (受付日 生年月日).
                col = len(text[lo:start].split())
                return col < len(cells) and _LABEL_BEFORE.search(cells[col]) is not None
            rest = _LABEL_BEFORE.sub("", header)
            return n_dates == 1 and _OTHER_DATE_LABEL.search(rest) is None
        hi = h_lo - 1
    return False


_DATE_SHAPE = re.compile(
    r"(?:1[89]|20)[0-9]{2}\s*[年/.\-]|(?:明治|大正|昭和|平成|令和|[MTSHR明大昭平令])\.?\s*(?:元|[0-9]{1,2})\s*[年/.\-]"
)


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
    # The line above must be the label alone (生年月日：), not a sentence that mentions it
    # (生年月日を確認した。) nor a header of several columns (受付日 生年月日).
    above = text[text.rfind("\n", 0, line_lo - 1) + 1 : line_lo - 1].strip()
    if above and _LABEL_LINE.fullmatch(above) is None:
        return line_lo
    return lo


_LABEL_LINE = re.compile(
    r"[(（【\[]?\s*(?:" + _LABEL_BEFORE.pattern + r")\s*[)）】\]]?\s*[:：]?", re.IGNORECASE
)


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
    sep = "\t" if "\t" in line else "|" if "|" in line else ","
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
    if g["ll"]:
        era = _ERA_LETTER[g["ll"].upper()]
        first, last = _ERAS[era]
        ly = num("lly")
        if ly is None or not 1 <= ly <= last:
            return None
        return (first + ly - 1, num("llm"), num("lld"))
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
