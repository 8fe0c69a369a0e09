"""Quasi-identifiers of work: a workplace or shop with a place or a verb, a rare post."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from hinagata.detect._quasi_base import (
    KANJI,
    SCORE,
    TYPE,
    alt,
    cand,
)
from hinagata.detect._quasi_vocabulary import QuasiVocabulary
from hinagata.detect._types import Candidate

# Staff of a shop known only by a generic or quoted name: too common to single anyone out.
_STAFF_OF = ("の職員", "のスタッフ", "の事務", "の社員", "の正社員", "の従業員", "の店員")


class Workplaces:
    """A workplace or shop with a place or a verb (駅前のパン屋, 鍛冶屋を営む)."""

    def __init__(self, v: QuasiVocabulary, audience_after: re.Pattern[str]) -> None:
        k = KANJI
        self._loc_before = re.compile(
            r"(?:駅前|駅の近く|駅近く|商店街|["
            + k
            + r"ァ-ヶー]{1,8}(?:の近く|の隣|の向かい|前|通り|沿い|口))"
            r"(?:の|で|に|にある|で営む)?$"
            # the only one (村内唯一の診療所, 地区に一軒だけの日用品店, 市内に残る最後の銭湯)
            r"|(?:唯一|一軒だけ|一軒しかない|ただ一つ|一つだけ|ただ一軒|最後)の$"
        )
        self._workplace_verb = re.compile(
            r"(?:" + alt(v.workplace_verbs) + r")"
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
        # 町役場の税務課に採用: a post in a small organisation.
        self._section_post = re.compile(
            r"(?:市役所|町役場|村役場|区役所|役場|県庁|支所)の["
            + k
            + r"]{1,6}(?:課|係|室|センター)"
            r"(?:に|へ|で)(?:採用|配属|異動|勤務|勤め)"
        )
        self._audience_after = audience_after

    def find(self, text: str, shops: Iterable[tuple[int, int]]) -> Iterator[Candidate]:
        covered: list[tuple[int, int]] = []
        yield from self._listed(text, shops, covered)
        yield from self._run_shops(text, covered)
        yield from self._companies_and_posts(text)

    def _listed(
        self, text: str, shops: Iterable[tuple[int, int]], covered: list[tuple[int, int]]
    ) -> Iterator[Candidate]:
        """Shops of the word list, with a place before or a verb after them."""
        for s, e in shops:
            if text.startswith(self._workplace_not_before, e):
                continue
            # Inside the shop's own name (「ひまわり薬局」の薬剤師): the name is the shop.
            if e < len(text) and text[e] in "」』":
                opening = max(
                    text.rfind("「", max(0, s - 15), s), text.rfind("『", max(0, s - 15), s)
                )
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
            yield Candidate(TYPE, start, end, SCORE, "workplace", False, meta)

    def _run_shops(self, text: str, covered: list[tuple[int, int]]) -> Iterator[Candidate]:
        """A shop by its name alone or any …店/…屋, with a verb of running or working there."""
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
                yield Candidate(
                    TYPE, start, verb.end(), SCORE, "workplace", False, {"detail": "run"}
                )

    def _companies_and_posts(self, text: str) -> Iterator[Candidate]:
        """A company with a verb, a post at a named office, a form's workplace field."""
        for m in self._company.finditer(text):
            s = m.start()
            while s > 0 and m.start() - s < 12 and self._company_char.match(text, s - 1):
                s -= 1
            while s > 0 and m.start() - s < 12 and text[s - 1] in "〇○◯△□×":
                s -= 1
            if s < m.start() or m.group() in ("株式会社", "有限会社"):
                verb = self._workplace_verb.match(text, m.end())
                end = verb.end() if verb else m.end()
                yield Candidate(TYPE, s, end, SCORE, "workplace", False, {"detail": "run"})
        for m in self._post.finditer(text):
            yield Candidate(TYPE, m.start(), m.end(), SCORE, "workplace", False)
        for m in self._workplace_label.finditer(text):
            value = m.group(1)
            if value in ("なし", "無し", "無職", "未定", "不明", "特になし", "自営", "記入なし"):
                continue
            s, e = m.span(1)
            yield Candidate(TYPE, s, e, SCORE, "workplace", False, {"detail": "run"})

    def named_posts(self, text: str) -> Iterator[Candidate]:
        # 経営する「山中土木」: the verb before the shop's name
        for m in self._run_before_shop.finditer(text):
            yield Candidate(
                TYPE, m.start(1), m.end(1), SCORE, "workplace", False, {"detail": "run"}
            )
        for m in self._section_post.finditer(text):
            yield cand(m, "workplace")
