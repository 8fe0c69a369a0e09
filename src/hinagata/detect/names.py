"""Person names (氏名) from SudachiPy's morphology plus honorific and label cues.

SudachiPy tags 人名 tokens as 姓 (surname), 名 (given name) or 一般 (other, often foreign
names). A name is a run of such tokens, written with or without a space, in kanji,
katakana or hiragana; foreign names join katakana parts with ・ or =. Cues raise confidence
and recover names the dictionary does not know: an honorific or title after (様, さん, 氏,
先生, 市長, 監督), a label before (氏名, 申請者, 世帯主). A name glued to a following noun is
part of something else (ケネディ宇宙センター, 株式会社田中工務店, 千葉駅), so it is vetoed
unless the noun is a title; 千葉県 is one 地名 token and never a name.
"""

from __future__ import annotations

import gzip
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from functools import lru_cache
from importlib.resources import files

from hinagata.detect._document import Document, PosTags, Token, analyzer, pos_tags
from hinagata.detect._recognizer import Recognizer
from hinagata.detect._types import Candidate

__all__ = [
    "HONORIFICS",
    "TITLES",
    "NameRecognizer",
    "hepburn",
    "is_romaji_name_word",
    "readings_of_names",
    "romaji_key",
]

#: Words after a name that say it is a person's name (敬称).
HONORIFICS = frozenset("様 さま サマ さん サン 氏 くん 君 ちゃん 殿 どの 先生 せんせい".split())
#: Titles and relations that may follow a name directly (田中部長, 伊東博士, 高橋容疑者).
TITLES = frozenset(
    (
        "首相 総理 大統領 副大統領 大臣 長官 議長 知事 市長 町長 村長 区長 副市長 会長 社長 副社長 理事長 頭取 部長 課長 係長 局長 室長 所長 館長 校長 園長 "
        "院長 主任 主査 主事 監督 コーチ 選手 投手 捕手 内野手 外野手 騎手 棋士 名人 横綱 大関 関脇 教授 准教授 助教 講師 博士 医師 看護師 弁護士 税理士 "
        "司法書士 議員 市議 県議 区議 候補 容疑者 被告 被告人 受刑者 被害者 夫人 夫妻 一家 家 宅 邸 師 王 皇帝 天皇 将軍 公 卿 役 ら 等 たち 達 一行 陣営 "
        "側 父 母 兄 弟 姉 妹 夫 妻 長男 長女 次男 次女 氏ら 記者 委員 委員長 代表 代表取締役 取締役 CEO 会員 職員 主幹 参事 主査補 技師 保健師 担当 "
        "担当者 本人 名義 主任主事 副主幹 副主査 課長補佐 課長代理 係員 主査補佐 次長 副部長 副課長 副所長 "
        "副園長 副校長 教頭 教諭 担任 保育士 社会福祉士 相談員 相談支援専門員 ケースワーカー ワーカー "
        "ケアマネ ケアマネジャー 指導員 支援員 調査員 専門員 民生委員 児童委員 主任児童委員 理事 "
        "管理栄養士 栄養士 作業療法士 理学療法士 精神保健福祉士 介護福祉士 事務員 嘱託員 補佐"
    ).split()
)
_CUE_WORDS = HONORIFICS | TITLES
_CUE_RE = re.compile("|".join(sorted(map(re.escape, _CUE_WORDS), key=len, reverse=True)))

_LABELS = re.compile(
    r"(?:氏名|お名前|名前|フリガナ|ふりがな|申請者|世帯主|相談者|届出人|申立人|被保険者|患者|代表者|"
    r"担当者|担当|保護者|児童|生徒|本人|利用者|対象者|契約者|受給者|請求者|納税者|被相続人|"
    r"相続人|死亡者|転入者|転出者|申込者|受取人|依頼人|差出人|宛名|記入者|作成者|名義人|来所者|来庁者|"
    r"申出人|申出者|代理人|同行者|通報者|被害者|加害者|行為者|入居者|避難者|入所者|申告者|納税義務者|"
    r"受付者|対象児童|対象児|対象生徒|配偶者|緊急連絡先|連絡者|支援者|介護者|新氏名|旧氏名|旧姓|新姓|"
    r"少年|妊婦氏名|妊婦|児氏名|患者氏名|"
    r"name|Name|NAME|Applicant|applicant|Contact person|contact person|Client|client|"
    r"Patient|patient)"
    r"[\"'】\]」』]?\s*(?:[(（][^)）]{0,6}[)）])?\s*[:：は,、=\t]?\s*[\"']?\s*$"
)
# A relative's field in a form: 母：中島 瑠美, 長男（同居）：…
_KIN_LABEL = re.compile(
    r"(?:^|(?<=[\s、。,(（【]))(?:父|母|夫|妻|長男|長女|次男|次女|三男|三女|祖父|祖母|子|児|孫|兄|姉|弟|妹)"
    r"\s*(?:[(（][^)）]{0,6}[)）])?\s*[:：]\s*",
    re.MULTILINE,
)
# A date in brackets (of birth, in a form or a list): 颯（R2.3.14）, リク（2016.5.30）.
_BRACKET_DATE_AFTER = re.compile(
    r"[ \u3000]?[(（]\s*(?:(?:明治|大正|昭和|平成|令和|[MTSHR])?\s*[0-9元]{1,4}\s*[年./\-]\s*"
    r"[0-9]{1,2}\s*[月./\-]\s*[0-9]{1,2}\s*日?\s*生?[)）]"
    # or an age: 髙橋 スミ（97歳）
    r"|[0-9]{1,3}\s*(?:歳|才)[)）、,])"
)
_LABEL_ANYWHERE = re.compile(_LABELS.pattern.removesuffix("$"))
_AZA_BEFORE = re.compile(r"(?:大字|小字|(?<![名数文赤黒漢十活題誤脱用識苗])字)$")
_ORG_BEFORE = re.compile(
    r"(?:株式会社|有限会社|合同会社|合資会社|合名会社|\(株\)|\(有\)|医療法人|社会福祉法人|学校法人)\s*$"
)
_KATAKANA = re.compile(r"^[\u30a1-\u30fa\u30fc]+$")
_KANJI = re.compile(r"^[\u4e00-\u9fff\u3005]+$")
_NAME_CHARS = re.compile(r"^[\u4e00-\u9fff\u3005\u30a1-\u30fa\u30fc\u3041-\u3096]+$")
_KATAKANA_JOINERS = frozenset({"・", "="})
_ROLE_BEFORE = re.compile(
    r"(?:教授|博士|哲学者|作家|小説家|詩人|俳優|女優|歌手|画家|作曲家|指揮者|選手|監督|首相|大統領|"
    r"社長|会長|議員|記者|研究者|医師|弁護士|司令官|提督|将軍|国王|女王|王子|王女|主人公|少年|少女|"
    r"父|母|兄|弟|姉|妹|夫|妻|息子|娘|MF|FW|DF|GK|投手|捕手)(?:の|・|、)?$"
)
_INSTITUTION_END = frozenset("校園院館所社店局課部署寺駅港橋場会団線川山島町村市区県郡庁室係")
_KATAKANA_ORG_WORDS = frozenset(
    "コーポレーション カンパニー ユナイテッド アスレティック シティ チャーチ アイランド ダム スタジアム "
    "ハーバー ホテル センター クラブ カレッジ ユニバーシティ アカデミー スクール パーク "
    "ストリート アベニュー ブリッジ タワー ビル ステーション エアポート グループ ホールディングス "
    "インク リミテッド バンド オーケストラ フェスティバル ショー アワード カップ リーグ ロード "
    "ハイウェイ ベイ レイク リバー マウンテン ヒル ビーチ ポート シアター ミュージアム ギャラリー "
    "ライブラリー ホスピタル ファーム ガーデン スクエア プラザ モール マーケット ストア ショップ "
    "レコード レコーズ ピクチャーズ スタジオ エンターテインメント システムズ テクノロジーズ "
    "ソリューションズ サービス ネットワーク プロジェクト プロダクション フィルム ラボ ファンド "
    "ホールディング インターナショナル ジャパン コミュニケーションズ ブラザーズ".split()
)
_PLACE_HEAD_TITLES = frozenset(
    "市長 町長 村長 区長 知事 副市長 副知事 市議 県議 区議 首相 大統領 副大統領 国王 皇帝".split()
)
_ADMIN_END = re.compile(r"[都道府県市区町村郡州省国]$")
# A template's sample value (例：山田太郎, 記入例 山田 太郎): reported, but about no one.
_TEMPLATE_BEFORE = re.compile(
    r"(?:(?:記入例|入力例|記載例|作成例|回答例|文例|例文|見本|サンプル)\s*[)）】\]]?\s*[:：)）]?"
    r"|[(（【\[]例[)）】\]]|(?<![事実用慣判])例\s*[:：)）]|(?:sample|example)\s*[:：)）])"
    r"[^\n。]{0,14}$",
    re.IGNORECASE,
)
# (A group: a bare top-level alternation is not scanned by its first characters.)
_TEMPLATE_WORD = re.compile(r"(?:例|見本|サンプル|Sample|sample|SAMPLE|Example|example|EXAMPLE)")
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

