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
school_class     school + grade + class (市立第二中学校3年1組, 3年1組); a named school + grade (第二中2年)
workplace        a workplace or shop with a place or a verb (駅前のパン屋, 鍛冶屋を営む: ``detail`` run),
                 the verb inside the span; a post at a named office (市役所の臨時職員)
family           unusual family composition (双子, 三世代同居, 母子世帯, 夫と長男の三人暮らし,
                 夫を亡くしてから独居); not in statistics or for an audience (高齢者のみ世帯は市内に…)
rare_condition   a designated intractable disease (指定難病, data with its source) or the like
event_date       the exact date of a specific event (4月3日に転入, 先月20日に逮捕, R6.4.3に転入:
                 the date is the finding); not for an audience (4月1日に転入した方は)
kin              kin of a named or described person (佐藤さんの奥さん, 保護者の父), kin of kin (長男の嫁)
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

from hinagata.detect._context import COUNT_AFTER, is_publication
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
_TEAM_TITLES = ("監督", "コーチ", "代表", "会長", "主将", "部長", "団長", "指導者", "顧問")
# Roles whose holder is named after a place or an association: 馬瀬口区長, 旭自治会長.
_NAMED_ROLES = frozenset({"区長", "地区長", "自治会長", "町内会長", "町会長", "区長代理"})
# Staff of a shop known only by a generic or quoted name: too common to single anyone out.
_STAFF_OF = ("の職員", "のスタッフ", "の事務", "の社員", "の正社員", "の従業員", "の店員")
# Findings that say a text is about one person: their relatives are that person's.
_PERSON_KINDS = frozenset({"age", "person", "role", "school_class", "singular"})
# After a day, a deadline rather than an event (4月1日までに申請してください).
_DEADLINE = ("まで", "迄", "締切", "締め切り", "必着", "期限")
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
    family_not_before: tuple[str, ...]
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
        family_not_before=_strings(quasi, "family_not_before", quasi_src),
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


_DIGITS_BEFORE = frozenset("0123456789〇一二三四五六七八九十")
_NOT_BEFORE_SHORT_DAY = frozenset(
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz./"
)


def _digit_before(text: str, at: int) -> bool:
    """Whether a number runs into ``at`` from the left (112月 is no 12月)."""
    return at > 0 and text[at - 1] in _DIGITS_BEFORE


