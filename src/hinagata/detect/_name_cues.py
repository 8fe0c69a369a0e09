"""The words and patterns around a person's name, and the name data.

Honorifics and titles after a name (様, 部長), labels before it (氏名：), words that make a
name part of something else (工務店, 駅), the confidence of each kind of name, the data
files and the dictionary's own name entries. :mod:`hinagata.detect.names` and its helper
modules read them.
"""

from __future__ import annotations

import gzip
import re
from functools import lru_cache
from importlib.resources import files

from hinagata.detect._document import analyzer

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
_KIN_LABEL_WORDS = "父|母|夫|妻|長男|長女|次男|次女|三男|三女|祖父|祖母|子|児|孫|兄|姉|弟|妹"
# (the lookahead of the words' first characters comes first: the same matches, but the
# engine passes over other characters at once instead of trying ^ and the lookbehind at
# each of them — 31 → 13 µs on a 1,000-character text)
_KIN_LABEL = re.compile(
    "(?=[" + "".join(sorted({w[0] for w in _KIN_LABEL_WORDS.split("|")})) + "])"
    r"(?:^|(?<=[\s、。,(（【]))(?:" + _KIN_LABEL_WORDS + ")"
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


_SCORE_FULL = 0.9
_SCORE_CUED_FULL = 0.95
_SCORE_CUED = 0.85
_SCORE_OTHER = 0.7
_SCORE_SURNAME = 0.65
_SCORE_GIVEN = 0.55


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
def not_names() -> frozenset[str]:
    """Labels and keys that are never a name (phone, email, 氏名, 住所…), case-folded."""
    return frozenset(w.casefold() for w in _data_lines("name_labels.txt"))


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


#: A katakana reading of a full name, its parts apart (ペトロワ オリガ, ワン・リーファ): in
#: brackets after a name it is a cue, and a name itself.
_KATAKANA_READING = r"[\u30a1-\u30fa\u30fc]{1,10}(?:[ \u3000・][\u30a1-\u30fa\u30fc]{1,10}){1,3}"
