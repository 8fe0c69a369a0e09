"""Personal or institutional: what the surrounding text says about a finding.

POLICY_DEFAULTS.md §1: the phone number, address or e-mail of an office, facility or
company (市役所代表電話, ○○センター, 総務課 情報政策係, 株式会社…) is reported but is not
personal information. The nearest cue in the same line decides: an organisation word
(課, センター, 市役所, 株式会社, 代表, お問い合わせ) makes a contact institutional; a person
cue (a name, さん, 自宅, 携帯) keeps it personal. With no cue it stays personal: unknown
means worst case.

A special-care term (入院, 生活保護) is about a person only when the sentence is: a name,
an honorific or a word for a person (男性, 相談者, 母) in the same sentence. "がん検診の
お知らせ" mentions no one and is not personal.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from hinagata.detect._document import Document
from hinagata.detect._examples import (
    EXAMPLE_TYPES_EXCLUDED,
    NEVER_EXAMPLES,
    is_example,
    is_nobodys_name,
    is_template,
)
from hinagata.detect._types import Candidate

__all__ = ["mark_personal"]

_CONTACT_TYPES = frozenset({"PHONE_NUMBER", "ADDRESS", "EMAIL", "POSTAL_CODE"})

_ORG_CUE = re.compile(
    r"市役所|区役所|町役場|村役場|役場|役所|県庁|都庁|府庁|道庁|庁舎|本庁|支所|出張所|分室|"
    r"センター|事務局|事務所|事業所|営業所|本社|支社|支店|本店|工場|会社|株式会社|\(株\)|有限会社|"
    r"法人|協会|組合|連合会|財団|病院|医院|クリニック|診療所|薬局|学校|小学校|中学校|高校|大学|"
    r"幼稚園|保育園|保育所|こども園|図書館|公民館|体育館|美術館|博物館|資料館|記念館|会館|ホール|"
    r"公園|施設|ホテル|旅館|店|窓口|代表|代表電話|問い?合わ?せ|問合せ|相談窓口|コールセンター|"
    r"ダイヤル|ホットライン|交番|警察署|消防署|消防本部|郵便局|所在地|避難場所|避難所|タワー|会場|"
    r"ビル|プラザ|スタジアム|駐車場|駅|直通|内線|"
    # Section and facility names end in these; 住所/場所/立場 do not name an organisation.
    r"(?<![0-9])[^\s、。:：()（）]{0,10}(?:課|係|室|局|部|署|館|園)(?![ぁ-ゖ一-龥])|"
    r"(?<![住居近長短台])[^\s、。:：()（）]{1,10}?(?:所|場)(?<!場所)(?<!立場)(?<!現場)(?<!登場)(?<!職場)(?![ぁ-ゖ一-龥])|"
    r"info@|contact@|soudan@|support@|webmaster@|office@"
)
_PERSON_CUE = re.compile(
    r"(?<!皆)(?:様|さん)|くん|ちゃん|氏(?!名)|自宅|携帯|個人|本人|私|僕|わたし|現?住所|居所|"
    r"申請者|相談者|世帯主|届出人|保護者|患者|利用者|対象者|被保険者|氏名"
)
# The person a record is about, written as such (本人も認知症): no statistic then.
_SUBJECT_WORDS = re.compile(r"本人|当人|相談者|対象者|利用者|申請者|世帯主")
_STATISTIC = re.compile(r"者数|件数|人数|世帯数|割合|構成比|統計|平均値|[0-9]+人中")
#: A count right after a term: 潰瘍性大腸炎 412人, 生活保護 35世帯 is a statistic.
#: (Text is normalised: full-width digits and ％ are ASCII here.)
COUNT_AFTER = re.compile(
    r"[ 　:：\t]?(?!1(?![0-9,]))[0-9,]+(?:人|名|件|例|世帯|%)(?!暮らし|で|世帯|住まい|の世帯)"
)
# A person described without a name, for an address in the same sentence.
_DESCRIBED_PERSON = re.compile(
    r"男の子|女の子|男性|女性|男児|女児|生徒|児童|[0-9]{1,3}(?:歳|才)|夫婦|世帯(?!数)|一家|者です|"
    r"の家庭|のお宅|在住|に住む|に住んで|にお住まい|で暮らす"
)
# Kin and carers: 「長女（090-…）に連絡」 is the daughter's number, whatever office the line
# mentions further on.
_KIN_CUE = re.compile(
    r"長女|長男|次男|次女|三男|三女|(?<![夫])妻|(?<![丈工])夫(?![婦人])|娘|息子|(?<![父祖])母(?![子体校])|"
    r"(?<![祖])父(?![母兄子])|(?<![兄])姉(?!妹)|(?<![姉])妹|(?<![師])兄(?!弟)|(?<![兄])弟(?!子)|"
    r"孫|嫁|婿|祖母|祖父|叔母|叔父|伯母|伯父|甥|姪|家族|親族|ご主人|奥様|奥さん|キーパーソン|"
    r"内縁|同居人|知人|友人|隣人|近所の方"
)
_MOBILE = re.compile(r"^(?:\+?81|0)[789]0(?!0)[0-9]{8}$")
_CLAUSE_END = re.compile(r"[、。,，\n]")

# Words that point at a specific person; generic audiences (市民の皆様, 65歳以上の方, 本人確認)
# are deliberately not here.
_PERSON_WORDS = re.compile(
    r"(?<!皆)(?:さん|様|さま)|氏(?!名)|くん|ちゃん|殿|[0-9]+(?:代|歳|才)(?:の)?(?:男性|女性|男児|女児)|"
    r"[0-9]+(?:歳|才)(?!以上|以下|未満|から|まで|[~～〜-])|(?:男性|女性)[(（]|本人(?!確認)|"
    r"患者(?!数|向け)|相談者|申請者|利用者(?!数|向け)|対象者(?!数)|受給者(?!数)|世帯主|"
    r"妻|夫(?!婦)|息子|娘|母(?!子|親学級)|父(?!母)|祖母|祖父|奥様|ご主人|長男|長女|次男|次女|"
    r"被保険者|加害者|容疑者|被疑者|被告|"
    r"私(?![立道有鉄設])|僕|俺|自分|彼(?!ら)|彼女|わたし|あたし|"
    # A described person without a name (「高齢の男性がうつ病で通院」「…通院中（40代）」).
    r"(?:高齢|年配|一人暮らし|ひとり暮らし|独居|若い|若年)の(?:男性|女性)|"
    r"[(（][0-9]{1,3}(?:代|歳|才)[^)）]{0,6}[)）]|"
    r"(?:男性|女性|男児|女児|男子生徒|女子生徒|生徒|児童|園児)が"
)
_SENTENCE_END = re.compile(r"[。！？!?\n]+")
_LINE_BREAK = "\n"

_ROLE_LOCAL_PARTS = re.compile(
    r"^(?:info|information|contact|support|soudan|sodan|webmaster|office|admin|koho|kouhou|"
    r"soumu|somu|jinji|kikaku|joho|johoseisaku|kyoiku|fukushi|kenko|bosai|zeimu|shimin|"
    r"inquiry|inquiries|mail|master|postmaster|noreply|no-reply|desk|help|service|sales|"
    r"[a-z]+-(?:ka|kakari|shitsu|center|kyoku|bu))$",
    re.IGNORECASE,
)

#: An extension or direct-line cue with its own digits, ending before a number.
_EXTENSION_BEFORE = re.compile(r"(?:内線|直通)\s*[:：]?\s*[0-9]{2,5}(?![0-9\-－‐―ー])")

_WINDOW_BEFORE = 80
#: How far back a record's subject (a full name, a described person) still counts.
_RECORD_WINDOW = 150
_WINDOW_AFTER = 16

# Government mail domains (…@city.yaizu.lg.jp): a section mailbox unless the local part
# looks like a person's (taro.yamada, t-yamada).
_GOV_DOMAIN = re.compile(r"(?:\.|@)(?:lg|go)\.jp$", re.IGNORECASE)
_PERSON_LOCAL_PART = re.compile(
    r"^(?:[a-z]+[._-][a-z]{2,}|[a-z][._-]?[a-z]{2,}[0-9]*|[a-z]{3,}[._-][a-z]{1,2}[0-9]*)$"
    r"(?<!-ka)(?<!-kakari)(?<!-shitsu)(?<!-bu)(?<!-kyoku)(?<!-center)",
    re.IGNORECASE,
)
_SINGLE_WORD = re.compile(r"^[a-z]+[0-9]*$", re.IGNORECASE)

# Quasi-identifiers that describe a person: a special-care term in their sentence is
# about that person (「字東谷の元消防団長が、がんで入院中」), named or not.
_DESCRIBING_KINDS = frozenset(
    {"role", "age", "kin", "family", "workplace", "school_class", "singular", "person"}
)

# An official named in their public role in a text meant for publication is public
# information (POLICY_DEFAULTS §1): a press release naming the mayor, published minutes.
_PUBLIC_ROLE = re.compile(
    r"(?:[市町村区県都府道]議会(?:議長|副議長|議員)|[市町村区県都府道]議|"
    r"市長|町長|村長|区長|知事|副市長|副町長|副村長|副知事|教育長|議長|副議長|議員|"
    r"委員長|副委員長|部長|局長|課長|校長|副校長|園長|館長|署長|所長|センター長|"
    r"消防団長|団長|自治会長|会長|委員)"
)
# A candidate's party in published election results: 岡田 隆（無所属）.
_PARTY_AFTER = re.compile(r"\s*[(（](?:無所属|[^)）\n]{1,12}党|[^)）\n]{1,12}公認)[)）]")
_PUBLICATION_CUE = re.compile(
    r"記者発表|報道発表|報道資料|報道機関各位|プレスリリース|お知らせ|広報|会議録|議事録|"
    r"定例会|臨時会|一般質問|代表質問|答弁|公表|発表しました|年頭|挨拶|あいさつ|式辞|祝辞|"
    r"紹介|就任|着任|新任|退任|表敬訪問|訪問し|署名しました|抱負|訓示|当選|選挙の結果|開票結果|"
    r"施政方針|所信表明|人事異動|委員会記録|だより|議会報|ホームページ掲載|HP掲載|に掲載|"
    r"市報|町報|村報|区報|県報"
)
# Internal or personal matters: the same name there is personal (秘書課 is not 秘). A
# published list of transfers (人事異動（部長級）…報道発表) is public; its 内示 is not.
_NOT_PUBLIC_CUE = re.compile(
    r"人事(?!異動|課)|内示|苦情|懲戒|処分|評価|内部資料|部外秘|庁内限り|取扱注意|【秘】|\[秘\]|極秘|秘密|"
    r"相談|通報|告発|ハラスメント"
)


def mark_personal(doc: Document, cands: list[Candidate]) -> list[Candidate]:
    """Set ``personal`` on contacts and special-care terms from their surroundings."""
    # Names by position, so each finding looks only at the names inside its window
    # (bisect) instead of at every name of the text: linear, not findings × names.
    names = sorted((c for c in cands if c.type == "PERSON_NAME"), key=lambda n: n.start)
    name_starts = [n.start for n in names]
    # Officials named in their public role in a publication are not personal, and are no
    # cue for the special-care terms around them either.
    public_names: set[int] = set()
    # (a text with special care in it is about someone: no name in it is public by role —
    # 課長 佐藤花子。だより。夫からのDVで避難中。 names a victim, not an official)
    if (
        names
        and is_publication(doc.text)
        and not any(c.type == "SENSITIVE" for c in cands)
    ):
        public_names = {id(n) for n in names if _in_public_role(doc, n, names, name_starts, [])}
    # What an example or an exercise may clear: never an identifier code, a birth date or
    # special care, and only in a text without them (a real record under a 【記入例】 line,
    # 架空の人物佐藤花子 … HIV陽性, stays personal).
    exercise = not any(
        c.type in NEVER_EXAMPLES or (c.type == "SENSITIVE" and c.personal) for c in cands
    )
    cue_names = [n for n in names if id(n) not in public_names] if public_names else names
    cue_starts = [n.start for n in cue_names] if public_names else name_starts
    describing = sorted(
        (c for c in cands if c.type == "QUASI_IDENTIFIER" and c.category in _DESCRIBING_KINDS),
        key=lambda q: q.start,
    )
    cues = _Cues(cue_names, [n.start for n in cue_names], [q.start for q in describing])
    addresses = sorted((c.start, c.end) for c in cands if c.type == "ADDRESS")
    template = exercise and is_template(doc.text)
    out: list[Candidate] = []
    for c in cands:
        if (
            template
            and c.personal
            and c.type not in EXAMPLE_TYPES_EXCLUDED
            and is_example(doc.text, c)
        ):
            c = c.marked(False)
        elif c.type in _CONTACT_TYPES and c.personal:
            # (an official named in their public role is no owner of the office's line)
            if _institutional(doc, c, cue_names, cue_starts, addresses) or (
                c.type == "ADDRESS" and _no_home(doc.text, c)
            ):
                c = c.marked(False)
        elif c.type == "SENSITIVE" or (c.type == "QUASI_IDENTIFIER" and c.category == "matter"):
            c = c.marked(_about_a_person(doc, c, cues))
        elif c.type == "PERSON_NAME" and (
            id(c) in public_names or (exercise and c.personal and is_nobodys_name(doc.text, c))
        ):
            c = c.marked(False)
        out.append(c)
    if addresses:
        out = _postal_codes_follow_their_address(doc.text, out)
    return out


def _postal_codes_follow_their_address(text: str, cands: list[Candidate]) -> list[Candidate]:
    """A postal code written right before an address (〒420-0853 静岡市葵区追手町9番6号) belongs
    to it: personal exactly when the address is (an office's or a home's)."""
    by_start = {c.start: c for c in cands if c.type == "ADDRESS"}
    out: list[Candidate] = []
    for c in cands:
        if c.type == "POSTAL_CODE":
            j = c.end
            while j < len(text) and j < c.end + 3 and text[j] in " \u3000\t":
                j += 1
            a = by_start.get(j)
            if a is not None and a.personal != c.personal:
                c = c.marked(a.personal)
        out.append(c)
    return out


class _Cues:
    """Names and describing quasi-identifiers by position (bisect, not a scan per finding)."""

    __slots__ = ("describing_starts", "name_starts", "names")

    def __init__(
        self, names: list[Candidate], name_starts: list[int], describing_starts: list[int]
    ) -> None:
        self.names = names
        self.name_starts = name_starts
        self.describing_starts = describing_starts


def is_publication(text: str) -> bool:
    """A text meant for publication, with nothing internal or personal about it."""
    return _PUBLICATION_CUE.search(text) is not None and _NOT_PUBLIC_CUE.search(text) is None


def _in_public_role(
    doc: Document,
    name: Candidate,
    names: list[Candidate],
    name_starts: list[int],
    sensitive: list[int],
) -> bool:
    """A name written with its public role (市長 山田太郎, 山田議員), no special care in its sentence."""
    text = doc.text
    # (こども家庭課長（石原 美和）: the role before the bracket)
    before = text[max(0, name.start - 8) : name.start].rstrip(" 　(（")
    end = name.end
    # A name found in two parts (John / Miller市長): the role after the second one.
    i = bisect_left(name_starts, end)
    while i < len(names) and names[i].start <= end + 1:
        if text[end : names[i].start].strip(" 　") == "":
            end = max(end, names[i].end)
        i += 1
    after = text[end : end + 6]
    if (
        not (_PUBLIC_ROLE.search(before[-6:]) and before.endswith(_ROLE_ENDINGS))
        and not _PUBLIC_ROLE.match(after)
        and not _PARTY_AFTER.match(text, end)
    ):
        return False
    lo = text.rfind("。", max(0, name.start - 300), name.start) + 1
    hi_m = _SENTENCE_END.search(text, name.end, name.end + 300)
    hi = hi_m.start() if hi_m else min(len(text), name.end + 300)
    return bisect_left(sensitive, lo) == bisect_left(sensitive, hi)


_ROLE_ENDINGS = ("長", "員", "事", "知事")


def _line_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    lo = text.rfind(_LINE_BREAK, max(0, start - _WINDOW_BEFORE), start) + 1
    lo = max(lo, start - _WINDOW_BEFORE)
    hi = text.find(_LINE_BREAK, end, end + _WINDOW_AFTER)
    if hi < 0:
        hi = min(len(text), end + _WINDOW_AFTER)
    return lo, hi


# A place, not a home: 北町二丁目12番付近の市道, 本町一丁目地先.
# (付近 alone is not enough: 三丁目8番付近の一戸建て is a home.)
_LOCATION_AFTER = re.compile(
    r"(?:地内|一帯|(?:付近|周辺)(?:まで|から)|(?:付近|周辺|先)?(?:の|で|にて)?"
    r"(?:交差点|市道|町道|村道|県道|国道|道路|歩道|水路|河川|用水|側溝|公園))"
)


def _no_home(text: str, c: Candidate) -> bool:
    """An address that is a place (…12番付近の市道), not a home — unless its sentence names,
    describes or houses someone (…付近の市道沿いの一軒家, 住人の80代男性). (An address of
    placeholders only, ○○区△△町, is a redacted home unless the text is a template: 表記例.)"""
    if _LOCATION_AFTER.match(text, c.end) is None:
        return False
    lo = text.rfind("。", max(0, c.start - 120), c.start) + 1
    stop = text.find("。", c.end, c.end + 120)
    hi = stop if stop >= 0 else min(len(text), c.end + 120)
    return (
        _DESCRIBED_PERSON.search(text, lo, hi) is None
        and _PERSON_CUE.search(text, lo, hi) is None
        and _HOME_WORD.search(text, lo, hi) is None
    )


_HOME_WORD = re.compile(r"住人|居住|自宅|一軒家|住宅に住|住む|住ん|在住|宅|家族|世帯")


def _institutional(
    doc: Document,
    c: Candidate,
    names: list[Candidate],
    name_starts: list[int],
    addresses: list[tuple[int, int]] = [],  # noqa: B006 - read only
) -> bool:
    text = doc.text
    if c.type == "EMAIL":
        local, _, domain = text[c.start : c.end].partition("@")
        if _ROLE_LOCAL_PARTS.match(local):
            return True
        # A section mailbox of a government domain (johoseisaku@city.….lg.jp).
        # (nagao-m@city….lg.jp, t.tanaka@: a staff member's own mailbox, personal; a bare
        # word — shimin@, hsato@ — is read as a section's: too many section names are also
        # name readings to tell them apart)
        if _GOV_DOMAIN.search(domain):
            return bool(_SINGLE_WORD.match(local) or not _PERSON_LOCAL_PART.match(local))
    lo, hi = _line_bounds(text, c.start, c.end)
    if c.type == "ADDRESS":
        # A home's owner is in its sentence: 住民係。大字栃窪の元分団長が来庁 is no office's.
        lo = max(lo, text.rfind("。", lo, c.start) + 1)
        stop = text.find("。", c.end, hi)
        hi = stop if stop >= 0 else hi
    if c.type == "PHONE_NUMBER":
        # 「内線81 090-…」: the extension cue belongs to its own digits, not to a number
        # written after them.
        for m in _EXTENSION_BEFORE.finditer(text, lo, c.start):
            lo = max(lo, m.end())
    # Distance of the nearest cue of each kind (before: to the finding's start; after: to its end).
    # An organisation word inside an address (博多駅前, 本町通り…) names a place, not the
    # owner of the contact: 〒812-0011 福岡市博多区博多駅前二丁目… is a home.
    skip: list[tuple[int, int]] | None = None
    if addresses:
        i = bisect_left(addresses, (lo - _WINDOW_BEFORE, 0))
        j = bisect_right(addresses, (hi, len(text)))
        skip = [
            a
            for a in addresses[i:j]
            if a[0] < hi and a[1] > lo and not (a[0] <= c.start and c.end <= a[1])
        ]
    org = _nearest(_ORG_CUE, text, lo, c.start, c.end, hi, skip)
    if org is None:
        return False  # no organisation word: personal (kin and names need no look)
    person = _nearest(_PERSON_CUE, text, lo, c.start, c.end, hi)
    if c.type == "ADDRESS":
        # 字上平の双子の男の子（村立小学校2年）: the home of the person described.
        described = _nearest(_DESCRIBED_PERSON, text, lo, c.start, c.end, hi)
        if described is not None:
            person = described if person is None else min(person, described)
    # A kin word matters only when nearer than the organisation word: look that far only.
    kin = _nearest(
        _KIN_CUE, text, max(lo, c.start - org - 8), c.start, c.end, min(hi, c.end + org + 8)
    )
    if kin is not None:
        person = kin if person is None else min(person, kin)
    if (
        c.type == "PHONE_NUMBER"
        and _MOBILE.match(digits_only(text[c.start : c.end]))
        and _person_in_clause(text, lo, c.start, c.end, hi)
    ):
        return False  # a mobile number with a person in its clause is that person's
    # Only names starting in [lo, hi] can meet either condition below.
    for n in names[bisect_left(name_starts, lo) : bisect_right(name_starts, hi)]:
        if lo <= n.start and n.end <= c.start:
            d = c.start - n.end
        elif c.end <= n.start and n.end <= hi:
            d = n.start - c.end + 4  # a name after the value is a weaker cue
        else:
            continue
        person = d if person is None else min(person, d)
    return person is None or org < person


def _nearest(
    pattern: re.Pattern[str],
    text: str,
    lo: int,
    start: int,
    end: int,
    hi: int,
    skip: list[tuple[int, int]] | None = None,
) -> int | None:
    best: int | None = None
    for m in pattern.finditer(text, lo, start):
        if skip and _inside(m.start(), m.end(), skip):
            continue
        d = start - m.end()
        best = d if best is None else min(best, d)
    for m in pattern.finditer(text, end, hi):
        if skip and _inside(m.start(), m.end(), skip):
            continue
        d = m.start() - end + 2  # a cue after the value ("…（代表）") counts a little less
        best = d if best is None else min(best, d)
        break
    return best


def _inside(s: int, e: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= s and e <= b for a, b in spans)


def digits_only(s: str) -> str:
    return "".join(ch for ch in s if ch.isdigit() or ch == "+")


def _person_in_clause(text: str, lo: int, start: int, end: int, hi: int) -> bool:
    """A person or kin word in the value's own clause (between 、。 and line breaks)."""
    ends = [m.end() for m in _CLAUSE_END.finditer(text, lo, start)]
    c_lo = ends[-1] if ends else lo
    # Inside brackets the bracket's owner is the value's subject too: 長男（〇〇病院勤務、090-…）.
    op = max(text.rfind("（", lo, start), text.rfind("(", lo, start))
    if op >= 0 and text.find(")", op, start) < 0 and text.find("）", op, start) < 0:
        owner_ends = [m.end() for m in _CLAUSE_END.finditer(text, lo, op)]
        c_lo = min(c_lo, owner_ends[-1] if owner_ends else lo)
    m = _CLAUSE_END.search(text, end, hi)
    c_hi = m.start() if m else hi
    if _PERSON_CUE.search(text, c_lo, start) or _PERSON_CUE.search(text, end, c_hi):
        return True
    for a, b in ((c_lo, start), (end, c_hi)):
        for m in _KIN_CUE.finditer(text, a, b):
            # A kin word inside an organisation's name (家族介護支援センター) is no person.
            word_end = _WORD_END.search(text, m.end(), b)
            rest = text[m.end() : word_end.start() if word_end else b]
            if not _ORG_CUE.search(rest):
                return True
    return False


