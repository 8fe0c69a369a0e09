"""Quasi-identifiers (特異な記述): what singles a person out by content, without a name.

The PPC's rule for anonymised data (個人情報保護法施行規則 第34条) asks to remove, besides
names and identifier codes, *peculiar descriptions* (特異な記述等): very high ages, rare
conditions, unique roles. A case record can identify someone with no name in it —
「大字北原に住む87歳の男性で、元町議会議員」. This recognizer reports each such description
as a ``QUASI_IDENTIFIER`` finding with its *kind* in ``category``:

===============  ==========================================================================
kind             what
===============  ==========================================================================
age              an exact age (87歳, 八十七歳); ``detail`` is ``100_plus`` for 100 and over
area             a small area: 大字・字・小字, …地区, …集落, …団地, …自治会/町内会, 自治会の班, 団地の棟
role             a public office or unique role, current or former (町長, 元町議会議員, 民生委員)
school_class     school + grade + class (市立第二中学校3年1組, 3年1組)
workplace        a workplace or shop with a place or a verb (駅前のパン屋, 鍛冶屋を営む: ``detail`` run)
family           unusual family composition (双子, 三世代同居, 長男と二人暮らし, 独居)
rare_condition   a designated intractable disease (指定難病, data with its source) or the like
event_date       the exact date of a specific event (4月3日に転入: the date is the finding)
kin              kin of a named or described person (佐藤さんの奥さん)
singular         superlatives and singulars (最高齢, 唯一の, 市内に一軒だけの)
matter           a personal matter that completes a description (不登校, 苦情, 滞納)
person           a person described without a name (30代女性から, （40代男性）): personal, weighs nothing
===============  ==========================================================================

None of them identifies by itself and none is masked as a personal value: they are not
personal (``personal`` is False, except a ``matter`` about a person and a ``person``), they may overlap
other findings (a 指定難病 is also a SENSITIVE term), and the assessment weighs their
combination under the policy's content rule (``identification`` in the template).
The vocabularies are data: ``data/quasi.yaml`` and ``data/designated_intractable_diseases.yaml``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import ahocorasick
import yaml

from hinagata.detect._document import Document
from hinagata.detect._recognizer import Recognizer
from hinagata.detect._types import Candidate

__all__ = ["QUASI_KINDS", "QuasiRecognizer", "QuasiVocabulary", "load_vocabulary"]

TYPE = "QUASI_IDENTIFIER"
#: Every kind, in a stable order (docs/finding-types.md).
QUASI_KINDS: tuple[str, ...] = (
    "area",
    "age",
    "role",
    "school_class",
    "workplace",
    "family",
    "rare_condition",
    "event_date",
    "kin",
    "singular",
    "matter",
    "person",
)
_SCORE = 0.6
_PLACE_ENDS = "町村市郡区"
_KANJI = "一-龥々〆ヶ"
_KANJI_DIGITS = {
    "〇": 0,
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


@dataclass(frozen=True)
class QuasiVocabulary:
    """The word lists of ``data/quasi.yaml`` and the 指定難病 names."""

    roles: tuple[str, ...]
    role_not_before: tuple[str, ...]
    workplaces: tuple[str, ...]
    workplace_verbs: tuple[str, ...]
    workplace_not_before: tuple[str, ...]
    family: tuple[str, ...]
    singulars: tuple[str, ...]
    singular_not_before: tuple[str, ...]
    matters: tuple[str, ...]
    matter_not_before: tuple[str, ...]
    kin: tuple[str, ...]
    events: tuple[str, ...]
    rare_conditions: tuple[str, ...]
    diseases: tuple[str, ...]
    disease_source: str


def _strings(data: dict[str, Any], key: str, source: str) -> tuple[str, ...]:
    value = data.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise ValueError(f"{source}: '{key}' must be a list of non-empty strings")
    return tuple(dict.fromkeys(value))


@lru_cache(maxsize=1)
def load_vocabulary() -> QuasiVocabulary:
    """The bundled vocabulary (read once); a missing or broken file names itself."""
    files = resources.files("hinagata.detect").joinpath("data")
    quasi_src = "hinagata/detect/data/quasi.yaml"
    dis_src = "hinagata/detect/data/designated_intractable_diseases.yaml"
    try:
        quasi = yaml.safe_load(files.joinpath("quasi.yaml").read_text("utf-8"))
        dis = yaml.safe_load(
            files.joinpath("designated_intractable_diseases.yaml").read_text("utf-8")
        )
    except (OSError, yaml.YAMLError, UnicodeDecodeError) as exc:
        raise ValueError(f"{quasi_src} / {dis_src}: cannot read the vocabulary: {exc}") from exc
    if not isinstance(quasi, dict) or not isinstance(dis, dict):
        raise ValueError(f"{quasi_src} / {dis_src}: a mapping is required")
    names: list[str] = []
    for entry in _strings(dis, "diseases", dis_src):
        names.extend(n.strip() for n in entry.split("／") if n.strip())
    source = dis.get("source") or {}
    return QuasiVocabulary(
        roles=_strings(quasi, "roles", quasi_src),
        role_not_before=_strings(quasi, "role_not_before", quasi_src),
        workplaces=_strings(quasi, "workplaces", quasi_src),
        workplace_verbs=_strings(quasi, "workplace_verbs", quasi_src),
        workplace_not_before=_strings(quasi, "workplace_not_before", quasi_src),
        family=_strings(quasi, "family", quasi_src),
        singulars=_strings(quasi, "singulars", quasi_src),
        singular_not_before=_strings(quasi, "singular_not_before", quasi_src),
        matters=_strings(quasi, "matters", quasi_src),
        matter_not_before=_strings(quasi, "matter_not_before", quasi_src),
        kin=_strings(quasi, "kin", quasi_src),
        events=_strings(quasi, "events", quasi_src),
        rare_conditions=_strings(quasi, "rare_conditions", quasi_src),
        diseases=tuple(dict.fromkeys(names)),
        disease_source=str(source.get("title", "")) if isinstance(source, dict) else "",
    )


def _alt(words: Iterable[str]) -> str:
    """A regex alternation of literal ``words``, longest first."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def _kanji_number(s: str) -> int | None:
    """87 from 八十七, 105 from 百五; None when ``s`` is not a kanji number."""
    total, current = 0, 0
    for ch in s:
        if ch in _KANJI_DIGITS:
            current = current * 10 + _KANJI_DIGITS[ch] if current else _KANJI_DIGITS[ch]
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        elif ch == "百":
            total += (current or 1) * 100
            current = 0
        else:
            return None
    return total + current