_MACRONS = str.maketrans(
    {"ā": "aa", "ī": "ii", "ū": "uu", "ē": "ee", "ō": "oo", "â": "aa", "î": "ii", "û": "uu",
     "ê": "ee", "ô": "oo", "'": "", "’": "", "-": ""}
)  # fmt: skip
_KEY_STEPS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p), r)
    for p, r in (
        ("tch", "tty"),
        ("sh", "sy"),
        ("ch", "ty"),
        ("ts", "t"),
        ("j", "zy"),
        ("fu", "hu"),
        ("(?<=[szt])yi", "i"),
        ("dz", "z"),
        ("d(?=[iu])", "z"),
        ("m(?=[bpm])", "n"),
        ("oh(?![aiueoy])", "o"),
        ("ou", "o"),
        ("([aiueo])\\1+", "\\1"),
    )
)


_BASE = {
    "ア": "a", "イ": "i", "ウ": "u", "エ": "e", "オ": "o",
    "カ": "ka", "キ": "ki", "ク": "ku", "ケ": "ke", "コ": "ko",
    "サ": "sa", "シ": "shi", "ス": "su", "セ": "se", "ソ": "so",
    "タ": "ta", "チ": "chi", "ツ": "tsu", "テ": "te", "ト": "to",
    "ナ": "na", "ニ": "ni", "ヌ": "nu", "ネ": "ne", "ノ": "no",
    "ハ": "ha", "ヒ": "hi", "フ": "fu", "ヘ": "he", "ホ": "ho",
    "マ": "ma", "ミ": "mi", "ム": "mu", "メ": "me", "モ": "mo",
    "ヤ": "ya", "ユ": "yu", "ヨ": "yo",
    "ラ": "ra", "リ": "ri", "ル": "ru", "レ": "re", "ロ": "ro",
    "ワ": "wa", "ヰ": "i", "ヱ": "e", "ヲ": "o", "ン": "n",
    "ガ": "ga", "ギ": "gi", "グ": "gu", "ゲ": "ge", "ゴ": "go",
    "ザ": "za", "ジ": "ji", "ズ": "zu", "ゼ": "ze", "ゾ": "zo",
    "ダ": "da", "ヂ": "ji", "ヅ": "zu", "デ": "de", "ド": "do",
    "バ": "ba", "ビ": "bi", "ブ": "bu", "ベ": "be", "ボ": "bo",
    "パ": "pa", "ピ": "pi", "プ": "pu", "ペ": "pe", "ポ": "po",
    "ヴ": "vu",
    "ァ": "a", "ィ": "i", "ゥ": "u", "ェ": "e", "ォ": "o",
}  # fmt: skip
_YOON = {"ャ": "a", "ュ": "u", "ョ": "o"}
_SMALL_VOWEL = {"ァ": "a", "ィ": "i", "ゥ": "u", "ェ": "e", "ォ": "o"}


def hepburn(kana: str) -> str | None:
    """Hepburn romaji of a katakana reading (None when it has other characters).

    >>> hepburn("サトウ"), hepburn("キョウコ"), hepburn("イチロー"), hepburn("ハットリ")
    ('satou', 'kyouko', 'ichiroo', 'hattori')
    """
    if not _KATAKANA.match(kana):
        return None
    out: list[str] = []
    geminate = False
    i = 0
    while i < len(kana):
        c = kana[i]
        nxt = kana[i + 1] if i + 1 < len(kana) else ""
        if c == "ッ":
            geminate = True
            i += 1
            continue
        if c == "ー":
            if out and out[-1][-1] in "aiueo":
                out.append(out[-1][-1])
            i += 1
            continue
        syl = _BASE.get(c)
        if syl is None:
            return None
        if nxt in _YOON and syl.endswith("i") and syl not in ("i",):
            head = syl[:-1]
            glide = "" if head in ("sh", "ch", "j") else "y"
            syl = head + glide + _YOON[nxt]
            i += 1
        elif nxt in _SMALL_VOWEL and syl[-1] in "aiueo" and len(syl) > 1:
            syl = syl[:-1] + _SMALL_VOWEL[nxt]  # ティ ti, ファ fa (foreign sounds)
            i += 1
        if geminate:
            syl = ("t" if syl.startswith("ch") else syl[0]) + syl
            geminate = False
        out.append(syl)
        i += 1
    return "".join(out)