def kanji_number(s: str) -> int | None:
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
        # （1歳児） describing one child is an exact age; 1歳児クラス is not.
        self._age_of_child = re.compile(r"児[)）](?!が?[0-9]+(?:人|名))")
        self._age_number = re.compile(
            r"(?<![0-9.~～〜\-])([0-9]{1,3})$|(?<![〇一二三四五六七八九十百])([〇一二三四五六七八九十百]{1,5})$"
        )
        # 大字・小字・字 (字 alone only after a place or at the start of a word: not 文字).
        # The name stops where the next 大字/小字/字 begins (大字北原字東谷: two areas).
        self._aza = re.compile(r"(?:大字|小字|字)(?:(?!大字|小字|字)[" + k + r"ァ-ヶー]){1,5}")
        self._area_suffix = re.compile(r"(?:地区|集落|団地|自治会|町内会|行政区)(?![" + k + r"])")
        self._area_name_char = re.compile(r"[" + k + r"ァ-ヶー0-9〇○◯△]")
        # 第3ブロック (a patrol or a district's block), 上組（14戸） (a hamlet by its households)
        self._block_area = re.compile(r"第[0-9一二三四五六七八九十]{1,2}ブロック")
        self._hamlet_households = re.compile(
            r"[" + k + r"]{1,4}(?:組|班|集落)(?=[(（][0-9]{1,3}戸)"
        )
        # 中町3班 (a town's neighbourhood group), found from 班
        self._town_han = re.compile(r"町[0-9一二三四五六七八九十]{1,2}班")
        self._han = re.compile(r"(?:自治会|町内会)の?第?[0-9一二三四五六七八九十]{1,3}(?:班|組)")
        self._area_not = re.compile(
            r"^(?:各|全|当|同|本|他|一部|市内|町内|村内|管内|区内|対象|該当|重点|周辺|近隣|校|学校|選挙|地域|大字|字|"
            r"担当|受持|受け持ち|モデル|指定|被災|避難|山間|中山間|沿岸|農村|住宅)"
            r"(?:地区|集落|団地|自治会|町内会|行政区)$"
        )
        self._building = re.compile(
            r"(?:団地|住宅|アパート|マンション|ハイツ|コーポ)[^\n。]{0,10}?"
            r"(?<![0-9A-Za-z])([0-9A-Z]{1,3}号?棟)"
        )
        self._role_not_before = tuple(v.role_not_before)
        self._singular_place = re.compile(r"[" + k + r"]{1,4}(?:内で|で|に|内に)$")
        self._singular_what = re.compile(r"[" + k + r"ァ-ヶーA-Za-z]{1,12}(?:[(（][A-Za-z" + k + r"ァ-ヶー]{1,8}[)）])?")
        # An association's officer (町内会の会計, PTAの書記).
        self._association_officer = re.compile(
            r"(?:町内会|自治会|PTA|老人クラブ|婦人会|子ども会|育成会|区)の(?:会計|副会長|書記|監事|理事|役員|会長)"
        )
        # The coach or head of a team or club (少年野球チームの監督).
        self._team_role = re.compile(
            r"[" + k + r"ァ-ヶーA-Za-z]{0,8}(?:チーム|クラブ|少年団|サークル|教室|部|団)の"
            r"(?:監督|コーチ|代表|会長|主将|部長|団長|指導者|顧問)"
        )
        # A role as the source of what follows (民生委員から：…): the informant, not the subject.
        self._role_as_source = re.compile(
            r"(?:から|より)(?:[:：、]|の(?:連絡|報告|情報|相談|通報|電話|聞き取り)|連絡|報告|電話|聞き取り)"
        )
        self._role_org_before = re.compile(
            r"(?:[町村市区]の)?(?:(?:消防団|自主防災会|自主防災組織|自治会|町内会|婦人会|老人クラブ|"
            r"商工会議所の|商工会の|観光協会の|医師会の|商工会|育成会|子ども会|青年団|農協|漁協|森林組合|社協)"
            r"(?:[(（]?第?[0-9一二三四五六七八九十]{1,2}分団[)）]?の?)?|"
            r"[" + k + r"ァ-ヶー0-9]{1,10}(?:小学校|中学校|高等学校|高校|保育園|幼稚園|こども園|"
            r"神社|寺|教会|病院|診療所)の)$"
        )
        # An office spoken of in general or as an institution (新任校長の紹介, 各自治会長).
        self._role_not_after = re.compile(r"(?:新任|歴代|各|全|貴|御|新|次期|各地区の|各地域の)$")
        # An official named with their office in a text meant for publication is public
        # information (POLICY_DEFAULTS §1): 中野 敏之市長は…（報道発表）, 校長 西田 恭子（新任の紹介）.
        # What counts as a publication is read as for the names (detect._context).
        self._official_before = re.compile(
            r"(?:["
            + k
            + r"]{1,4}[ 　]["
            + k
            + r"ぁ-んァ-ヶー]{1,4}|[A-Z][A-Za-z]+ [A-Z][A-Za-z]+)$"
        )
        self._official_after = re.compile(
            r"[ 　]+[" + k + r"]{1,4}[ 　][" + k + r"ぁ-んァ-ヶー]{1,4}"
        )
        # Heirs of a house or a shop (三代目店主, 十五代目当主).
        self._generation = re.compile(
            r"[0-9一二三四五六七八九十]{1,3}代目"
            r"(?:の)?(?:店主|当主|社長|主人|住職|宮司|蔵元|女将|院長|園長|親方|家元|杜氏)"
        )
        self._grade_class = re.compile(
            r"[0-9一二三四五六]年生?の?[0-9一二三四五六七八九十A-Za-z]{1,2}組"
        )
        # Found from the facility word, then its name before it.
        self._nursery_class = re.compile(
            r"(?:保育園|保育所|幼稚園|こども園)\s*(?:年少|年中|年長|[0-5]歳児|[ぁ-んァ-ヶー]{2,6})(?:組|クラス)"
        )
        self._nursery_name = re.compile(r"[" + k + r"ぁ-んァ-ヶー]{1,10}$")
        self._school_before = re.compile(
            r"(?:["
            + k
            + r"〇○◯△0-9ァ-ヶー]{1,10}?|(?<![ぁ-ん])[ぁ-ん]{3,6})"
            r"(?:小学校|中学校|高等学校|高校|特別支援学校|義務教育学校|中等部|高等部|学院|学園)$"
        )
        # A named school and a grade without the class (〇〇中学校2年の女子生徒, 第二中2年):
        # a grade alone (中学2年の生徒, 小学5年生を対象に) is not one.
        self._school_grade = re.compile(
            r"(?:小学校|中学校|高等学校|高校|特別支援学校|義務教育学校|小学|中学|小|中|高)"
            r"(?:[(（][^()（）\n]{1,14}[)）])?の?"
            r"[1-6一二三四五六]年生?(?![0-9一二三四五六七八九十A-Za-z]{0,2}組|生?(?:を対象|向け|の皆|"
            r"全員|全体|以上|以下|から|まで|の保護者の皆|を中心|の各|の平均|の割合))"
        )
        self._school_name = re.compile(
            r"(?:[" + k + r"〇○◯△0-9ァ-ヶー]{1,10}|(?<![ぁ-ん])[ぁ-ん]{3,6})$"
        )
        self._short_school_name = re.compile(
            r"(?:第[一二三四五六七八九十0-9]{1,2}|[〇○◯△]{1,3}|[東西南北]|中央)$"
        )
        self._tiny_school = re.compile(r"全校(?:児童|生徒)?[0-9]{1,2}(?:人|名)")
        self._not_school_name = re.compile(
            r"(?:[市町村県区都府道国私公]立|全|各|同|本|当|他|近隣|市内|町内|村内|県内|区内|管内)$"
        )
        self._loc_before = re.compile(
            r"(?:駅前|駅の近く|駅近く|商店街|["
            + k
            + r"ァ-ヶー]{1,8}(?:の近く|の隣|の向かい|前|通り|沿い|口))"
            r"(?:の|で|に|にある|で営む)?$"
            # the only one (村内唯一の診療所, 地区に一軒だけの日用品店, 市内に残る最後の銭湯)
            r"|(?:唯一|一軒だけ|一軒しかない|ただ一つ|一つだけ|ただ一軒|最後)の$"
        )
        self._workplace_verb = re.compile(
            r"(?:" + _alt(v.workplace_verbs) + r")"
            # the rest of the verb and who runs it (を運営する業者の店長)
            r"(?:しており|している|していた|して|する|し|む|んでいる|んで|み|る|ている)?"
            r"(?:(?:業者|会社|事業者|店|法人)?の(?:店長|社長|代表|経営者|店主|主人|女将|責任者))?"
        )
        # A shop's own name between the place and the shop word (駅前の〇〇商店を経営).
        self._shop_prefix = re.compile(r"(?:[〇○◯△□×]{1,3}|[" + k + r"ァ-ヶーA-Za-z]{1,6})$")
        # A place that counts only with a verb of working there (村の製材所勤務).
        self._weak_loc_before = re.compile(
            r"(?:[町村市区]内?の|(?:集落|地区|団地|島)内?の|地元の|近所の|近くの|"
            r"[" + k + r"ァ-ヶー]{1,8}(?:で|にある))$"
        )
        # 市役所の臨時職員: a post that few hold, at a named office.
        self._post = re.compile(
            r"(?:市役所|町役場|村役場|区役所|役場|県庁|支所|出張所|公民館|保育所|保育園|幼稚園|"
            r"小学校|中学校|学校|病院|社協|社会福祉協議会|郵便局|農協|漁協|図書館)"
            r"(?:本庁舎|本庁)?の(?:臨時職員|非常勤職員|会計年度任用職員|嘱託職員|パート職員|パート|"
            r"アルバイト|用務員|清掃員|運転手|調理員|給食調理員|警備員|守衛|管理人|局長|所長|館長)"
            r"(?!を募集|の募集|募集|を対象|の皆|向け|等|など)"
        )
        self._workplace_not_before = tuple(v.workplace_not_before)
        self._shop_name = re.compile(r"[「『][^」』\n]{1,15}[」』]")
        # A form's or a note's workplace field (勤務先：〇〇建設, 勤め先は駅前の薬局).
        self._workplace_label = re.compile(
            r"(?:勤務先|勤め先|職場|就労先|就職先|勤務地|前職|現職)\s*(?:[:：]|は)\s*"
            r"([^\s、。,，()（）\n]{2,20})"
        )
        # A shop by its name alone (「喫茶ポプラ」のマスター) or any …店/…屋 run by someone
        # (日用品店を営む): with a verb of running or working there.
        self._named_shop = self._shop_name
        self._run_before_shop = re.compile(
            r"(?:経営する|経営している|営む|営んでいる|勤める|勤めている|働く|働いている)([「『][^」』\n]{1,15}[」』])"
        )
        # found from the shop word, then the name before it (a scan from every kanji is slow)
        self._any_shop_word = re.compile(r"店|屋|院|工房|教室|農場|牧場|工場|製作所")
        self._shop_name_char = re.compile(r"[" + k + r"ァ-ヶー]")
        self._company = re.compile(
            r"(?:株式会社|有限会社|工業|商店|製作所|建設|運送|水産|農園|工場|郵便局|営業所|支店|"
            r"事業所|信用金庫|銀行|製菓|食品|電機|興業|産業|組|工務店|精肉店|鮮魚店|病院|"
            r"会社|ホーム|センター|学園)"
            r"(?=に勤|で働|の社長|を経営|勤務|の局長|の所長|の工場長|の支店長|の代表|の従業員|"
            r"の社員|でパート|のパート|でアルバイト|の経営|を営)"
        )
        self._company_char = re.compile(r"[" + k + r"ァ-ヶーA-Za-z]")
        kin_words = _alt(v.kin)
        self._kin_before = re.compile(r"(?:" + kin_words + r")との?$")
        # Who lives with whom, read back from the household word to the first kin word of
        # its clause (夫を昨年亡くしてから独居, 高齢の母親と中年の息子の二人暮らし).
        self._household = re.compile(
            r"(?:[0-9一二三四五六七八九]|ふた|ひと|独)(?:人|り)暮らし|独居|同居"
        )
        self._kin_word = re.compile(kin_words)
        self._kin_modifier = re.compile(
            r"(?:高齢の|高齢な|年老いた|中年の|病弱な|寝たきりの|認知症の|障害のある|幼い|未成年の)$"
        )
        self._twins_after = re.compile(
            r"の(?:兄弟|姉妹|兄妹|姉弟|きょうだい|男児|女児|男の子|女の子|赤ちゃん|兄|弟|姉|妹)"
        )
        self._family_not_before = tuple(v.family_not_before)
        self._many_children = re.compile(r"子(?:ども|供)が?[5-9]人|[5-9]人の子")
        # A person described without a name (30代女性から, （40代男性）): personal, but
        # no quasi-identifier of the content rule (the kind ``person`` weighs nothing).
        self._persons = (
            re.compile(
                r"[0-9]{1,2}代(?:前半|後半)?の?(?:男性|女性|男児|女児|夫婦)"
                r"(?=から|より|が|は|、|[(（]|,|の方|。|で)"
            ),
            re.compile(r"[(（][0-9]{1,2}代(?:男性|女性)?[)）]"),
        )
        self._statistic = re.compile(
            r"割合|率|人口|人中|[%％]|統計|件数|平均|調査|人数|世帯数|構成比|者数|所持者|受給者証の"
        )
        # One pattern per form, each with its own first characters (an alternation of
        # forms would be tried at every character).
        self._days = (
            re.compile(r"[0-9]{1,2}月[0-9]{1,2}日(?:\([月火水木金土日]\))?"),
            # 三月十五日に入院
            re.compile(r"[一二三四五六七八九十]{1,2}月[〇一二三四五六七八九十]{1,3}日"),
            # 先月20日に逮捕, 同月3日付で転出
            re.compile(r"(?:先月|今月|前月|同月|翌月|先々月)[0-9]{1,2}日(?:\([月火水木金土日]\))?"),
            # 来年3月末で退職: the end of a month stands in for the day
            # (a year word before it is read as for every day: _year_before)
            re.compile(r"[0-9]{1,2}月末日?"),
        )
        # An exact day and an hour (8月2日 15時ごろ、…): an incident report, not a notice.
        self._hour_after = re.compile(
            r"(?:\([月火水木金土日]\))? ?(?:午前|午後)?[0-9]{1,2}(?:時|:[0-9]{2})(?:[0-9]{1,2}分)?"
            r"(?:ごろ|頃|過ぎ|すぎ)?(?:に|、|,)"
        )
        # R6.4.3に転入, 2024/4/3に入院: only right before the event, and not an office's
        # routine (R7.4.10 訪問 heads a case-record entry).
        self._short_days = (
            re.compile(r"[0-9]{1,2}/[0-9]{1,2}(?![0-9/])"),
            re.compile(
                r"(?:[RHS]|令和?|平成?|昭和?)[0-9元]{1,2}[./][0-9]{1,2}[./][0-9]{1,2}(?![0-9./])"
            ),
            re.compile(r"[12][09][0-9]{2}[./-][0-9]{1,2}[./-][0-9]{1,2}(?![0-9./-])"),
        )
        routine = ("来所", "来庁", "相談", "訪問", "面談", "申請", "通報", "受診")
        self._short_event_after = re.compile(
            r"(?:\([月火水木金土日]\))?(?:に|付で|付けで|付け|から|、|\s)?(?:"
            + _alt(w for w in v.events if w not in routine)
            + r")"
        )
        # R7.10.3 自宅で転倒: a few words between, none of them an office's routine.
        self._short_event_near = re.compile(
            r"(?:\([月火水木金土日]\))?[ 　]?(?:夜|朝|夕方|深夜|未明|午前|午後)?[^。\n]{0,10}?(?:"
            + _alt(w for w in v.events if w not in routine)
            + r")"
        )
        self._routine = re.compile(_alt(routine))
        self._event_after = re.compile(
            r"(?:に|、|付で|付けで|から|頃に|ごろに|夜に|朝に|午前に|午後に)?[^。\n]{0,28}?(?:"
            + _alt(v.events)
            + r")"
        )
        # A general audience or an office's notice (4月1日に転入した方は, 4月1日から申請を受け付けます).
        self._event_audience = re.compile(
            r"[^。\n]{0,8}?(?:方(?:は|へ|に|を|が|も|の|で)|方々|皆さ|受け付け|受付|募集|を開始|開催|"
            r"患者の|患者へ|患者は|者の皆|者全員|を制限|を休止|ください|下さい|願います)"
        )
        # 一時保護（令和7年11月1日）, 退院予定：令和8年12月18日, 審判期日 令和9年1月14日
        self._event_before = re.compile(
            r"(?:" + _alt(v.events) + r")(?:予定日?|期日|予定|日)?\s*(?:[(（]|[:：]\s*|[ 　]+)$"
        )
        self._year_before = re.compile(
            r"(?:(?:令和|平成|昭和|R|H|S)?[0-9元]{1,4}年|昨年|去年|今年|本年|同年|翌年|前年|一昨年|来年)の?$"
        )
        self._kins = (
            re.compile(
                r"(?:さん|様|さま|氏|くん|君|ちゃん|殿)(?:宅|方|家|のところ|んとこ)?の(?:"
                + kin_words
                + r")(?:の(?:"
                + kin_words
                + r"))?"
            ),
            # a placeholder of a name stands for the name (〔氏名1〕の長男); of an address or an
            # area it does not (〔住所2〕の長男 is someone's son there, weighed as the area)
            re.compile(r"〕の(?:" + kin_words + r")(?:の(?:" + kin_words + r"))?"),
        )
        # The head of a named office (総務課長, 税務課長): one person in the organisation.
        self._office_head = re.compile(
            r"(?<![" + k + r"ァ-ヶー])[" + k + r"ァ-ヶー]{1,8}?(?:課長|部長|局長|所長|室長|署長|支所長|センター長|事務局長)"
            r"(?![" + k + r"]|補佐|代理)"
        )
        self._office_not = re.compile(r"^(?:担当|各|全|関係|所管|主管|当該|同|本|前任|新任|歴代|副|次)")
        # 町役場の税務課に採用: a post in a small organisation.
        self._section_post = re.compile(
            r"(?:市役所|町役場|村役場|区役所|役場|県庁|支所)の[" + k + r"]{1,6}(?:課|係|室|センター)"
            r"(?:に|へ|で)(?:採用|配属|異動|勤務|勤め)"
        )
        # A school's club and grade (第一中学校の野球部3年): a handful of pupils.
        self._club_grade = re.compile(
            r"(?:小学校|中学校|高校|高等学校)の[" + k + r"ァ-ヶーA-Za-z]{1,8}部の?[1-6一二三四五六]年生?"
        )
        # Kin of the head of a named office (総務課長の長女): one person in the organisation.
        self._office_kin = re.compile(
            r"[" + k + r"]{1,6}(?:課長|部長|局長|所長|室長|署長|支所長|センター長|事務局長)"
            r"(?:[(（][^()（）\n]{1,12}[)）])?の(?:" + kin_words + r")"
        )
        # Kin of kin (長男の嫁, 夫の母): one person even without a name. Kin of a person
        # described without a name (保護者の父, 男児の母親): the kin word.
        self._described_before = re.compile(
            r"(?:保護者|本人|対象者|当事者|対象児|男児|女児|園児|児童|生徒|女子生徒|男子生徒|"
            r"世帯主|被保護者|申請者|申込者|入所者|男性|女性|高齢者|被害者|加害者|相談者|利用者|"
            r"来所者|患者|受給者|要支援者|要介護者|契約者|納税者|滞納者|被保険者|通報者|当該職員|"
            r"同職員|職員本人|転入者|死亡者|被相続人)$"
        )
        self._audience_after = re.compile(
            r"の皆|の方々|向け|を対象|も対象|など|等|または|又は|もしくは|や(?:母|父)|・(?:母|父)"
        )
        self._compound_char = re.compile(r"[" + k + r"]")
        self._role_kin = re.compile(
            r"(?:さん|氏)?(?:[(（][^()（）\n]{1,12}[)）])?の(?:" + kin_words + r")"
        )
        self._kin_name = re.compile(
            r"(?:〔[^〔〕\n]{1,8}〕|[〇○◯△□×]{1,3}|["
            + k
            + r"]{1,4}|[ァ-ヶー]{2,8}|[A-Z][A-Za-z]{1,12})$"
        )
        self._general_kin = frozenset(
            ("家族", "ご家族", "親戚", "子ども", "子供", "お子さん", "同居人", "両親", "ご両親")
        )
        self._kin_not = re.compile(r"(?:皆|客|お客|患者|住民|利用者|相談者|先方|他)")
        # Kin right after a name the name recognizer found, with what may stand between:
        # an honorific, a title, a parenthesis, 家/宅 (佐藤花子の長男, 佐藤課長の奥さん,
        # 鈴木さん（72歳）の息子, 佐藤家の次男, Aさんの母親).
        self._kin_after_name = re.compile(
            r"(?:さん|様|さま|氏|くん|君|ちゃん|殿)?"
            r"(?:[" + k + r"]{0,3}(?:課長|部長|係長|所長|局長|校長|園長|館長|院長|社長|会長|"
            r"議員|委員|先生|主任|主査|主事|担当|室長|次長|店長|組合長|自治会長|区長))?"
            r"(?:[(（][^()（）\n]{1,14}[)）])?"
            r"(?:宅|方|家|のところ|んとこ)?の(?:"
            + kin_words
            + r")(?:の(?:"
            + kin_words
            + r"))?"
        )
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
            if s == 0:
                continue
            if self._age_not_after.match(text, m.end()) and not self._age_of_child.match(
                text, m.end()
            ):
                continue
            number = self._age_number.search(text, max(0, s - 5), s)
            if number is None:
                continue
            value = int(number.group(1)) if number.group(1) else kanji_number(number.group(2))
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
        publication: bool | None = None  # read once, only when an official is named
        for s, e in words.get("role", ()):
            if text.startswith(self._role_not_before, e):
                continue
            source = self._role_as_source.match(text, e) is not None
            if self._official_before.search(text, max(0, s - 16), s) or self._official_after.match(
                text, e
            ):
                if publication is None:
                    publication = is_publication(text)
                if publication:
                    continue
            if self._role_not_after.search(text, max(0, s - 5), s):
                continue
            # The body the office belongs to (町の消防団分団長, 市立北小学校のPTA会長).
            org = self._role_org_before.search(text, max(0, s - 20), s)
            if org is not None:
                s = org.start()
            elif text[s:e] in _NAMED_ROLES:
                # a hamlet's own 区 (馬瀬口区長), an association's name (旭自治会長)
                lead = s
                while lead > 0 and s - lead < 5 and _is_kanji(text[lead - 1]):
                    lead -= 1
                if lead < s and (lead == 0 or not _is_kanji(text[lead - 1])):
                    s = lead
            if s > 0 and text[s - 1] in "元前現旧":
                s -= 1
            # the informant of what follows (民生委員から：…) is reported, not weighed
            yield Candidate(
                TYPE, s, e, _SCORE, "role", False, {"detail": "source"} if source else {}
            )
            # Kin of the office holder (元町長の妻): kin of a uniquely described person.
            kin = self._role_kin.match(text, e)
            if kin is not None:
                yield Candidate(TYPE, s, kin.end(), _SCORE, "kin", False)
        for m in self._generation.finditer(text):
            if not _digit_before(text, m.start()):
                yield self._cand(m, "role")
        for m in self._grade_class.finditer(text):
            s = m.start()
            if _digit_before(text, s):
                continue
            school = self._school_before.search(text, max(0, s - 16), s)
            yield Candidate(
                TYPE, school.start() if school else s, m.end(), _SCORE, "school_class", False
            )
        for m in self._nursery_class.finditer(text):
            name = self._nursery_name.search(text, max(0, m.start() - 10), m.start())
            if name is not None:
                yield Candidate(TYPE, name.start(), m.end(), _SCORE, "school_class", False)
        for m in self._school_grade.finditer(text):
            s = m.start()
            name = self._school_name.search(text, max(0, s - 10), s)
            if name is None:
                continue
            # 村立小学校 (a village has one) and a school of a handful of pupils
            # (全校児童18人) are as good as named.
            tiny = self._tiny_school.search(text, s, m.end()) is not None
            # (a town has one high school, often one junior high: 町立高校の2年)
            public = text[name.start() : s]
            if (
                self._not_school_name.fullmatch(text, name.start(), s)
                and public != "村立"
                and not (public == "町立" and text.startswith(("高校", "中学校", "高等学校"), s))
                and not tiny
            ):
                continue
            if (
                text[s] in "小中高"
                and not text.startswith(("小学", "中学", "高校", "高等学校"), s)
                and not self._short_school_name.search(text, name.start(), s)
            ):
                continue  # 第二中2年, 〇〇中2年; not 文中2年
            yield Candidate(TYPE, name.start(), m.end(), _SCORE, "school_class", False)
        yield from self._workplaces(text, words.get("workplace", ()))
        for s, e in words.get("family", ()):
            if text.startswith(self._family_not_before, e):
                continue
            kin = self._kin_before.search(text, max(0, s - 8), s)
            if text[e - 1] in "子児" or text.endswith("双生児", s, e):
                twins = self._twins_after.match(text, e)
                e = twins.end() if twins else e
            yield Candidate(TYPE, kin.start() if kin else s, e, _SCORE, "family", False)
        for m in self._household.finditer(text):
            if text.startswith(self._family_not_before, m.end()):
                continue
            first = self._clause_kin(text, m.start())
            if first is not None:
                yield Candidate(TYPE, first, m.end(), _SCORE, "family", False)
        yield from self._each(self._many_children, text, "family")
        for s, e in words.get("singular", ()):
            if not text.startswith(self._singular_not_before, e):
                # with the place and the one described (村でただ一人の外国語指導助手（ALT）)
                place = self._singular_place.search(text, max(0, s - 6), s)
                what = self._singular_what.match(text, e) if text[e - 1] == "の" else None
                yield Candidate(
                    TYPE,
                    place.start() if place else s,
                    what.end() if what else e,
                    _SCORE,
                    "singular",
                    False,
                )
        for s, e in words.get("matter", ()):
            if not text.startswith(self._matter_not_before, e):
                yield Candidate(TYPE, s, e, _SCORE, "matter", False)
        for m in (m for p in self._persons for m in p.finditer(text)):
            if _digit_before(text, m.start()):
                continue
            lo = max(text.rfind("。", max(0, m.start() - 80), m.start()) + 1, m.start() - 80)
            hi_end = text.find("。", m.end(), m.end() + 80)
            hi = hi_end if hi_end >= 0 else min(len(text), m.end() + 80)
            if self._statistic.search(text, lo, hi) is None:
                yield Candidate(TYPE, m.start(), m.end(), _SCORE, "person", True)
        for m in (m for day in self._days for m in day.finditer(text)):
            if _digit_before(text, m.start()):
                continue
            if text.startswith(_DEADLINE, m.end()):
                continue  # 4月1日までに申請: a deadline
            event = self._event_after.match(text, m.end())
            if event is None:
                event = self._hour_after.match(text, m.end())
            if event is None:
                # 一時保護（令和7年11月1日）の経過: the event before the bracketed day
                y = self._year_before.search(text, max(0, m.start() - 8), m.start())
                at = y.start() if y else m.start()
                before = self._event_before.search(text, max(0, at - 16), at)
                if before is None or (
                    before.group().rstrip()[-1:] in "(（" and not text.startswith(("）", ")"), m.end())
                ):
                    continue
            elif self._event_audience.match(text, event.end()):
                continue
            s = m.start()
            year = self._year_before.search(text, max(0, s - 8), s)
            yield Candidate(TYPE, year.start() if year else s, m.end(), _SCORE, "event_date", False)
        for m in (m for day in self._short_days for m in day.finditer(text)):
            if m.start() > 0 and text[m.start() - 1] in _NOT_BEFORE_SHORT_DAY:
                continue
            event = self._short_event_after.match(text, m.end())
            if event is None:
                event = self._short_event_near.match(text, m.end())
                if event is not None and self._routine.search(text, m.end(), event.end()):
                    event = None  # R7.4.10 訪問、転倒の話: the visit's date, not the fall's
            if event is not None and not self._event_audience.match(text, event.end()):
                yield self._cand(m, "event_date")
        for m in (m for kin in self._kins for m in kin.finditer(text)):
            s = m.start() + (text[m.start()] == "〕")
            name = self._kin_name.search(text, max(0, s - 12), s)
            if name is None or self._kin_not.match(text, name.start()):
                continue
            if text[name.start()] == "〔" and not text.startswith("〔氏名", name.start()):
                continue  # 〔住所2〕の長男: a placeholder of a place, not of a person
            if name.start() > 0 and text[name.start() - 1] in "おご":
                continue  # お子さんの父, お母さんの妹: a kin word, not a name
            yield Candidate(TYPE, name.start(), m.end(), _SCORE, "kin", False)
        yield from self._unnamed_kin(text)
        for m in self._office_head.finditer(text) if "長" in text else ():
            if self._office_not.match(m.group()) or text.startswith(self._role_not_before, m.end()):
                continue
            if publication is None:
                publication = is_publication(text)
            if not publication:
                s = m.start() - (m.start() > 0 and text[m.start() - 1] in "元前")
                yield Candidate(TYPE, s, m.end(), _SCORE, "role", False)
        if any(w in text for w in _TEAM_TITLES):
            for m in self._team_role.finditer(text):
                yield self._cand(m, "role")
        for m in self._association_officer.finditer(text):
            yield self._cand(m, "role")
        # 経営する「山中土木」: the verb before the shop's name
        for m in self._run_before_shop.finditer(text):
            yield Candidate(TYPE, m.start(1), m.end(1), _SCORE, "workplace", False, {"detail": "run"})
        for m in self._section_post.finditer(text):
            yield self._cand(m, "workplace")
        for m in self._club_grade.finditer(text):
            name = self._school_name.search(text, max(0, m.start() - 10), m.start())
            yield Candidate(
                TYPE, name.start() if name else m.start(), m.end(), _SCORE, "school_class", False
            )
        for m in self._office_kin.finditer(text):
            if m.group().startswith(("各", "全", "歴代", "新任")):
                continue
            yield self._cand(m, "kin")
        for s, e in words.get("rare_condition", ()):
            if COUNT_AFTER.match(text, e) or self._in_statistic(text, s, e):
                continue  # 潰瘍性大腸炎 412人, 指定難病の受給者数: a statistic, nobody's condition
            yield Candidate(TYPE, s, e, _SCORE, "rare_condition", False)

    def kin_in_context(self, text: str, cands: Sequence[Candidate]) -> Iterator[Candidate]:
        """Kin read with the other recognizers' findings.

        After a name the name recognizer found (佐藤花子の長男, 佐藤課長の奥さん): from the
        name to the relation word, as the honorific form. And, in a text about a person —
        a name, an exact age, a described person or a role — every relation word standing
        on its own is that person's relative (妻（76歳）と二人暮らし。妻は自治会の副会長):
        not in a compound (母子手帳, 夫婦, 実母), not an audience (父親の皆様).
        """
        general = self._general_kin
        found: list[tuple[int, int]] = []
        for n in cands:
            if n.type != "PERSON_NAME":
                continue
            m = self._kin_after_name.match(text, n.end)
            if m is None:
                continue
            kin = self._kin_word.search(text, m.start(), m.end())
            if kin is not None and kin.group() in general and kin.end() == m.end():
                continue  # 佐藤さんのご家族: the family as a whole is nobody in particular
            found.append((n.start, m.end()))
            yield Candidate(TYPE, n.start, m.end(), _SCORE, "kin", False)
        if not any(
            (c.type == "PERSON_NAME" and c.personal)
            or (c.type == TYPE and c.category in _PERSON_KINDS)
            for c in cands
        ):
            return
        # (inside another description — 長男と二人暮らし, 元町長の妻 — it is that one's)
        found += [(c.start, c.end) for c in cands if c.type == TYPE]
        for m in self._kin_word.finditer(text):
            s, e = m.span()
            if m.group() in general or any(a <= s and e <= b for a, b in found):
                continue
            if (s > 0 and self._compound_char.match(text, s - 1)) or (
                e < len(text) and self._compound_char.match(text, e)
            ):
                continue
            if self._audience_after.match(text, e):
                continue
            # a relative of an unnamed person (夫の失業): weighed as ``kin_described``
            yield Candidate(TYPE, s, e, _SCORE, "kin", False, {"detail": "described"})

    def _in_statistic(self, text: str, s: int, e: int) -> bool:
        lo = max(text.rfind("。", max(0, s - 80), s) + 1, s - 80)
        hi_end = text.find("。", e, e + 80)
        hi = hi_end if hi_end >= 0 else min(len(text), e + 80)
        return self._statistic.search(text, lo, hi) is not None

    def _unnamed_kin(self, text: str) -> Iterator[Candidate]:
        """Kin of kin (長男の嫁, 夫の母) and kin of a described person (保護者の父)."""
        general = self._general_kin
        spans = [m.span() for m in self._kin_word.finditer(text)]
        for i, (s, e) in enumerate(spans):
            if text[s:e] in general:
                continue
            if i + 1 < len(spans) and spans[i + 1][0] == e + 1 and text[e] == "の":
                s2, e2 = spans[i + 1]
                if text[s2:e2] not in general:
                    yield Candidate(TYPE, s, e2, _SCORE, "kin", False)
            elif "の" in text[s:e]:
                yield Candidate(TYPE, s, e, _SCORE, "kin", False)  # 長男の嫁 as one word
            if (
                s > 1
                and text[s - 1] == "の"
                and self._described_before.search(text, max(0, s - 6), s - 1)
                and not self._audience_after.match(text, e)
            ):
                yield Candidate(TYPE, s, e, _SCORE, "kin", False)

    def _clause_kin(self, text: str, at: int) -> int | None:
        """The first kin word of the clause that ends at ``at`` (at most 24 characters back)."""
        lo = at
        while lo > 0 and at - lo < 24 and text[lo - 1] not in "。、，,（()）\n「」：:;；・":
            lo -= 1
        kin = self._kin_word.search(text, lo, at)
        if kin is None or kin.group() in self._general_kin:
            return None
        mod = self._kin_modifier.search(text, max(lo, kin.start() - 6), kin.start())
        return mod.start() if mod else kin.start()

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
        for m in self._block_area.finditer(text):
            yield self._cand(m, "area")
        if "戸" in text:
            for m in self._hamlet_households.finditer(text):
                yield self._cand(m, "area")
        for m in self._town_han.finditer(text):
            s = m.start()
            while s > 0 and m.start() - s < 4 and _is_kanji(text[s - 1]):
                s -= 1
            if s < m.start():
                yield Candidate(TYPE, s, m.end(), _SCORE, "area", False)
        for m in self._han.finditer(text):
            # with the association's own name (旭町内会第3班)
            s = m.start()
            while s > 0 and m.start() - s < 8 and self._area_name_char.match(text, s - 1):
                s -= 1
            yield Candidate(TYPE, s, m.end(), _SCORE, "area", False)
        for m in self._building.finditer(text):
            yield Candidate(TYPE, m.start(1), m.end(1), _SCORE, "area", False)

    def _workplaces(self, text: str, shops: Iterable[tuple[int, int]]) -> Iterator[Candidate]:
        covered: list[tuple[int, int]] = []
        for s, e in shops:
            if text.startswith(self._workplace_not_before, e):
                continue
            # Inside the shop's own name (「ひまわり薬局」の薬剤師): the name is the shop.
            if e < len(text) and text[e] in "」』":
                opening = max(text.rfind("「", max(0, s - 15), s), text.rfind("『", max(0, s - 15), s))
                if opening >= 0:
                    s, e = opening, e + 1
            # Running or working there (鍛冶屋を営む) singles the person out; a place
            # alone (駅前のパン屋) may be a customer's; neither: no finding (パン屋で買い物).
            # The shop's own name may come between (老舗旅館「○○館」の女将, 〇〇商店).
            after = self._shop_name.match(text, e)
            verb = self._workplace_verb.match(text, after.end() if after else e)
            run = verb is not None
            lead = s
            prefix = self._shop_prefix.search(text, max(0, s - 6), s)
            loc = self._loc_before.search(text, max(0, s - 14), s)
            if loc is None and prefix is not None:
                loc = self._loc_before.search(text, max(0, prefix.start() - 14), prefix.start())
                if loc is not None:
                    lead = prefix.start()
            if loc is None and run:
                loc = self._weak_loc_before.search(text, max(0, lead - 10), lead)
            if not run and loc is None:
                continue
            meta = {"detail": "run"} if run else {}
            start = loc.start() if loc else lead
            end = verb.end() if verb else (after.end() if after else e)
            covered.append((start, end))
            yield Candidate(TYPE, start, end, _SCORE, "workplace", False, meta)
        spans = [m.span() for m in self._named_shop.finditer(text)]
        for m in self._any_shop_word.finditer(text):
            s = m.start()
            while s > 0 and m.start() - s < 5 and self._shop_name_char.match(text, s - 1):
                s -= 1
            if s < m.start():
                spans.append((s, m.end()))
        if spans:
            for s, e in spans:
                if any(a <= s < b for a, b in covered):
                    continue
                verb = self._workplace_verb.match(text, e)
                if (
                    verb is None
                    or verb.group().startswith(_STAFF_OF)
                    or self._audience_after.match(text, verb.end())
                    or text.startswith(("向け", "募集", "を募集"), verb.end())
                ):
                    continue  # 「広報やいづ」の職員向け, 本店の職員: staff of something
                loc = self._loc_before.search(text, max(0, s - 14), s) or (
                    self._weak_loc_before.search(text, max(0, s - 10), s)
                )
                start = loc.start() if loc else s
                covered.append((start, verb.end()))
                yield Candidate(TYPE, start, verb.end(), _SCORE, "workplace", False, {"detail": "run"})
        for m in self._company.finditer(text):
            s = m.start()
            while s > 0 and m.start() - s < 12 and self._company_char.match(text, s - 1):
                s -= 1
            while s > 0 and m.start() - s < 12 and text[s - 1] in "〇○◯△□×":
                s -= 1
            if s < m.start() or m.group() in ("株式会社", "有限会社"):
                verb = self._workplace_verb.match(text, m.end())
                end = verb.end() if verb else m.end()
                yield Candidate(TYPE, s, end, _SCORE, "workplace", False, {"detail": "run"})
        for m in self._post.finditer(text):
            yield Candidate(TYPE, m.start(), m.end(), _SCORE, "workplace", False)
        for m in self._workplace_label.finditer(text):
            value = m.group(1)
            if value in ("なし", "無し", "無職", "未定", "不明", "特になし", "自営", "記入なし"):
                continue
            s, e = m.span(1)
            yield Candidate(TYPE, s, e, _SCORE, "workplace", False, {"detail": "run"})

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


def _is_kanji(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or ch in "々〆ヶ"