class QuasiRecognizer(Recognizer):
    """Reports ``QUASI_IDENTIFIER`` findings (kind in ``category``).

    >>> from hinagata import scan
    >>> t = "大字北原に住む87歳の男性で、元町議会議員"
    >>> [(f.category, f.text) for f in scan(t) if f.type == "QUASI_IDENTIFIER"]
    [('area', '大字北原'), ('age', '87歳'), ('role', '元町議会議員')]
    """

    TYPES = (TYPE,)

    def __init__(self, vocabulary: QuasiVocabulary | None = None) -> None:
        v = vocabulary or load_vocabulary()
        self.vocabulary = v
        k = _KANJI
        # Every pattern starts with a literal or a single character class, or is found
        # from an Aho-Corasick pass over a word list; context (a 元 before a role, a place
        # before a shop) is then checked in a short window: the recognizer stays linear
        # and cheap (a regex alternation of a hundred words tried at every character is not).
        # Ages: found from 歳/才, then the number before it; not a range or a bound
        # (65歳以上, 65~74歳, 3歳児健診).
        self._age_unit = re.compile(r"歳|才")
        self._age_not_after = re.compile(
            r"以上|以下|未満|超|から|まで|代|前後|くらい|ぐらい|位|程度|頃|ごろ|児|時|の(?:時|頃|とき)|[~～〜\-][0-9]|"
            # A general audience: 100歳を迎える方, 65歳になる方.
            r"を迎える|を迎えた方|になる方|に達する|到達|の方(?:に|へ|は|を|が対象)|の誕生日を迎える"
        )
        self._age_number = re.compile(
            r"(?<![0-9.~～〜\-])([0-9]{1,3})$|(?<![〇一二三四五六七八九十百])([〇一二三四五六七八九十百]{1,5})$"
        )
        # 大字・小字・字 (字 alone only after a place or at the start of a word: not 文字).
        # The name stops where the next 大字/小字/字 begins (大字北原字東谷: two areas).
        self._aza = re.compile(r"(?:大字|小字|字)(?:(?!大字|小字|字)[" + k + r"ァ-ヶー]){1,5}")
        self._area_suffix = re.compile(r"(?:地区|集落|団地|自治会|町内会)(?![" + k + r"])")
        self._area_name_char = re.compile(r"[" + k + r"ァ-ヶー0-9]")
        self._han = re.compile(r"(?:自治会|町内会)の?[0-9一二三四五六七八九十]{1,3}(?:班|組)")
        self._area_not = re.compile(
            r"^(?:各|全|当|同|本|他|一部|市内|町内|村内|管内|区内|対象|該当|重点|周辺|近隣|校|学校|選挙|地域|大字|字)"
            r"(?:地区|集落|団地|自治会|町内会)$"
        )
        self._building = re.compile(
            r"(?:団地|住宅|アパート|マンション|ハイツ|コーポ)[^\n。]{0,10}?"
            r"(?<![0-9A-Za-z])([0-9A-Z]{1,3}号?棟)"
        )
        self._role_not_before = tuple(v.role_not_before)
        self._grade_class = re.compile(
            r"(?=[0-9一二三四五六])(?<![0-9])[0-9一二三四五六]年生?の?[0-9一二三四五六七八九十A-Za-z]{1,2}組"
        )
        self._nursery_class = re.compile(
            r"(?:[" + k + r"ぁ-んァ-ヶー]{1,10}(?:保育園|保育所|幼稚園|こども園|認定こども園)\s*)"
            r"(?:年少|年中|年長|[0-5]歳児|[ぁ-んァ-ヶー]{2,6})(?:組|クラス)"
        )
        self._school_before = re.compile(
            r"[" + k + r"0-9]{1,10}?(?:小学校|中学校|高等学校|高校|特別支援学校|義務教育学校)$"
        )
        self._loc_before = re.compile(
            r"(?:駅前|駅の近く|駅近く|商店街|["
            + k
            + r"ァ-ヶー]{1,8}(?:の近く|の隣|の向かい|前|通り|沿い))"
            r"(?:の|で|に|にある|で営む)?$"
        )
        self._workplace_verb = re.compile(_alt(v.workplace_verbs))
        self._workplace_not_before = tuple(v.workplace_not_before)
        self._shop_name = re.compile(r"[「『][^」』\n]{1,15}[」』]")
        self._company = re.compile(
            r"(?:株式会社|工業|商店|製作所|建設|運送|水産|農園)(?=に勤|で働|の社長|を経営)"
        )
        self._company_char = re.compile(r"[" + k + r"ァ-ヶーA-Za-z]")
        kin_words = _alt(v.kin)
        self._kin_before = re.compile(r"(?:" + kin_words + r")との?$")
        self._many_children = re.compile(r"子(?:ども|供)が?[5-9]人|[5-9]人の子")
        # A person described without a name (30代女性から, （40代男性）): personal, but
        # no quasi-identifier of the content rule (the kind ``person`` weighs nothing).
        self._person = re.compile(
            r"(?<![0-9])[0-9]{1,2}代(?:前半|後半)?の?(?:男性|女性|男児|女児|夫婦)"
            r"(?=から|より|が|は|、|[(（]|,|の方|。|で)"
            r"|[(（][0-9]{1,2}代(?:男性|女性)?[)）]"
        )
        self._statistic = re.compile(
            r"割合|率|人口|人中|[%％]|統計|件数|平均|調査|人数|世帯数|構成比"
        )
        self._day = re.compile(
            r"(?=[0-9])(?<![0-9])[0-9]{1,2}月[0-9]{1,2}日(?:\([月火水木金土日]\))?"
        )
        self._event_after = re.compile(
            r"(?:に|、|付で|付けで|から|頃に|ごろに|夜に|朝に|午前に|午後に)?[^。\n]{0,20}?(?:"
            + _alt(v.events)
            + r")"
        )
        self._year_before = re.compile(r"(?:令和|平成|昭和|R|H|S)?[0-9元]{1,4}年$")
        self._kin = re.compile(r"(?:さん|様|さま|氏|くん|ちゃん)(?:宅)?の(?:" + kin_words + r")")
        self._role_kin = re.compile(r"(?:さん|氏)?の(?:" + kin_words + r")")
        self._kin_name = re.compile(r"(?:〔氏名[0-9]+〕|[" + k + r"]{1,4})$")
        self._kin_not = re.compile(r"(?:皆|客|お客|患者|住民|利用者|相談者|先方|他)")
        # Word lists as plain alternations (longest first): the regex engine skips to
        # their first characters, which is faster here than one automaton of them all.
        self._word_lists: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
            (kind, re.compile(_alt(words)))
            for kind, words in (
                ("matter", v.matters),
                ("singular", v.singulars),
                ("family", v.family),
                ("workplace", v.workplaces),
                ("role", v.roles),
            )
            if words
        )
        self._rare = ahocorasick.Automaton()
        for w in (*v.diseases, *v.rare_conditions):
            self._rare.add_word(w, len(w))
        if len(self._rare):
            self._rare.make_automaton()
        self._singular_not_before = tuple(
            (*v.singular_not_before, *("の" + w for w in v.singular_not_before))
        )
        self._matter_not_before = tuple(v.matter_not_before)
        self._kanji = re.compile(r"[" + k + r"]")

    # -- candidates ----------------------------------------------------------------------

    def candidates(self, doc: Document) -> Iterator[Candidate]:
        text = doc.text
        if not text:
            return
        for m in self._age_unit.finditer(text):
            s = m.start()
            if s == 0 or self._age_not_after.match(text, m.end()):
                continue
            number = self._age_number.search(text, max(0, s - 5), s)
            if number is None:
                continue
            value = int(number.group(1)) if number.group(1) else _kanji_number(number.group(2))
            if value is None or value > 130:
                continue
            meta = {"detail": "100_plus"} if value >= 100 else {}
            yield Candidate(TYPE, number.start(), m.end(), _SCORE, "age", False, meta)
        yield from self._areas(text)
        words: dict[str, list[tuple[int, int]]] = {
            kind: [m.span() for m in pattern.finditer(text)] for kind, pattern in self._word_lists
        }
        if len(self._rare):
            words["rare_condition"] = [
                (end_idx + 1 - length, end_idx + 1)
                for end_idx, length in self._rare.iter_long(text)
            ]
        for s, e in words.get("role", ()):
            if text.startswith(self._role_not_before, e):
                continue
            if s > 0 and text[s - 1] in "元前現":
                s -= 1
            yield Candidate(TYPE, s, e, _SCORE, "role", False)
            # Kin of the office holder (元町長の妻): kin of a uniquely described person.
            kin = self._role_kin.match(text, e)
            if kin is not None:
                yield Candidate(TYPE, s, kin.end(), _SCORE, "kin", False)
        for m in self._grade_class.finditer(text):
            s = m.start()
            school = self._school_before.search(text, max(0, s - 16), s)
            yield Candidate(
                TYPE, school.start() if school else s, m.end(), _SCORE, "school_class", False
            )
        yield from self._each(self._nursery_class, text, "school_class")
        yield from self._workplaces(text, words.get("workplace", ()))
        for s, e in words.get("family", ()):
            kin = self._kin_before.search(text, max(0, s - 8), s)
            yield Candidate(TYPE, kin.start() if kin else s, e, _SCORE, "family", False)
        yield from self._each(self._many_children, text, "family")
        for s, e in words.get("singular", ()):
            if not text.startswith(self._singular_not_before, e):
                yield Candidate(TYPE, s, e, _SCORE, "singular", False)
        for s, e in words.get("matter", ()):
            if not text.startswith(self._matter_not_before, e):
                yield Candidate(TYPE, s, e, _SCORE, "matter", False)
        for m in self._person.finditer(text):
            lo = max(text.rfind("。", max(0, m.start() - 80), m.start()) + 1, m.start() - 80)
            hi_end = text.find("。", m.end(), m.end() + 80)
            hi = hi_end if hi_end >= 0 else min(len(text), m.end() + 80)
            if self._statistic.search(text, lo, hi) is None:
                yield Candidate(TYPE, m.start(), m.end(), _SCORE, "person", True)
        for m in self._day.finditer(text):
            if self._event_after.match(text, m.end()) is None:
                continue
            s = m.start()
            year = self._year_before.search(text, max(0, s - 8), s)
            yield Candidate(TYPE, year.start() if year else s, m.end(), _SCORE, "event_date", False)
        for m in self._kin.finditer(text):
            s = m.start()
            name = self._kin_name.search(text, max(0, s - 8), s)
            if name is None or self._kin_not.match(text, name.start()):
                continue
            yield Candidate(TYPE, name.start(), m.end(), _SCORE, "kin", False)
        for s, e in words.get("rare_condition", ()):
            yield Candidate(TYPE, s, e, _SCORE, "rare_condition", False)

    def _areas(self, text: str) -> Iterator[Candidate]:
        kanji = self._kanji
        last = -1
        for m in self._aza.finditer(text):
            s = m.start()
            # A lone 字 starts a word or follows a place (〇〇町字東谷) or another area
            # (大字北原字東谷), never 文字 or 数字.
            if (
                text[s] == "字"
                and s > 0
                and s != last
                # (a placeholder stands for the word it replaced: 〔役職1〕字… as 議員字…)
                and (kanji.match(text, s - 1) or text[s - 1] == "〕")
                and text[s - 1] not in _PLACE_ENDS
            ):
                continue
            if s > 0 and text[s] == "字" and text[s - 1] in "大小":
                continue  # found as 大字/小字 from the position before
            last = m.end()
            yield self._cand(m, "area")
        name_char = self._area_name_char
        for m in self._area_suffix.finditer(text):
            # The name before 地区/集落/…: 1–6 characters starting a word or after a place.
            best = None
            for n in range(1, 7):
                p = m.start() - n
                if p < 0 or not name_char.match(text, p):
                    break
                if p == 0 or not name_char.match(text, p - 1) or text[p - 1] in _PLACE_ENDS:
                    best = p
            if best is None or self._area_not.match(text[best : m.end()]):
                continue
            yield Candidate(TYPE, best, m.end(), _SCORE, "area", False)
        yield from self._each(self._han, text, "area")
        for m in self._building.finditer(text):
            yield Candidate(TYPE, m.start(1), m.end(1), _SCORE, "area", False)

    def _workplaces(self, text: str, shops: Iterable[tuple[int, int]]) -> Iterator[Candidate]:
        for s, e in shops:
            if text.startswith(self._workplace_not_before, e):
                continue
            # Running or working there (鍛冶屋を営む) singles the person out; a place
            # alone (駅前のパン屋) may be a customer's; neither: no finding (パン屋で買い物).
            # The shop's own name may come between (老舗旅館「○○館」の女将).
            after = self._shop_name.match(text, e)
            run = self._workplace_verb.match(text, after.end() if after else e) is not None
            loc = self._loc_before.search(text, max(0, s - 14), s)
            if not run and loc is None:
                continue
            meta = {"detail": "run"} if run else {}
            e = after.end() if after else e
            yield Candidate(TYPE, loc.start() if loc else s, e, _SCORE, "workplace", False, meta)
        for m in self._company.finditer(text):
            s = m.start()
            while s > 0 and m.start() - s < 12 and self._company_char.match(text, s - 1):
                s -= 1
            if s < m.start():
                yield Candidate(TYPE, s, m.end(), _SCORE, "workplace", False, {"detail": "run"})

    @staticmethod
    def _cand(m: re.Match[str], kind: str) -> Candidate:
        return Candidate(TYPE, m.start(), m.end(), _SCORE, kind, False)

    def _each(self, pattern: re.Pattern[str], text: str, kind: str) -> Iterator[Candidate]:
        for m in pattern.finditer(text):
            if m.end() > m.start():
                yield self._cand(m, kind)


def resolve_quasi(cands: Sequence[Candidate]) -> list[Candidate]:
    """Quasi-identifiers among themselves: one inside another of the same kind is dropped.

    They are kept apart from the other findings' overlap resolution: a 指定難病 is also a
    SENSITIVE term, an area may sit inside an address, and both must be reported. Two of
    different kinds that overlap are both kept (大字北原元町議会議員: an area and a role);
    generalisation replaces their union.
    """
    out: list[Candidate] = []
    last_end: dict[str | None, int] = {}
    for c in sorted(cands, key=lambda c: (c.start, -c.end)):
        if c.end <= last_end.get(c.category, -1):
            continue
        out.append(c)
        last_end[c.category] = c.end
    return out
