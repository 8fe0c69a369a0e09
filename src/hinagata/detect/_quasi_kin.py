"""Quasi-identifiers of kinship: unusual family composition, kin of a named or described person."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence

from hinagata.detect._quasi_base import (
    KANJI,
    SCORE,
    TYPE,
    alt,
    cand,
    each,
)
from hinagata.detect._quasi_vocabulary import QuasiVocabulary
from hinagata.detect._recognizer import required_words
from hinagata.detect._types import Candidate

# Findings that say a text is about one person: their relatives are that person's.
_PERSON_KINDS = frozenset({"age", "person", "role", "school_class", "singular"})


class Kin:
    """Kin of a named or described person (佐藤さんの奥さん, 保護者の父), kin of kin (長男の嫁)."""

    def __init__(self, v: QuasiVocabulary) -> None:
        k = KANJI
        kin_words = alt(v.kin)
        self.kin_words = kin_words
        self._kin_word = re.compile(kin_words)
        self._kin_modifier = re.compile(
            r"(?:高齢の|高齢な|年老いた|中年の|病弱な|寝たきりの|認知症の|障害のある|幼い|未成年の)$"
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
        # Kin of the head of a named office (総務課長の長女): one person in the organisation.
        self._office_kin = re.compile(
            r"[" + k + r"]{1,6}(?:課長|部長|局長|所長|室長|署長|支所長|センター長|事務局長)"
            r"(?:[(（][^()（）\n]{1,12}[)）])?の(?:" + kin_words + r")"
        )
        self._office_titles = required_words(self._office_kin)
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
            r"(?:宅|方|家|のところ|んとこ)?の(?:" + kin_words + r")(?:の(?:" + kin_words + r"))?"
        )

    @property
    def audience_after(self) -> re.Pattern[str]:
        return self._audience_after

    def named(self, text: str) -> Iterator[Candidate]:
        """Kin after a name, an honorific or a placeholder (佐藤さんの奥さん, 〔氏名1〕の長男)."""
        for m in (m for kin in self._kins for m in kin.finditer(text)):
            s = m.start() + (text[m.start()] == "〕")
            name = self._kin_name.search(text, max(0, s - 12), s)
            if name is None or self._kin_not.match(text, name.start()):
                continue
            if text[name.start()] == "〔" and not text.startswith("〔氏名", name.start()):
                continue  # 〔住所2〕の長男: a placeholder of a place, not of a person
            if name.start() > 0 and text[name.start() - 1] in "おご":
                continue  # お子さんの父, お母さんの妹: a kin word, not a name
            yield Candidate(TYPE, name.start(), m.end(), SCORE, "kin", False)

    def office_kin(self, text: str) -> Iterator[Candidate]:
        # (every match has one of the office titles: a text without any is not scanned with
        # a pattern that tries six kanji and nine titles at each character)
        if self._office_titles is not None and self._office_titles.search(text) is None:
            return
        for m in self._office_kin.finditer(text):
            if m.group().startswith(("各", "全", "歴代", "新任")):
                continue
            yield cand(m, "kin")

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
            yield Candidate(TYPE, n.start, m.end(), SCORE, "kin", False)
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
            yield Candidate(TYPE, s, e, SCORE, "kin", False, {"detail": "described"})

    def unnamed(self, text: str) -> Iterator[Candidate]:
        """Kin of kin (長男の嫁, 夫の母) and kin of a described person (保護者の父)."""
        general = self._general_kin
        spans = [m.span() for m in self._kin_word.finditer(text)]
        for i, (s, e) in enumerate(spans):
            if text[s:e] in general:
                continue
            if i + 1 < len(spans) and spans[i + 1][0] == e + 1 and text[e] == "の":
                s2, e2 = spans[i + 1]
                if text[s2:e2] not in general:
                    yield Candidate(TYPE, s, e2, SCORE, "kin", False)
            elif "の" in text[s:e]:
                yield Candidate(TYPE, s, e, SCORE, "kin", False)  # 長男の嫁 as one word
            if (
                s > 1
                and text[s - 1] == "の"
                and self._described_before.search(text, max(0, s - 6), s - 1)
                and not self._audience_after.match(text, e)
            ):
                yield Candidate(TYPE, s, e, SCORE, "kin", False)

    def clause_kin(self, text: str, at: int) -> int | None:
        """The first kin word of the clause that ends at ``at`` (at most 24 characters back)."""
        lo = at
        while lo > 0 and at - lo < 24 and text[lo - 1] not in "。、，,（()）\n「」：:;；・":
            lo -= 1
        kin = self._kin_word.search(text, lo, at)
        if kin is None or kin.group() in self._general_kin:
            return None
        mod = self._kin_modifier.search(text, max(lo, kin.start() - 6), kin.start())
        return mod.start() if mod else kin.start()


class Family:
    """Unusual family composition (双子, 三世代同居, 母子世帯, 夫と長男の三人暮らし)."""

    def __init__(self, v: QuasiVocabulary, kin: Kin) -> None:
        self._kin = kin
        self._kin_before = re.compile(r"(?:" + kin.kin_words + r")との?$")
        # Who lives with whom, read back from the household word to the first kin word of
        # its clause (夫を昨年亡くしてから独居, 高齢の母親と中年の息子の二人暮らし).
        self._household = re.compile(
            r"(?:[0-9一二三四五六七八九]|ふた|ひと|独)(?:人|り)暮らし|独居|同居"
        )
        self._twins_after = re.compile(
            r"の(?:兄弟|姉妹|兄妹|姉弟|きょうだい|男児|女児|男の子|女の子|赤ちゃん|兄|弟|姉|妹)"
        )
        self._family_not_before = tuple(v.family_not_before)
        self._many_children = re.compile(r"子(?:ども|供)が?[5-9]人|[5-9]人の子")

    def find(self, text: str, spans: Iterable[tuple[int, int]]) -> Iterator[Candidate]:
        for s, e in spans:
            if text.startswith(self._family_not_before, e):
                continue
            kin = self._kin_before.search(text, max(0, s - 8), s)
            if text[e - 1] in "子児" or text.endswith("双生児", s, e):
                twins = self._twins_after.match(text, e)
                e = twins.end() if twins else e
            yield Candidate(TYPE, kin.start() if kin else s, e, SCORE, "family", False)
        for m in self._household.finditer(text):
            if text.startswith(self._family_not_before, m.end()):
                continue
            first = self._kin.clause_kin(text, m.start())
            if first is not None:
                yield Candidate(TYPE, first, m.end(), SCORE, "family", False)
        yield from each(self._many_children, text, "family")