def romaji_key(word: str) -> str:
    """The lookup key of a romaji word: long vowels and spelling variants folded.

    >>> [romaji_key(w) for w in ("Satō", "SATOU", "Satoh", "Ohno", "Ōno", "Oono", "Shun'ichi")]
    ['sato', 'sato', 'sato', 'ono', 'ono', 'ono', 'syuniti']
    """
    s = word.lower().translate(_MACRONS)
    for pattern, repl in _KEY_STEPS:
        s = pattern.sub(repl, s)
    return s


_SCORE_FULL = 0.9
_SCORE_CUED_FULL = 0.95
_SCORE_CUED = 0.85
_SCORE_OTHER = 0.7
_SCORE_SURNAME = 0.65
_SCORE_GIVEN = 0.55


class NameRecognizer(Recognizer):
    """Person names.

    >>> from hinagata import scan
    >>> [f.text for f in scan("株式会社田中工務店の田中一郎様と千葉さん（千葉県在住）")]
    ['田中一郎', '千葉']
    """

    TYPES = ("PERSON_NAME",)

    def find(self, doc: Document) -> Iterator[Candidate]:
        # Old-form kanji (髙橋, 濵田, 德永) are read in their common form: the copy has the
        # same length, so every offset holds for the original text too.
        folded = _folded(doc)
        template = _TEMPLATE_WORD.search(doc.text) is not None
        for cand in super().find(folded):
            if template and _TEMPLATE_BEFORE.search(
                folded.text, max(0, cand.start - 24), cand.start
            ):
                cand = cand.marked(False)  # 例：山田太郎 is a template's sample, not a person
            yield cand

    def candidates(self, doc: Document) -> Iterator[Candidate]:
        tags = pos_tags()
        toks = doc.tokens
        # Where a label such as 氏名： ends: a name may start there.
        label_ends = {m.end() for m in _LABEL_ANYWHERE.finditer(doc.text)}
        label_ends |= {m.end() for m in _KIN_LABEL.finditer(doc.text)}
        label_ends |= _csv_name_cells(doc.text)
        n = len(toks)
        # Surname + staff role (佐藤保健師, 林係長): the dictionary often splits these oddly
        # (佐|藤保|健師, 林|係|長), so they are found on the text and win over the tokens.
        roles = list(_role_candidates(doc))
        role_spans = [(c.meta["role_start"], c.end + c.meta["role_len"]) for c in roles]
        yield from roles
        yield from _short_surname_candidates(doc)
        text = doc.text
        direct, plain, space = _quick_sets(tags)
        # The tokens a name may start at, in one comprehension: every name token is a
        # noun, and a common noun (``plain``) starts one only when it is unknown, in
        # katakana or before a space; the rest :meth:`_name_at` rejects first.
        starts = [
            i
            for i, (start, _end, pos, oov) in enumerate(toks)
            if pos in direct
            or (
                pos in plain
                and (
                    oov
                    or "\u30a1" <= text[start] <= "\u30fc"
                    or (i + 1 < n and toks[i + 1].pos in space)
                )
            )
        ]
        resume = 0  # tokens before this one are inside a name already read
        for i in starts:
            if i < resume:
                continue
            span = self._name_at(doc, tags, i, label_ends)
            if span is None:
                continue
            first, last, kind = span
            resume = last + 1
            if role_spans and any(
                toks[first].start < hi and lo < toks[last].end for lo, hi in role_spans
            ):
                continue  # 藤保|健師 inside 佐藤保健師
            yield Candidate(
                "PERSON_NAME",
                toks[first].start,
                toks[last].end,
                0.0,
                meta={
                    "first": first,
                    "last": last,
                    "kind": kind,
                    "labelled": toks[first].start in label_ends,
                    # Identifiability (POLICY_DEFAULTS §1) needs surname + given name apart
                    # from a surname alone.
                    "detail": "full"
                    if kind == "full" or (kind == "label" and last > first)
                    else "partial",
                },
            )
        yield from _romaji_candidates(doc)

    def _name_at(
        self, doc: Document, tags: PosTags, i: int, label_ends: set[int]
    ) -> tuple[int, int, str] | None:
        """The name starting at token ``i``: (first token, last token, kind) or None."""
        toks = doc.tokens
        tok = toks[i]
        pos = tok.pos
        person = tags.person
        if pos in person:
            if "a" <= doc.text[tok.start] <= "z":
                return None  # a name in Latin script is capitalised: phone, note, id are keys
            return self._grow(doc, tags, i, tok.start in label_ends)
        if pos in tags.numeral:
            return None
        text = doc.text
        n = len(toks)
        nxt = toks[i + 1] if i + 1 < n else None
        first_char = text[tok.start]
        katakana = "\u30a1" <= first_char <= "\u30fc"
        if (
            not katakana
            and not tok.oov
            and pos not in tags.place
            and pos not in tags.proper_other
            and (nxt is None or nxt.pos not in tags.space)
        ):
            return None  # a common kanji/kana noun starts a name only before a space
        surface = text[tok.start : tok.end]
        if katakana and _KATAKANA.match(surface):
            # Foreign names the dictionary does not tag: katakana parts joined by ・, with a
            # tagged part, a title after (エッケナー博士) or a role before (哲学者シセラ・ボク).
            last = _katakana_chain(doc, tags, i)
            if last > i and any(toks[k].pos in person for k in range(i, last + 1, 2)):
                return i, last, "full"
            # A single katakana word must be unknown to the dictionary: ラグビー選手 is not a name.
            if (last > i or tok.oov) and (
                _cue_after(doc, toks, last)
                or _ROLE_BEFORE.search(text, max(0, tok.start - 8), tok.start)
            ):
                return i, last, "full" if last > i else "cued"
        if pos in tags.place:
            # A surname the dictionary knows as a place (奈良, 伊東) followed by a given name
            # or a title: 奈良竜樹, 伊東博士. Otherwise a place is not a name.
            if (
                nxt is not None
                and nxt.start == tok.end
                and len(surface) <= 3
                and _KANJI.match(surface)
            ):
                if nxt.pos in tags.given_name:
                    return i, i + 1, "full"
                title = text[nxt.start : nxt.end]
                # 横浜市長, 千葉県知事: the head of that place, not a person named 横浜.
                if (
                    title in _CUE_WORDS
                    and title not in _PLACE_HEAD_TITLES
                    and not _ADMIN_END.search(surface)
                ):
                    return i, i, "cued"
            if tok.start in label_ends and _KANJI.match(surface) and _is_surname(surface):
                return i, i, "label"  # 担当：小松 (小松 is also a place)
            # 上野 ひとみ: a surname that is also a place, a space, a given name.
            if (
                nxt is not None
                and text[nxt.start : nxt.end] == " "
                and i + 2 < n
                and _KANJI.match(surface)
                and _is_surname(surface)
            ):
                given = toks[i + 2]
                gs = text[given.start : given.end]
                if given.pos in tags.given_name or (
                    _NAME_CHARS.match(gs) and _is_given_name(gs)
                ):
                    return i, i + 2, "full"
            return None
        if nxt is None or not _NAME_CHARS.match(surface):
            return None
        if surface[-1] in _INSTITUTION_END and not (
            # 大橋 美和さん: a surname ending like a place (橋, 山, 川), a name and an honorific
            _is_surname(surface)
            and text[nxt.start : nxt.end] == " "
            and i + 2 < n
            and toks[i + 2].pos in tags.person
            and _cue_after(doc, toks, i + 2)
        ):
            return None  # 総務課 山口: a section, then the staff member's surname
        if surface in not_names():
            return None  # 氏名 in 被保険者氏名 山本 晃 is a label, not the start of a name
        labelled = tok.start in label_ends
        if text[nxt.start : nxt.end] == " " and i + 2 < n:
            # Two words with one space and a cue, one of them a name or unknown word:
            # ハヤシ ヨウイチ様, 氏名：ニシムラ ハルカ.
            given = toks[i + 2]
            if (
                given.pos in tags.noun
                and given.pos not in tags.numeral
                and _NAME_CHARS.match(text[given.start : given.end])
                and (
                    (
                        any(
                            t.oov or t.pos in tags.proper_other or t.pos in person
                            for t in (tok, given)
                        )
                        and (labelled or _cue_after(doc, toks, i + 2))
                    )
                    # ニシムラ ヨウイチ: a surname and a given name by their readings, both
                    # unknown to the dictionary or names to it (not アイス クリーム).
                    or (
                        all(
                            t.oov or t.pos in tags.proper_other or t.pos in person
                            for t in (tok, given)
                        )
                        and _katakana_full_name(surface, text[given.start : given.end])
                    )
                )
            ):
                return i, i + 2, "full"
        unknown = pos in tags.proper_other or tok.oov
        # Common nouns take さん too (本屋さん, お地蔵さん): only proper or unknown words.
        if unknown and nxt.start == tok.end and text[nxt.start : nxt.end] in HONORIFICS:
            return i, i, "cue"
        # ｽｽﾞｷ 様: one space before the honorific (forms and mails write it so).
        if (
            unknown
            and katakana
            and text[nxt.start : nxt.end] == " "
            and i + 2 < n
            and text[toks[i + 2].start : toks[i + 2].end] in HONORIFICS
        ):
            return i, i, "cue"
        if labelled and pos in tags.proper_other and surface[-1] not in _INSTITUTION_END:
            # Right after a label (氏名：鬼塚 雷蔵).
            last = i
            if (
                i + 2 < n
                and text[nxt.start : nxt.end] == " "
                and _NAME_CHARS.match(text[toks[i + 2].start : toks[i + 2].end])
            ):
                last = i + 2
            return i, last, "label"
        return None

    def _grow(
        self, doc: Document, tags: PosTags, i: int, labelled: bool = False
    ) -> tuple[int, int, str]:
        """Extend a run of name tokens: 田中 一郎, マイケル・ジャクソン, たかはし けんいち."""
        toks = doc.tokens
        person = tags.person
        kinds = [_kind(tags, toks[i].pos)]
        first = last = i
        # Katakana parts before a tagged part, joined by ・ (ウォルト・ディズニー).
        while (
            first >= 2
            and doc.surface(toks[first - 1]) in _KATAKANA_JOINERS
            and _KATAKANA.match(doc.surface(toks[first - 2]))
            and _KATAKANA.match(doc.surface(toks[first]))
            and toks[first - 2].pos in tags.noun
        ):
            first -= 2
            kinds.insert(0, "k")
        j = last + 1
        while j < len(toks):
            t = toks[j]
            if t.pos in person and t.start == toks[last].end:
                kinds.append(_kind(tags, t.pos))
                last = j
                j += 1
                continue
            s = doc.surface(t)
            if j + 1 < len(toks):
                nxt = toks[j + 1]
                ns = doc.surface(nxt)
                # ・ joins katakana parts of one foreign name; between kanji names it lists people.
                if (
                    s in _KATAKANA_JOINERS
                    and _KATAKANA.match(doc.surface(toks[last]))
                    and _KATAKANA.match(ns)
                ):
                    kinds.append(_kind(tags, nxt.pos) if nxt.pos in person else "k")
                    last = j + 1
                    j += 2
                    continue
                # One space joins a surname and a given name (高橋 健一, たかはし けんいち).
                # Katakana names the dictionary tags 人名/一般 join too (イトウ ナナミ).
                if (
                    s == " "
                    and nxt.pos in person
                    and (
                        _kind(tags, nxt.pos) in ("mei", "other")
                        # 伊藤 美咲: the lattice chose 美咲 the surname; it is a given name too.
                        or (kinds[-1] == "sei" and _is_given_name(ns))
                    )
                    and (
                        kinds[-1] == "sei"
                        or (
                            len(kinds) == 1
                            and _KATAKANA.match(doc.surface(toks[last]))
                            and _KATAKANA.match(ns)
                        )
                    )
                ):
                    kinds.append(_kind(tags, nxt.pos))
                    last = j + 1
                    j += 2
                    continue
            break
        # Surname, space, a word the dictionary does not know as a given name, with a cue:
        # ワタナベ カナ様, 氏名：高橋 翔空.
        if (
            kinds == ["sei"] or (kinds == ["other"] and _KATAKANA.match(doc.surface(toks[last])))
        ) and last + 2 < len(toks):
            sp, given = toks[last + 1], toks[last + 2]
            if (
                doc.surface(sp) == " "
                and given.pos not in tags.numeral
                and _NAME_CHARS.match(doc.surface(given))
                and doc.surface(given) not in _CUE_WORDS
                and (
                    labelled
                    or _cue_after(doc, toks, last + 2)
                    or _LABELS.search(doc.text, max(0, toks[first].start - 16), toks[first].start)
                    or (
                        (given.oov or given.pos in person or given.pos in tags.proper_other)
                        and _katakana_full_name(doc.surface(toks[last]), doc.surface(given))
                    )
                    # 佐藤 ゆかり: a given name the lattice read otherwise.
                    or (kinds == ["sei"] and _is_given_name(doc.surface(given)))
                    # イシカワ リク（2016.5.30）: a date of birth in brackets right after it.
                    or _BRACKET_DATE_AFTER.match(doc.text, given.end) is not None
                )
                # 真白 is an adjectival noun to the dictionary, a given name after a label;
                # 颯 an adverb, a given name before its date of birth.
                and (
                    given.pos in tags.noun
                    or (labelled and _adjectival(tags, given.pos))
                    or (
                        _BRACKET_DATE_AFTER.match(doc.text, given.end) is not None
                        and len(doc.surface(given)) <= 2
                    )
                )
            ):
                return first, last + 2, "full"
        # Surname, space, a given name in hiragana the dictionary splits into words
        # (中島 こ|はる さん), then an honorific or a bracket.
        if kinds == ["sei"] and last + 2 < len(toks) and doc.surface(toks[last + 1]) == " ":
            end = _hiragana_given_name(doc, toks, last + 2)
            if end is not None:
                return first, end, "full"
        # A surname glued to a given name the dictionary does not know, which it splits into
        # kanji pieces (伊藤|穣|一, 山崎|桂一, 船田|元), then a boundary: a full name.
        if kinds[-1] in ("sei", "mei"):
            # 伊藤|穣|一: also the rest of a given name the dictionary only half knows.
            end = _unknown_given_name(doc, tags, last)
            if end > last:
                return first, end, "full"
        full = ("sei" in kinds and ("mei" in kinds or "other" in kinds)) or len(kinds) >= 2
        if full:
            return first, last, "full"
        return first, last, kinds[0]

    def score(self, cand: Candidate, doc: Document) -> float:
        kind: str = cand.meta["kind"]
        if kind in ("romaji", "role", "row"):
            return cand.score
        name = doc.text[cand.start : cand.end]
        if name.casefold() in not_names():
            return 0.0  # a label or a JSON key ("phone", 氏名), never a name
        toks = doc.tokens
        first: int = cand.meta["first"]
        last: int = cand.meta["last"]
        before = doc.text[max(0, cand.start - 16) : cand.start]
        if _ORG_BEFORE.search(before) or _AZA_BEFORE.search(before):
            return 0.0  # 株式会社田中…; 大字芦沢, 字堀ノ内 are places
        label = cand.meta["labelled"] or _LABELS.search(before) is not None
        cue = _cue_after(doc, toks, last)
        if not cue and not label and _glued_to_noun(doc, pos_tags(), toks, last):
            # ケネディ宇宙センター, 田中工務店, ルパン三世: part of another name.
            return 0.0
        if (
            label
            and last + 1 < len(toks)
            and toks[last + 1].start == toks[last].end
            and doc.surface(toks[last + 1]) in _ORG_OR_PLACE_AFTER
        ):
            return 0.0  # 保護者は芦沢郵便局の…: a label, then a place's office
        if "・" in name or "=" in name:
            # シェフィールド・ユナイテッド, ジョージ・ピーボディ・アンド・カンパニー: a katakana
            # chain that ends in (or contains) an organisation or place word.
            parts = re.split(r"[・=]", name)
            if parts[-1] in _KATAKANA_ORG_WORDS or "アンド" in parts:
                return 0.0
        if kind in ("cue", "label", "cued"):
            return _SCORE_CUED if (cue or label) else 0.0
        if kind == "full":
            return _SCORE_CUED_FULL if (cue or label) else _SCORE_FULL
        if cue or label:
            return _SCORE_CUED
        if cand.end - cand.start == 1 and first == last:
            return 0.0  # a lone one-character token (清, 源) is rarely a name by itself
        return {"sei": _SCORE_SURNAME, "other": _SCORE_OTHER}.get(kind, _SCORE_GIVEN)