_WORD_END = re.compile(r"[\s、。,，()（）:：「」の]")


def _about_a_person(doc: Document, c: Candidate, cues: _Cues) -> bool:
    """True when the sentence names, describes or points at a person; or the sentence before
    points at one; or, within the paragraph's last 150 characters, a full name or a
    description of a person (a role, an age, kin…) comes before: a record about someone
    (「世帯主 髙橋 美智子宅を訪問。…。生活保護の申請意思を確認した。」) is about them throughout."""
    names, name_starts = cues.names, cues.name_starts
    text = doc.text
    if COUNT_AFTER.match(text, c.end):
        return False  # 潰瘍性大腸炎 412人, 生活保護 35世帯: a count, nobody's matter
    starts = [m.end() for m in _SENTENCE_END.finditer(text, max(0, c.start - 300), c.start)]
    lo = starts[-1] if starts else max(0, c.start - 300)
    prev_lo = starts[-2] if len(starts) >= 2 else max(0, lo - 150)
    m_end = _SENTENCE_END.search(text, c.end, c.end + 200)
    hi = m_end.start() if m_end else min(len(text), c.end + 200)
    d = cues.describing_starts
    if (
        _STATISTIC.search(text, lo, hi)
        and bisect_left(name_starts, lo) == bisect_left(name_starts, hi)
        and bisect_left(d, lo) == bisect_left(d, hi)
        and _SUBJECT_WORDS.search(text, lo, hi) is None
    ):
        return False  # 指定難病 医療受給者証の所持者数: a statistic
    window = max(0, c.start - _RECORD_WINDOW)
    blank = text.rfind("\n\n", window, c.start)
    ctx_lo = min(prev_lo, blank + 2 if blank >= 0 else window)
    end = bisect_left(name_starts, hi)
    if any(n.score >= 0.8 for n in names[bisect_left(name_starts, ctx_lo) : end]):
        return True
    if bisect_left(name_starts, lo) < end:
        return True
    # A person described by a role, an age, kin or the like (no name needed).
    d = cues.describing_starts
    if bisect_left(d, ctx_lo) < bisect_left(d, hi):
        return True
    return _PERSON_WORDS.search(text, prev_lo, hi) is not None
