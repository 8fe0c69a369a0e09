"""Names found by where they stand on the text rather than by their tokens.

A CSV column under 氏名, a one-kanji surname in a row, a signature, a hand-over arrow or
after a section, a surname before a staff role (佐藤保健師), a katakana reading in
brackets after a name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from hinagata.detect._document import Document
from hinagata.detect._name_cues import _KATAKANA_READING, _SCORE_CUED, _is_surname
from hinagata.detect._types import Candidate

# A CSV or tab-separated header with a name column (氏名,電話 / name\tphone).
_NAME_HEADER = re.compile(
    r"^[^\n]*(?:氏名|お名前|名前|フリガナ|ふりがな|申請者|相談者|世帯主|利用者|対象者|name|Name|NAME)"
    r"[^\n]*$",
    re.MULTILINE,
)
_HEADER_CELL = re.compile(
    r"^[\"']?\s*(?:氏名|お名前|名前|フリガナ|ふりがな|申請者|相談者|世帯主|利用者|対象者|"
    r"(?:full[ _]?)?name|Name|NAME|氏名（漢字）|氏名\(漢字\))\s*[\"']?$"
)


def _csv_name_cells(text: str) -> set[int]:
    """Starts of the cells under a name column of a CSV or tab-separated table.

    The header row names the column (氏名,生年月日,電話); each following row until a blank
    line has its name in the same cell: 「佐藤花子,1975/05/03,…」.
    """
    if "," not in text and "\t" not in text:
        return set()
    out: set[int] = set()
    covered = 0  # rows before this offset were read under an earlier header
    for h in _NAME_HEADER.finditer(text):
        if h.start() < covered:
            continue
        line = h.group()
        sep = "\t" if "\t" in line else ","
        if sep not in line:
            continue
        cells = line.split(sep)
        cols = [k for k, c in enumerate(cells) if _HEADER_CELL.match(c.strip())]
        if not cols:
            continue
        pos = h.end() + 1
        for _ in range(2000):
            end = text.find("\n", pos)
            if end < 0:
                end = len(text)
            row = text[pos:end]
            if not row.strip() or sep not in row:
                break
            offsets = [0]
            for k, c in enumerate(row):
                if c == sep:
                    offsets.append(k + 1)
            for col in cols:
                if col < len(offsets):
                    start = pos + offsets[col]
                    while start < end and text[start] in " \"'\u3000":
                        start += 1
                    out.add(start)
            pos = end + 1
            if pos >= len(text):
                break
        covered = pos
    return out


#: Staff and professional roles written straight after a surname (佐藤主事, 林係長).
_STAFF_ROLES = (
    "主事 主任主事 主査 主任 主幹 副主幹 参事 係長 課長 副課長 課長補佐 課長代理 部長 副部長 次長 "
    "室長 所長 副所長 局長 保健師 看護師 社会福祉士 精神保健福祉士 ケースワーカー 相談員 相談支援専門員 "
    "指導員 支援員 調査員 校長 副校長 教頭 教諭 園長 副園長 保育士 事務員 技師 ケアマネジャー"
).split()
_ROLE_RE = re.compile(
    "|".join(sorted(_STAFF_ROLES, key=len, reverse=True))
    # A self-introduction says the same (林と申します).
    + "|と(?:申します|申し上げます|いいます|言います)"
)
_KANJI_CHAR = re.compile(r"[\u4e00-\u9fff\u3005]")
# One kanji before a role that is part of the title, not a surname (副課長, 元校長, 前所長).
_ROLE_PREFIXES = frozenset("副元前新旧各当同本両正主専現故亡総次課係室部局所")


# One-kanji surnames the dictionary reads as common words (森, 原, 林): only where their
# place says they are names — the first cell of a row before an address (森　倉敷市…), a
# self-introduction (…に住む原です), an agent's name in brackets (代理人（森、本人の長男）).
_ROW_SURNAME = re.compile(
    r"(?m)^[ \u3000]*(?:[0-9]{1,3}[.．、) ）]?[ \u3000]*)?([\u4e00-\u9fff])[ \u3000\t]+"
    r"(?=(?:北海道|東京都|京都府|大阪府|[\u4e00-\u9fff]{2,3}県|[\u4e00-\u9fff]{1,5}[市区町村郡]))"
)
_SELF_INTRO_SURNAME = re.compile(
    r"(?:住む|住んでいる|在住の|担当の|係の|課の)([\u4e00-\u9fff]{1,2})(?=です|と申します|でございます)"
)
# A mail or a note signed with a surname alone (…どこに相談すればいいですか。堀).
_SIGNATURE_SURNAME = re.compile(
    r"[。！？!?][ \u3000]*([\u4e00-\u9fff\u3005]{1,3})[ \u3000]*(?=\n|$)", re.MULTILINE
)
# A hand-over between staff (渡邉 → 澤田): both sides of the arrow.
_ARROW_SURNAME = re.compile(
    r"(?:(?<=[(（\s:：、])|^)([\u4e00-\u9fff\u3005]{1,3})(?=[ \u3000]*(?:→|⇒|->)[ \u3000]*"
    r"[\u4e00-\u9fff])|(?:→|⇒|->)[ \u3000]*([\u4e00-\u9fff\u3005]{1,3})(?=[)）\s、,。]|$)"
)
# A staff member after their section, in brackets or at the end (（議会事務局 大橋）, 総務課 森):
# even a surname that ends like a place (大橋, 森山).
_SECTION_SURNAME = re.compile(
    r"(?:課|係|室|局|事務局|センター|支所|担当)[ \u3000]+([\u4e00-\u9fff\u3005]{1,3})(?=[)）]|[ \u3000]*$)",
    re.MULTILINE,
)
_AGENT_SURNAME = re.compile(
    r"(?:代理人|使者|同行者|連絡者|届出人|申請者)[(（]([\u4e00-\u9fff]{1,3})[、,)）]"
)


# A katakana reading in brackets after a name in Latin letters or kanji:
# SILVA Ana Paula（シルバ アナ パウラ）, 王 麗華（ワン リーファ）.
_BRACKETED_READING = re.compile(
    r"(?<=[A-Za-z\u4e00-\u9fff\u3005])[ \u3000]?[(（](" + _KATAKANA_READING + r")[)）]"
)


def readings_of_names(text: str, names: Iterable[Candidate]) -> Iterator[Candidate]:
    """The katakana reading in brackets right after a name found: a name too."""
    for n in names:
        m = _BRACKETED_READING.match(text, n.end)
        if m is None:
            continue
        s, e = m.span(1)
        yield Candidate("PERSON_NAME", s, e, _SCORE_CUED, meta={"kind": "row", "detail": "full"})


def _short_surname_candidates(doc: Document) -> Iterator[Candidate]:
    text = doc.text
    # Each pattern only where its cue can be (a cheap look for a character first).
    for pattern, cues in (
        (_ROW_SURNAME, ("\u3000", " ", "\t")),
        (_SELF_INTRO_SURNAME, ("です", "申します", "でございます")),
        (_AGENT_SURNAME, ("(", "（")),
        (_ARROW_SURNAME, ("→", "⇒", "->")),
        (_SIGNATURE_SURNAME, ("。", "！", "？", "!", "?")),
        (_SECTION_SURNAME, ("課", "係", "室", "局", "センター", "支所", "担当")),
    ):
        if not any(c in text for c in cues):
            continue
        for m in pattern.finditer(text):
            group = 1 if m.group(1) is not None else 2
            s, e = m.span(group)
            if not _is_surname(text[s:e]):
                continue
            yield Candidate(
                "PERSON_NAME", s, e, _SCORE_CUED, meta={"kind": "row", "detail": "partial"}
            )


def _role_candidates(doc: Document) -> Iterator[Candidate]:
    text = doc.text
    for m in _ROLE_RE.finditer(text):
        p = m.start()
        run = p
        while run > p - 4 and run > 0 and _KANJI_CHAR.match(text, run - 1):
            run -= 1
        for length in (3, 2, 1):
            start = p - length
            if start < run:
                continue
            surface = text[start:p]
            if length == 1 and (start != run or surface in _ROLE_PREFIXES):
                continue  # a single kanji is a surname only on its own: 森係長, not 副課長
            if start not in doc.token_starts or not _is_surname(surface):
                continue
            yield Candidate(
                "PERSON_NAME",
                start,
                p,
                _SCORE_CUED,
                meta={
                    "kind": "role",
                    "detail": "partial",
                    "role_start": start,
                    "role_len": len(m.group()),
                },
            )
            break