@lru_cache(maxsize=4096)
def _adjectival_pid(pid: int) -> bool:
    return pos_tags().names(pid)[0] == "形状詞"


def _adjectival(tags: PosTags, pid: int) -> bool:
    """形状詞 (adjectival noun): 真白, 静か."""
    return _adjectival_pid(pid)


def _kind(tags: PosTags, pos: int) -> str:
    if pos in tags.surname:
        return "sei"
    if pos in tags.given_name:
        return "mei"
    return "other"


def _unknown_given_name(doc: Document, tags: PosTags, last: int) -> int:
    """Index of the last kanji piece of an unknown given name after surname ``last``."""
    toks = doc.tokens
    j = last + 1
    if j < len(toks):
        m = _CUE_RE.match(doc.text, toks[j].start)
        if m is not None and _ends_a_token(toks, j, m.end()):
            return last  # 田中|係|長: a title (係長) split into pieces, not a given name
    added = 0
    end = last
    while j < len(toks) and added < 3 and j - last <= 2:
        t = toks[j]
        s = doc.surface(t)
        if (
            t.start != toks[j - 1].end
            or not _KANJI.match(s)
            or len(s) > 2
            or s in _CUE_WORDS
            or s in _ORG_OR_PLACE_AFTER
        ):
            break
        if not (t.pos in tags.noun or t.pos in tags.suffix or t.pos in tags.person):
            break
        # A word the dictionary knows (出身, 方向) is not part of a name; single kanji,
        # unknown words and name pieces are.
        if len(s) > 1 and not t.oov and t.pos not in tags.person:
            break
        added += len(s)
        end = j
        j += 1
    if end == last or added > 3:
        return last
    # 和田|中学|校, 下藤|分|園: the pieces end like an institution, not a given name.
    if doc.text[toks[last].end : toks[end].end][-1] in _INSTITUTION_END:
        return last
    after = toks[end + 1] if end + 1 < len(toks) else None
    if (
        after is None
        or after.pos in tags.particle
        or after.pos in tags.symbol
        or after.pos in tags.space
    ):
        return end
    if doc.surface(after) in _CUE_WORDS:
        return end
    return last


