"""Quasi-identifiers of time: the exact date of a specific event (4月3日に転入)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from hinagata.detect._quasi_base import (
    NOT_BEFORE_SHORT_DAY,
    SCORE,
    TYPE,
    alt,
    cand,
    digit_before,
)
from hinagata.detect._quasi_vocabulary import QuasiVocabulary
from hinagata.detect._types import Candidate

# After a day, a deadline rather than an event (4月1日までに申請してください).
_DEADLINE = ("まで", "迄", "締切", "締め切り", "必着", "期限")


class Events:
    """The exact date of a specific event (4月3日に転入, 先月20日に逮捕, R6.4.3に転入)."""

    def __init__(self, v: QuasiVocabulary) -> None:
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
            + alt(w for w in v.events if w not in routine)
            + r")"
        )
        # R7.10.3 自宅で転倒: a few words between, none of them an office's routine.
        self._short_event_near = re.compile(
            r"(?:\([月火水木金土日]\))?[ 　]?(?:夜|朝|夕方|深夜|未明|午前|午後)?[^。\n]{0,10}?(?:"
            + alt(w for w in v.events if w not in routine)
            + r")"
        )
        self._routine = re.compile(alt(routine))
        self._event_after = re.compile(
            r"(?:に|、|付で|付けで|から|頃に|ごろに|夜に|朝に|午前に|午後に)?[^。\n]{0,28}?(?:"
            + alt(v.events)
            + r")"
        )
        # Every match of _event_after has an event word starting at most 3 + 28 characters
        # after the day: a search for the words in that window (the engine skips to their
        # first characters) tells when it cannot match, before the lazy gap is tried at
        # each of its 29 lengths with the whole alternation (about 30 µs a day).
        self._event_words = re.compile(alt(v.events))
        self._event_window = 3 + 28 + max(map(len, v.events), default=0)
        # A general audience or an office's notice (4月1日に転入した方は, 4月1日から申請を受け付けます).
        self._event_audience = re.compile(
            r"[^。\n]{0,8}?(?:方(?:は|へ|に|を|が|も|の|で)|方々|皆さ|受け付け|受付|募集|を開始|開催|"
            r"患者の|患者へ|患者は|者の皆|者全員|を制限|を休止|ください|下さい|願います)"
        )
        # 一時保護（令和7年11月1日）, 退院予定：令和8年12月18日, 審判期日 令和9年1月14日
        self._event_before = re.compile(
            r"(?:" + alt(v.events) + r")(?:予定日?|期日|予定|日)?\s*(?:[(（]|[:：]\s*|[ 　]+)$"
        )
        self._year_before = re.compile(
            r"(?:(?:令和|平成|昭和|R|H|S)?[0-9元]{1,4}年|昨年|去年|今年|本年|同年|翌年|前年|一昨年|来年)の?$"
        )

    def find(self, text: str) -> Iterator[Candidate]:
        yield from self._days_of_events(text)
        yield from self._short_days_of_events(text)

    def _days_of_events(self, text: str) -> Iterator[Candidate]:
        for m in (m for day in self._days for m in day.finditer(text)):
            if digit_before(text, m.start()):
                continue
            if text.startswith(_DEADLINE, m.end()):
                continue  # 4月1日までに申請: a deadline
            e = m.end()
            event = (
                self._event_after.match(text, e)
                if self._event_words.search(text, e, e + self._event_window)
                else None
            )
            if event is None:
                event = self._hour_after.match(text, m.end())
            if event is None:
                # 一時保護（令和7年11月1日）の経過: the event before the bracketed day
                y = self._year_before.search(text, max(0, m.start() - 8), m.start())
                at = y.start() if y else m.start()
                before = self._event_before.search(text, max(0, at - 16), at)
                if before is None or (
                    before.group().rstrip()[-1:] in "(（"
                    and not text.startswith(("）", ")"), m.end())
                ):
                    continue
            elif self._event_audience.match(text, event.end()):
                continue
            s = m.start()
            year = self._year_before.search(text, max(0, s - 8), s)
            yield Candidate(TYPE, year.start() if year else s, m.end(), SCORE, "event_date", False)

    def _short_days_of_events(self, text: str) -> Iterator[Candidate]:
        for m in (m for day in self._short_days for m in day.finditer(text)):
            if m.start() > 0 and text[m.start() - 1] in NOT_BEFORE_SHORT_DAY:
                continue
            event = self._short_event_after.match(text, m.end())
            if event is None:
                event = self._short_event_near.match(text, m.end())
                if event is not None and self._routine.search(text, m.end(), event.end()):
                    event = None  # R7.4.10 訪問、転倒の話: the visit's date, not the fall's
            if event is not None and not self._event_audience.match(text, event.end()):
                yield cand(m, "event_date")
