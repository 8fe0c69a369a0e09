"""Quasi-identifiers of position: public offices and unique roles, school classes."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from hinagata.detect._quasi_base import (
    KANJI,
    SCORE,
    TYPE,
    Publication,
    cand,
    digit_before,
    is_kanji,
)
from hinagata.detect._quasi_vocabulary import QuasiVocabulary
from hinagata.detect._types import Candidate

_TEAM_TITLES = ("監督", "コーチ", "代表", "会長", "主将", "部長", "団長", "指導者", "顧問")
# Roles whose holder is named after a place or an association: 馬瀬口区長, 旭自治会長.
_NAMED_ROLES = frozenset({"区長", "地区長", "自治会長", "町内会長", "町会長", "区長代理"})


class Roles:
    """Public offices and unique roles, current or former (町長, 元町議会議員, 民生委員)."""

    def __init__(self, v: QuasiVocabulary, kin_words: str) -> None:
        k = KANJI
        self._role_not_before = tuple(v.role_not_before)
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
        # The head of a named office (総務課長, 税務課長): one person in the organisation.
        self._office_head = re.compile(
            r"(?<!["
            + k
            + r"ァ-ヶー])["
            + k
            + r"ァ-ヶー]{1,8}?(?:課長|部長|局長|所長|室長|署長|支所長|センター長|事務局長)"
            r"(?![" + k + r"]|補佐|代理)"
        )
        self._office_not = re.compile(
            r"^(?:担当|各|全|関係|所管|主管|当該|同|本|前任|新任|歴代|副|次)"
        )
        self._role_kin = re.compile(
            r"(?:さん|氏)?(?:[(（][^()（）\n]{1,12}[)）])?の(?:" + kin_words + r")"
        )

    def find(
        self, text: str, spans: Iterable[tuple[int, int]], pub: Publication
    ) -> Iterator[Candidate]:
        """Roles from the word list, with their body and a kin after them."""
        for s, e in spans:
            if text.startswith(self._role_not_before, e):
                continue
            source = self._role_as_source.match(text, e) is not None
            if (
                self._official_before.search(text, max(0, s - 16), s)
                or self._official_after.match(text, e)
            ) and pub.value():
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
                while lead > 0 and s - lead < 5 and is_kanji(text[lead - 1]):
                    lead -= 1
                if lead < s and (lead == 0 or not is_kanji(text[lead - 1])):
                    s = lead
            if s > 0 and text[s - 1] in "元前現旧":
                s -= 1
            # the informant of what follows (民生委員から：…) is reported, not weighed
            yield Candidate(
                TYPE, s, e, SCORE, "role", False, {"detail": "source"} if source else {}
            )
            # Kin of the office holder (元町長の妻): kin of a uniquely described person.
            kin = self._role_kin.match(text, e)
            if kin is not None:
                yield Candidate(TYPE, s, kin.end(), SCORE, "kin", False)

    def generations(self, text: str) -> Iterator[Candidate]:
        for m in self._generation.finditer(text):
            if not digit_before(text, m.start()):
                yield cand(m, "role")

    def office_heads(self, text: str, pub: Publication) -> Iterator[Candidate]:
        for m in self._office_head.finditer(text) if "長" in text else ():
            if self._office_not.match(m.group()) or text.startswith(self._role_not_before, m.end()):
                continue
            if not pub.value():
                s = m.start() - (m.start() > 0 and text[m.start() - 1] in "元前")
                yield Candidate(TYPE, s, m.end(), SCORE, "role", False)

    def teams(self, text: str) -> Iterator[Candidate]:
        if any(w in text for w in _TEAM_TITLES):
            for m in self._team_role.finditer(text):
                yield cand(m, "role")
        for m in self._association_officer.finditer(text):
            yield cand(m, "role")


class Schools:
    """School + grade + class (市立第二中学校3年1組); a named school + grade (第二中2年)."""

    def __init__(self) -> None:
        k = KANJI
        self._grade_class = re.compile(
            r"[0-9一二三四五六]年生?の?[0-9一二三四五六七八九十A-Za-z]{1,2}組"
        )
        # Found from the facility word, then its name before it.
        self._nursery_class = re.compile(
            r"(?:保育園|保育所|幼稚園|こども園)\s*(?:年少|年中|年長|[0-5]歳児|[ぁ-んァ-ヶー]{2,6})(?:組|クラス)"
        )
        self._nursery_name = re.compile(r"[" + k + r"ぁ-んァ-ヶー]{1,10}$")
        self._school_before = re.compile(
            r"(?:[" + k + r"〇○◯△0-9ァ-ヶー]{1,10}?|(?<![ぁ-ん])[ぁ-ん]{3,6})"
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
        # A school's club and grade (第一中学校の野球部3年): a handful of pupils.
        self._club_grade = re.compile(
            r"(?:小学校|中学校|高校|高等学校)の["
            + k
            + r"ァ-ヶーA-Za-z]{1,8}部の?[1-6一二三四五六]年生?"
        )

    def classes(self, text: str) -> Iterator[Candidate]:
        for m in self._grade_class.finditer(text):
            s = m.start()
            if digit_before(text, s):
                continue
            school = self._school_before.search(text, max(0, s - 16), s)
            yield Candidate(
                TYPE, school.start() if school else s, m.end(), SCORE, "school_class", False
            )
        for m in self._nursery_class.finditer(text):
            name = self._nursery_name.search(text, max(0, m.start() - 10), m.start())
            if name is not None:
                yield Candidate(TYPE, name.start(), m.end(), SCORE, "school_class", False)
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
            yield Candidate(TYPE, name.start(), m.end(), SCORE, "school_class", False)

    def club_grades(self, text: str) -> Iterator[Candidate]:
        for m in self._club_grade.finditer(text):
            name = self._school_name.search(text, max(0, m.start() - 10), m.start())
            yield Candidate(
                TYPE, name.start() if name else m.start(), m.end(), SCORE, "school_class", False
            )