_HIRAGANA = re.compile(r"^[\u3041-\u3096]+$")


def _hiragana_given_name(doc: Document, toks: list[Token], j: int) -> int | None:
    """The last token of a 2–4 letter hiragana given name starting at ``j`` that ends right
    before an honorific or an opening bracket (こ|はる さん, ゆ|う（5歳）), or None."""
    length = 0
    k = j
    while k < len(toks) and _HIRAGANA.match(doc.surface(toks[k])) and length < 5:
        if k > j and toks[k].start != toks[k - 1].end:
            break
        if doc.surface(toks[k]) in HONORIFICS:
            break
        length += toks[k].end - toks[k].start
        k += 1
    if k == j or not 2 <= length <= 4 or k >= len(toks):
        return None
    after = doc.surface(toks[k])
    if after in HONORIFICS or after in ("(", "（"):
        return k - 1
    return None


def _katakana_chain(doc: Document, tags: PosTags, i: int) -> int:
    """The last token of katakana parts joined by ・ starting at ``i`` (``i`` if none)."""
    toks = doc.tokens
    last = i
    j = i + 1
    while (
        j + 1 < len(toks)
        and doc.surface(toks[j]) in _KATAKANA_JOINERS
        and _KATAKANA.match(doc.surface(toks[j + 1]))
        and toks[j + 1].pos in tags.noun
    ):
        last = j + 1
        j += 2
    return last


def _cue_after(doc: Document, toks: list[Token], last: int) -> bool:
    """An honorific or title directly after the name (allowing one space)."""
    j = last + 1
    if j < len(toks) and toks[j].start == toks[last].end and toks[j].pos in pos_tags().space:
        j += 1
    if j >= len(toks):
        return False
    m = _CUE_RE.match(doc.text, toks[j].start)
    # The cue is a whole token (様) or whole tokens (係|長), not the start of one (家|具).
    return m is not None and (doc.surface(toks[j]) in _CUE_WORDS or _ends_a_token(toks, j, m.end()))


def _ends_a_token(toks: list[Token], j: int, end: int) -> bool:
    """Some token from ``j`` on ends exactly at ``end``."""
    while j < len(toks) and toks[j].end < end:
        j += 1
    return j < len(toks) and toks[j].end == end


# Nouns that turn a preceding name into an organisation, place, facility or thing:
# 田中工務店, ケネディ宇宙センター, 千葉駅, ルパン三世 is handled by 世 below.
_ORG_OR_PLACE_AFTER = frozenset(
    (
        "工務店 商店 建設 産業 工業 興業 銀行 病院 医院 クリニック 事務所 会社 商事 株式会社 商会 製作所 運輸 不動産 電機 電気 薬局 酒造 書店 屋 駅 県 市 町 "
        "村 区 郡 川 山 寺 神社 城 線 通り 小学校 中学校 高校 高等学校 大学 学園 学院 幼稚園 保育園 橋 公園 港 湾 島 半島 岬 峠 湖 池 地区 "
        "インターチェンジ バイパス 街道 ダム トンネル 賞 財団 基金 記念館 美術館 博物館 文庫 グループ ホールディングス ホテル 旅館 本店 支店 製菓 食品 組 鉄道 "
        "郵便局 駐在所 公民館 集会所 出張所 バス 交通 球場 スタジアム 競馬場 飛行場 空港 ビル タワー ショップ 店 塾 研究所 センター 社 朝 家具 模型 蒸溜所 蒸留所 工房 農園 牧場 病 症 症候群 "
        "効果 方程式 定理 法則 号 丸 級 型 式 流 派 記録 文書 日記 物語 伝 世 市場 海岸 浜 里 通 町内会 自治会 方向 方面 沖 口 台 "
        "議会 地域 包括 支援センター 中央 東部 西部 南部 北部 学校 学園"
    ).split()
)


def _glued_to_noun(doc: Document, tags: PosTags, toks: list[Token], last: int) -> bool:
    """The name is glued to words that make it an organisation, place or thing.

    The compound after the name is read up to three words: an organisation or place word
    (ケネディ|宇宙|センター, 田中|工務店) vetoes the name, a title (オバマ|上院|議員,
    河野太郎|外務|大臣) keeps it.
    """
    n = len(toks)
    if last + 1 >= n:
        return False
    first = toks[last + 1]
    if first.start != toks[last].end or first.pos in tags.person:
        return False
    surface = doc.surface(first)
    # One kanji glued after a name that is not a title is a mis-split word (崔順|実, 城松之大|廊下).
    if (
        len(surface) == 1
        and _KANJI.match(surface) is not None
        and surface not in _CUE_WORDS
        and surface not in _ORG_OR_PLACE_AFTER
        and (first.pos in tags.noun or first.pos in tags.suffix)
    ):
        return True
    prev = toks[last]
    for k in range(last + 1, min(last + 4, n)):
        t = toks[k]
        if t.start != prev.end or not (t.pos in tags.noun or t.pos in tags.suffix):
            return False
        surface = doc.surface(t)
        if surface in _CUE_WORDS:
            return False
        if surface in _ORG_OR_PLACE_AFTER:
            return True
        # 和田中|学校, 田中|分園: a word ending like an institution (校, 園, 院, 館 …) that ends
        # the phrase.
        after = toks[k + 1] if k + 1 < n else None
        ends_phrase = after is None or after.start != t.end or after.pos not in tags.noun
        if len(surface) >= 2 and surface[-1] in _INSTITUTION_END and ends_phrase:
            return True
        prev = t
    return False


_DATA = files("hinagata.detect") / "data"


def _data_lines(name: str) -> list[str]:
    raw = (_DATA / name).read_bytes()
    if name.endswith(".gz"):
        raw = gzip.decompress(raw)
    out = []
    for line in raw.decode("utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            out.append(line)
    return out


@lru_cache(maxsize=1)
def _romaji_names() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    """(surname keys, given-name keys, English words that are name keys, function words)."""
    surnames: set[str] = set()
    given: set[str] = set()
    for line in _data_lines("romaji_names.txt.gz"):
        kind, key = line.split(" ", 1)
        if kind in "sb":
            surnames.add(key)
        if kind in "gb":
            given.add(key)
    return (
        frozenset(surnames),
        frozenset(given),
        frozenset(_data_lines("romaji_english.txt")),
        frozenset(_data_lines("romaji_function_words.txt")),
    )


_JAPANESE_CHAR = re.compile(r"[\u3000-\u30ff\u4e00-\u9fff\uff01-\uff5e]")


def _in_japanese(text: str, start: int, end: int) -> bool:
    """Latin words written inside Japanese text: a Japanese character on one side, and no
    other Latin word right before them."""
    before = text[max(0, start - 3) : start].rstrip(" ")
    after = text[end : end + 3].lstrip(" ")
    if before and before[-1].isalpha() and not _JAPANESE_CHAR.match(before[-1]):
        return False
    return (before != "" and _JAPANESE_CHAR.match(before[-1]) is not None) or (
        after != "" and _JAPANESE_CHAR.match(after[0]) is not None
    )


@lru_cache(maxsize=1)
def _foreign_surnames() -> frozenset[str]:
    """Common surnames of foreign residents in Latin letters (data file), lower case."""
    return frozenset(_data_lines("romaji_foreign_surnames.txt"))


@lru_cache(maxsize=1)
def not_names() -> frozenset[str]:
    """Labels and keys that are never a name (phone, email, 氏名, 住所…), case-folded."""
    return frozenset(w.casefold() for w in _data_lines("name_labels.txt"))


_L = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u017f"
# Words that start with a capital (Latin-1 and Latin Extended-A capitals: Ō, Â); the
# rest of the case rule is _capitalised.
_LATIN_WORD = re.compile(
    # The look-ahead lets the engine skip to capitals before it checks the look-behind.
    "(?=[A-Z\u00c0-\u00d6\u00d8-\u00de\u0100-\u017f])"
    f"(?<![{_L}'’0-9])[A-Z\u00c0-\u00d6\u00d8-\u00de\u0100-\u017f][{_L}]*"
    # a hyphenated given name (Min-ho, Mei-Ling) is one word
    # (not an honorific or a municipality's suffix: Sato-san, Ota-ku)
    f"(?:-(?!(?:san|sama|kun|chan|sensei|shi|dono|ku|cho|machi|mura|gun|ken|to|fu)(?![{_L}]))"
    f"[{_L}][{_L}]+)?"
    f"(?:['’][{_L}]+)?(?![{_L}0-9])"
)
_ROMAJI_GAP = re.compile(r"[ \t]{1,2}|[ \t]*,[ \t]*")
_ROMAJI_CUE_AFTER = re.compile(
    r"[ \t]*(?:さん|様|さま|氏(?!名)|君|くん|ちゃん|殿|先生)|-(?:san|sama|kun|chan|sensei|shi)(?![a-z])"
    r"|[ \t]+(?:san|sama|kun|chan|sensei)(?![A-Za-z])"
)
_ROMAJI_CUE_BEFORE = re.compile(
    r"\b(?:Mr|Mrs|Ms|Miss|Dr|Prof)\.?[ \t]*$|\b(?:[Mm]y name is|I am|I'm|This is|Patient:|Name:)[ \t]*$"
)


# Letters romaji never has (l, q, x; c outside ch): most English words stop here.
_NOT_ROMAJI = re.compile(r"[lqxLQX]|[cC](?![hH])")


@lru_cache(maxsize=8192)
def _key_or_none(word: str) -> str:
    return "" if _NOT_ROMAJI.search(word) else romaji_key(word)


def _capitalised(w: str) -> bool:
    """Sato or SATO (a name in Latin script is capitalised or all capitals)."""
    if len(w) < 2 or not w[0].isupper():
        return False
    if "-" in w[1:]:  # Mei-Ling, Min-ho, JEAN-PIERRE: each part so
        return all(_capitalised(p) or (p.islower() and len(p) > 1) for p in w.split("-"))
    rest = w[1:]
    return rest.islower() or w.isupper()


def _romaji_candidates(doc: Document) -> Iterator[Candidate]:
    """Romaji names: surname and given name in either order (Sato Hanako, HANAKO SATO).

    Both words must be capitalised (or all capitals) Japanese name romaji from the
    dictionary's readings, not both common English words (Take Note) and no English
    function word (In Tanaka…) unless an honorific or Mr./Ms. says it is a name; a surname
    alone counts with an honorific, Mr./Ms. or a label (Sato-san, Mr. Sato, Name: Sato).
    """
    text = doc.text
    words = [m for m in _LATIN_WORD.finditer(text) if _capitalised(m.group())]
    if not words:
        return
    surnames, given, english, function_words = _romaji_names()
    keys = [_key_or_none(m.group()) for m in words]
    i = 0
    n = len(words)
    while i < n:
        a, ka = words[i], keys[i]
        if i + 1 < n:
            b, kb = words[i + 1], keys[i + 1]
            gap = text[a.end() : b.start()]
            if (
                _ROMAJI_GAP.fullmatch(gap)
                and ((ka in surnames and kb in given) or (ka in given and kb in surnames))
                and ("," not in gap or a.group().isupper())
            ):
                wa, wb = a.group().lower(), b.group().lower()
                plain = not (wa in english and wb in english) and not (
                    wa in function_words or wb in function_words
                )
                if plain or _romaji_cue(text, a.start(), b.end()):
                    cue = _romaji_cue(text, a.start(), b.end())
                    yield Candidate(
                        "PERSON_NAME",
                        a.start(),
                        b.end(),
                        _SCORE_CUED_FULL if cue else _SCORE_FULL,
                        meta={"kind": "romaji", "detail": "full"},
                    )
                    i += 2
                    continue
        if (
            i + 1 < n
            and _ROMAJI_GAP.fullmatch(text[a.end() : words[i + 1].start()]) is not None
            and "," not in text[a.end() : words[i + 1].start()]
            and a.group().lower() not in function_words
            and words[i + 1].group().lower() not in function_words
            and (
                _strong_cue(text, a.start(), words[i + 1].end())
                # Maria Santos, Nguyen Van An: a common surname of foreign residents,
                # written in Japanese text (not inside an English title: The Silva Report)
                or (
                    (
                        a.group().lower() in _foreign_surnames()
                        or words[i + 1].group().lower() in _foreign_surnames()
                    )
                    and _in_japanese(text, a.start(), words[i + 1].end())
                )
            )
        ):
            # Wang Fang（王芳）さん, 児童：Li Hao: any two capitalised words with an honorific
            # after them or a form label before them; a third one after a single space
            # (母：Nguyen Thi Lan).
            end, last = words[i + 1].end(), i + 1
            if (
                last + 1 < n
                and text[end : words[last + 1].start()] == " "
                and (
                    words[last + 1].group().lower() not in function_words
                    # Nguyen Van An: Vietnamese given names are short words
                    or (a.group().lower() in _foreign_surnames() and len(words[last + 1].group()) <= 4)
                )
            ):
                end, last = words[last + 1].end(), last + 1
            yield Candidate(
                "PERSON_NAME",
                a.start(),
                end,
                _SCORE_CUED,
                meta={"kind": "romaji", "detail": "full"},
            )
            i = last + 1
            continue
        lower = a.group().lower()
        if (
            ka in surnames
            and lower not in english
            and lower not in function_words
            and _romaji_cue(text, a.start(), a.end())
        ):
            yield Candidate(
                "PERSON_NAME",
                a.start(),
                a.end(),
                _SCORE_CUED,
                meta={"kind": "romaji", "detail": "partial"},
            )
        i += 1


def is_romaji_name_word(word: str) -> bool:
    """A capitalised Latin word that is a Japanese surname or given name in romaji (Yoshida)."""
    if not _capitalised(word):
        return False
    surnames, given_names, english, function_words = _romaji_names()
    key = _key_or_none(word)
    lower = word.lower()
    return (
        (key in surnames or key in given_names)
        and lower not in english
        and lower not in function_words
    )


def _katakana_full_name(surname: str, given: str) -> bool:
    """Two katakana words that read as a known surname then a known given name."""
    if not (_KATAKANA.match(surname) and _KATAKANA.match(given)) or "ー" in surname + given:
        return False  # ー marks a loanword (ナンバー, クリーム), not a Japanese name
    s, g = hepburn(surname), hepburn(given)
    if s is None or g is None:
        return False
    surnames, given_names, _, _ = _romaji_names()
    return romaji_key(s) in surnames and romaji_key(g) in given_names


_HONORIFIC_AFTER_READING = re.compile(
    r"[ \t]*(?:[(（][^()（）\n]{1,12}[)）])?[ \t]*(?:さん|様|さま|氏(?!名)|くん|ちゃん|殿)"
)


def _strong_cue(text: str, start: int, end: int) -> bool:
    """An honorific after the words (a reading in brackets may come between), a label, a
    relative's label before (母：Nguyen Thi Lan) or a relation in brackets after
    (Andrea Silva（隣人、…））."""
    return (
        _HONORIFIC_AFTER_READING.match(text, end) is not None
        or _LABELS.search(text, max(0, start - 16), start) is not None
        or _RELATION_LABEL.search(text, max(0, start - 10), start) is not None
        or _RELATION_AFTER.match(text, end) is not None
        or _ROMAJI_CUE_BEFORE.search(text, max(0, start - 14), start) is not None
        # a katakana reading in brackets after, or the name in brackets after its reading:
        # Olga Petrova（ペトロワ オリガ）, ジョン・スミス（John Smith）
        or _KATAKANA_READING_AFTER.match(text, end) is not None
        # a mail header: Claire Dubois <c.dubois@example.fr>
        or _ADDRESS_AFTER.match(text, end) is not None
        or _KATAKANA_BEFORE_BRACKET.search(text, max(0, start - 16), start) is not None
    )


# (a reading of a full name has its parts: ペトロワ オリガ, not ブラウザ)
_KATAKANA_READING_AFTER = re.compile(
    r"[ \u3000]?[(（][\u30a1-\u30fa\u30fc]{1,10}(?:[・ \u3000][\u30a1-\u30fa\u30fc]{1,10}){1,3}[)）]"
)
_ADDRESS_AFTER = re.compile(r"[ \u3000]*<[^<>@\s]+@[^<>\s]+>")
_KATAKANA_BEFORE_BRACKET = re.compile(r"[\u30a1-\u30fa\u30fc]{2,}[ \u3000]?[(（]$")


_RELATION_WORDS = (
    r"母|父|児|子|妻|夫|長男|長女|次男|次女|祖母|祖父|孫|兄|姉|弟|妹|本人|隣人|知人|友人|"
    r"支援者|緊急連絡先|連絡先|代理人|同居人|配偶者"
)
_RELATION_LABEL = re.compile(r"(?:^|[\s、。,(（【])(?:" + _RELATION_WORDS + r")\s*[:：]\s*$")
_RELATION_AFTER = re.compile(
    r"\s*[(（](?:(?:" + _RELATION_WORDS + r")(?:[、,)）]|の)|[^()（）\n]{0,8}国籍|[0-9]{1,3}\s*(?:歳|才))"
)


def _romaji_cue(text: str, start: int, end: int) -> bool:
    return (
        _ROMAJI_CUE_AFTER.match(text, end) is not None
        or _ROMAJI_CUE_BEFORE.search(text, max(0, start - 12), start) is not None
        or _LABELS.search(text, max(0, start - 16), start) is not None
    )


@lru_cache(maxsize=1)
def _variants() -> dict[int, str]:
    """Old-form and variant kanji of names → the common form (髙→高, 﨑→崎, 邊→辺)."""
    table: dict[int, str] = {}
    for line in _data_lines("name_variants.txt"):
        old, new = line.split()
        table[ord(old)] = new
    return table


@lru_cache(maxsize=1)
def _variant_re() -> re.Pattern[str]:
    return re.compile("[" + "".join(chr(c) for c in _variants()) + "]")


@lru_cache(maxsize=4)
def _quick_sets(tags: PosTags) -> tuple[frozenset[int], frozenset[int], frozenset[int]]:
    """Part-of-speech ids for the token walk of :meth:`NameRecognizer.candidates`.

    (direct: nouns :meth:`NameRecognizer._name_at` always looks at (person, place, other
    proper nouns); plain: common nouns, which start a name only unknown, in katakana or
    before a space; the space ids. Numerals that are not person names are in neither:
    ``_name_at`` rejects them at once.)
    """
    person = tags.person
    never = tags.numeral - person
    plain = frozenset(tags.noun - person - tags.place - tags.proper_other - tags.numeral)
    direct = frozenset(tags.noun - never - plain)
    return direct, plain, frozenset(tags.space)


def _folded(doc: Document) -> Document:
    """``doc`` with variant kanji in their common form (``doc`` itself when there are none).

    Only the lines with a variant are analysed again; the other tokens are shared.
    """
    text = doc.text
    found = _variant_re().search(text)
    if found is None:
        return doc
    folded_text = text.translate(_variants())
    toks = doc.tokens
    starts = [t.start for t in toks]
    out: list[Token] = []
    done = 0  # tokens before this index are already in ``out``
    pos = found.start()
    while True:
        lo = text.rfind("\n", 0, pos) + 1
        hi = text.find("\n", pos)
        hi = len(text) if hi < 0 else hi
        first = max(done, bisect_right(starts, lo) - 1)
        last = max(first, bisect_left(starts, hi) - 1)
        seg_lo, seg_hi = toks[first].start, toks[last].end
        out.extend(toks[done:first])
        out.extend(
            Token(t.start + seg_lo, t.end + seg_lo, t.pos, t.oov)
            for t in analyzer().tokenize(folded_text[seg_lo:seg_hi])
        )
        done = last + 1
        nxt = _variant_re().search(text, seg_hi)
        if nxt is None:
            break
        pos = nxt.start()
    out.extend(toks[done:])
    folded = Document(doc.norm)
    folded.text = folded_text
    folded.__dict__["tokens"] = out
    return folded


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


def _is_surname(surface: str) -> bool:
    """The dictionary has a 人名/姓 entry written ``surface``."""
    return _has_name_entry(surface, "姓")


def _is_given_name(surface: str) -> bool:
    """The dictionary has a 人名/名 entry written ``surface`` (美咲, ゆかり)."""
    return _has_name_entry(surface, "名")


@lru_cache(maxsize=16384)
def _has_name_entry(surface: str, kind: str) -> bool:
    # Tokens carry one reading of the lattice (美咲 may come out as a surname); the
    # dictionary's other entries for the same spelling say what else it can be.
    dictionary = getattr(analyzer(), "_dictionary", None)
    if dictionary is None:  # pragma: no cover - the analyzer always has one
        return False
    return any(
        m.surface() == surface and tuple(m.part_of_speech()[2:4]) == ("人名", kind)
        for m in dictionary.lookup(surface)
    )


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
    r"(?<=[A-Za-z\u4e00-\u9fff\u3005])[ \u3000]?[(（]"
    r"([\u30a1-\u30fa\u30fc]{1,10}(?:[ \u3000・][\u30a1-\u30fa\u30fc]{1,10}){1,3})[)）]"
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
